/**
 * One event log, three readings that must agree: a simulated day of traffic (test/support/
 * traffic-day.ts: calls and chats through the real router, abandons, offers that time out,
 * breaks) is shown live on the wallboard, materialised into the interval tables, and rebuilt from
 * scratch; at the end of the day the live figures per center, queue, channel and agent equal the
 * day's report, the rebuild equals the first materialisation, and a wallboard started afresh
 * (a restart) rebuilds from the log to exactly what it showed before.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { defaultCenterConfig, systemActor, type Actor } from '../../src/app/app-context.ts';
import { OrgService } from '../../src/app/org/org-service.ts';
import { ManualClock } from '../../src/app/ports/clock.ts';
import type { Store } from '../../src/app/ports/store.ts';
import { RealtimeService, type RealtimeSnapshot } from '../../src/app/realtime/realtime-service.ts';
import { RoutingConfigService } from '../../src/app/routing/routing-config-service.ts';
import { RouterService } from '../../src/app/routing/router-service.ts';
import { bootstrapCenter } from '../../src/app/seed/bootstrap.ts';
import { IntervalMaterializer } from '../../src/app/stats/interval-materializer.ts';
import { ReportService, type ReportRow } from '../../src/app/stats/report-service.ts';
import { runTrafficDay } from '../support/traffic-day.ts';
import { openTestStore, storeKinds } from '../support/test-stores.ts';

/** The day's counters without the moment-to-moment parts (version, time, states, waits). */
function figures(s: RealtimeSnapshot) {
  return {
    day: s.day,
    center: { ...s.center, agents: undefined, waiting: undefined },
    queues: s.queues.map((q) => ({
      ...q,
      agents: undefined,
      waiting: undefined,
      longestWaitSeconds: undefined,
    })),
    channels: s.channels,
    agents: s.agents.map((a) => [a.agentId, a.answered, a.handled, a.averageHandleSeconds]),
  };
}

const pct = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 10);
const secs = (ms: number | null) => (ms === null ? null : Math.round(ms / 100) / 10);

describe.each(storeKinds)('statistics agree on %s', (kind) => {
  let store: Store | undefined;
  let router: RouterService | undefined;
  afterEach(async () => {
    await router?.stop();
    await store?.close();
  });

  it(
    'a simulated day: wallboard = day report = rebuild, and a restarted wallboard agrees',
    { timeout: 240_000 },
    async () => {
      store = await openTestStore(kind);
      await bootstrapCenter(store);
      const clock = new ManualClock(Date.parse('2026-11-30T00:30:00Z')); // 08:30 in Shanghai
      const deps = { store, clock, ids: { newId: randomUUID }, config: defaultCenterConfig };
      router = new RouterService(deps);
      await router.start();
      const org = new OrgService(deps);
      const teamId = (await org.createTeam(systemActor, { name: 'Front', kind: 'front' })).id;
      const agents: Actor[] = [];
      for (const username of ['ann', 'bo', 'cai', 'dan']) {
        const u = await org.createUser(systemActor, {
          username,
          password: 'password1',
          role: 'agent',
          teamIds: [teamId],
        });
        agents.push({
          id: u.id,
          username,
          role: 'agent',
          teamIds: [teamId],
          customerId: null,
          ip: null,
        });
      }
      const cfg = new RoutingConfigService(deps, router);
      const queue = (name: string, serviceLevelSeconds: number) =>
        cfg
          .createQueue(systemActor, {
            name,
            targetExpression: 'true',
            wrapUpSeconds: 0,
            serviceLevelSeconds,
            reservationTimeoutSeconds: 15,
          })
          .then((q) => q.id);
      const queues = { voice: await queue('Hotline', 20), webchat: await queue('Chat', 60) };

      const live = new RealtimeService(deps, router);
      await live.start();
      const day = await runTrafficDay({
        router,
        clock,
        agents,
        queues,
        from: new Date('2026-11-30T01:00:00Z'),
        to: new Date('2026-11-30T07:00:00Z'),
        seed: 20261130,
      });
      // A real day: hundreds of contacts, callers who gave up, offers that rang out, breaks.
      expect(day.arrivals).toBeGreaterThan(400);
      expect(day.abandoned).toBeGreaterThan(10);
      expect(day.missedOffers).toBeGreaterThan(5);
      expect(day.breaks).toBeGreaterThan(5);
      const shown = live.snapshot();
      live.stop();

      // ── the day's report from the interval tables ────────────────────────────────
      const m = new IntervalMaterializer(deps);
      await m.catchUp();
      const report = (dimension: 'queue' | 'channel' | 'agent') =>
        new ReportService(deps).rows({
          dimension,
          from: new Date('2026-11-29T16:00:00Z'), // local midnight
          to: new Date('2026-11-30T16:00:00Z'),
          granularity: 'day',
        });
      const asLive = (r: ReportRow) => ({
        offered: r.offered,
        answered: r.answered,
        abandoned: r.abandoned,
        serviceLevelPercent: pct(r.serviceLevel),
        averageSpeedOfAnswerSeconds: secs(r.asaMs),
      });
      const byQueue = new Map((await report('queue')).map((r) => [r.key, r]));
      for (const q of shown.queues) {
        const r = byQueue.get(q.queueId);
        if (!r) {
          expect([q.offered, q.answered, q.abandoned, q.shortAbandoned]).toEqual([0, 0, 0, 0]);
          continue;
        }
        expect(r.period).toBe(shown.day);
        expect({ ...asLive(r), shortAbandoned: r.shortAbandoned }).toEqual({
          offered: q.offered,
          answered: q.answered,
          abandoned: q.abandoned,
          serviceLevelPercent: q.serviceLevelPercent,
          averageSpeedOfAnswerSeconds: q.averageSpeedOfAnswerSeconds,
          shortAbandoned: q.shortAbandoned,
        });
      }
      const channels = await report('channel');
      expect(shown.channels).toEqual(
        channels
          .sort((a, b) => a.key.localeCompare(b.key))
          .map((r) => ({ channel: r.key, ...asLive(r) })),
      );
      const byAgent = new Map((await report('agent')).map((r) => [r.key, r]));
      for (const a of shown.agents) {
        const r = byAgent.get(a.agentId)!;
        expect([a.answered, a.handled, a.averageHandleSeconds]).toEqual([
          r.answered,
          r.handledCount,
          secs(r.ahtMs),
        ]);
      }
      const sum = (k: 'offered' | 'answered' | 'abandoned') =>
        [...byQueue.values()].reduce((x, r) => x + r[k], 0);
      expect(shown.center).toMatchObject({
        offered: sum('offered'),
        answered: sum('answered'),
        abandoned: sum('abandoned'),
      });
      // The simulator's own count: every arrival is answered, abandoned or a short abandon.
      const short = shown.queues.reduce((x, q) => x + q.shortAbandoned, 0);
      expect(shown.center.offered + short).toBe(day.arrivals);
      expect(shown.center.answered).toBe(day.accepted);
      expect(shown.center.abandoned + short).toBe(day.abandoned);

      // ── a rebuild from the first event gives the same tables ─────────────────────
      const before = await report('queue');
      await m.rebuild();
      expect(await report('queue')).toEqual(before);

      // ── a restarted wallboard rebuilds from the log to what it showed ────────────
      const again = new RealtimeService(deps, router);
      await again.start();
      expect(figures(again.snapshot())).toEqual(figures(shown));
      again.stop();
    },
  );
});
