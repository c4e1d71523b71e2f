/** Workforce calculators: Erlang B, C and A staffing for one interval. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { StaffingRequest, StaffingResponse } from '../../../contracts/wfm.ts';
import { staffing } from '../../../domain/wfm/staffing.ts';
import type { ApiEnv } from '../api-env.ts';
import { jsonBody, jsonResponse, managers, secured } from '../secured-route.ts';

export function wfmRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    secured(managers, {
      method: 'post',
      path: '/api/wfm/staffing',
      tags: ['workforce'],
      summary:
        'Agents needed for a service level (and ASA) target under Erlang B, C or A, or the figures for a given number of agents',
      request: { body: jsonBody(StaffingRequest) },
      responses: { 200: jsonResponse(StaffingResponse) },
    }),
    (c) => {
      const r = staffing(c.req.valid('json'));
      // JSON has no Infinity: an unstable queue (Erlang C with too few agents) has no ASA.
      return c.json({ ...r, asa: Number.isFinite(r.asa) ? r.asa : null }, 200);
    },
  );
}
