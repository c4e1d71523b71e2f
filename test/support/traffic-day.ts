/**
 * A day of contact-center traffic driven through the real router with a manual clock: callers
 * and chats arrive at random (seeded, so every run is the same day), wait with a patience of
 * their own and hang up when it runs out, agents accept offers after a few seconds, sometimes
 * let one time out, handle the contact and take breaks. What the day leaves is an ordinary event
 * log, the input of the statistics tests.
 */
import type { Actor } from '../../src/app/app-context.ts';
import type { ManualClock } from '../../src/app/ports/clock.ts';
import type { RouterService } from '../../src/app/routing/router-service.ts';
import { noAnswerReasonCode } from '../../src/domain/agent/reason-codes.ts';
import { DomainError } from '../../src/domain/errors.ts';

/** mulberry32: a small seeded PRNG; the same seed gives the same day. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface TrafficDay {
  readonly router: RouterService;
  readonly clock: ManualClock;
  readonly agents: readonly Actor[];
  /** Queue per channel the arrivals go to. */
  readonly queues: { readonly voice: string; readonly webchat: string };
  readonly from: Date;
  readonly to: Date;
  readonly seed: number;
  /** Mean seconds between arrivals. */
  readonly meanGapSeconds?: number;
}

export interface TrafficSummary {
  arrivals: number;
  accepted: number;
  abandoned: number;
  missedOffers: number;
  breaks: number;
}

type Action = { at: number; run: () => Promise<void> };

/** Runs the day; returns what happened by the simulator's own count. */
export async function runTrafficDay(d: TrafficDay): Promise<TrafficSummary> {
  const rnd = seeded(d.seed);
  const exp = (mean: number) => -Math.log(1 - rnd()) * mean;
  const summary: TrafficSummary = {
    arrivals: 0,
    accepted: 0,
    abandoned: 0,
    missedOffers: 0,
    breaks: 0,
  };
  const agenda: Action[] = [];
  const at = (ms: number, run: () => Promise<void>) => {
    agenda.push({ at: ms, run });
    agenda.sort((a, b) => a.at - b.at);
  };
  const open = new Set<string>();
  const offered = new Set<string>();
  const byId = new Map(d.agents.map((a) => [a.id, a]));
  /** Router refusals the day can cause (an offer that just timed out, a caller who just left). */
  const tolerate = async (f: () => Promise<unknown>) => {
    try {
      await f();
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
    }
  };

  /** An agent the router set away for a missed offer (RONA) notices and comes back. */
  const returning = new Set<string>();
  const lookForRona = () => {
    for (const a of d.agents) {
      const s = d.router.agentSession(a.id);
      if (s?.state !== 'away' || s.reason !== noAnswerReasonCode || returning.has(a.id)) continue;
      returning.add(a.id);
      at(d.clock.now().getTime() + 20_000 + rnd() * 40_000, async () => {
        returning.delete(a.id);
        await d.router.setState(a, a.id, { state: 'available' }, 'agent');
      });
    }
  };

  const lookForOffers = () => {
    for (const taskId of open) {
      const r = d.router.pendingReservationFor(taskId);
      if (!r || r.state !== 'pending' || offered.has(r.id)) continue;
      offered.add(r.id);
      const agent = byId.get(r.agentId);
      if (!agent) continue;
      if (rnd() < 0.05) {
        summary.missedOffers++; // the agent lets it ring out; the router times it out
        continue;
      }
      const now = d.clock.now().getTime();
      at(now + 2_000 + rnd() * 6_000, async () => {
        const still = d.router.pendingReservationFor(taskId);
        if (still?.id !== r.id || still.state !== 'pending') return;
        await d.router.accept(agent, r.id);
        summary.accepted++;
        const handle = 60_000 + rnd() * 240_000;
        at(d.clock.now().getTime() + handle, async () => {
          open.delete(taskId);
          await d.router.complete(agent, taskId, agent.id, 'resolved');
          if (rnd() < 0.08) {
            summary.breaks++;
            await d.router.setState(agent, agent.id, { state: 'away', reason: 'break' }, 'agent');
            at(d.clock.now().getTime() + 300_000 + rnd() * 600_000, () =>
              d.router.setState(agent, agent.id, { state: 'available' }, 'agent').then(() => {}),
            );
          }
        });
      });
    }
  };

  const gap = (d.meanGapSeconds ?? 40) * 1000;
  for (let t = d.from.getTime() + exp(gap); t < d.to.getTime(); t += exp(gap)) {
    const channel = rnd() < 0.7 ? 'voice' : 'webchat';
    const patience = exp(channel === 'voice' ? 60_000 : 180_000);
    at(t, async () => {
      const task = await d.router.submit(null, {
        channel,
        attributes: {},
        queueId: d.queues[channel],
      });
      summary.arrivals++;
      open.add(task.id);
      at(d.clock.now().getTime() + patience, async () => {
        const s = d.router.openTasks().find((x) => x.id === task.id)?.state;
        if (s !== 'pending' && s !== 'reserved') return;
        open.delete(task.id);
        summary.abandoned++;
        await d.router.cancel(null, task.id, 'caller_hung_up');
      });
    });
  }

  for (const a of d.agents) await d.router.login(a, { softphone: true });
  d.clock.set(d.from);
  while (agenda.length) {
    const next = agenda.shift()!;
    // Let the router's own timers (offer timeouts) run on the way to the next event.
    while (d.clock.now().getTime() + 1_000 < next.at) {
      d.clock.advance(1_000);
      await d.router.tick();
      lookForOffers();
      lookForRona();
    }
    if (next.at > d.clock.now().getTime()) d.clock.set(new Date(next.at));
    await tolerate(next.run);
    await d.router.tick();
    lookForOffers();
    lookForRona();
  }
  return summary;
}
