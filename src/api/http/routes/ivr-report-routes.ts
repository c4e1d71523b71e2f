/** The IVR node-visit and containment report, as JSON or CSV (one row per flow, node and exit). */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { IvrFlowRowView, IvrReportQuery } from '../../../contracts/reports.ts';
import type { ApiEnv } from '../api-env.ts';
import { csvCell, csvStart } from '../csv-cell.ts';
import { jsonResponse, managers, secured } from '../secured-route.ts';

export function ivrReportRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/reports/ivr',
      tags: ['reports'],
      summary:
        'IVR node visits, exits by key or outcome, and containment per flow (format=csv for a file)',
      request: { query: IvrReportQuery },
      responses: { 200: jsonResponse(z.object({ items: z.array(IvrFlowRowView) })) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const items = await c.var.services.ivrReports.rows({
        from: new Date(q.from),
        to: new Date(q.to),
        flowId: q.flow,
      });
      if (q.format !== 'csv') return c.json({ items }, 200);
      const lines = [
        'flow,node,visits,exit,exits,calls,contained,toAgent,shortHangups,containment',
      ];
      for (const f of items) {
        const flow = [f.calls, f.contained, f.toAgent, f.shortHangups, f.containment];
        for (const n of f.nodes)
          for (const [exit, count] of Object.entries(n.exits))
            lines.push([f.flowId, n.node, n.visits, exit, count, ...flow].map(csvCell).join(','));
      }
      c.header('content-type', 'text/csv; charset=utf-8');
      c.header(
        'content-disposition',
        `attachment; filename="kefu-ivr-${q.from.slice(0, 10)}-${q.to.slice(0, 10)}.csv"`,
      );
      return c.body(`${csvStart}${lines.join('\n')}\n`) as never;
    },
  );
}
