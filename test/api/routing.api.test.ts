/**
 * The router over HTTP: configuration, agent sessions and states, offers, wrap-up, RONA,
 * supervisor actions and transfer, with bad input answered by problem+json codes. Time is the
 * harness's ManualClock; `router.tick()` expires offers as the running server does each second.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { storeKinds } from '../support/test-stores.ts';

type Who = keyof Harness['users'];

describe.each(storeKinds)('routing API on %s', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await makeHarness(kind);
    await h.services.router.start();
  });
  afterEach(async () => h?.close());

  const expectProblem = (
    r: { status: number; body: { code: string }; headers: Headers },
    status: number,
    code: string,
  ) => {
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect({ status: r.status, code: r.body.code }).toEqual({ status, code });
  };
  const login = (who: Who, body: object = {}) =>
    h.json('POST', '/api/agent/session', { as: who, body });
  const me = async (who: Who) => (await h.json('GET', '/api/agent/me', { as: who })).body;
  const setState = (who: Who, state: string, reason?: string) =>
    h.json('PUT', '/api/agent/state', { as: who, body: { state, ...(reason ? { reason } : {}) } });
  const submit = (body: object, as: Who = 'supervisor') =>
    h.json('POST', '/api/tasks', { as, body });
  const task = async (id: string) => (await h.json('GET', `/api/tasks/${id}`)).body;

  /** A billing skill both agents hold, a billing queue and a workflow sending billing to it. */
  async function billing() {
    const skill = await h.json('POST', '/api/skills', { body: { name: 'billing' } });
    expect(skill.status).toBe(201);
    for (const [who, level] of [
      ['agent', 3],
      ['agent2', 2],
    ] as const) {
      const u = await h.json('PATCH', `/api/users/${h.users[who].id}`, {
        body: { skills: [{ skillId: skill.body.id, level }] },
      });
      expect(u.status).toBe(200);
    }
    const q = await h.json('POST', '/api/queues', {
      body: {
        name: 'Billing 计费',
        targetExpression: 'skills.billing >= 1',
        wrapUpSeconds: 30,
        reservationTimeoutSeconds: 10,
      },
    });
    expect(q.status).toBe(201);
    expect(q.body).toMatchObject({ strategy: 'longest_idle', serviceLevelSeconds: 20 });
    const w = await h.json('POST', '/api/workflows', {
      body: {
        name: 'Billing first',
        filters: [
          {
            name: 'billing',
            expression: 'topic == "billing"',
            steps: [{ queueId: q.body.id }],
          },
        ],
        defaultQueueId: 'queue-general',
        isDefault: true,
      },
    });
    expect(w.status).toBe(201);
    expect(w.body.filters[0].steps[0]).toEqual({
      queueId: q.body.id,
      expression: null,
      timeoutSeconds: null,
      priority: null,
    });
    return { queueId: q.body.id as string, workflowId: w.body.id as string };
  }

  it('offers a task, the agent accepts, wraps up and completes it', async () => {
    const { queueId, workflowId } = await billing();
    const workflows = (await h.json('GET', '/api/workflows', { as: 'supervisor' })).body;
    expect(workflows.filter((w: { isDefault: boolean }) => w.isDefault)).toHaveLength(1);

    const none = await me('agent');
    expect(none).toMatchObject({ username: 'agent', role: 'agent', session: null, tasks: [] });
    expect(none.skills).toEqual([{ skillId: expect.any(String), name: 'billing', level: 3 }]);

    const s = await login('agent', { extension: '8001' });
    expect(s.status).toBe(200);
    expect(s.body).toMatchObject({
      agentId: h.users.agent.id,
      state: 'available',
      displayState: 'available',
      extension: '8001',
      softphone: false,
      loggedInAt: '2026-11-30T02:00:00.000Z',
      wrapUp: null,
    });
    // Logging in again is harmless.
    expect((await login('agent')).body).toMatchObject({ state: 'available', extension: '8001' });

    const t = await submit({
      channel: 'voice',
      attributes: { topic: 'billing', msisdn: '13900139000' },
    });
    expect(t.status).toBe(201);
    expect(t.body).toMatchObject({
      state: 'reserved',
      agentId: h.users.agent.id,
      queueId,
      workflowId,
      priority: 0,
      createdAt: '2026-11-30T02:00:00.000Z',
      wrapUpCode: null,
    });

    const offered = await me('agent');
    expect(offered.session.displayState).toBe('busy');
    expect(offered.tasks).toHaveLength(1);
    expect(offered.tasks[0]).toMatchObject({
      id: t.body.id,
      state: 'reserved',
      reservation: {
        state: 'pending',
        agentId: h.users.agent.id,
        expiresAt: '2026-11-30T02:00:10.000Z',
      },
    });

    h.clock.advance(3000);
    const rid = offered.tasks[0].reservation.id;
    const accepted = await h.json('POST', `/api/reservations/${rid}/accept`, { as: 'agent' });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ id: t.body.id, state: 'assigned' });
    expect((await me('agent')).tasks[0]).toMatchObject({ state: 'assigned', reservation: null });

    // Logging out while holding the call is refused.
    expectProblem(await h.json('DELETE', '/api/agent/session', { as: 'agent' }), 409, 'agent.busy');

    h.clock.advance(60_000);
    const wrapped = await h.json('POST', `/api/tasks/${t.body.id}/wrap`, { as: 'agent' });
    expect(wrapped.body.state).toBe('wrapping');
    const inWrapUp = (await me('agent')).session;
    expect(inWrapUp).toMatchObject({
      state: 'wrapup',
      displayState: 'wrapup',
      wrapUp: { taskId: t.body.id, remainingSeconds: 30, extendedBy: 0 },
    });

    h.clock.advance(5000);
    const ext = await h.json('POST', '/api/agent/wrapup/extend', {
      as: 'agent',
      body: { seconds: 60 },
    });
    expect(ext.status).toBe(200);
    expect(ext.body.wrapUp).toMatchObject({ extendedBy: 60, remainingSeconds: 85 });
    expectProblem(
      await h.json('POST', '/api/agent/wrapup/extend', { as: 'agent', body: { seconds: 601 } }),
      400,
      'validation.failed',
    );

    const done = await h.json('POST', `/api/tasks/${t.body.id}/complete`, {
      as: 'agent',
      body: { wrapUpCode: 'resolved' },
    });
    expect(done.body).toEqual({ ok: true });
    const after = await me('agent');
    expect(after.session).toMatchObject({ state: 'available', wrapUp: null });
    expect(after.tasks).toEqual([]);

    const stored = await h.json('GET', `/api/tasks/${t.body.id}`, { as: 'agent' });
    expect(stored.body).toMatchObject({
      state: 'completed',
      wrapUpCode: 'resolved',
      endedAt: '2026-11-30T02:01:08.000Z',
    });
    expect(stored.body.reservations).toMatchObject([{ id: rid, state: 'accepted' }]);

    const states = (await h.services.store.events.forSubject('agent', h.users.agent.id, 50))
      .filter((e) => e.type === 'agent.state_changed')
      .map((e) => e.payload['to']);
    expect(states).toEqual(['available', 'wrapup', 'available']);

    expect((await h.json('DELETE', '/api/agent/session', { as: 'agent' })).body).toEqual({
      ok: true,
    });
    expect((await me('agent')).session).toBeNull();
  });

  it('redirects on no answer (RONA), refuses stale and foreign offers, and re-queues a rejection', async () => {
    await billing();
    await login('agent');
    h.clock.advance(1000);
    await login('agent2');
    const t = (await submit({ channel: 'voice', attributes: { topic: 'billing' } })).body;
    expect(t.agentId).toBe(h.users.agent.id); // longest idle
    const first = (await me('agent')).tasks[0].reservation;

    // agent2 cannot take agent's offer.
    expectProblem(
      await h.json('POST', `/api/reservations/${first.id}/accept`, { as: 'agent2' }),
      403,
      'task.not_yours',
    );

    h.clock.advance(10_000);
    await h.services.router.tick();
    const rona = await me('agent');
    expect(rona.session).toMatchObject({ state: 'away', reason: 'no_answer' });
    expect(rona.tasks).toEqual([]);
    const second = (await me('agent2')).tasks;
    expect(second).toMatchObject([{ id: t.id, reservation: { state: 'pending' } }]);
    expectProblem(
      await h.json('POST', `/api/reservations/${first.id}/accept`, { as: 'agent' }),
      409,
      'reservation.expired',
    );

    // agent2 rejects: nobody else is available, the task waits.
    const rej = await h.json('POST', `/api/reservations/${second[0].reservation.id}/reject`, {
      as: 'agent2',
    });
    expect(rej.body).toEqual({ ok: true });
    const waiting = await task(t.id);
    expect(waiting).toMatchObject({ state: 'pending', agentId: null });
    expect(waiting.reservations.map((r: { state: string }) => r.state).sort()).toEqual([
      'rejected',
      'timeout',
    ]);

    // agent comes back and gets it again.
    const back = await setState('agent', 'available');
    expect(back.body.session).toMatchObject({ state: 'available', reason: null });
    const again = (await me('agent')).tasks;
    expect(again).toMatchObject([{ id: t.id, state: 'reserved' }]);
    const ok = await h.json('POST', `/api/reservations/${again[0].reservation.id}/accept`, {
      as: 'agent',
    });
    expect(ok.body.state).toBe('assigned');

    // Only the holder completes it.
    expectProblem(
      await h.json('POST', `/api/tasks/${t.id}/complete`, { as: 'agent2', body: {} }),
      403,
      'task.not_yours',
    );
    expectProblem(
      await h.json('POST', `/api/tasks/${t.id}/wrap`, { as: 'agent2' }),
      403,
      'task.not_yours',
    );
    // Completing without a body (no wrap-up code) is fine; the queue had no wrap-up yet.
    const done = await h.call('POST', `/api/tasks/${t.id}/complete`, { as: 'agent' });
    expect(done.status).toBe(200);
    expect(await task(t.id)).toMatchObject({ state: 'completed', wrapUpCode: null });
  });

  it('lets a supervisor route a waiting task to one agent, change its priority and cancel', async () => {
    const { queueId } = await billing();
    await login('agent');
    await login('agent2');
    expect((await setState('agent', 'away', 'lunch')).body.session).toMatchObject({
      state: 'away',
      reason: 'lunch',
    });
    await setState('agent2', 'away', 'meeting');

    const t = (await submit({ channel: 'webchat', queueId })).body;
    expect(t).toMatchObject({ state: 'pending', queueId, workflowId: null });
    const list = await h.json('GET', `/api/tasks?state=pending&queue=${queueId}`, {
      as: 'supervisor',
    });
    expect(list.body).toMatchObject({ total: 1, items: [{ id: t.id }] });
    expect((await h.json('GET', '/api/tasks?state=completed', { as: 'supervisor' })).body).toEqual({
      items: [],
      total: 0,
    });

    const prio = await h.json('POST', `/api/tasks/${t.id}/priority`, {
      as: 'supervisor',
      body: { priority: 500 },
    });
    expect(prio.body).toMatchObject({ id: t.id, priority: 500 });
    expectProblem(
      await h.json('POST', `/api/tasks/${t.id}/priority`, {
        as: 'supervisor',
        body: { priority: 5000 },
      }),
      400,
      'validation.failed',
    );

    const routed = await h.json('POST', `/api/tasks/${t.id}/route`, {
      as: 'supervisor',
      body: { agentId: h.users.agent2.id },
    });
    expect(routed.body).toMatchObject({
      state: 'pending',
      targetAgentId: h.users.agent2.id,
      queueId,
    });
    // agent is free but the task waits for agent2.
    await setState('agent', 'available');
    expect((await me('agent')).tasks).toEqual([]);
    await setState('agent2', 'available');
    expect((await me('agent2')).tasks).toMatchObject([{ id: t.id, state: 'reserved' }]);

    // A task being offered (a ringing call) can be moved too: agent2's offer is withdrawn.
    await setState('agent', 'away', 'lunch');
    const moved = await h.json('POST', `/api/tasks/${t.id}/route`, {
      as: 'supervisor',
      body: { queueId: 'queue-general' },
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ queueId: 'queue-general' });
    // …and offered again from there (agent2 is the one free).
    expect((await me('agent2')).tasks).toMatchObject([{ id: t.id, state: 'reserved' }]);

    const c = await h.json('POST', `/api/tasks/${t.id}/cancel`, {
      as: 'supervisor',
      body: { reason: 'caller_hung_up' },
    });
    expect(c.body).toEqual({ ok: true });
    const canceled = await task(t.id);
    expect(canceled).toMatchObject({ state: 'canceled', reason: 'caller_hung_up' });
    // The withdrawn offer and the one canceled with the task.
    expect(canceled.reservations).toMatchObject([{ state: 'canceled' }, { state: 'canceled' }]);
    expect((await me('agent2')).tasks).toEqual([]);
    expectProblem(
      await h.json('POST', `/api/tasks/${t.id}/cancel`, { as: 'supervisor' }),
      404,
      'not_found',
    );
  });

  it('lets a supervisor decide rest requests, force states and force a logout', async () => {
    await login('agent');
    await login('agent2');

    // Rest needs approval: the agent stays available with a pending request.
    const asked = await setState('agent', 'away', 'rest');
    expect(asked.body.session).toMatchObject({
      state: 'available',
      pendingAway: { reason: 'rest', requestedAt: '2026-11-30T02:00:00.000Z' },
    });
    const board = await h.json('GET', '/api/agents', { as: 'supervisor' });
    expect(board.status).toBe(200);
    const row = board.body.find((a: { agentId: string }) => a.agentId === h.users.agent.id);
    expect(row).toMatchObject({
      displayName: 'agent',
      teamIds: [h.teams.front],
      load: {},
      pendingAway: { reason: 'rest' },
      attributes: { id: h.users.agent.id, role: 'agent' },
    });
    const approved = await h.json('POST', `/api/agents/${h.users.agent.id}/away-decision`, {
      as: 'supervisor',
      body: { approve: true },
    });
    expect(approved.body).toMatchObject({ state: 'away', reason: 'rest', pendingAway: null });

    await setState('agent2', 'away', 'rest');
    const denied = await h.json('POST', `/api/agents/${h.users.agent2.id}/away-decision`, {
      as: 'supervisor',
      body: { approve: false, note: '队列繁忙' },
    });
    expect(denied.body).toMatchObject({ state: 'available', pendingAway: null });
    expectProblem(
      await h.json('POST', `/api/agents/${h.users.agent2.id}/away-decision`, {
        as: 'supervisor',
        body: { approve: true },
      }),
      409,
      'conflict',
    );

    // Force states.
    const forced = await h.json('PUT', `/api/agents/${h.users.agent.id}/state`, {
      as: 'supervisor',
      body: { state: 'away', reason: 'meeting' },
    });
    expect(forced.body.session).toMatchObject({ state: 'away', reason: 'meeting' });
    const avail = await h.json('PUT', `/api/agents/${h.users.agent.id}/state`, {
      as: 'supervisor',
      body: { state: 'available' },
    });
    expect(avail.body.session.state).toBe('available');

    // Force a logout of an agent on a call: the call goes back to the queue as a new task.
    expect((await setState('agent2', 'offline')).body).toEqual({ session: null });
    const t = (await submit({ channel: 'voice', queueId: 'queue-general' })).body;
    expect(t.agentId).toBe(h.users.agent.id);
    const rid = (await me('agent')).tasks[0].reservation.id;
    await h.json('POST', `/api/reservations/${rid}/accept`, { as: 'agent' });
    const out = await h.json('DELETE', `/api/agents/${h.users.agent.id}/session`, {
      as: 'supervisor',
    });
    expect(out.body).toEqual({ ok: true });
    expect((await me('agent')).session).toBeNull();
    expect(await task(t.id)).toMatchObject({
      state: 'completed',
      wrapUpCode: 'agent_logged_out',
    });
    const requeued = await h.json('GET', '/api/tasks?state=pending', { as: 'supervisor' });
    expect(requeued.body.items).toMatchObject([{ attributes: { requeuedFrom: t.id } }]);
    expect((await h.json('GET', '/api/agents', { as: 'supervisor' })).body).toEqual([]);

    expectProblem(
      await h.json('PUT', `/api/agents/${h.users.agent.id}/state`, {
        as: 'supervisor',
        body: { state: 'available' },
      }),
      409,
      'agent.not_logged_in',
    );
  });

  it('hands an open offer to a colleague when the agent logs out', async () => {
    await login('agent');
    h.clock.advance(1000);
    await login('agent2');
    const t = (await submit({ channel: 'voice', queueId: 'queue-general' })).body;
    expect(t.agentId).toBe(h.users.agent.id);
    h.clock.advance(1000);
    expect((await h.json('DELETE', '/api/agent/session', { as: 'agent' })).body).toEqual({
      ok: true,
    });
    expect((await me('agent2')).tasks).toMatchObject([{ id: t.id, state: 'reserved' }]);
    const offers = (await task(t.id)).reservations;
    expect(offers).toMatchObject([
      { agentId: h.users.agent.id, state: 'canceled' },
      { agentId: h.users.agent2.id, state: 'pending' },
    ]);
  });

  it('transfers a task to a queue, where another agent gets it', async () => {
    const { queueId } = await billing();
    await login('agent');
    h.clock.advance(1000);
    await login('agent2');
    const t = (await submit({ channel: 'voice', queueId: 'queue-general' })).body;
    expect(t.agentId).toBe(h.users.agent.id);
    const rid = (await me('agent')).tasks[0].reservation.id;
    await h.json('POST', `/api/reservations/${rid}/accept`, { as: 'agent' });

    expectProblem(
      await h.json('POST', `/api/tasks/${t.id}/transfer`, {
        as: 'agent',
        body: { queueId, agentId: h.users.agent2.id },
      }),
      400,
      'validation.failed',
    );
    expectProblem(
      await h.json('POST', `/api/tasks/${t.id}/transfer`, { as: 'agent2', body: { queueId } }),
      403,
      'task.not_yours',
    );
    const moved = await h.json('POST', `/api/tasks/${t.id}/transfer`, {
      as: 'agent',
      body: { queueId },
    });
    expect(moved.status).toBe(201);
    expect(moved.body).toMatchObject({
      queueId,
      state: 'reserved',
      agentId: h.users.agent2.id,
      attributes: { transferredFrom: t.id, transferredBy: h.users.agent.id },
    });
    expect(await task(t.id)).toMatchObject({ state: 'completed', wrapUpCode: 'transferred' });
    expect((await me('agent2')).tasks).toMatchObject([{ id: moved.body.id }]);
  });

  it('answers bad agent input with problem codes', async () => {
    expectProblem(await setState('agent', 'available'), 409, 'agent.not_logged_in');
    expectProblem(await setState('agent', 'offline'), 409, 'agent.not_logged_in');
    expectProblem(
      await h.json('POST', '/api/agent/wrapup/extend', { as: 'agent', body: { seconds: 30 } }),
      409,
      'agent.not_logged_in',
    );
    expectProblem(
      await h.json('POST', '/api/reservations/nope/accept', { as: 'agent' }),
      409,
      'agent.not_logged_in',
    );
    await login('agent');
    expectProblem(await setState('agent', 'sleeping'), 400, 'validation.failed');
    expectProblem(await setState('agent', 'away'), 400, 'agent.invalid_reason');
    expectProblem(await setState('agent', 'away', 'no_such_reason'), 400, 'agent.invalid_reason');
    expectProblem(await setState('agent', 'away', 'no_answer'), 400, 'agent.invalid_reason');
    expectProblem(
      await h.json('POST', '/api/agent/session', { as: 'agent', body: { pager: '1' } }),
      400,
      'validation.failed',
    );
    expectProblem(
      await h.json('POST', '/api/agent/wrapup/extend', { as: 'agent', body: { seconds: 30 } }),
      409,
      'agent.illegal_transition',
    );
    expectProblem(
      await h.json('POST', '/api/reservations/nope/accept', { as: 'agent' }),
      404,
      'not_found',
    );
    expectProblem(
      await submit({ channel: 'voice', priority: 5000 }, 'admin'),
      400,
      'validation.failed',
    );
    expectProblem(await submit({ channel: 'telex' }, 'admin'), 400, 'validation.failed');
    expectProblem(
      await submit({ channel: 'voice', queueId: 'queue-general', workflowId: 'workflow-default' }),
      400,
      'validation.failed',
    );
    expectProblem(
      await submit({ channel: 'voice', queueId: 'no-such-queue' }),
      400,
      'routing.unknown_queue',
    );
    expectProblem(
      await submit({ channel: 'voice', workflowId: 'no-such-workflow' }),
      400,
      'routing.unknown_workflow',
    );
    expectProblem(
      await h.json('POST', '/api/tasks/nope/transfer', { as: 'agent', body: {} }),
      400,
      'validation.failed',
    );
    expectProblem(await h.json('GET', '/api/tasks/nope', { as: 'agent' }), 404, 'not_found');
  });

  it('configures queues, workflows, reasons, capacity profiles and agent settings', async () => {
    // Queues.
    const queues = await h.json('GET', '/api/queues', { as: 'agent' });
    expect(queues.body.map((q: { id: string }) => q.id)).toEqual(['queue-general']);
    const bad = await h.json('POST', '/api/queues', {
      body: { name: 'Bad', targetExpression: 'skills.billing >=' },
    });
    expectProblem(bad, 400, 'routing.invalid_expression');
    expect(bad.body.details).toMatchObject({ position: expect.any(Number) });
    expect(bad.body.details.position).toBeGreaterThan(0);
    expectProblem(
      await h.json('POST', '/api/queues', {
        body: { name: 'Slow', targetExpression: 'true', reservationTimeoutSeconds: 1 },
      }),
      400,
      'routing.invalid_queue',
    );
    expectProblem(
      await h.json('POST', '/api/queues', {
        body: { name: 'X', targetExpression: 'true', strategy: 'random' },
      }),
      400,
      'validation.failed',
    );
    const vip = await h.json('POST', '/api/queues', {
      body: {
        name: 'VIP',
        targetExpression: '"zh" in languages',
        strategy: 'most_skilled',
        strategySkill: 'skills.vip',
        teamId: h.teams.front,
      },
    });
    expect(vip.status).toBe(201);
    expectProblem(
      await h.json('POST', '/api/queues', { body: { name: 'VIP', targetExpression: 'true' } }),
      409,
      'routing.name_taken',
    );
    const patched = await h.json('PATCH', `/api/queues/${vip.body.id}`, {
      body: { wrapUpSeconds: 0, description: '贵宾' },
    });
    expect(patched.body).toMatchObject({ wrapUpSeconds: 0, description: '贵宾', name: 'VIP' });
    const patchBad = await h.json('PATCH', `/api/queues/${vip.body.id}`, {
      body: { targetExpression: '(skills.x' },
    });
    expectProblem(patchBad, 400, 'routing.invalid_expression');
    expect((await h.json('GET', `/api/queues/${vip.body.id}`, { as: 'agent' })).body).toEqual(
      patched.body,
    );

    // Workflows.
    expectProblem(
      await h.json('POST', '/api/workflows', {
        body: { name: 'W', defaultQueueId: 'no-such-queue' },
      }),
      400,
      'routing.invalid_workflow',
    );
    expectProblem(
      await h.json('POST', '/api/workflows', {
        body: {
          name: 'W',
          defaultQueueId: 'queue-general',
          filters: [{ name: 'f', expression: 'vip', steps: [{ queueId: 'no-such-queue' }] }],
        },
      }),
      400,
      'routing.invalid_workflow',
    );
    const badFilter = await h.json('POST', '/api/workflows', {
      body: {
        name: 'W',
        defaultQueueId: 'queue-general',
        filters: [{ name: 'f', expression: 'vip ==', steps: [{ queueId: 'queue-general' }] }],
      },
    });
    expectProblem(badFilter, 400, 'routing.invalid_expression');
    expect(badFilter.body.details).toMatchObject({
      position: expect.any(Number),
      path: 'filters[0].expression',
    });
    const w = await h.json('POST', '/api/workflows', {
      body: {
        name: 'VIP first',
        defaultQueueId: 'queue-general',
        filters: [
          {
            name: 'vip',
            expression: 'vip',
            steps: [
              { queueId: vip.body.id, timeoutSeconds: 30 },
              { queueId: 'queue-general', priority: 100 },
            ],
          },
        ],
      },
    });
    expect(w.status).toBe(201);
    expect(w.body.isDefault).toBe(false);
    expectProblem(await h.json('DELETE', `/api/queues/${vip.body.id}`), 409, 'routing.in_use');
    const wp = await h.json('PATCH', `/api/workflows/${w.body.id}`, { body: { isDefault: true } });
    expect(wp.body.isDefault).toBe(true);
    expectProblem(
      await h.json('PATCH', `/api/workflows/${w.body.id}`, { body: { isDefault: false } }),
      400,
      'validation.failed',
    );
    expectProblem(await h.json('DELETE', `/api/workflows/${w.body.id}`), 409, 'routing.in_use');
    expect((await h.json('DELETE', '/api/workflows/workflow-default')).body).toEqual({ ok: true });
    expect((await h.json('GET', `/api/workflows/${w.body.id}`, { as: 'supervisor' })).body).toEqual(
      wp.body,
    );
    // A VIP task goes to the VIP queue through the (new default) workflow.
    const t = await submit({ channel: 'email', attributes: { vip: true } });
    expect(t.body).toMatchObject({ queueId: vip.body.id, workflowId: w.body.id, stepIndex: 0 });

    // Reason codes.
    const reasons = await h.json('GET', '/api/reason-codes', { as: 'agent' });
    expect(reasons.body.find((r: { code: string }) => r.code === 'no_answer')).toMatchObject({
      systemOnly: true,
    });
    const coaching = await h.json('PUT', '/api/reason-codes/coaching', {
      body: { label: 'Coaching', labelZh: '辅导', maxMinutes: 45 },
    });
    expect(coaching.body).toEqual({
      code: 'coaching',
      label: 'Coaching',
      labelZh: '辅导',
      requiresApproval: false,
      maxMinutes: 45,
      active: true,
      systemOnly: false,
    });
    expectProblem(
      await h.json('PUT', '/api/reason-codes/Bad-Code', { body: { label: 'x', labelZh: 'x' } }),
      400,
      'agent.invalid_reason',
    );
    await login('agent');
    expect((await setState('agent', 'away', 'coaching')).body.session).toMatchObject({
      state: 'away',
      reason: 'coaching',
    });

    // Capacity profiles.
    expectProblem(
      await h.json('PUT', '/api/capacity-profiles/chat-heavy', {
        body: { name: 'Chat heavy', limits: { webchat: -1 } },
      }),
      400,
      'agent.invalid_capacity',
    );
    expectProblem(
      await h.json('PUT', '/api/capacity-profiles/chat-heavy', {
        body: { name: 'Chat heavy', limits: { telex: 1 } },
      }),
      400,
      'validation.failed',
    );
    const profile = await h.json('PUT', '/api/capacity-profiles/chat-heavy', {
      body: { name: 'Chat heavy', limits: { webchat: 6, email: 2 }, voiceBlocksOthers: false },
    });
    expect(profile.body).toEqual({
      id: 'chat-heavy',
      name: 'Chat heavy',
      limits: { webchat: 6, email: 2 },
      voiceBlocksOthers: false,
      maxTotal: null,
    });
    const profiles = await h.json('GET', '/api/capacity-profiles', { as: 'supervisor' });
    expect(profiles.body.map((p: { id: string }) => p.id).sort()).toEqual([
      'chat-heavy',
      'default',
    ]);

    // Agent settings.
    const settings = await h.json('GET', `/api/agents/${h.users.agent.id}/settings`, {
      as: 'supervisor',
    });
    expect(settings.body).toEqual({
      userId: h.users.agent.id,
      capacityProfileId: null,
      languages: ['zh'],
      attributes: {},
    });
    expectProblem(
      await h.json('PUT', `/api/agents/${h.users.agent.id}/settings`, {
        body: { capacityProfileId: 'no-such-profile' },
      }),
      400,
      'validation.failed',
    );
    const set = await h.json('PUT', `/api/agents/${h.users.agent.id}/settings`, {
      body: { capacityProfileId: 'chat-heavy', languages: ['zh', 'en'], attributes: { tier: 2 } },
    });
    expect(set.body).toEqual({
      userId: h.users.agent.id,
      capacityProfileId: 'chat-heavy',
      languages: ['zh', 'en'],
      attributes: { tier: 2 },
    });
    expectProblem(await h.json('DELETE', '/api/capacity-profiles/default'), 409, 'routing.in_use');
    expect((await h.json('DELETE', '/api/capacity-profiles/chat-heavy')).body).toEqual({
      ok: true,
    });
    expectProblem(await h.json('GET', '/api/agents/nope/settings'), 404, 'not_found');
  });
});
