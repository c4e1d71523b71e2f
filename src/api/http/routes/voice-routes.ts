import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { IdParam, Ok } from '../../../contracts/common.ts';
import {
  DevicePatch,
  DeviceUpsert,
  DeviceView,
  IvrFlowDocument,
  IvrFlowSummary,
  IvrNumberSet,
  IvrNumberView,
} from '../../../contracts/voice.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { ApiEnv } from '../api-env.ts';
import { jsonify } from '../jsonify.ts';
import type { PhoneDirectory } from '../../../app/ports/phone-directory.ts';
import { adminOnly, jsonBody, jsonResponse, managers, secured, staff } from '../secured-route.ts';

const tags = ['voice'];
const ExtParam = z.object({ extension: z.string().regex(/^[0-9]{2,12}$/) });
const NumberParam = z.object({ number: z.string().max(32) });

export function voiceRoutes(app: OpenAPIHono<ApiEnv>): void {
  const devView = async (
    phones: PhoneDirectory,
    d: {
      extension: string;
      displayName: string;
      realm: string;
      enabled: boolean;
      createdAt: Date;
      kind: 'desk_phone' | 'softphone';
      seatId: string | null;
    },
  ) =>
    jsonify({
      extension: d.extension,
      displayName: d.displayName,
      realm: d.realm,
      enabled: d.enabled,
      createdAt: d.createdAt,
      kind: d.kind,
      seatId: d.seatId,
      registrations: await phones.registrations(d.extension),
    });

  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/devices',
      tags,
      summary: 'SIP devices (desk phones, softphones) by extension',
      responses: { 200: jsonResponse(z.array(DeviceView)) },
    }),
    async (c) => {
      const { devices, phones } = c.var.services;
      return c.json(await Promise.all((await devices.list()).map((d) => devView(phones, d))), 200);
    },
  );
  app.openapi(
    secured(adminOnly, {
      method: 'put',
      path: '/api/devices/{extension}',
      tags,
      summary: 'Create or replace a device; only the digest hashes of its password are kept',
      request: { params: ExtParam, body: jsonBody(DeviceUpsert) },
      responses: { 200: jsonResponse(DeviceView) },
    }),
    async (c) =>
      c.json(
        await devView(
          c.var.services.phones,
          await c.var.services.devices.upsert(c.var.actor!, {
            ...c.req.valid('json'),
            extension: c.req.valid('param').extension,
          }),
        ),
        200,
      ),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'patch',
      path: '/api/devices/{extension}',
      tags,
      summary: "Change a device's kind, seat, name or enabled flag (the password stays)",
      request: { params: ExtParam, body: jsonBody(DevicePatch) },
      responses: { 200: jsonResponse(DeviceView) },
    }),
    async (c) =>
      c.json(
        await devView(
          c.var.services.phones,
          await c.var.services.devices.update(
            c.var.actor!,
            c.req.valid('param').extension,
            c.req.valid('json'),
          ),
        ),
        200,
      ),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'delete',
      path: '/api/devices/{extension}',
      tags,
      summary: 'Delete a device',
      request: { params: ExtParam },
      responses: { 200: jsonResponse(Ok) },
    }),
    async (c) => {
      await c.var.services.devices.remove(c.var.actor!, c.req.valid('param').extension);
      return c.json({ ok: true as const }, 200);
    },
  );

  const summary = (f: {
    flow: { id: string; name: string; version: number; language: string };
    createdAt: Date;
    createdBy: string | null;
  }) =>
    jsonify({
      id: f.flow.id,
      name: f.flow.name,
      version: f.flow.version,
      language: f.flow.language,
      createdAt: f.createdAt,
      createdBy: f.createdBy,
    });

  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/ivr-flows',
      tags,
      summary: 'IVR flows (newest version of each)',
      responses: { 200: jsonResponse(z.array(IvrFlowSummary)) },
    }),
    async (c) => c.json((await c.var.services.ivrFlows.list()).map(summary), 200),
  );
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/ivr-flows/{id}',
      tags,
      summary: 'An IVR flow document (newest version, or ?version=)',
      request: {
        params: IdParam,
        query: z.object({ version: z.coerce.number().int().min(1).optional() }),
      },
      responses: { 200: jsonResponse(IvrFlowDocument) },
    }),
    async (c) => {
      const f = await c.var.services.ivrFlows.get(
        c.req.valid('param').id,
        c.req.valid('query').version,
      );
      return c.json(f.flow as unknown as Record<string, unknown>, 200);
    },
  );
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/ivr-flows/{id}/versions',
      tags,
      summary: 'The published versions of a flow, newest first',
      request: { params: IdParam },
      responses: {
        200: jsonResponse(
          z.array(
            z.object({
              version: z.number().int(),
              createdAt: z.string(),
              createdBy: z.string().nullable(),
            }),
          ),
        ),
      },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const list = await c.var.services.ivrFlows.versions(id);
      if (list.length === 0) throw new DomainError('not_found', 'no such IVR flow', { id });
      return c.json(jsonify(list), 200);
    },
  );
  app.openapi(
    secured(adminOnly, {
      method: 'post',
      path: '/api/ivr-flows',
      tags,
      summary:
        'Publish a new IVR flow (validated: 400 ivr.invalid_flow lists every problem with its path)',
      request: { body: jsonBody(IvrFlowDocument) },
      responses: { 201: jsonResponse(IvrFlowDocument, 'published') },
    }),
    async (c) =>
      c.json(
        (await c.var.services.ivrFlows.publish(
          c.var.actor!,
          c.req.valid('json'),
        )) as unknown as Record<string, unknown>,
        201,
      ),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'put',
      path: '/api/ivr-flows/{id}',
      tags,
      summary: 'Publish the next version of a flow (calls in progress keep theirs)',
      request: { params: IdParam, body: jsonBody(IvrFlowDocument) },
      responses: { 200: jsonResponse(IvrFlowDocument) },
    }),
    async (c) =>
      c.json(
        (await c.var.services.ivrFlows.publish(
          c.var.actor!,
          c.req.valid('json'),
          c.req.valid('param').id,
        )) as unknown as Record<string, unknown>,
        200,
      ),
  );
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/ivr-numbers',
      tags,
      summary: 'Which flow answers each number (DID)',
      responses: { 200: jsonResponse(z.array(IvrNumberView)) },
    }),
    async (c) => c.json(await c.var.services.ivrFlows.numbers(), 200),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'put',
      path: '/api/ivr-numbers/{number}',
      tags,
      summary: 'Point a number at a flow (null removes it)',
      request: { params: NumberParam, body: jsonBody(IvrNumberSet) },
      responses: { 200: jsonResponse(Ok) },
    }),
    async (c) => {
      await c.var.services.ivrFlows.setNumber(
        c.var.actor!,
        c.req.valid('param').number,
        c.req.valid('json').flowId,
      );
      return c.json({ ok: true as const }, 200);
    },
  );

  for (const action of ['pause', 'resume'] as const)
    app.openapi(
      secured(staff, {
        method: 'post',
        path: `/api/contacts/{id}/recording/${action}`,
        tags,
        summary:
          action === 'pause'
            ? 'Pause the call recording (card numbers, personal data): silence is kept in its place'
            : 'Resume the call recording',
        request: { params: IdParam },
        responses: { 200: jsonResponse(Ok) },
      }),
      async (c) => {
        const id = c.req.valid('param').id;
        if (action === 'pause') await c.var.services.calls.pauseRecording(c.var.actor!, id);
        else await c.var.services.calls.resumeRecording(c.var.actor!, id);
        return c.json({ ok: true as const }, 200);
      },
    );
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/contacts/{id}/recording',
      tags,
      summary: 'The call recording (WAV: caller left, agent right)',
      request: { params: IdParam },
      responses: {
        200: { description: 'audio/wav', content: { 'audio/wav': { schema: z.string() } } },
      },
    }),
    async (c) => {
      const contact = await c.var.services.customers.getContact(c.req.valid('param').id);
      const rec = contact.recordingId
        ? await c.var.services.recordings.open(contact.recordingId)
        : null;
      if (!rec)
        throw new DomainError('not_found', 'this contact has no recording', { id: contact.id });
      return new Response(rec.stream as unknown as ReadableStream, {
        status: 200,
        headers: {
          'content-type': 'audio/wav',
          'content-length': String(rec.size),
          'content-disposition': `attachment; filename="${contact.id}.wav"`,
        },
      }) as never;
    },
  );
}
