/**
 * Configuration of the router: queues (service groups), workflows, away reason codes, capacity
 * profiles and agents' routing settings. Administrators change them; every change is validated
 * (a bad expression answers routing.invalid_expression with its `details.position`) and loaded
 * into the running router.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { IdParam } from '../../../contracts/common.ts';
import {
  AgentSettingsUpdate,
  AgentSettingsView,
  CapacityProfileUpsert,
  CapacityProfileView,
  QueueCreate,
  QueueUpdate,
  QueueView,
  ReasonCodeUpsert,
  ReasonCodeView,
  WorkflowCreate,
  WorkflowUpdate,
  WorkflowView,
} from '../../../contracts/routing.ts';
import type { ApiEnv } from '../api-env.ts';
import { jsonify } from '../jsonify.ts';
import {
  adminOnly,
  jsonBody,
  jsonResponse,
  managers,
  secured,
  staff,
  deleteRoute,
} from '../secured-route.ts';
import { stripUndefined } from './org-routes.ts';
import { capacityProfileView, reasonCodeView } from './routing-views.ts';

const CodeParam = z.object({ code: z.string().min(1).max(40) });
const tags = ['routing configuration'];

export function routingConfigRoutes(app: OpenAPIHono<ApiEnv>): void {
  const cfg = (c: { var: ApiEnv['Variables'] }) => c.var.services.routingConfig;

  // ── queues ──────────────────────────────────────────────────────────────
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/queues',
      tags,
      summary: 'List queues (service groups)',
      responses: { 200: jsonResponse(z.array(QueueView)) },
    }),
    async (c) => c.json(jsonify(await cfg(c).listQueues()), 200),
  );
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/queues/{id}',
      tags,
      summary: 'Get a queue',
      request: { params: IdParam },
      responses: { 200: jsonResponse(QueueView) },
    }),
    async (c) => c.json(jsonify(await cfg(c).getQueue(c.req.valid('param').id)), 200),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'post',
      path: '/api/queues',
      tags,
      summary: 'Create a queue: a target expression over agents and a selection strategy',
      request: { body: jsonBody(QueueCreate) },
      responses: { 201: jsonResponse(QueueView, 'created') },
    }),
    async (c) =>
      c.json(
        jsonify(await cfg(c).createQueue(c.var.actor!, stripUndefined(c.req.valid('json')))),
        201,
      ),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'patch',
      path: '/api/queues/{id}',
      tags,
      summary: 'Update a queue',
      request: { params: IdParam, body: jsonBody(QueueUpdate) },
      responses: { 200: jsonResponse(QueueView) },
    }),
    async (c) =>
      c.json(
        jsonify(
          await cfg(c).updateQueue(
            c.var.actor!,
            c.req.valid('param').id,
            stripUndefined(c.req.valid('json')),
          ),
        ),
        200,
      ),
  );
  deleteRoute(
    app,
    adminOnly,
    {
      path: '/api/queues/{id}',
      tags: tags,
      summary: 'Delete a queue no workflow uses and no open task waits in',
    },
    (s, actor, id) => s.routingConfig.deleteQueue(actor, id),
  );

  // ── workflows ───────────────────────────────────────────────────────────
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/workflows',
      tags,
      summary: 'List workflows (routing strategies)',
      responses: { 200: jsonResponse(z.array(WorkflowView)) },
    }),
    async (c) => c.json(jsonify(await cfg(c).listWorkflows()), 200),
  );
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/workflows/{id}',
      tags,
      summary: 'Get a workflow',
      request: { params: IdParam },
      responses: { 200: jsonResponse(WorkflowView) },
    }),
    async (c) => c.json(jsonify(await cfg(c).getWorkflow(c.req.valid('param').id)), 200),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'post',
      path: '/api/workflows',
      tags,
      summary: 'Create a workflow: filters over task attributes, each with timed steps to queues',
      request: { body: jsonBody(WorkflowCreate) },
      responses: { 201: jsonResponse(WorkflowView, 'created') },
    }),
    async (c) =>
      c.json(
        jsonify(await cfg(c).createWorkflow(c.var.actor!, stripUndefined(c.req.valid('json')))),
        201,
      ),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'patch',
      path: '/api/workflows/{id}',
      tags,
      summary: 'Update a workflow',
      request: { params: IdParam, body: jsonBody(WorkflowUpdate) },
      responses: { 200: jsonResponse(WorkflowView) },
    }),
    async (c) =>
      c.json(
        jsonify(
          await cfg(c).updateWorkflow(
            c.var.actor!,
            c.req.valid('param').id,
            stripUndefined(c.req.valid('json')),
          ),
        ),
        200,
      ),
  );
  deleteRoute(
    app,
    adminOnly,
    {
      path: '/api/workflows/{id}',
      tags: tags,
      summary: 'Delete a workflow other than the default',
    },
    (s, actor, id) => s.routingConfig.deleteWorkflow(actor, id),
  );

  // ── away reason codes ───────────────────────────────────────────────────
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/reason-codes',
      tags,
      summary: 'List away reasons (inactive ones stay for history)',
      responses: { 200: jsonResponse(z.array(ReasonCodeView)) },
    }),
    async (c) => c.json((await cfg(c).listReasonCodes()).map(reasonCodeView), 200),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'put',
      path: '/api/reason-codes/{code}',
      tags,
      summary: 'Create or replace an away reason (retire one with active: false)',
      request: { params: CodeParam, body: jsonBody(ReasonCodeUpsert) },
      responses: { 200: jsonResponse(ReasonCodeView) },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const r = await cfg(c).upsertReasonCode(c.var.actor!, {
        code: c.req.valid('param').code,
        label: b.label,
        labelZh: b.labelZh,
        requiresApproval: b.requiresApproval,
        maxMinutes: b.maxMinutes,
        active: b.active,
        ...(b.systemOnly !== undefined ? { systemOnly: b.systemOnly } : {}),
      });
      return c.json(reasonCodeView(r), 200);
    },
  );

  // ── capacity profiles ───────────────────────────────────────────────────
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/capacity-profiles',
      tags,
      summary: 'List capacity profiles (tasks per channel an agent may hold at once)',
      responses: { 200: jsonResponse(z.array(CapacityProfileView)) },
    }),
    async (c) => c.json((await cfg(c).listCapacityProfiles()).map(capacityProfileView), 200),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'put',
      path: '/api/capacity-profiles/{id}',
      tags,
      summary: 'Create or replace a capacity profile',
      request: { params: IdParam, body: jsonBody(CapacityProfileUpsert) },
      responses: { 200: jsonResponse(CapacityProfileView) },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const p = await cfg(c).upsertCapacityProfile(c.var.actor!, {
        id: c.req.valid('param').id,
        name: b.name,
        limits: b.limits,
        voiceBlocksOthers: b.voiceBlocksOthers,
        maxTotal: b.maxTotal,
      });
      return c.json(capacityProfileView(p), 200);
    },
  );
  deleteRoute(
    app,
    adminOnly,
    {
      path: '/api/capacity-profiles/{id}',
      tags: tags,
      summary: 'Delete a capacity profile (not the default)',
    },
    (s, actor, id) => s.routingConfig.deleteCapacityProfile(actor, id),
  );

  // ── agents' routing settings ────────────────────────────────────────────
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/agents/{id}/settings',
      tags,
      summary: "An agent's routing settings: capacity profile, languages, extra attributes",
      request: { params: IdParam },
      responses: { 200: jsonResponse(AgentSettingsView) },
    }),
    async (c) => c.json(jsonify(await cfg(c).getAgentSettings(c.req.valid('param').id)), 200),
  );
  app.openapi(
    secured(adminOnly, {
      method: 'put',
      path: '/api/agents/{id}/settings',
      tags,
      summary: "Change an agent's routing settings (fields left out keep their value)",
      request: { params: IdParam, body: jsonBody(AgentSettingsUpdate) },
      responses: { 200: jsonResponse(AgentSettingsView) },
    }),
    async (c) =>
      c.json(
        jsonify(
          await cfg(c).setAgentSettings(
            c.var.actor!,
            c.req.valid('param').id,
            stripUndefined(c.req.valid('json')),
          ),
        ),
        200,
      ),
  );
}
