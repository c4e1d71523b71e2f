/** QA forms and evaluations: supervisors evaluate, agents acknowledge or dispute their own. */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Actor } from '../../../app/app-context.ts';
import { IdParam, pageOf } from '../../../contracts/common.ts';
import {
  QaDispute,
  QaEvaluationCreate,
  QaEvaluationEdit,
  QaEvaluationQuery,
  QaEvaluationView,
  QaFormInput,
  QaFormQuery,
  QaFormView,
  QaResolve,
} from '../../../contracts/quality.ts';
import type { ApiEnv } from '../api-env.ts';
import { jsonify } from '../jsonify.ts';
import { frontline, jsonBody, jsonResponse, managers, secured } from '../secured-route.ts';

const tags = ['quality'];
const one = { 200: jsonResponse(QaEvaluationView) };

export function qualityRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    secured(frontline, {
      method: 'get',
      path: '/api/qa/forms',
      tags,
      summary: 'QA evaluation forms, newest version of each',
      responses: { 200: jsonResponse(z.object({ items: z.array(QaFormView) })) },
    }),
    async (c) => c.json({ items: jsonify(await c.var.services.qa.forms()) }, 200),
  );
  app.openapi(
    secured(frontline, {
      method: 'get',
      path: '/api/qa/forms/{id}',
      tags,
      summary: 'One form: its newest version, or ?version=N (the one an evaluation used)',
      request: { params: IdParam, query: QaFormQuery },
      responses: { 200: jsonResponse(QaFormView) },
    }),
    async (c) => {
      const f = await c.var.services.qa.form(c.req.valid('param').id, c.req.valid('query').version);
      return c.json(jsonify(f), 200);
    },
  );
  app.openapi(
    secured(managers, {
      method: 'post',
      path: '/api/qa/forms',
      tags,
      summary: 'Create a QA form (version 1)',
      request: { body: jsonBody(QaFormInput) },
      responses: { 201: jsonResponse(QaFormView) },
    }),
    async (c) => {
      const f = await c.var.services.qa.createForm(c.var.actor as Actor, c.req.valid('json'));
      return c.json(jsonify(f), 201);
    },
  );
  app.openapi(
    secured(managers, {
      method: 'put',
      path: '/api/qa/forms/{id}',
      tags,
      summary: 'Save a form as its next version (evaluations keep the version they used)',
      request: { params: IdParam, body: jsonBody(QaFormInput) },
      responses: { 200: jsonResponse(QaFormView) },
    }),
    async (c) => {
      const f = await c.var.services.qa.updateForm(
        c.var.actor as Actor,
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(jsonify(f), 200);
    },
  );
  app.openapi(
    secured(frontline, {
      method: 'get',
      path: '/api/qa/evaluations',
      tags,
      summary: 'Evaluations, newest first (an agent sees only their own submitted ones)',
      request: { query: QaEvaluationQuery },
      responses: { 200: jsonResponse(pageOf(QaEvaluationView)) },
    }),
    async (c) => {
      const { limit, offset, ...f } = c.req.valid('query');
      const r = await c.var.services.qa.list(c.var.actor as Actor, f, { limit, offset });
      return c.json(jsonify(r), 200);
    },
  );
  app.openapi(
    secured(frontline, {
      method: 'get',
      path: '/api/qa/evaluations/{id}',
      tags,
      summary: 'One evaluation',
      request: { params: IdParam },
      responses: one,
    }),
    async (c) => {
      const e = await c.var.services.qa.get(c.var.actor as Actor, c.req.valid('param').id);
      return c.json(jsonify(e), 200);
    },
  );
  app.openapi(
    secured(managers, {
      method: 'post',
      path: '/api/qa/evaluations',
      tags,
      summary: "Evaluate a contact on a form (a draft, or submitted to the contact's agent)",
      request: { body: jsonBody(QaEvaluationCreate) },
      responses: { 201: jsonResponse(QaEvaluationView) },
    }),
    async (c) => {
      const e = await c.var.services.qa.evaluate(c.var.actor as Actor, c.req.valid('json'));
      return c.json(jsonify(e), 201);
    },
  );
  app.openapi(
    secured(managers, {
      method: 'patch',
      path: '/api/qa/evaluations/{id}',
      tags,
      summary: 'Edit a draft evaluation (submit: true sends it to the agent)',
      request: { params: IdParam, body: jsonBody(QaEvaluationEdit) },
      responses: one,
    }),
    async (c) => {
      const e = await c.var.services.qa.edit(
        c.var.actor as Actor,
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(jsonify(e), 200);
    },
  );
  app.openapi(
    secured(frontline, {
      method: 'post',
      path: '/api/qa/evaluations/{id}/acknowledge',
      tags,
      summary: 'The evaluated agent accepts the evaluation',
      request: { params: IdParam },
      responses: one,
    }),
    async (c) => {
      const e = await c.var.services.qa.acknowledge(c.var.actor as Actor, c.req.valid('param').id);
      return c.json(jsonify(e), 200);
    },
  );
  app.openapi(
    secured(frontline, {
      method: 'post',
      path: '/api/qa/evaluations/{id}/dispute',
      tags,
      summary: 'The evaluated agent disputes the evaluation, saying why',
      request: { params: IdParam, body: jsonBody(QaDispute) },
      responses: one,
    }),
    async (c) => {
      const e = await c.var.services.qa.dispute(
        c.var.actor as Actor,
        c.req.valid('param').id,
        c.req.valid('json').comment,
      );
      return c.json(jsonify(e), 200);
    },
  );
  app.openapi(
    secured(managers, {
      method: 'post',
      path: '/api/qa/evaluations/{id}/resolve',
      tags,
      summary: 'Resolve a dispute: uphold the score, or change the answers (score recomputed)',
      request: { params: IdParam, body: jsonBody(QaResolve) },
      responses: one,
    }),
    async (c) => {
      const e = await c.var.services.qa.resolve(
        c.var.actor as Actor,
        c.req.valid('param').id,
        c.req.valid('json'),
      );
      return c.json(jsonify(e), 200);
    },
  );
}
