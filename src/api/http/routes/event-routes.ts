import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { PageQuery, pageOf } from '../../../contracts/common.ts';
import { AuditView, EventsPage, EventsQuery } from '../../../contracts/events.ts';
import type { LoggedEvent } from '../../../domain/events/domain-event.ts';
import type { ApiEnv } from '../api-env.ts';
import { jsonify } from '../jsonify.ts';
import { adminOnly, anyone, jsonResponse, secured } from '../secured-route.ts';

/** The wire form of an event; the visibility scope stays on the server. */
export const eventView = (e: LoggedEvent) => ({
  seq: e.seq,
  type: e.type,
  at: e.at.toISOString(),
  actorId: e.actorId,
  subjectType: e.subjectType,
  subjectId: e.subjectId,
  payload: e.payload,
});

export function eventRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    secured(anyone, {
      method: 'get',
      path: '/api/events',
      tags: ['events'],
      summary: 'Page through the event log after a sequence number (only events you may see)',
      request: { query: EventsQuery },
      responses: { 200: jsonResponse(EventsPage) },
    }),
    async (c) => {
      const { after, limit } = c.req.valid('query');
      const events = await c.var.services.events.page(c.var.actor!, after, limit);
      const next = events.at(-1)?.seq ?? after;
      return c.json({ events: events.map(eventView), next }, 200);
    },
  );
  app.openapi(
    secured(adminOnly, {
      method: 'get',
      path: '/api/audit',
      tags: ['events'],
      summary: 'The audit trail of logins and administrative changes, newest first',
      request: {
        query: PageQuery.extend({ actorId: z.string().optional(), action: z.string().optional() }),
      },
      responses: { 200: jsonResponse(pageOf(AuditView)) },
    }),
    async (c) => {
      const { limit, offset, actorId, action } = c.req.valid('query');
      const r = await c.var.services.store.audit.list(
        { ...(actorId ? { actorId } : {}), ...(action ? { action } : {}) },
        { limit, offset },
      );
      return c.json(jsonify(r), 200);
    },
  );
}
