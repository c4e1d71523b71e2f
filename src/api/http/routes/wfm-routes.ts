/** Workforce calculators: Erlang B, C and A staffing for one interval. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import {
  StaffingPlanQuery,
  StaffingPlanSlot,
  StaffingRequest,
  StaffingResponse,
} from '../../../contracts/wfm.ts';
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
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/wfm/plan',
      tags: ['workforce'],
      summary:
        'Forecast contacts per 15 minutes (weekday and time-of-day history with trend) and the agents each interval needs',
      request: { query: StaffingPlanQuery },
      responses: { 200: jsonResponse(z.object({ items: z.array(StaffingPlanSlot) })) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const slots = await c.var.services.staffingPlans.plan({ ...q, fromDate: q.from });
      return c.json({ items: slots.map((s) => ({ ...s, start: s.start.toISOString() })) }, 200);
    },
  );
}
