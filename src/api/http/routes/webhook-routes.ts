/**
 * Webhooks, for administrators: subscriptions, secret rotation, a test event, the delivery log
 * and replays. Re-enabling a disabled subscription is `PATCH {"active": true}`.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { IdParam, pageOf } from '../../../contracts/common.ts';
import {
  DeliveryQuery,
  DeliveryView,
  NewWebhookBody,
  WebhookPatchBody,
  WebhookView,
  WebhookWithSecret,
} from '../../../contracts/webhooks.ts';
import type { WebhookSubscription } from '../../../domain/webhook/webhook-subscription.ts';
import type { WebhookDelivery } from '../../../domain/webhook/webhook-delivery.ts';
import type { ApiEnv } from '../api-env.ts';
import { jsonify } from '../jsonify.ts';
import { adminOnly, deleteRoute, jsonBody, jsonResponse, secured } from '../secured-route.ts';

const tags = ['webhooks'];

/** Never the secret itself: only its last four characters. */
export const webhookView = (s: WebhookSubscription) => {
  const { secret, fromSeq: _from, ...rest } = s;
  return jsonify({ ...rest, secretHint: `…${secret.slice(-4)}` });
};
const withSecret = (r: { subscription: WebhookSubscription; secret: string }) => ({
  ...webhookView(r.subscription),
  secret: r.secret,
});
const deliveryView = (d: WebhookDelivery) => jsonify(d);

export function webhookRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    secured(adminOnly, {
      method: 'get',
      path: '/api/webhooks',
      tags,
      summary: 'Webhook subscriptions',
      responses: { 200: jsonResponse(z.object({ items: z.array(WebhookView) })) },
    }),
    async (c) => {
      const items = await c.var.services.webhooks.list();
      return c.json({ items: items.map(webhookView) }, 200);
    },
  );

  app.openapi(
    secured(adminOnly, {
      method: 'post',
      path: '/api/webhooks',
      tags,
      summary: 'Subscribe a URL to event types; the answer carries the signing secret, once',
      request: { body: jsonBody(NewWebhookBody) },
      responses: { 201: jsonResponse(WebhookWithSecret, 'created') },
    }),
    async (c) => c.json(withSecret(await c.var.services.webhooks.create(c.req.valid('json'))), 201),
  );

  app.openapi(
    secured(adminOnly, {
      method: 'get',
      path: '/api/webhooks/{id}',
      tags,
      summary: 'One webhook subscription',
      request: { params: IdParam },
      responses: { 200: jsonResponse(WebhookView) },
    }),
    async (c) =>
      c.json(webhookView(await c.var.services.webhooks.get(c.req.valid('param').id)), 200),
  );

  app.openapi(
    secured(adminOnly, {
      method: 'patch',
      path: '/api/webhooks/{id}',
      tags,
      summary: 'Change a subscription; {"active": true} re-enables a disabled one',
      request: { params: IdParam, body: jsonBody(WebhookPatchBody) },
      responses: { 200: jsonResponse(WebhookView) },
    }),
    async (c) => {
      const s = await c.var.services.webhooks.update(c.req.valid('param').id, c.req.valid('json'));
      return c.json(webhookView(s), 200);
    },
  );

  deleteRoute(
    app,
    adminOnly,
    { path: '/api/webhooks/{id}', tags, summary: 'Delete a subscription and its delivery log' },
    (s, _actor, id) => s.webhooks.remove(id),
  );

  app.openapi(
    secured(adminOnly, {
      method: 'post',
      path: '/api/webhooks/{id}/rotate-secret',
      tags,
      summary: 'A new signing secret (shown once); the old one stops signing at once',
      request: { params: IdParam },
      responses: { 200: jsonResponse(WebhookWithSecret) },
    }),
    async (c) =>
      c.json(withSecret(await c.var.services.webhooks.rotateSecret(c.req.valid('param').id)), 200),
  );

  app.openapi(
    secured(adminOnly, {
      method: 'post',
      path: '/api/webhooks/{id}/test',
      tags,
      summary: 'Send a webhook.test event to this subscription',
      request: { params: IdParam },
      responses: { 202: jsonResponse(DeliveryView, 'queued') },
    }),
    async (c) => {
      const d = await c.var.services.webhooks.sendTest(c.req.valid('param').id, c.var.actor!.id);
      return c.json(deliveryView(d), 202);
    },
  );

  app.openapi(
    secured(adminOnly, {
      method: 'get',
      path: '/api/webhooks/{id}/deliveries',
      tags,
      summary: 'The delivery log of a subscription, newest first, with every attempt',
      request: { params: IdParam, query: DeliveryQuery },
      responses: { 200: jsonResponse(pageOf(DeliveryView)) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const page = await c.var.services.webhooks.deliveries(
        c.req.valid('param').id,
        q.state ? { state: q.state } : {},
        { limit: q.limit, offset: q.offset },
      );
      return c.json({ items: page.items.map(deliveryView), total: page.total }, 200);
    },
  );

  app.openapi(
    secured(adminOnly, {
      method: 'post',
      path: '/api/webhook-deliveries/{id}/replay',
      tags,
      summary: 'Send the same event (same id) again as a new delivery',
      request: { params: IdParam },
      responses: { 202: jsonResponse(DeliveryView, 'queued') },
    }),
    async (c) =>
      c.json(deliveryView(await c.var.services.webhooks.replay(c.req.valid('param').id)), 202),
  );
}
