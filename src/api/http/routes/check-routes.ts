/**
 * Dry runs for editors: check a routing expression or an IVR flow the way saving it would,
 * without saving, and answer the verdict with 200. The admin console checks before it saves,
 * so a mistake is shown next to its field as it is found rather than as a refused request.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { IvrFlowDocument } from '../../../contracts/voice.ts';
import { isDomainError } from '../../../domain/errors.ts';
import { flowProblems } from '../../../domain/ivr/ivr-flow.ts';
import { compileExpression } from '../../../domain/routing/expression/expression.ts';
import type { ApiEnv } from '../api-env.ts';
import { adminOnly, jsonBody, jsonResponse, secured } from '../secured-route.ts';

const ExpressionCheck = z
  .object({
    ok: z.boolean(),
    code: z.literal('routing.invalid_expression').optional(),
    detail: z.string().optional().describe("what is wrong, e.g. expected ')' at 14"),
    position: z.number().int().optional().describe('0-based index of the problem'),
    paths: z.array(z.string()).optional().describe('the attributes a valid expression reads'),
  })
  .meta({ id: 'ExpressionCheck' });

const FlowCheck = z
  .object({
    ok: z.boolean(),
    problems: z.array(
      z.object({
        path: z.string(),
        message: z.string(),
        position: z.number().int().optional(),
        nodes: z.array(z.string()).optional(),
      }),
    ),
  })
  .meta({ id: 'IvrFlowCheck' });

export function checkRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    // A GET: it changes nothing, so it stays out of the audit trail of changes.
    secured(adminOnly, {
      method: 'get',
      path: '/api/routing/check-expression',
      tags: ['routing configuration'],
      summary: 'Check a routing expression as saving a queue or workflow would (nothing is saved)',
      request: { query: z.object({ expression: z.string().max(2000) }) },
      responses: { 200: jsonResponse(ExpressionCheck) },
    }),
    (c) => {
      try {
        const e = compileExpression(c.req.valid('query').expression);
        return c.json({ ok: true, paths: [...e.paths] }, 200);
      } catch (e) {
        if (!isDomainError(e) || e.code !== 'routing.invalid_expression') throw e;
        const position = e.details?.['position'];
        return c.json(
          {
            ok: false,
            code: 'routing.invalid_expression' as const,
            detail: e.message,
            ...(typeof position === 'number' ? { position } : {}),
          },
          200,
        );
      }
    },
  );
  app.openapi(
    secured(adminOnly, {
      method: 'post',
      path: '/api/ivr-flows/check',
      tags: ['voice'],
      summary: 'Check an IVR flow document as publishing would (nothing is published)',
      request: { body: jsonBody(IvrFlowDocument) },
      responses: { 200: jsonResponse(FlowCheck) },
    }),
    (c) => {
      const doc = c.req.valid('json');
      // Publishing fills in the id (when new) and the next version; so does the check.
      const problems = flowProblems({ id: 'flow', ...doc, version: 1 });
      return c.json(
        {
          ok: problems.length === 0,
          problems: problems.map((p) => ({
            path: p.path,
            message: p.message,
            ...(p.position !== undefined ? { position: p.position } : {}),
            ...(p.nodes ? { nodes: [...p.nodes] } : {}),
          })),
        },
        200,
      );
    },
  );
}
