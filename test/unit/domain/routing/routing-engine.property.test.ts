/**
 * Router invariants over random workloads: no agent over capacity, never two live offers for one
 * task, offers only to eligible agents, no task left waiting while an eligible agent is free,
 * FIFO within equal priority, RONA re-queues.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  defaultCapacityProfile,
  hasRoom,
  type CapacityProfile,
  type WorkChannel,
} from '../../../../src/domain/agent/capacity.ts';
import {
  compileExpression,
  test as matches,
} from '../../../../src/domain/routing/expression/expression.ts';
import type { Reservation } from '../../../../src/domain/routing/reservation.ts';
import type { RouterChanges } from '../../../../src/domain/routing/routing-engine.ts';
import { holdsAgent, type Task } from '../../../../src/domain/routing/task.ts';
import { agent, chatty, engine, queue, T0 } from './engine-fixtures.ts';

const queues = [
  queue('qa', 'skills.a >= 1', { reservationTimeoutSeconds: 10 }),
  queue('qb', 'skills.b >= 2'),
  queue('qab', 'skills.a >= 1 and skills.b >= 1'),
];
const channels: WorkChannel[] = ['voice', 'webchat', 'email'];
const emailer: CapacityProfile = {
  ...defaultCapacityProfile,
  id: 'mixed',
  voiceBlocksOthers: false,
  limits: { voice: 1, webchat: 2, email: 2 },
  maxTotal: 3,
};

type Op =
  | { k: 'submit'; q: number; ch: number; p: number }
  | { k: 'accept'; i: number }
  | { k: 'reject'; i: number }
  | { k: 'complete'; i: number }
  | { k: 'wrap'; i: number }
  | { k: 'cancel'; i: number }
  | { k: 'routable'; a: number; on: boolean }
  | { k: 'tick'; ms: number };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      k: fc.constant('submit' as const),
      q: fc.nat(2),
      ch: fc.nat(2),
      p: fc.nat(3),
    }),
  },
  { weight: 3, arbitrary: fc.record({ k: fc.constant('accept' as const), i: fc.nat(50) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('reject' as const), i: fc.nat(50) }) },
  { weight: 2, arbitrary: fc.record({ k: fc.constant('complete' as const), i: fc.nat(50) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('wrap' as const), i: fc.nat(50) }) },
  { weight: 1, arbitrary: fc.record({ k: fc.constant('cancel' as const), i: fc.nat(50) }) },
  {
    weight: 2,
    arbitrary: fc.record({ k: fc.constant('routable' as const), a: fc.nat(4), on: fc.boolean() }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      k: fc.constant('tick' as const),
      ms: fc.integer({ min: 0, max: 15_000 }),
    }),
  },
);

const agentSpec = fc.record({
  a: fc.nat(3),
  b: fc.nat(3),
  profile: fc.constantFrom(defaultCapacityProfile, chatty, emailer),
});

describe('routing engine invariants (fast-check)', () => {
  it('keeps capacity, single offers, eligibility and work conservation under random workloads', () => {
    fc.assert(
      fc.property(
        fc.array(agentSpec, { minLength: 1, maxLength: 5 }),
        fc.array(op, { minLength: 1, maxLength: 120 }),
        (specs, ops) => {
          const e = engine(queues, [], { cooldown: 5_000 });
          let now = T0;
          const agents = specs.map((s, i) =>
            agent(`a${i}`, { a: s.a, b: s.b }, { profile: s.profile, lastIdleAt: T0 - i }),
          );
          const routable = new Map(agents.map((a) => [a.id, true]));
          const tasks = new Map<string, Task>();
          const res = new Map<string, Reservation>();
          const rejectedAt = new Map<string, number>(); // `${task}|${agent}` → time
          const apply = (c: RouterChanges) => {
            c.tasks.forEach((t) => tasks.set(t.id, t));
            c.reservations.forEach((r) => res.set(r.id, r));
            c.rona.forEach((id) => routable.set(id, false));
          };
          const tryApply = (f: () => RouterChanges) => {
            try {
              apply(f());
            } catch (err) {
              expect((err as { code?: string }).code).toMatch(/^(reservation\.|task\.|not_found)/);
              apply(e.drain());
            }
          };
          for (const a of agents) apply(e.upsertAgent(a, now));
          let n = 0;
          const pick = <T>(xs: T[], i: number) => xs[i % Math.max(1, xs.length)];
          for (const o of ops) {
            now += 1;
            const pending = [...res.values()].filter((r) => r.state === 'pending');
            const held = [...tasks.values()].filter(
              (t) => t.state === 'assigned' || t.state === 'wrapping',
            );
            const open = [...tasks.values()].filter(
              (t) => t.state !== 'completed' && t.state !== 'canceled',
            );
            switch (o.k) {
              case 'submit':
                apply(
                  e.submit(
                    {
                      id: `t${++n}`,
                      channel: channels[o.ch]!,
                      attributes: {},
                      priority: o.p,
                      queueId: queues[o.q]!.id,
                    },
                    now,
                  ),
                );
                break;
              case 'accept': {
                const r = pick(pending, o.i);
                if (r) tryApply(() => e.accept(r.id, r.agentId, now));
                break;
              }
              case 'reject': {
                const r = pick(pending, o.i);
                if (r) {
                  rejectedAt.set(`${r.taskId}|${r.agentId}`, now);
                  tryApply(() => e.reject(r.id, r.agentId, now));
                }
                break;
              }
              case 'complete': {
                const t = pick(held, o.i);
                if (t) apply(e.complete(t.id, t.agentId, now));
                break;
              }
              case 'wrap': {
                const t = pick(
                  held.filter((x) => x.state === 'assigned'),
                  o.i,
                );
                if (t) apply(e.wrap(t.id, t.agentId, now));
                break;
              }
              case 'cancel': {
                const t = pick(open, o.i);
                if (t) apply(e.cancel(t.id, 'test', now));
                break;
              }
              case 'routable': {
                const id = agents[o.a % agents.length]!.id;
                routable.set(id, o.on);
                apply(e.setRoutable(id, o.on, now));
                break;
              }
              case 'tick':
                now += o.ms;
                apply(e.tick(now));
                break;
            }

            // 1. capacity, and load equals the tasks each agent holds
            for (const a of agents) {
              const load = e.agentLoad(a.id);
              const mine = [...tasks.values()].filter(
                (t) => t.agentId === a.id && holdsAgent(t.state),
              );
              for (const ch of channels)
                expect(load[ch] ?? 0).toBe(mine.filter((t) => t.channel === ch).length);
              const lim = a.profile.limits;
              for (const ch of channels) expect(load[ch] ?? 0).toBeLessThanOrEqual(lim[ch] ?? 0);
              if (a.profile.voiceBlocksOthers)
                expect((load.voice ?? 0) > 0 && mine.some((t) => t.channel !== 'voice')).toBe(
                  false,
                );
              if (a.profile.maxTotal !== null)
                expect(mine.length).toBeLessThanOrEqual(a.profile.maxTotal);
            }
            // 2. at most one live offer per task, and it matches the task's state
            const live = [...res.values()].filter((r) => r.state === 'pending');
            expect(new Set(live.map((r) => r.taskId)).size).toBe(live.length);
            for (const r of live)
              expect(tasks.get(r.taskId)).toMatchObject({
                state: 'reserved',
                agentId: r.agentId,
                reservationId: r.id,
              });
            // 3. offers only to eligible agents
            for (const t of tasks.values())
              if (t.agentId && holdsAgent(t.state)) {
                const q = queues.find((x) => x.id === t.queueId)!;
                expect(
                  matches(
                    compileExpression(q.targetExpression),
                    agents.find((a) => a.id === t.agentId)!.ctx,
                  ),
                ).toBe(true);
              }
            // 4. no task waits while an eligible, routable agent with room (who has not just declined it) is free
            for (const t of tasks.values()) {
              if (t.state !== 'pending') continue;
              const q = queues.find((x) => x.id === t.queueId)!;
              const expr = compileExpression(q.targetExpression);
              for (const a of agents) {
                if (!routable.get(a.id) || !matches(expr, a.ctx)) continue;
                const declined = rejectedAt.get(`${t.id}|${a.id}`);
                if (declined !== undefined && now < declined + 5_000) continue;
                expect(
                  hasRoom(a.profile, e.agentLoad(a.id), t.channel),
                  `${t.id} waits while ${a.id} is free`,
                ).toBe(false);
              }
            }
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('offers equal-priority tasks of one queue first come, first served', () => {
    fc.assert(
      fc.property(fc.array(fc.boolean(), { minLength: 1, maxLength: 80 }), (steps) => {
        const e = engine([queue('q', 'true')]);
        let now = T0;
        e.upsertAgent(agent('a1', {}), now);
        const offered: string[] = [];
        let submitted = 0;
        let current: { task: string; id: string } | null = null;
        const take = (c: RouterChanges) => {
          for (const r of c.reservations)
            if (r.state === 'pending') {
              offered.push(r.taskId);
              current = { task: r.taskId, id: r.id };
            }
        };
        for (const submit of steps) {
          now += 1000;
          if (submit)
            take(
              e.submit(
                {
                  id: `t${++submitted}`,
                  channel: 'voice',
                  attributes: {},
                  priority: 0,
                  queueId: 'q',
                },
                now,
              ),
            );
          else if (current) {
            const { task, id } = current;
            current = null;
            e.accept(id, 'a1', now);
            take(e.complete(task, 'a1', now));
          }
        }
        expect(offered).toEqual(Array.from({ length: offered.length }, (_, i) => `t${i + 1}`));
      }),
      { numRuns: 300 },
    );
  });
});

describe('routing engine aging and widening (fast-check)', () => {
  it('lets a low-priority task through eventually however many high-priority tasks keep coming', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 50 }), // priority gap
        fc.integer({ min: 1, max: 10 }), // aging points per minute
        fc.integer({ min: 1, max: 5 }), // high-priority arrivals per served task
        (gap, aging, burst) => {
          const e = engine([queue('q', 'true')], [], { aging });
          let now = T0;
          e.upsertAgent(agent('a1', {}, { routable: false }), now);
          e.submit({ id: 'low', channel: 'voice', attributes: {}, priority: 0, queueId: 'q' }, now);
          let n = 0;
          let c = e.setRoutable('a1', true, now);
          // Each minute: `burst` new high-priority tasks arrive, the agent serves one task.
          const bound = gap / aging + 2; // minutes until the low task's score passes fresh arrivals
          for (let minute = 0; minute <= bound; minute++) {
            now += 60_000;
            for (let b = 0; b < burst; b++)
              e.submit(
                { id: `h${++n}`, channel: 'voice', attributes: {}, priority: gap, queueId: 'q' },
                now,
              );
            const offer = c.reservations.find((r) => r.state === 'pending');
            if (offer?.taskId === 'low') return;
            if (offer) {
              e.accept(offer.id, 'a1', now);
              c = e.complete(offer.taskId, 'a1', now);
            }
          }
          expect(c.reservations.find((r) => r.state === 'pending')?.taskId).toBe('low');
        },
      ),
      { numRuns: 200 },
    );
  });

  it('widens expiring steps exactly at their timeouts and never before', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 120 }), { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 600_000 }),
        (timeouts, at) => {
          const queues = timeouts.map((_, i) => queue(`s${i}`, `skills.x >= ${10 - i}`));
          const last = queue('last', 'true');
          const wf = {
            id: 'w',
            name: 'w',
            defaultQueueId: 'last',
            filters: [
              {
                name: 'all',
                expression: 'true',
                steps: [
                  ...timeouts.map((t, i) => ({
                    queueId: `s${i}`,
                    expression: null,
                    timeoutSeconds: t,
                    priority: null,
                  })),
                  { queueId: 'last', expression: null, timeoutSeconds: null, priority: null },
                ],
              },
            ],
          };
          const e = engine([...queues, last], [wf]);
          e.submit({ id: 't', channel: 'voice', attributes: {}, priority: 0 }, T0);
          e.tick(T0 + at);
          // The step the task should be in at `at`: steps whose cumulative timeouts have passed.
          let expected = 0;
          let elapsed = 0;
          for (const t of timeouts) {
            elapsed += t * 1000;
            if (at >= elapsed) expected++;
            else break;
          }
          // One tick advances through every step already due, each starting when the last expired.
          expect(e.getTask('t')?.stepIndex).toBe(expected);
          // Ticking each second reaches exactly the expected step.
          const e2 = engine([...queues, last], [wf]);
          e2.submit({ id: 't', channel: 'voice', attributes: {}, priority: 0 }, T0);
          for (let s = 1000; s <= at; s += 1000) e2.tick(T0 + s);
          const expectedBySecond = (() => {
            let k = 0;
            let el = 0;
            for (const t of timeouts) {
              el += t * 1000;
              if (Math.floor(at / 1000) * 1000 >= el) k++;
              else break;
            }
            return k;
          })();
          expect(e2.getTask('t')?.stepIndex).toBe(expectedBySecond);
        },
      ),
      { numRuns: 150 },
    );
  });
});
