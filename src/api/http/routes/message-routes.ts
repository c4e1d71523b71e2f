/** Conversations on the text channels: read them, answer in them, download attachments. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { IdParam } from '../../../contracts/common.ts';
import { MessageSendBody, MessageView } from '../../../contracts/messages.ts';
import type { Message } from '../../../domain/message/message.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { ApiEnv } from '../api-env.ts';
import { anyone, jsonBody, jsonResponse, secured, staff } from '../secured-route.ts';

export function messageView(m: Message): z.infer<typeof MessageView> {
  const { html, error, ...meta } = m.meta;
  return {
    id: m.id,
    contactId: m.contactId,
    caseId: m.caseId,
    customerId: m.customerId,
    channel: m.channel,
    direction: m.direction,
    from: m.from,
    to: m.to,
    subject: m.subject,
    body: m.body,
    html: typeof html === 'string' ? html : null,
    status: m.status,
    error: typeof error === 'string' ? error : null,
    authorId: m.authorId,
    attempts: m.attempts,
    createdAt: m.createdAt.toISOString(),
    sentAt: m.sentAt?.toISOString() ?? null,
    deliveredAt: m.deliveredAt?.toISOString() ?? null,
    attachments: m.attachments.map((a) => ({ ...a, url: `/api/attachments/${a.id}` })),
    meta,
  };
}

/** Decodes uploaded attachments, refusing what is not base64 rather than storing garbage. */
export function decodeUploads(
  list: readonly { filename: string; contentType: string; dataBase64: string }[] | undefined,
) {
  return (list ?? []).map((a, i) => {
    const clean = a.dataBase64.replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(clean))
      throw new DomainError('validation.failed', 'attachment data is not base64', {
        field: `attachments.${i}.dataBase64`,
      });
    return { filename: a.filename, contentType: a.contentType, data: Buffer.from(clean, 'base64') };
  });
}

const list = z.object({ items: z.array(MessageView) });

export function messageRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/contacts/{id}/messages',
      tags: ['messages'],
      summary: 'The messages of a conversation (chat, SMS, e-mail thread, fax), oldest first',
      request: { params: IdParam },
      responses: { 200: jsonResponse(list) },
    }),
    async (c) => {
      const items = await c.var.services.messages.ofContact(c.var.actor!, c.req.valid('param').id);
      return c.json({ items: items.map(messageView) }, 200);
    },
  );
  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/contacts/{id}/messages',
      tags: ['messages'],
      summary: 'Answer in a conversation on its channel (queued in the outbox, sent at once)',
      request: { params: IdParam, body: jsonBody(MessageSendBody) },
      responses: { 201: jsonResponse(MessageView, 'queued') },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const m = await c.var.services.messages.send(c.var.actor!, c.req.valid('param').id, {
        body: b.body,
        to: b.to,
        subject: b.subject,
        attachments: decodeUploads(b.attachments),
      });
      return c.json(messageView(m), 201);
    },
  );
  app.openapi(
    secured(anyone, {
      method: 'get',
      path: '/api/cases/{id}/messages',
      tags: ['messages'],
      summary: 'Every message of a case on every channel, with its delivery status',
      request: { params: IdParam },
      responses: { 200: jsonResponse(list) },
    }),
    async (c) => {
      const items = await c.var.services.messages.ofCase(c.var.actor!, c.req.valid('param').id);
      return c.json({ items: items.map(messageView) }, 200);
    },
  );
  app.openapi(
    secured(anyone, {
      method: 'get',
      path: '/api/messages/{id}',
      tags: ['messages'],
      summary: 'One message',
      request: { params: IdParam },
      responses: { 200: jsonResponse(MessageView) },
    }),
    async (c) =>
      c.json(
        messageView(await c.var.services.messages.get(c.var.actor!, c.req.valid('param').id)),
        200,
      ),
  );
  app.openapi(
    secured(anyone, {
      method: 'get',
      path: '/api/attachments/{id}',
      tags: ['messages'],
      summary:
        'Download an attachment; images (fax pages) may be shown in place with ?inline=1, nothing else',
      request: { params: IdParam, query: z.object({ inline: z.enum(['0', '1']).optional() }) },
      responses: { 200: { description: 'the file' } },
    }),
    async (c) => {
      const a = await c.var.services.messages.attachment(c.var.actor!, c.req.valid('param').id);
      const name = encodeURIComponent(a.filename);
      const inline =
        c.req.valid('query').inline === '1' && /^image\/(png|jpeg|gif)$/.test(a.contentType);
      return new Response(a.data, {
        status: 200,
        headers: {
          'content-type': a.contentType,
          'content-length': String(a.size),
          // A hostile HTML or SVG attachment must not run in kefu's origin.
          'content-disposition': `${inline ? 'inline' : 'attachment'}; filename*=UTF-8''${name}`,
          'x-content-type-options': 'nosniff',
          'content-security-policy': "default-src 'none'; sandbox",
        },
      });
    },
  );
}
