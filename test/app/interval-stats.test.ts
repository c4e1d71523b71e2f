/**
 * 15-minute interval tables from the event log, over a real store (PGlite and PostgreSQL):
 * the numbers a routed day produces, and that catching up again, in small batches, or
 * rebuilding from the first event gives exactly the same rows.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  defaultCenterConfig,
  systemActor,
  type Actor,
  type AppDeps,
} from '../../src/app/app-context.ts';
import { OrgService } from '../../src/app/org/org-service.ts';
import { ManualClock } from '../../src/app/ports/clock.ts';
import type { Store } from '../../src/app/ports/store.ts';
import { RoutingConfigService } from '../../src/app/routing/routing-config-service.ts';
import { RouterService } from '../../src/app/routing/router-service.ts';
import { bootstrapCenter } from '../../src/app/seed/bootstrap.ts';
import { IntervalMaterializer } from '../../src/app/stats/interval-materializer.ts';
import { ReportService } from '../../src/app/stats/report-service.ts';
import { openTestStore, storeKinds } from '../support/test-stores.ts';

describe.each(storeKinds)('interval statistics on %s', (kind) => {
  let store: Store;
  let deps: AppDeps;
  let clock: ManualClock;
  let router: RouterService;
  let queueId: string;
  let ann: Actor;
  let teamId: string;

  beforeEach(async () => {
    store = await openTestStore(kind);
    await bootstrapCenter(store);
    clock = new ManualClock(Date.parse('2026-11-30T02:00:00Z'));
    deps = { store, clock, ids: { newId: randomUUID }, config: defaultCenterConfig };
    router = new RouterService(deps);
    await router.start();
    const org = new OrgService(deps);
    teamId = (await org.createTeam(systemActor, { name: 'Front', kind: 'front' })).id;
    const u = await org.createUser(systemActor, {
      username: 'ann',
      password: 'password1',
      role: 'agent',
      teamIds: [teamId],
    });
    ann = {
      id: u.id,
      username: 'ann',
      role: 'agent',
      teamIds: [teamId],
      customerId: null,
      ip: null,
    };
    queueId = (
      await new RoutingConfigService(deps, router).createQueue(systemActor, {
        name: 'Billing',
        targetExpression: 'true',
        wrapUpSeconds: 0,
        serviceLevelSeconds: 20,
      })
    ).id;
  });
  afterEach(async () => {
    await router?.stop();
    await store?.close();
  });

  async function day() {
    await router.login(ann, { softphone: true });
    // 02:00 answered after 5 s, handled 100 s.
    const a = await router.submit(null, { channel: 'voice', attributes: {}, queueId });
    clock.advance(5_000);
    const [offer] = (await store.routing.reservationsForTask(a.id)).filter(
      (r) => r.state === 'pending',
    );
    await router.accept(ann, offer!.id);
    clock.advance(100_000);
    await router.complete(ann, a.id, ann.id, 'resolved');
    // Ann goes away; two callers give up, one after 30 s, one after 2 s (a short abandon).
    await router.setState(ann, ann.id, { state: 'away', reason: 'break' }, 'agent');
    const b = await router.submit(null, { channel: 'voice', attributes: {}, queueId });
    const c = await router.submit(null, { channel: 'voice', attributes: {}, queueId });
    clock.advance(2_000);
    await router.cancel(null, c.id, 'caller_hung_up');
    clock.advance(28_000);
    await router.cancel(null, b.id, 'caller_hung_up');
    // 02:16, the next interval: a chat answered after 40 s (outside the 20 s threshold).
    clock.set('2026-11-30T02:16:00Z');
    const d = await router.submit(null, { channel: 'webchat', attributes: {}, queueId });
    clock.advance(40_000);
    await router.setState(ann, ann.id, { state: 'available' }, 'agent');
    const [offer2] = (await store.routing.reservationsForTask(d.id)).filter(
      (r) => r.state === 'pending',
    );
    await router.accept(ann, offer2!.id);
    clock.advance(60_000);
    await router.complete(ann, d.id, ann.id, 'resolved');
  }

  const rows = (dimension: 'queue' | 'channel' | 'agent' | 'team') =>
    new ReportService(deps).rows({
      dimension,
      from: new Date('2026-11-30T00:00:00Z'),
      to: new Date('2026-12-01T00:00:00Z'),
      granularity: '15m',
    });

  it(
    'counts offered, answered, abandons and times per interval, queue, channel and agent',
    { timeout: 30_000 },
    async () => {
      await day();
      const m = new IntervalMaterializer(deps);
      expect(await m.catchUp()).toBeGreaterThan(0);
      const q = await rows('queue');
      expect(q).toHaveLength(2);
      expect(q[0]).toMatchObject({
        period: '2026-11-30T02:00:00.000Z',
        key: queueId,
        offered: 2, // three entered, one a short abandon
        answered: 1,
        answeredWithin: 1,
        abandoned: 1,
        shortAbandoned: 1,
        asaMs: 5_000,
        ahtMs: 100_000,
        serviceLevel: 0.5,
      });
      expect(q[1]).toMatchObject({
        period: '2026-11-30T02:15:00.000Z',
        answered: 1,
        answeredWithin: 0,
        serviceLevel: 0,
        asaMs: 40_000,
      });
      const ch = await rows('channel');
      expect(ch.map((r) => `${r.period.slice(11, 16)} ${r.key} ${r.answered}`)).toEqual([
        '02:00 voice 1',
        '02:15 webchat 1',
      ]);
      const ag = await rows('agent');
      expect(ag.map((r) => [r.key, r.handledCount, r.handleMs])).toEqual([
        [ann.id, 1, 100_000],
        [ann.id, 1, 60_000],
      ]);
      const team = await rows('team');
      expect(team.map((r) => [r.key, r.answered, r.handleMs])).toEqual([
        [teamId, 1, 100_000],
        [teamId, 1, 60_000],
      ]);
      const daily = await new ReportService(deps).rows({
        dimension: 'queue',
        from: new Date('2026-11-30T00:00:00Z'),
        to: new Date('2026-12-01T00:00:00Z'),
        granularity: 'day',
      });
      expect(daily).toMatchObject([
        { period: '2026-11-30', offered: 3, answered: 2, abandoned: 1 },
      ]);
    },
  );

  it(
    'gives the same rows when run again, in small batches, or rebuilt',
    { timeout: 30_000 },
    async () => {
      await day();
      const m = new IntervalMaterializer(deps);
      await m.catchUp();
      const first = await rows('queue');
      expect(await m.catchUp()).toBe(0);
      expect(await rows('queue')).toEqual(first);
      await m.rebuild();
      expect(await rows('queue')).toEqual(first);
      // Catching up two events at a time (a stop after every batch) lands on the same numbers.
      await store.transaction((tx) => tx.stats.reset('intervals'));
      const small = new IntervalMaterializer(deps, { batch: 2 });
      await small.catchUp();
      expect(await rows('queue')).toEqual(first);
      expect(await rows('agent')).toHaveLength(2);
    },
  );
});
