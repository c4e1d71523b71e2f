/** The router use case over a real store (PGlite and PostgreSQL). */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  systemActor,
  defaultCenterConfig,
  type Actor,
  type AppDeps,
} from '../../src/app/app-context.ts';
import { OrgService } from '../../src/app/org/org-service.ts';
import { ManualClock } from '../../src/app/ports/clock.ts';
import type { Store } from '../../src/app/ports/store.ts';
import { RoutingConfigService } from '../../src/app/routing/routing-config-service.ts';
import { RouterService } from '../../src/app/routing/router-service.ts';
import { bootstrapCenter } from '../../src/app/seed/bootstrap.ts';
import { openTestStore, storeKinds } from '../support/test-stores.ts';

describe.each(storeKinds)('router service on %s', (kind) => {
  let store: Store;
  let deps: AppDeps;
  let clock: ManualClock;
  let router: RouterService;
  let cfg: RoutingConfigService;
  let billingQueue: string;
  const agents: Record<string, Actor> = {};

  beforeEach(async () => {
    store = await openTestStore(kind);
    await bootstrapCenter(store);
    clock = new ManualClock();
    deps = { store, clock, ids: { newId: randomUUID }, config: defaultCenterConfig };
    router = new RouterService(deps);
    cfg = new RoutingConfigService(deps, router);
    await router.start();
    const org = new OrgService(deps);
    const billing = await org.createSkill(systemActor, { name: 'billing' });
    const team = await org.createTeam(systemActor, { name: 'Front', kind: 'front' });
    for (const [name, level] of [
      ['ann', 4],
      ['bob', 2],
      ['cat', 0],
    ] as const) {
      const u = await org.createUser(systemActor, {
        username: name,
        password: 'password1',
        role: 'agent',
        teamIds: [team.id],
        skills: level ? [{ skillId: billing.id, level }] : [],
      });
      agents[name] = {
        id: u.id,
        username: name,
        role: 'agent',
        teamIds: [team.id],
        customerId: null,
        ip: null,
      };
    }
    billingQueue = (
      await cfg.createQueue(systemActor, {
        name: 'Billing',
        targetExpression: 'skills.billing >= 1',
        wrapUpSeconds: 30,
        reservationTimeoutSeconds: 15,
      })
    ).id;
  });
  afterEach(async () => store?.close());

  const offerOf = async (taskId: string) =>
    (await store.routing.reservationsForTask(taskId)).filter((r) => r.state === 'pending');

  it('logs agents in, offers, accepts, wraps up and completes, with events and stored state', async () => {
    await router.login(agents['ann']!, { softphone: true });
    clock.advance(1000);
    await router.login(agents['bob']!, { extension: '8001' });
    const t = await router.submit(null, {
      channel: 'voice',
      attributes: { customer: '8613900139000' },
      queueId: billingQueue,
    });
    expect(t).toMatchObject({ state: 'reserved', agentId: agents['ann']!.id }); // longest idle
    const [offer] = await offerOf(t.id);
    expect(offer).toMatchObject({ agentId: agents['ann']!.id, state: 'pending' });
    const assigned = await router.accept(agents['ann']!, offer!.id);
    expect(assigned.state).toBe('assigned');
    await router.wrap(null, t.id, null);
    expect(router.agentSession(agents['ann']!.id)).toMatchObject({
      state: 'wrapup',
      wrapUp: { taskId: t.id },
    });
    await router.complete(agents['ann']!, t.id, agents['ann']!.id, 'resolved');
    expect(router.agentSession(agents['ann']!.id)).toMatchObject({ state: 'available' });
    expect(await store.routing.getTask(t.id)).toMatchObject({
      state: 'completed',
      wrapUpCode: 'resolved',
    });
    const types = (await store.events.forSubject('task', t.id, 50)).map((e) => e.type);
    expect(types).toEqual([
      'task.created',
      'task.reserved',
      'task.assigned',
      'task.wrapping',
      'task.completed',
    ]);
    const agentEvents = (await store.events.forSubject('agent', agents['ann']!.id, 50)).map(
      (e) => `${e.type}:${String(e.payload['to'] ?? '')}`,
    );
    expect(agentEvents).toEqual([
      'agent.state_changed:available',
      'agent.state_changed:wrapup',
      'agent.state_changed:available',
    ]);
  });

  it('rejects complete of a task that is not yours and accept of an expired offer', async () => {
    await router.login(agents['ann']!, {});
    await router.login(agents['bob']!, {});
    const t = await router.submit(null, {
      channel: 'voice',
      attributes: {},
      queueId: billingQueue,
    });
    const [offer] = await offerOf(t.id);
    const other = offer!.agentId === agents['ann']!.id ? agents['bob']! : agents['ann']!;
    await expect(router.accept(other, offer!.id)).rejects.toMatchObject({ code: 'task.not_yours' });
    clock.advance(16_000);
    const owner = offer!.agentId === agents['ann']!.id ? agents['ann']! : agents['bob']!;
    await expect(router.accept(owner, offer!.id)).rejects.toMatchObject({
      code: 'reservation.expired',
    });
    // RONA: the owner is away (no answer) and the task went to the other agent.
    expect(router.agentSession(owner.id)).toMatchObject({ state: 'away', reason: 'no_answer' });
    expect(await store.routing.getTask(t.id)).toMatchObject({
      state: 'reserved',
      agentId: other.id,
    });
    await expect(router.complete(owner, t.id, owner.id, null)).rejects.toMatchObject({
      code: 'task.not_yours',
    });
  });

  it('times out unanswered offers on tick and sends rest requests for approval', async () => {
    await router.login(agents['ann']!, {});
    const t = await router.submit(null, {
      channel: 'voice',
      attributes: {},
      queueId: billingQueue,
    });
    clock.advance(15_000);
    await router.tick();
    expect(router.agentSession(agents['ann']!.id)).toMatchObject({
      state: 'away',
      reason: 'no_answer',
    });
    expect(await store.routing.getTask(t.id)).toMatchObject({ state: 'pending' });
    // Back to available: offered again.
    await router.setState(agents['ann']!, agents['ann']!.id, { state: 'available' }, 'agent');
    expect((await offerOf(t.id)).map((r) => r.agentId)).toEqual([agents['ann']!.id]);
    // Rest needs a supervisor's approval.
    await router.setState(
      agents['ann']!,
      agents['ann']!.id,
      { state: 'away', reason: 'rest' },
      'agent',
    );
    expect(router.agentSession(agents['ann']!.id)).toMatchObject({
      state: 'available',
      pendingAway: { reason: 'rest' },
    });
    await router.decideAway(systemActor, agents['ann']!.id, true, null);
    expect(router.agentSession(agents['ann']!.id)).toMatchObject({ state: 'away', reason: 'rest' });
    await expect(
      router.setState(agents['ann']!, agents['ann']!.id, { state: 'away', reason: 'nap' }, 'agent'),
    ).rejects.toMatchObject({ code: 'agent.invalid_reason' });
  });

  it('survives a restart: waiting and offered tasks are all there and offered again exactly once', async () => {
    await router.login(agents['ann']!, {});
    await router.login(agents['bob']!, {});
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (
          await router.submit(null, {
            channel: 'voice',
            attributes: { n: i },
            queueId: billingQueue,
          })
        ).id,
      );
    const before = await store.routing.listTasks(
      { states: ['pending', 'reserved'] },
      { limit: 50, offset: 0 },
    );
    expect(before.items.filter((t) => t.state === 'reserved')).toHaveLength(2);
    // A new router over the same store, as after kill -9 (the old one is simply dropped).
    clock.advance(2000);
    const fresh = new RouterService(deps);
    await fresh.start();
    const after = await store.routing.listTasks(
      { states: ['pending', 'reserved'] },
      { limit: 50, offset: 0 },
    );
    expect(after.items.map((t) => t.id).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const rs = await store.routing.reservationsForTask(id);
      expect(rs.filter((r) => r.state === 'pending').length).toBeLessThanOrEqual(1);
    }
    const live = (await Promise.all(ids.map(offerOf))).flat();
    expect(live).toHaveLength(2);
    expect(new Set(live.map((r) => r.agentId)).size).toBe(2);
    // The two tasks first in line are the ones offered (FIFO kept across the restart).
    expect(live.map((r) => r.taskId).sort()).toEqual(ids.slice(0, 2).sort());
    const old = (
      await Promise.all(ids.slice(0, 2).map((id) => store.routing.reservationsForTask(id)))
    ).flat();
    expect(old.filter((r) => r.state === 'canceled')).toHaveLength(2);
  });
});
