/** Historical reports from the interval tables, as JSON or streamed CSV. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { stream } from 'hono/streaming';
import { z } from 'zod';
import { Ok } from '../../../contracts/common.ts';
import {
  CaseReportQuery,
  CaseReportRowView,
  ReportQueryParams,
  ReportRowView,
  SurveyReportQuery,
  SurveyReportRowView,
} from '../../../contracts/reports.ts';
import type { ReportRow } from '../../../app/stats/report-service.ts';
import type { ApiEnv } from '../api-env.ts';
import { csvCell, csvStart } from '../csv-cell.ts';
import { complianceRoutes } from './compliance-routes.ts';
import { ivrReportRoutes } from './ivr-report-routes.ts';
import { adminOnly, jsonResponse, managers, secured } from '../secured-route.ts';

const columns: (keyof ReportRow)[] = [
  'period',
  'key',
  'offered',
  'answered',
  'answeredWithin',
  'abandoned',
  'shortAbandoned',
  'serviceLevel',
  'abandonRate',
  'asaMs',
  'ahtMs',
  'transferRate',
  'handledCount',
  'handleMs',
  'transferred',
];

export function reportRoutes(app: OpenAPIHono<ApiEnv>): void {
  ivrReportRoutes(app);
  complianceRoutes(app);
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/reports/intervals',
      tags: ['reports'],
      summary:
        'Queue, channel or agent figures per 15-minute interval or local day (format=csv streams a CSV file)',
      request: { query: ReportQueryParams },
      responses: { 200: jsonResponse(z.object({ items: z.array(ReportRowView) })) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const query = {
        dimension: q.dimension,
        from: new Date(q.from),
        to: new Date(q.to),
        granularity: q.granularity,
        keys: q.key ? q.key.split(',') : undefined,
      };
      const reports = c.var.services.reports;
      if (q.format !== 'csv') return c.json({ items: await reports.rows(query) }, 200);
      // The row count first, so the page can show progress while the rows stream.
      const total = await reports.count(query);
      c.header('content-type', 'text/csv; charset=utf-8');
      c.header('x-total-rows', String(total));
      c.header('access-control-expose-headers', 'x-total-rows');
      c.header(
        'content-disposition',
        `attachment; filename="kefu-${q.dimension}-${q.from.slice(0, 10)}-${q.to.slice(0, 10)}.csv"`,
      );
      // Streamed page by page: a year of 15-minute rows for many queues is large.
      return stream(c, async (s) => {
        await s.write(`${csvStart}${columns.join(',')}\n`);
        for await (const rows of reports.stream(query)) {
          if (s.aborted) return;
          if (rows.length)
            await s.write(
              `${rows.map((r) => columns.map((k) => csvCell(r[k])).join(',')).join('\n')}\n`,
            );
        }
      }) as never;
    },
  );
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/reports/cases',
      tags: ['reports'],
      summary:
        'Case analysis of the cases accepted in a period by type, category or priority: FCR, reopen rate, resolution time, CSAT, SLA compliance per stage',
      request: { query: CaseReportQuery },
      responses: { 200: jsonResponse(z.object({ items: z.array(CaseReportRowView) })) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const items = await c.var.services.caseReports.rows({
        from: new Date(q.from),
        to: new Date(q.to),
        groupBy: q.groupBy,
      });
      return c.json({ items }, 200);
    },
  );
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/reports/surveys',
      tags: ['reports'],
      summary:
        'Satisfaction survey answers (IVR, SMS, web) in a period by agent, queue or channel: count, mean score, CSAT',
      request: { query: SurveyReportQuery },
      responses: { 200: jsonResponse(z.object({ items: z.array(SurveyReportRowView) })) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const items = await c.var.services.surveys.report({
        from: new Date(q.from),
        to: new Date(q.to),
        groupBy: q.groupBy,
      });
      return c.json({ items }, 200);
    },
  );
  app.openapi(
    secured(adminOnly, {
      method: 'post',
      path: '/api/reports/rebuild',
      tags: ['reports'],
      summary: 'Rebuild the interval tables from the first event (the figures come out the same)',
      responses: { 200: jsonResponse(Ok) },
    }),
    async (c) => {
      await c.var.services.materializer.rebuild();
      return c.json({ ok: true as const }, 200);
    },
  );
}
