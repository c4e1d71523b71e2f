/** The public web form: anyone may open a case, a few times per client address. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { WebFormOptions, WebFormReceipt, WebFormRequest } from '../../../contracts/portal.ts';
import type { ApiEnv } from '../api-env.ts';
import { clientIp } from '../request-info.ts';
import { withRetryAfter } from '../retry-after.ts';
import { jsonBody, jsonResponse, secured } from '../secured-route.ts';

const tags = ['forms'];

export function formRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    secured('public', {
      method: 'get',
      path: '/api/forms/options',
      tags,
      summary: 'The case types and categories a web form may offer',
      responses: { 200: jsonResponse(WebFormOptions) },
    }),
    async (c) => {
      const { store } = c.var.services;
      const [types, categories] = await Promise.all([
        store.caseTypes.list(),
        store.categories.list(),
      ]);
      return c.json(
        {
          types: types
            .filter((t) => t.active)
            .map((t) => ({ code: t.code, name: t.name, nameZh: t.nameZh })),
          categories: categories.map((k) => ({
            id: k.id,
            parentId: k.parentId,
            name: k.name,
            nameZh: k.nameZh,
            caseType: k.caseType,
          })),
        },
        200,
      );
    },
  );

  app.openapi(
    secured('public', {
      method: 'post',
      path: '/api/forms/cases',
      tags,
      summary:
        'Open a case from a web form (no login); give a phone number or an e-mail address, leave `website` empty',
      request: { body: jsonBody(WebFormRequest) },
      responses: {
        201: jsonResponse(WebFormReceipt, 'the case number to quote'),
        429: { description: 'too many forms from this address (see Retry-After)' },
      },
    }),
    async (c) => {
      const f = c.req.valid('json');
      const r = await withRetryAfter(c, () => c.var.services.webForms.submit(f, clientIp(c)));
      return c.json(r, 201);
    },
  );
}
