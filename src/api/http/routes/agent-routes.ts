/**
 * Agents at work: their session (login bound to an extension or the softphone), their state,
 * offers to accept or reject, and ending or transferring their tasks. Supervisors see every
 * session and may force a state, log an agent out or decide an away request. Anyone on the staff
 * may log in as an agent (supervisors and back office take tasks too).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { IdParam, Ok } from '../../../contracts/common.ts';
import {
  AgentLoginRequest,
  AgentMe,
  AgentOverview,
  AgentSessionView,
  AgentStateRequest,
  AgentStateResult,
  AwayDecisionRequest,
  CompleteTaskRequest,
  TaskView,
  TransferRequest,
  WrapUpExtendRequest,
} from '../../../contracts/routing.ts';
import type { AgentSession } from '../../../app/ports/routing-repo.ts';
import { addLoad, type ChannelLoad } from '../../../domain/agent/capacity.ts';
import { DomainError } from '../../../domain/errors.ts';
import { holdsAgent } from '../../../domain/routing/task.ts';
import type { ApiEnv } from '../api-env.ts';
import { jsonBody, jsonResponse, managers, secured, staff } from '../secured-route.ts';
import { reservationView, sessionView, taskView } from './routing-views.ts';

/** A JSON body the client may leave out (then every field takes its default). */
export const optionalJsonBody = <T>(schema: T) => ({
  required: false,
  content: { 'application/json': { schema } },
});

type Ctx = { var: ApiEnv['Variables'] };

/** A session as the API shows it, with the router's current load. */
export const sessionOut = (c: Ctx, s: AgentSession) =>
  sessionView(s, c.var.services.router.agentLoad(s.agentId), c.var.services.clock.now());

/** The desk phone standing at a seat (the first by extension), or `resource.invalid`. */
async function seatPhone(c: Ctx, seatId: string): Promise<string> {
  const { store } = c.var.services;
  if (!(await store.resources.getSeat(seatId)))
    throw new DomainError('not_found', 'no such seat', { seatId });
  const phones = (await store.devices.list()).filter((d) => d.seatId === seatId && d.enabled);
  const desk = phones.find((d) => d.kind === 'desk_phone') ?? phones[0];
  if (!desk)
    throw new DomainError('resource.invalid', 'no phone stands at this seat', {
      field: 'seatId',
      seatId,
    });
  return desk.extension;
}

export function agentRoutes(app: OpenAPIHono<ApiEnv>): void {
  const router = (c: Ctx) => c.var.services.router;
  const tags = ['agents'];

  // ── the agent's own session and state ──────────────────────────────────
  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/agent/session',
      tags,
      summary:
        'Log in as an agent (available) with an extension, a seat (its desk phone) or the softphone; logging in again only updates the phone. A phone another logged-in agent uses is device.in_use (409): a supervisor can hand it over (POST /api/devices/{extension}/takeover)',
      request: { body: optionalJsonBody(AgentLoginRequest) },
      responses: { 200: jsonResponse(AgentSessionView) },
    }),
    async (c) => {
      const b = c.req.valid('json');
      // A seat stands for its desk phone (agent ↔ seat ↔ device).
      const extension = b.seatId ? await seatPhone(c, b.seatId) : b.extension;
      const s = await router(c).login(c.var.actor!, {
        ...(extension !== undefined ? { extension } : {}),
        ...(b.softphone !== undefined ? { softphone: b.softphone } : {}),
      });
      return c.json(sessionOut(c, s), 200);
    },
  );
  app.openapi(
    secured(staff, {
      method: 'delete',
      path: '/api/agent/session',
      tags,
      summary: 'Log out as an agent (agent.busy while holding an accepted task)',
      responses: { 200: jsonResponse(Ok) },
    }),
    async (c) => {
      await router(c).logout(c.var.actor!, c.var.actor!.id, false);
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    secured(staff, {
      method: 'put',
      path: '/api/agent/state',
      tags,
      summary:
        'Become available, go away with a reason (some need approval: see pendingAway) or go offline (logs out: session null)',
      request: { body: jsonBody(AgentStateRequest) },
      responses: { 200: jsonResponse(AgentStateResult) },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const s = await router(c).setState(
        c.var.actor!,
        c.var.actor!.id,
        { state: b.state, reason: b.reason ?? null },
        'agent',
      );
      return c.json({ session: s ? sessionOut(c, s) : null }, 200);
    },
  );
  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/agent/wrapup/extend',
      tags,
      summary: 'Extend the wrap-up countdown (600 s in all at most)',
      request: { body: jsonBody(WrapUpExtendRequest) },
      responses: { 200: jsonResponse(AgentSessionView) },
    }),
    async (c) => {
      const s = await router(c).extendWrapUp(c.var.actor!, c.req.valid('json').seconds);
      return c.json(sessionOut(c, s), 200);
    },
  );
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/agent/me',
      tags,
      summary: 'You as an agent: skills, session (null when logged out), tasks and pending offers',
      responses: { 200: jsonResponse(AgentMe) },
    }),
    async (c) => {
      const actor = c.var.actor!;
      const { store, clock } = c.var.services;
      const user = await store.users.get(actor.id);
      if (!user) throw new DomainError('not_found', 'no such user', { id: actor.id });
      const names = new Map((await store.skills.list()).map((s) => [s.id, s.name]));
      // Read from the store, which the router writes before answering: right also before the
      // router has loaded.
      const session = await store.routing.getAgentSession(actor.id);
      const held = session
        ? (
            await store.routing.listTasks(
              { agentId: actor.id, states: ['reserved', 'assigned', 'wrapping'] },
              { limit: 500, offset: 0 },
            )
          ).items
        : [];
      let load: ChannelLoad = {};
      const tasks = [];
      for (const t of held) {
        if (holdsAgent(t.state)) load = addLoad(load, t.channel);
        const r =
          t.state === 'reserved' && t.reservationId
            ? await store.routing.getReservation(t.reservationId)
            : null;
        tasks.push({
          ...taskView(t),
          reservation: r && r.state === 'pending' ? reservationView(r) : null,
        });
      }
      return c.json(
        {
          id: user.id,
          username: user.username,
          displayName: user.displayName,
          role: user.role,
          teamIds: [...user.teamIds],
          skills: user.skills.map((s) => ({
            skillId: s.skillId,
            name: names.get(s.skillId) ?? s.skillId,
            level: s.level,
          })),
          session: session ? sessionView(session, load, clock.now()) : null,
          tasks,
        },
        200,
      );
    },
  );

  // ── offers and the agent's tasks ───────────────────────────────────────
  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/reservations/{id}/accept',
      tags,
      summary: 'Accept an offer made to you (reservation.expired once it timed out)',
      request: { params: IdParam },
      responses: { 200: jsonResponse(TaskView) },
    }),
    async (c) =>
      c.json(taskView(await router(c).accept(c.var.actor!, c.req.valid('param').id)), 200),
  );
  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/reservations/{id}/reject',
      tags,
      summary: 'Reject an offer made to you: the task goes to another agent',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Ok) },
    }),
    async (c) => {
      await router(c).reject(c.var.actor!, c.req.valid('param').id);
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/tasks/{id}/wrap',
      tags,
      summary: "The conversation ended: your task and you enter wrap-up (the queue's countdown)",
      request: { params: IdParam },
      responses: { 200: jsonResponse(TaskView) },
    }),
    async (c) => {
      const actor = c.var.actor!;
      return c.json(taskView(await router(c).wrap(actor, c.req.valid('param').id, actor.id)), 200);
    },
  );
  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/tasks/{id}/complete',
      tags,
      summary: 'Complete your task, with a wrap-up code; you become available',
      request: { params: IdParam, body: optionalJsonBody(CompleteTaskRequest) },
      responses: { 200: jsonResponse(Ok) },
    }),
    async (c) => {
      const actor = c.var.actor!;
      await router(c).complete(
        actor,
        c.req.valid('param').id,
        actor.id,
        c.req.valid('json').wrapUpCode ?? null,
      );
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/tasks/{id}/transfer',
      tags,
      summary: 'Transfer your task to a queue or a logged-in colleague: it ends for you',
      request: { params: IdParam, body: jsonBody(TransferRequest) },
      responses: { 201: jsonResponse(TaskView, 'the new task') },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const t = await router(c).transfer(c.var.actor!, c.req.valid('param').id, {
        queueId: b.queueId ?? null,
        agentId: b.agentId ?? null,
      });
      return c.json(taskView(t), 201);
    },
  );

  // ── supervisors ────────────────────────────────────────────────────────
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/agents',
      tags,
      summary: 'Every logged-in agent: state, load and what queue expressions see of them',
      responses: { 200: jsonResponse(z.array(AgentOverview)) },
    }),
    async (c) => {
      const now = c.var.services.clock.now();
      return c.json(
        router(c)
          .agentsView()
          .map((a) => ({
            ...sessionView(a.session, a.load, now),
            displayName: a.displayName,
            teamIds: [...a.teamIds],
            load: { ...a.load },
            attributes: { ...a.ctx } as Record<string, unknown>,
          })),
        200,
      );
    },
  );
  app.openapi(
    secured(managers, {
      method: 'put',
      path: '/api/agents/{id}/state',
      tags,
      summary: "Set an agent's state (offline forces a logout; their open tasks are re-queued)",
      request: { params: IdParam, body: jsonBody(AgentStateRequest) },
      responses: { 200: jsonResponse(AgentStateResult) },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const s = await router(c).setState(
        c.var.actor!,
        c.req.valid('param').id,
        { state: b.state, reason: b.reason ?? null },
        'supervisor',
      );
      return c.json({ session: s ? sessionOut(c, s) : null }, 200);
    },
  );
  app.openapi(
    secured(managers, {
      method: 'delete',
      path: '/api/agents/{id}/session',
      tags,
      summary: 'Force an agent to log out; their open tasks are re-queued',
      request: { params: IdParam },
      responses: { 200: jsonResponse(Ok) },
    }),
    async (c) => {
      await router(c).logout(c.var.actor!, c.req.valid('param').id, true);
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    secured(managers, {
      method: 'post',
      path: '/api/agents/{id}/away-decision',
      tags,
      summary: "Approve or deny an agent's away request (e.g. rest)",
      request: { params: IdParam, body: jsonBody(AwayDecisionRequest) },
      responses: { 200: jsonResponse(AgentSessionView) },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const s = await router(c).decideAway(
        c.var.actor!,
        c.req.valid('param').id,
        b.approve,
        b.note ?? null,
      );
      return c.json(sessionOut(c, s), 200);
    },
  );
}
