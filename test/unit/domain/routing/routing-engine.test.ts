import { describe, expect, it } from 'vitest';
import { defaultCapacityProfile } from '../../../../src/domain/agent/capacity.ts';
import { agent, chatty, engine, offers, queue, T0 } from './engine-fixtures.ts';

const billing = queue('billing', 'skills.billing >= 1');

describe('routing engine: offers', () => {
  it('offers a new task at once to the longest-idle eligible agent', () => {
    const e = engine([billing]);
    e.upsertAgent(agent('a1', { billing: 3 }, { lastIdleAt: T0 - 1000 }), T0);
    e.upsertAgent(agent('a2', { billing: 3 }, { lastIdleAt: T0 - 5000 }), T0);
    e.upsertAgent(agent('a3', { roaming: 5 }, { lastIdleAt: T0 - 9000 }), T0);
    const c = e.submit(
      { id: 't1', channel: 'voice', attributes: {}, priority: 0, queueId: 'billing' },
      T0,
    );
    expect(offers(c)).toEqual([{ task: 't1', agent: 'a2', id: 'r1' }]);
    expect(c.tasks).toMatchObject([
      { id: 't1', state: 'reserved', agentId: 'a2', reservationId: 'r1' },
    ]);
    expect(c.events.map((x) => x.type)).toEqual(['task.created', 'task.reserved']);
  });

  it('queues when nobody is free and offers when an agent becomes available', () => {
    const e = engine([billing]);
    e.upsertAgent(agent('a1', { billing: 3 }, { routable: false }), T0);
    expect(
      offers(
        e.submit(
          { id: 't1', channel: 'voice', attributes: {}, priority: 0, queueId: 'billing' },
          T0,
        ),
      ),
    ).toEqual([]);
    expect(e.getTask('t1')?.state).toBe('pending');
    expect(offers(e.setRoutable('a1', true, T0 + 1000))).toEqual([
      { task: 't1', agent: 'a1', id: 'r1' },
    ]);
  });

  it('serves higher priority first and equal priority first come, first served', () => {
    const e = engine([billing]);
    e.upsertAgent(agent('a1', { billing: 3 }, { routable: false }), T0);
    e.submit(
      { id: 'low-old', channel: 'voice', attributes: {}, priority: 0, queueId: 'billing' },
      T0,
    );
    e.submit(
      { id: 'low-new', channel: 'voice', attributes: {}, priority: 0, queueId: 'billing' },
      T0 + 1,
    );
    e.submit(
      { id: 'high', channel: 'voice', attributes: {}, priority: 10, queueId: 'billing' },
      T0 + 2,
    );
    const order: string[] = [];
    let c = e.setRoutable('a1', true, T0 + 10);
    for (let i = 0; i < 3; i++) {
      const [o] = offers(c);
      if (!o) break;
      order.push(o.task);
      e.accept(o.id, 'a1', T0 + 20);
      c = e.complete(o.task, 'a1', T0 + 30);
    }
    expect(order).toEqual(['high', 'low-old', 'low-new']);
  });

  it('lets an old low-priority task through by aging', () => {
    // 1 point per minute: a priority-0 task waiting 11 minutes beats a fresh priority-10 task.
    const e = engine([billing], [], { aging: 1 });
    e.upsertAgent(agent('a1', { billing: 3 }, { routable: false }), T0);
    e.submit(
      { id: 'old-low', channel: 'voice', attributes: {}, priority: 0, queueId: 'billing' },
      T0,
    );
    e.submit(
      { id: 'new-high', channel: 'voice', attributes: {}, priority: 10, queueId: 'billing' },
      T0 + 11 * 60_000,
    );
    expect(offers(e.setRoutable('a1', true, T0 + 11 * 60_000))[0]?.task).toBe('old-low');
  });

  it('never offers beyond capacity; chat takes three, voice blocks the rest', () => {
    const e = engine([queue('chat', 'true'), queue('phone', 'true')]);
    e.upsertAgent(agent('a1', {}, { profile: chatty }), T0);
    for (let i = 1; i <= 4; i++)
      e.submit(
        { id: `c${i}`, channel: 'webchat', attributes: {}, priority: 0, queueId: 'chat' },
        T0 + i,
      );
    expect(e.agentLoad('a1')).toEqual({ webchat: 3 });
    expect(e.getTask('c4')?.state).toBe('pending');
    e.submit(
      { id: 'v1', channel: 'voice', attributes: {}, priority: 0, queueId: 'phone' },
      T0 + 10,
    );
    expect(e.getTask('v1')?.state).toBe('pending'); // voice waits while chats are open
    for (let i = 1; i <= 3; i++) {
      e.accept(`r${i}`, 'a1', T0 + 20);
      e.complete(`c${i}`, 'a1', T0 + 30);
    }
    // All chats done: the older waiting task (c4) comes first, then voice must wait for it.
    expect(e.agentLoad('a1')).toEqual({ webchat: 1 });
    expect(e.getTask('v1')?.state).toBe('pending');
  });

  it('re-queues a rejected task to someone else and not back to the rejecter for a while', () => {
    const e = engine([billing], [], { cooldown: 30_000 });
    e.upsertAgent(agent('a1', { billing: 1 }, { lastIdleAt: T0 - 10 }), T0);
    const [o] = offers(
      e.submit({ id: 't1', channel: 'email', attributes: {}, priority: 0, queueId: 'billing' }, T0),
    );
    expect(o?.agent).toBe('a1');
    const c = e.reject(o!.id, 'a1', T0 + 1000);
    expect(offers(c)).toEqual([]);
    expect(c.events.map((x) => x.type)).toEqual(['task.offer_rejected']);
    e.upsertAgent(agent('a2', { billing: 1 }), T0 + 2000);
    expect(e.getTask('t1')).toMatchObject({ state: 'reserved', agentId: 'a2' });
  });

  it('times out an unanswered offer (RONA): the agent stops getting offers, the task goes on', () => {
    const e = engine([queue('billing', 'skills.billing >= 1', { reservationTimeoutSeconds: 15 })]);
    e.upsertAgent(agent('a1', { billing: 1 }, { lastIdleAt: T0 - 100 }), T0);
    e.upsertAgent(agent('a2', { billing: 1 }, { lastIdleAt: T0 - 50 }), T0);
    const [o] = offers(
      e.submit({ id: 't1', channel: 'voice', attributes: {}, priority: 0, queueId: 'billing' }, T0),
    );
    expect(o?.agent).toBe('a1');
    expect(e.tick(T0 + 14_999).rona).toEqual([]);
    const c = e.tick(T0 + 15_000);
    expect(c.rona).toEqual(['a1']);
    expect(c.reservations.map((r) => [r.id, r.state])).toEqual([
      ['r1', 'timeout'],
      ['r2', 'pending'],
    ]);
    expect(e.getTask('t1')).toMatchObject({ state: 'reserved', agentId: 'a2' });
    expect(() => e.accept('r1', 'a1', T0 + 16_000)).toThrow(
      expect.objectContaining({ code: 'reservation.expired' }),
    );
    expect(() => e.accept('r2', 'a1', T0 + 16_000)).toThrow(
      expect.objectContaining({ code: 'task.not_yours' }),
    );
    expect(() => e.complete('t1', 'a1', T0 + 16_000)).toThrow(
      expect.objectContaining({ code: 'task.not_yours' }),
    );
  });

  it('refuses to accept an offer that expired before the tick noticed', () => {
    const e = engine([queue('billing', 'true', { reservationTimeoutSeconds: 10 })]);
    e.upsertAgent(agent('a1', {}), T0);
    const [o] = offers(
      e.submit({ id: 't1', channel: 'voice', attributes: {}, priority: 0, queueId: 'billing' }, T0),
    );
    expect(() => e.accept(o!.id, 'a1', T0 + 10_000)).toThrow(
      expect.objectContaining({ code: 'reservation.expired' }),
    );
    expect(e.getTask('t1')?.state).toBe('pending');
  });
});

describe('routing engine: workflows and strategies', () => {
  const wf = {
    id: 'main',
    name: 'main',
    defaultQueueId: 'general',
    filters: [
      {
        name: 'billing',
        expression: 'topic == "billing"',
        steps: [
          {
            queueId: 'billing',
            expression: 'skills.billing >= 4',
            timeoutSeconds: 30,
            priority: null,
          },
          { queueId: 'billing', expression: null, timeoutSeconds: 60, priority: 5 },
          { queueId: 'general', expression: null, timeoutSeconds: null, priority: null },
        ],
      },
    ],
  };

  it('widens expiring steps at their timeouts (bullseye)', () => {
    const e = engine([billing, queue('general', 'true')], [wf]);
    e.upsertAgent(agent('junior', { billing: 2 }), T0);
    e.upsertAgent(agent('generalist', {}), T0);
    e.upsertAgent(agent('senior', { billing: 5 }, { routable: false }), T0);
    const c = e.submit(
      { id: 't1', channel: 'voice', attributes: { topic: 'billing' }, priority: 0 },
      T0,
    );
    expect(offers(c)).toEqual([]);
    expect(e.getTask('t1')).toMatchObject({ queueId: 'billing', stepIndex: 0, filterIndex: 0 });
    expect(offers(e.tick(T0 + 29_999))).toEqual([]);
    const widened = e.tick(T0 + 30_000);
    expect(widened.events.map((x) => x.type)).toEqual(['task.step_expired', 'task.reserved']);
    expect(offers(widened)).toEqual([{ task: 't1', agent: 'junior', id: 'r1' }]);
  });

  it('moves to the last step after every timeout, and an unmatched task to the default queue', () => {
    const e = engine([billing, queue('general', 'true')], [wf]);
    e.upsertAgent(agent('generalist', {}), T0);
    e.submit({ id: 't1', channel: 'voice', attributes: { topic: 'billing' }, priority: 0 }, T0);
    e.tick(T0 + 30_000);
    expect(e.getTask('t1')).toMatchObject({ state: 'pending', stepIndex: 1 });
    expect(offers(e.tick(T0 + 90_000))[0]).toMatchObject({ agent: 'generalist' });
    const other = e.submit(
      { id: 't2', channel: 'voice', attributes: { topic: 'roaming' }, priority: 0 },
      T0 + 100_000,
    );
    expect(other.tasks[0]).toMatchObject({ queueId: 'general', filterIndex: -1 });
  });

  it('offers to the preferred agent first, then to the queue after the timeout', () => {
    const e = engine([
      queue('vip', 'true', { strategy: 'preferred_agent', preferredTimeoutSeconds: 20 }),
    ]);
    e.upsertAgent(agent('last', {}, { routable: false }), T0);
    e.upsertAgent(agent('other', {}), T0);
    e.submit(
      {
        id: 't1',
        channel: 'voice',
        attributes: { preferredAgentId: 'last' },
        priority: 0,
        queueId: 'vip',
      },
      T0,
    );
    expect(e.getTask('t1')?.state).toBe('pending');
    expect(offers(e.setRoutable('last', true, T0 + 5000))).toEqual([
      { task: 't1', agent: 'last', id: 'r1' },
    ]);
    e.accept('r1', 'last', T0 + 5500);
    e.submit(
      {
        id: 't2',
        channel: 'voice',
        attributes: { preferredAgentId: 'last' },
        priority: 0,
        queueId: 'vip',
      },
      T0 + 6000,
    );
    expect(e.getTask('t2')?.state).toBe('pending');
    expect(offers(e.tick(T0 + 26_000))).toEqual([{ task: 't2', agent: 'other', id: 'r2' }]);
  });

  it('picks the most skilled, the least occupied, or in turn', () => {
    const skilled = engine([
      queue('q', 'has(skills.billing)', {
        strategy: 'most_skilled',
        strategySkill: 'skills.billing',
      }),
    ]);
    skilled.upsertAgent(agent('b2', { billing: 2 }, { lastIdleAt: T0 - 9999 }), T0);
    skilled.upsertAgent(agent('b5', { billing: 5 }), T0);
    expect(
      offers(
        skilled.submit(
          { id: 't', channel: 'voice', attributes: {}, priority: 0, queueId: 'q' },
          T0,
        ),
      )[0]?.agent,
    ).toBe('b5');

    const occ = engine([queue('q', 'true', { strategy: 'least_occupied' })]);
    occ.upsertAgent(agent('busy', {}, { profile: chatty, lastIdleAt: T0 - 9999 }), T0);
    occ.submit({ id: 'c1', channel: 'webchat', attributes: {}, priority: 0, queueId: 'q' }, T0);
    occ.upsertAgent(agent('idle', {}, { profile: chatty }), T0);
    expect(
      offers(
        occ.submit(
          { id: 'c2', channel: 'webchat', attributes: {}, priority: 0, queueId: 'q' },
          T0 + 1,
        ),
      )[0]?.agent,
    ).toBe('idle');

    const rr = engine([queue('q', 'true', { strategy: 'round_robin' })]);
    for (const id of ['x', 'y', 'z']) rr.upsertAgent(agent(id, {}, { profile: chatty }), T0);
    const seen = [1, 2, 3, 4].map(
      (i) =>
        offers(
          rr.submit(
            { id: `c${i}`, channel: 'webchat', attributes: {}, priority: 0, queueId: 'q' },
            T0 + i,
          ),
        )[0]?.agent,
    );
    expect(seen).toEqual(['x', 'y', 'z', 'x']);
  });

  it('lets a supervisor move a waiting task, change its priority or cancel it', () => {
    const e = engine([billing, queue('general', 'true')]);
    e.upsertAgent(agent('a1', { billing: 1 }, { routable: false }), T0);
    e.upsertAgent(agent('g1', {}, { routable: false }), T0);
    e.submit({ id: 't1', channel: 'voice', attributes: {}, priority: 0, queueId: 'billing' }, T0);
    e.submit(
      { id: 't2', channel: 'voice', attributes: {}, priority: 0, queueId: 'billing' },
      T0 + 1,
    );
    e.setPriority('t2', 50, T0 + 2);
    expect(offers(e.setRoutable('a1', true, T0 + 3))[0]?.task).toBe('t2');
    const moved = e.route('t1', { agentId: 'g1' }, T0 + 4);
    expect(moved.events.map((x) => x.type)).toEqual(['task.moved']);
    expect(offers(e.setRoutable('g1', true, T0 + 5))[0]).toMatchObject({ task: 't1', agent: 'g1' });
    e.submit(
      { id: 't3', channel: 'voice', attributes: {}, priority: 0, queueId: 'billing' },
      T0 + 6,
    );
    const c = e.cancel('t3', 'caller_hung_up', T0 + 7);
    expect(c.tasks[0]).toMatchObject({ state: 'canceled', reason: 'caller_hung_up' });
    expect(c.events[0]?.payload).toMatchObject({ whileWaiting: true });
    expect(() => e.cancel('t3', 'again', T0 + 8)).toThrow(
      expect.objectContaining({ code: 'not_found' }),
    );
    // t2 is being offered to a1 (a call ringing): moving it withdraws the offer first.
    const reRouted = e.route('t2', { queueId: 'general' }, T0 + 9);
    expect(reRouted.events.map((x) => x.type)).toEqual(
      expect.arrayContaining(['task.offer_canceled', 'task.moved']),
    );
    expect(reRouted.events.find((x) => x.type === 'task.offer_canceled')?.payload).toMatchObject({
      agentId: 'a1',
      reason: 'moved',
    });
    expect(e.getTask('t2')?.queueId).toBe('general');
    // …and it is routed again from there (a1, freed by the withdrawal, matches 'general').
    expect(e.getTask('t2')?.state).toBe('reserved');
    // An answered (assigned) task is not moved: transfer it instead.
    const t2 = e.getTask('t2')!;
    if (t2.state === 'reserved' && t2.reservationId)
      e.accept(t2.reservationId, t2.agentId!, T0 + 10);
    expect(() => e.route('t2', { queueId: 'billing' }, T0 + 11)).toThrow(
      expect.objectContaining({ code: 'task.illegal_transition' }),
    );
  });

  it('counts a caller who hangs up while an agent is rung as waiting, not one who was answered', () => {
    const e = engine([billing]);
    e.upsertAgent(agent('a1', { billing: 1 }), T0);
    e.submit({ id: 'r1', channel: 'voice', attributes: {}, priority: 0, queueId: 'billing' }, T0);
    expect(e.getTask('r1')?.state).toBe('reserved');
    const ringing = e.cancel('r1', 'caller_hung_up', T0 + 3_000);
    expect(ringing.events.find((x) => x.type === 'task.canceled')?.payload).toMatchObject({
      whileWaiting: true,
      waitedMs: 3_000,
    });
    e.submit({ id: 'r2', channel: 'voice', attributes: {}, priority: 0, queueId: 'billing' }, T0);
    const r2 = e.getTask('r2')!;
    if (r2.state === 'reserved' && r2.reservationId) e.accept(r2.reservationId, 'a1', T0 + 1);
    const talking = e.cancel('r2', 'caller_hung_up', T0 + 9_000);
    expect(talking.events.find((x) => x.type === 'task.canceled')?.payload).toMatchObject({
      whileWaiting: false,
    });
  });

  it('restores open tasks after a restart: reserved ones are offered again, once', () => {
    const e = engine([billing]);
    e.upsertAgent(agent('a1', { billing: 1 }), T0);
    e.upsertAgent(agent('a2', { billing: 1 }, { routable: false }), T0);
    e.submit({ id: 't1', channel: 'voice', attributes: {}, priority: 0, queueId: 'billing' }, T0);
    e.submit(
      { id: 't2', channel: 'voice', attributes: {}, priority: 0, queueId: 'billing' },
      T0 + 1,
    );
    const saved = e.openTasks();
    expect(saved.map((t) => t.state)).toEqual(['reserved', 'pending']);
    const fresh = engine([billing]);
    fresh.upsertAgent(agent('a1', { billing: 1 }), T0 + 10);
    fresh.upsertAgent(agent('a2', { billing: 1 }), T0 + 10);
    const changes = saved.map((t) => fresh.restore(t, T0 + 10));
    const all = changes.flatMap((c) => offers(c));
    expect(all.map((o) => o.task).sort()).toEqual(['t1', 't2']);
    expect(new Set(all.map((o) => o.agent)).size).toBe(2);
  });

  it('rejects bad workflows with the path and the expression position', () => {
    expect(() =>
      engine(
        [billing, queue('general', 'true')],
        [{ ...wf, filters: [{ ...wf.filters[0]!, expression: 'topic == ' }] }],
      ),
    ).toThrow(
      expect.objectContaining({
        code: 'routing.invalid_expression',
        details: expect.objectContaining({ path: 'filters[0].expression' }),
      }),
    );
    expect(() =>
      engine([billing, queue('general', 'true')], [{ ...wf, defaultQueueId: 'nope' }]),
    ).toThrow(expect.objectContaining({ code: 'routing.invalid_workflow' }));
    expect(defaultCapacityProfile.limits.voice).toBe(1);
  });
});
