/**
 * Call recordings for quality review: search, audio with HTTP Range (RFC 9110 §14) so an
 * <audio> element can seek, the waveform, and the retention policy.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { IdParam } from '../../../contracts/common.ts';
import {
  AudioQuery,
  RecordingQuery,
  RecordingView,
  RetentionRun,
  RetentionView,
  WaveformQuery,
  WaveformView,
} from '../../../contracts/recordings.ts';
import type { RecordingListItem } from '../../../app/ports/recording-repo.ts';
import { isDomainError } from '../../../domain/errors.ts';
import type { ApiEnv } from '../api-env.ts';
import { jsonify } from '../jsonify.ts';
import { problem } from '../problem.ts';
import { parseRange } from '../byte-range.ts';
import { adminOnly, frontline, jsonBody, jsonResponse, secured } from '../secured-route.ts';

const tags = ['recordings'];

const view = (r: RecordingListItem) => {
  const { caseId, contactEndedAt: _ended, ...rest } = r;
  return jsonify({ ...rest, caseIds: caseId ? [caseId] : [] });
};

export function recordingRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    secured(frontline, {
      method: 'get',
      path: '/api/recordings',
      tags,
      summary:
        'Search call recordings by agent, customer, queue, case and start time (agents: their own calls)',
      request: { query: RecordingQuery },
      responses: {
        200: jsonResponse(z.object({ items: z.array(RecordingView), total: z.number().int() })),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const page = await c.var.services.recordingCatalog.list(
        c.var.actor!,
        {
          ...(q.agentId ? { agentId: q.agentId } : {}),
          ...(q.customer ? { customer: q.customer } : {}),
          ...(q.queueId ? { queueId: q.queueId } : {}),
          ...(q.caseId ? { caseId: q.caseId } : {}),
          ...(q.from ? { from: new Date(q.from) } : {}),
          ...(q.to ? { to: new Date(q.to) } : {}),
          includeDeleted: q.includeDeleted === 'true',
        },
        { limit: q.limit, offset: q.offset },
      );
      return c.json({ items: page.items.map(view), total: page.total }, 200);
    },
  );

  // Before /api/recordings/{id}, which would otherwise take 'retention' for an id.
  app.openapi(
    secured(adminOnly, {
      method: 'get',
      path: '/api/recordings/retention',
      tags,
      summary: 'How long recordings are kept',
      responses: { 200: jsonResponse(RetentionView) },
    }),
    async (c) => c.json(await c.var.services.recordingRetention.policy(), 200),
  );

  app.openapi(
    secured(adminOnly, {
      method: 'put',
      path: '/api/recordings/retention',
      tags,
      summary: 'Set how many days recordings are kept (null: for ever)',
      request: { body: jsonBody(RetentionView) },
      responses: { 200: jsonResponse(RetentionView) },
    }),
    async (c) =>
      c.json(await c.var.services.recordingRetention.setPolicy(c.req.valid('json')), 200),
  );

  app.openapi(
    secured(adminOnly, {
      method: 'post',
      path: '/api/recordings/retention/run',
      tags,
      summary: 'Delete the recordings the retention policy says are too old, now',
      responses: { 200: jsonResponse(RetentionRun) },
    }),
    async (c) => c.json(await c.var.services.recordingRetention.sweep(c.var.actor!), 200),
  );
  app.openapi(
    secured(frontline, {
      method: 'get',
      path: '/api/recordings/{id}',
      tags,
      summary: "One contact's recording (a tombstone once retention deleted it)",
      request: { params: IdParam },
      responses: { 200: jsonResponse(RecordingView) },
    }),
    async (c) => {
      const r = await c.var.services.recordingCatalog.get(c.var.actor!, c.req.valid('param').id);
      return c.json(view(r), 200);
    },
  );

  app.openapi(
    secured(frontline, {
      method: 'get',
      path: '/api/recordings/{id}/audio',
      tags,
      summary:
        'The recording as WAV (caller left, agent right); honours Range: bytes=… (206); download=1 sends it as an attachment',
      request: { params: IdParam, query: AudioQuery },
      responses: {
        200: { description: 'audio/wav', content: { 'audio/wav': { schema: z.string() } } },
        206: { description: 'part of it', content: { 'audio/wav': { schema: z.string() } } },
      },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const range = parseRange(c.req.header('range'));
      let a;
      try {
        a = await c.var.services.recordingCatalog.audio(c.var.actor!, id, range);
      } catch (e) {
        if (!isDomainError(e) || e.code !== 'recording.range_not_satisfiable') throw e;
        const res = problem(c, e.code, e.message);
        res.headers.set('content-range', `bytes */${String(e.details?.['size'] ?? '*')}`);
        return res as never;
      }
      const headers: Record<string, string> = {
        'content-type': 'audio/wav',
        'accept-ranges': 'bytes',
        'cache-control': 'private, no-store',
      };
      if (c.req.valid('query').download)
        headers['content-disposition'] = `attachment; filename="${a.recording.contactId}.wav"`;
      const length = a.range ? a.range.end - a.range.start + 1 : a.size;
      headers['content-length'] = String(length);
      if (a.range) headers['content-range'] = `bytes ${a.range.start}-${a.range.end}/${a.size}`;
      return new Response(a.stream as unknown as ReadableStream, {
        status: a.range ? 206 : 200,
        headers,
      }) as never;
    },
  );

  app.openapi(
    secured(frontline, {
      method: 'get',
      path: '/api/recordings/{id}/waveform',
      tags,
      summary: 'Peaks per channel computed from the file (streamed), with the paused spans',
      request: { params: IdParam, query: WaveformQuery },
      responses: { 200: jsonResponse(WaveformView) },
    }),
    async (c) => {
      const w = await c.var.services.recordingCatalog.waveform(
        c.var.actor!,
        c.req.valid('param').id,
        c.req.valid('query').points,
      );
      return c.json({ ...w, pauses: [...w.pauses] }, 200);
    },
  );
}
