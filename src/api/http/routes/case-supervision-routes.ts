/**
 * The supervisor's case board (督办): open cases whose SLA clock is overdue or at risk, each with
 * its readings, most urgent first. `GET /api/cases?overdue=true` only knows "past due now"; the
 * at-risk state needs each policy's warn percentage and business calendar, so the readings are
 * computed here once rather than by the browser with one request per case.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { readCaseSla } from '../../../app/cases/sla-planner.ts';
import { CaseSlaView, CaseView } from '../../../contracts/cases.ts';
import { Id } from '../../../contracts/common.ts';
import type { ApiEnv } from '../api-env.ts';
import { jsonify } from '../jsonify.ts';
import { jsonResponse, managers, secured } from '../secured-route.ts';

const SupervisionQuery = z.object({
  team: Id.optional().describe('only cases owned by or dispatched to this team'),
  horizonHours: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 31)
    .default(168)
    .describe('look at cases due (stage or whole case) within this many hours'),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});

export const SupervisedCase = z
  .object({
    case: CaseView,
    sla: CaseSlaView,
    risk: z.enum(['overdue', 'at_risk']).describe('overdue: a running clock is past due'),
  })
  .meta({ id: 'SupervisedCase' });

/** Cases looked at per request, at most (the board shows the most urgent ones). */
const maxCandidates = 500;

export function caseSupervisionRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/case-supervision',
      tags: ['cases'],
      summary:
        'Open cases you may see that are overdue or at risk (SLA warning), most urgent first',
      request: { query: SupervisionQuery },
      responses: {
        200: jsonResponse(z.object({ items: z.array(SupervisedCase), total: z.number().int() })),
      },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const { cases, clock, store } = c.var.services;
      const now = clock.now();
      const candidates = await cases.list(
        c.var.actor!,
        {
          overdueAt: new Date(now.getTime() + q.horizonHours * 3_600_000),
          ...(q.team ? { teamId: q.team } : {}),
        },
        { limit: maxCandidates, offset: 0 },
      );
      const rows = [];
      for (const kase of candidates.items) {
        const sla = await readCaseSla(store, kase, now);
        // Only running clocks matter: the whole-case clock stops once the customer is answered.
        const running = kase.stage === 'replied' ? [sla.stage] : [sla.stage, sla.total];
        const risk = running.some((r) => r.state === 'breached')
          ? ('overdue' as const)
          : running.some((r) => r.state === 'warning')
            ? ('at_risk' as const)
            : null;
        if (!risk) continue;
        const remaining = Math.min(
          ...running.map((r) => r.remainingMinutes ?? Number.POSITIVE_INFINITY),
        );
        rows.push({ case: kase, sla, risk, remaining });
      }
      rows.sort(
        (a, b) =>
          Number(a.risk === 'at_risk') - Number(b.risk === 'at_risk') || a.remaining - b.remaining,
      );
      return c.json(
        {
          items: rows
            .slice(0, q.limit)
            .map((r) => jsonify({ case: r.case, sla: r.sla, risk: r.risk })),
          total: rows.length,
        },
        200,
      );
    },
  );
}
