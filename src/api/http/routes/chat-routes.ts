/**
 * The agent's side of a web chat beyond answering (which is `POST /api/contacts/{id}/messages`):
 * "I am typing" (pushed to the visitor, never stored) and ending the chat (the task goes to
 * wrap-up, the visitor is told). `not_found` when the caller may not see the chat,
 * `chat.closed` once it is over.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { IdParam, Ok } from '../../../contracts/common.ts';
import type { ApiEnv } from '../api-env.ts';
import { jsonResponse, secured, staff } from '../secured-route.ts';

const tags = ['chat'];

export function chatRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/contacts/{id}/typing',
      tags,
      summary: 'Tell the chat visitor you are typing (ephemeral; send again every few seconds)',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Ok) },
    }),
    async (c) => {
      await c.var.services.chat.agentTyping(c.var.actor!, c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/contacts/{id}/end',
      tags,
      summary: 'End a web chat: the visitor is told and your task enters wrap-up',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Ok) },
    }),
    async (c) => {
      await c.var.services.chat.endByAgent(c.var.actor!, c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  );
}
