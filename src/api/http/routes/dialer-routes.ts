/**
 * Outbound campaigns for administrators and supervisors: settings, start / pause / stop, contact
 * list imports (CSV or JSON, answered with a per-line report), records, statistics and the
 * do-not-call list. The calls themselves are placed by the dialer through the switch.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { IdParam, Ok, pageOf, PageQuery } from '../../../contracts/common.ts';
import {
  CampaignPatchBody,
  CampaignStatsView,
  CampaignView,
  DncBody,
  DncParam,
  DncView,
  ImportReportView,
  JsonRecordsBody,
  NewCampaignBody,
  RecordQuery,
  RecordView,
} from '../../../contracts/dialer.ts';
import type { CampaignState } from '../../../domain/dialer/campaign.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { ApiEnv } from '../api-env.ts';
import { jsonify } from '../jsonify.ts';
import { jsonBody, jsonResponse, managers, secured } from '../secured-route.ts';

const tags = ['dialer'];

export function dialerRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/campaigns',
      tags,
      summary: 'Outbound campaigns',
      responses: { 200: jsonResponse(z.object({ items: z.array(CampaignView) })) },
    }),
    async (c) => c.json({ items: jsonify(await c.var.services.campaigns.list()) }, 200),
  );

  app.openapi(
    secured(managers, {
      method: 'post',
      path: '/api/campaigns',
      tags,
      summary: 'Create a campaign (draft)',
      request: { body: jsonBody(NewCampaignBody) },
      responses: { 201: jsonResponse(CampaignView, 'created') },
    }),
    async (c) => {
      const created = await c.var.services.campaigns.create(c.var.actor!.id, c.req.valid('json'));
      return c.json(jsonify(created), 201);
    },
  );

  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/campaigns/{id}',
      tags,
      summary: 'One campaign',
      request: { params: IdParam },
      responses: { 200: jsonResponse(CampaignView) },
    }),
    async (c) => c.json(jsonify(await c.var.services.campaigns.get(c.req.valid('param').id)), 200),
  );

  app.openapi(
    secured(managers, {
      method: 'patch',
      path: '/api/campaigns/{id}',
      tags,
      summary: 'Change settings (until the campaign is completed or stopped)',
      request: { params: IdParam, body: jsonBody(CampaignPatchBody) },
      responses: { 200: jsonResponse(CampaignView) },
    }),
    async (c) => {
      const s = c.var.services.campaigns;
      const next = await s.update(c.var.actor!.id, c.req.valid('param').id, c.req.valid('json'));
      return c.json(jsonify(next), 200);
    },
  );

  const moves: [string, CampaignState, string][] = [
    ['start', 'running', 'Start (or resume) dialing'],
    ['pause', 'paused', 'Pause dialing; calls in progress go on'],
    ['stop', 'stopped', 'End the campaign for good'],
  ];
  for (const [verb, to, summary] of moves)
    app.openapi(
      secured(managers, {
        method: 'post',
        path: `/api/campaigns/{id}/${verb}`,
        tags,
        summary,
        request: { params: IdParam },
        responses: { 200: jsonResponse(CampaignView) },
      }),
      async (c) => {
        const s = c.var.services.campaigns;
        return c.json(jsonify(await s.move(c.var.actor!.id, c.req.valid('param').id, to)), 200);
      },
    );

  app.openapi(
    secured(managers, {
      method: 'post',
      path: '/api/campaigns/{id}/records',
      tags,
      summary:
        'Import records: text/csv (header row with number, name, time_zone, not_before, …) or JSON',
      request: {
        params: IdParam,
        // Not `required`: the JSON validator would then reject a CSV body; the handler checks both.
        body: {
          required: false,
          content: {
            'text/csv': { schema: z.string() },
            'application/json': { schema: JsonRecordsBody },
          },
        },
      },
      responses: { 200: jsonResponse(ImportReportView) },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const actor = c.var.actor!.id;
      const s = c.var.services.campaigns;
      const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
      if (type === 'text/csv') return c.json(await s.importCsv(actor, id, await c.req.text()), 200);
      const body = JsonRecordsBody.safeParse(await c.req.json().catch(() => undefined));
      if (!body.success)
        throw new DomainError(
          'validation.failed',
          'send {"records": [{"number": …}]} or text/csv',
          {
            errors: body.error.issues.map((i) => ({
              path: i.path.map(String).join('.') || '(body)',
              message: i.message,
            })),
          },
        );
      return c.json(await s.importJson(actor, id, body.data.records), 200);
    },
  );

  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/campaigns/{id}/records',
      tags,
      summary: "A campaign's records, oldest first, optionally in one state",
      request: { params: IdParam, query: RecordQuery },
      responses: { 200: jsonResponse(pageOf(RecordView)) },
    }),
    async (c) => {
      const { state, limit, offset } = c.req.valid('query');
      const page = await c.var.services.campaigns.records(
        c.req.valid('param').id,
        state ? { state } : {},
        { limit, offset },
      );
      return c.json(jsonify(page), 200);
    },
  );

  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/campaigns/{id}/stats',
      tags,
      summary: 'Attempts, connects, abandon rate, per agent, records by state',
      request: { params: IdParam },
      responses: { 200: jsonResponse(CampaignStatsView) },
    }),
    async (c) => c.json(await c.var.services.campaigns.stats(c.req.valid('param').id), 200),
  );

  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/dnc',
      tags,
      summary: 'The do-not-call list',
      request: { query: PageQuery },
      responses: { 200: jsonResponse(pageOf(DncView)) },
    }),
    async (c) => c.json(jsonify(await c.var.services.campaigns.listDnc(c.req.valid('query'))), 200),
  );

  app.openapi(
    secured(managers, {
      method: 'post',
      path: '/api/dnc',
      tags,
      summary: 'Add a number to the do-not-call list (no campaign dials it again)',
      request: { body: jsonBody(DncBody) },
      responses: { 201: jsonResponse(DncView, 'added') },
    }),
    async (c) => {
      const { number, reason } = c.req.valid('json');
      const e = await c.var.services.campaigns.addDnc(c.var.actor!.id, number, reason);
      return c.json(jsonify(e), 201);
    },
  );

  app.openapi(
    secured(managers, {
      method: 'delete',
      path: '/api/dnc/{number}',
      tags,
      summary: 'Take a number off the do-not-call list',
      request: { params: DncParam },
      responses: { 200: jsonResponse(Ok) },
    }),
    async (c) => {
      await c.var.services.campaigns.removeDnc(c.req.valid('param').number);
      return c.json({ ok: true as const }, 200);
    },
  );
}
