/**
 * The customer portal: sign in with an SMS code or an e-mail link (the session works like one
 * from /api/auth/login), then see your own cases, write on them and rate the answer. Customer
 * views leave out what is internal to the center (assignees, teams, SLA times).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { setCookie } from 'hono/cookie';
import type { z } from 'zod';
import type { LoginResult } from '../../../app/auth/auth-service.ts';
import { LoginResponse } from '../../../contracts/auth.ts';
import { IdParam, PageQuery, pageOf } from '../../../contracts/common.ts';
import {
  ChallengeSent,
  CodeRequest,
  CodeVerify,
  LinkRequest,
  LinkVerify,
  PortalCaseDetail,
  PortalCaseView,
  PortalMessageView,
  PortalReply,
  SatisfactionRequest,
} from '../../../contracts/portal.ts';
import { canRateCase } from '../../../domain/case/case-rating.ts';
import type { Case } from '../../../domain/case/case.ts';
import type { Message } from '../../../domain/message/message.ts';
import { sessionCookie, type ApiEnv } from '../api-env.ts';
import { jsonify } from '../jsonify.ts';
import { clientIp } from '../request-info.ts';
import { withRetryAfter } from '../retry-after.ts';
import { jsonBody, jsonResponse, secured } from '../secured-route.ts';

const tags = ['portal'];
const customers = ['customer'] as const;

export function portalCaseView(k: Case): z.infer<typeof PortalCaseView> {
  return {
    id: k.id,
    number: k.number,
    type: k.type,
    title: k.title,
    stage: k.stage,
    stageEnteredAt: k.stageEnteredAt.toISOString(),
    createdAt: k.createdAt.toISOString(),
    updatedAt: k.updatedAt.toISOString(),
    closedAt: k.closedAt?.toISOString() ?? null,
    satisfaction: k.satisfaction,
    canRate: canRateCase(k),
  };
}

export function portalMessageView(m: Message): z.infer<typeof PortalMessageView> {
  return {
    id: m.id,
    direction: m.direction,
    channel: m.channel,
    subject: m.subject,
    body: m.body,
    status: m.status,
    createdAt: m.createdAt.toISOString(),
    attachments: m.attachments.map((a) => ({ ...a })),
  };
}

/** Answers a sign-in with the session, as a body and as the same cookie /api/auth/login sets. */
function signedIn(c: Context<ApiEnv>, r: LoginResult) {
  setCookie(c, sessionCookie, r.token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    expires: r.expiresAt,
    secure: c.req.url.startsWith('https:'),
  });
  return jsonify({ token: r.token, expiresAt: r.expiresAt, user: r.user });
}

const sent = { 202: jsonResponse(ChallengeSent, 'sent if the phone or address is a customer’s') };
const limited = { 429: { description: 'too many requests (see Retry-After)' } };

export function portalRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    secured('public', {
      method: 'post',
      path: '/api/portal/sms-code',
      tags,
      summary: 'Send a six-digit sign-in code by SMS (valid 5 minutes)',
      request: { body: jsonBody(CodeRequest) },
      responses: { ...sent, ...limited, 503: { description: 'SMS is not configured' } },
    }),
    async (c) => {
      const { phone } = c.req.valid('json');
      const r = await withRetryAfter(c, () =>
        c.var.services.portalAuth.requestCode(phone, clientIp(c)),
      );
      return c.json({ ok: true as const, ...r }, 202);
    },
  );
  app.openapi(
    secured('public', {
      method: 'post',
      path: '/api/portal/sms-code/verify',
      tags,
      summary: 'Sign in with the SMS code (5 guesses per code)',
      request: { body: jsonBody(CodeVerify) },
      responses: { 200: jsonResponse(LoginResponse), ...limited },
    }),
    async (c) => {
      const { phone, code } = c.req.valid('json');
      const r = await withRetryAfter(c, () =>
        c.var.services.portalAuth.verifyCode(phone, code, clientIp(c)),
      );
      return c.json(signedIn(c, r), 200);
    },
  );
  app.openapi(
    secured('public', {
      method: 'post',
      path: '/api/portal/email-link',
      tags,
      summary: 'Send a single-use sign-in link by e-mail (valid 15 minutes)',
      request: { body: jsonBody(LinkRequest) },
      responses: { ...sent, ...limited, 503: { description: 'e-mail is not configured' } },
    }),
    async (c) => {
      const { email } = c.req.valid('json');
      const r = await withRetryAfter(c, () =>
        c.var.services.portalAuth.requestLink(email, clientIp(c)),
      );
      return c.json({ ok: true as const, ...r }, 202);
    },
  );
  app.openapi(
    secured('public', {
      method: 'post',
      path: '/api/portal/email-link/verify',
      tags,
      summary: 'Sign in with the token of an e-mail link',
      request: { body: jsonBody(LinkVerify) },
      responses: { 200: jsonResponse(LoginResponse), ...limited },
    }),
    async (c) => {
      const { token } = c.req.valid('json');
      const r = await withRetryAfter(c, () =>
        c.var.services.portalAuth.verifyLink(token, clientIp(c)),
      );
      return c.json(signedIn(c, r), 200);
    },
  );

  app.openapi(
    secured(customers, {
      method: 'get',
      path: '/api/portal/cases',
      tags,
      summary: 'My cases, newest first, with their stage',
      request: { query: PageQuery },
      responses: { 200: jsonResponse(pageOf(PortalCaseView)) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const r = await c.var.services.portal.list(c.var.actor!, {
        limit: q.limit,
        offset: q.offset,
      });
      return c.json({ items: r.items.map(portalCaseView), total: r.total }, 200);
    },
  );
  app.openapi(
    secured(customers, {
      method: 'get',
      path: '/api/portal/cases/{id}',
      tags,
      summary: 'One of my cases with its messages, oldest first',
      request: { params: IdParam },
      responses: { 200: jsonResponse(PortalCaseDetail) },
    }),
    async (c) => {
      const r = await c.var.services.portal.get(c.var.actor!, c.req.valid('param').id);
      return c.json(
        {
          case: { ...portalCaseView(r.case), description: r.case.description },
          messages: r.messages.map(portalMessageView),
        },
        200,
      );
    },
  );
  app.openapi(
    secured(customers, {
      method: 'post',
      path: '/api/portal/cases/{id}/replies',
      tags,
      summary: 'Write on my case; the message is offered to an agent',
      request: { params: IdParam, body: jsonBody(PortalReply) },
      responses: { 201: jsonResponse(PortalMessageView, 'received') },
    }),
    async (c) => {
      const m = await c.var.services.portal.reply(
        c.var.actor!,
        c.req.valid('param').id,
        c.req.valid('json').body,
      );
      return c.json(portalMessageView(m), 201);
    },
  );
  app.openapi(
    secured(customers, {
      method: 'post',
      path: '/api/portal/cases/{id}/satisfaction',
      tags,
      summary:
        'Rate the answer 1–5: closes a replied case; a case closed without a rating is rated once',
      request: { params: IdParam, body: jsonBody(SatisfactionRequest) },
      responses: { 200: jsonResponse(PortalCaseView) },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const k = await c.var.services.portal.rate(
        c.var.actor!,
        c.req.valid('param').id,
        b.score,
        b.comment ?? null,
      );
      return c.json(portalCaseView(k), 200);
    },
  );
}
