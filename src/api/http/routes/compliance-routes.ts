/** The print-ready compliance report: 15-second answer rate per day and queue, case deadlines. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { ComplianceQuery, ComplianceReportView } from '../../../contracts/reports.ts';
import type { ApiEnv } from '../api-env.ts';
import { jsonResponse, managers, secured } from '../secured-route.ts';

export function complianceRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/reports/compliance',
      tags: ['reports'],
      summary:
        'Calls answered by an agent within 15 s per day and queue (MIIT), and case stage deadlines met per case type',
      request: { query: ComplianceQuery },
      responses: { 200: jsonResponse(ComplianceReportView) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const r = await c.var.services.compliance.report({
        from: new Date(q.from),
        to: new Date(q.to),
      });
      return c.json(r, 200);
    },
  );
}
