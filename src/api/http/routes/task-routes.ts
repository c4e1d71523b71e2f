/**
 * Tasks for the router: integrations (and the channels) submit them; supervisors list them,
 * move a waiting task to another queue or agent, change its priority or cancel it. Agents act on
 * their own tasks through the agent routes.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { IdParam, Ok, pageOf } from '../../../contracts/common.ts';
import {
  CancelTaskRequest,
  RouteTaskRequest,
  TaskCreate,
  TaskDetails,
  TaskPriorityRequest,
  TaskQuery,
  TaskView,
} from '../../../contracts/routing.ts';
import { DomainError } from '../../../domain/errors.ts';
import type { ApiEnv } from '../api-env.ts';
import { meOr } from '../request-info.ts';
import { jsonBody, jsonResponse, managers, secured, staff } from '../secured-route.ts';
import { optionalJsonBody } from './agent-routes.ts';
import { reservationView, taskView } from './routing-views.ts';

const tags = ['tasks'];

export function taskRoutes(app: OpenAPIHono<ApiEnv>): void {
  const router = (c: { var: ApiEnv['Variables'] }) => c.var.services.router;

  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/tasks',
      tags,
      summary: 'Submit a task: the workflow (or the given queue) decides where it waits',
      request: { body: jsonBody(TaskCreate) },
      responses: { 201: jsonResponse(TaskView, 'created (offered at once when an agent is free)') },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const t = await router(c).submit(c.var.actor!, {
        channel: b.channel,
        attributes: b.attributes,
        priority: b.priority,
        workflowId: b.workflowId ?? null,
        queueId: b.queueId ?? null,
      });
      return c.json(taskView(t), 201);
    },
  );
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/tasks',
      tags,
      summary: 'List tasks, oldest first',
      request: { query: TaskQuery },
      responses: { 200: jsonResponse(pageOf(TaskView)) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      const agentId = meOr(q.agent, c.var.actor!.id);
      const page = await c.var.services.store.routing.listTasks(
        {
          ...(q.state ? { states: [q.state] } : {}),
          ...(q.queue ? { queueId: q.queue } : {}),
          ...(agentId ? { agentId } : {}),
        },
        { limit: q.limit, offset: q.offset },
      );
      return c.json({ items: page.items.map(taskView), total: page.total }, 200);
    },
  );
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/tasks/{id}',
      tags,
      summary: 'A task with its offers',
      request: { params: IdParam },
      responses: { 200: jsonResponse(TaskDetails) },
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const { routing } = c.var.services.store;
      const t = await routing.getTask(id);
      if (!t) throw new DomainError('not_found', 'no such task', { id });
      const reservations = await routing.reservationsForTask(id);
      return c.json({ ...taskView(t), reservations: reservations.map(reservationView) }, 200);
    },
  );
  app.openapi(
    secured(managers, {
      method: 'post',
      path: '/api/tasks/{id}/cancel',
      tags,
      summary: 'Cancel an open task (e.g. the caller hung up)',
      request: { params: IdParam, body: optionalJsonBody(CancelTaskRequest) },
      responses: { 200: jsonResponse(Ok) },
    }),
    async (c) => {
      await router(c).cancel(
        c.var.actor!,
        c.req.valid('param').id,
        c.req.valid('json').reason ?? 'canceled',
      );
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    secured(managers, {
      method: 'post',
      path: '/api/tasks/{id}/route',
      tags,
      summary: 'Move a waiting task to another queue and/or offer it only to one agent',
      request: { params: IdParam, body: jsonBody(RouteTaskRequest) },
      responses: { 200: jsonResponse(TaskView) },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const t = await router(c).route(c.var.actor!, c.req.valid('param').id, {
        queueId: b.queueId ?? null,
        agentId: b.agentId ?? null,
      });
      return c.json(taskView(t), 200);
    },
  );
  app.openapi(
    secured(managers, {
      method: 'post',
      path: '/api/tasks/{id}/priority',
      tags,
      summary: "Change a task's priority (0–1000; higher is offered first)",
      request: { params: IdParam, body: jsonBody(TaskPriorityRequest) },
      responses: { 200: jsonResponse(TaskView) },
    }),
    async (c) => {
      const t = await router(c).setPriority(
        c.var.actor!,
        c.req.valid('param').id,
        c.req.valid('json').priority,
      );
      return c.json(taskView(t), 200);
    },
  );
}
