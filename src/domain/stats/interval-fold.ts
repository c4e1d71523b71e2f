/**
 * Folds the router's task events into 15-minute interval counters per queue, channel and agent,
 * the rows historical reports read. A contact counts in the interval in which it was offered
 * (task.created, or moved into another queue); its answer, wait and handling time are added
 * there when they become known. The fold is pure: state in, events in, state and counter
 * increments out — so the materializer can store the state with the counters in one
 * transaction and a re-run from the same cursor adds exactly the same numbers.
 */
import type { LoggedEvent } from '../events/domain-event.ts';

export const intervalMs = 15 * 60_000;
export const intervalOf = (at: number): number => Math.floor(at / intervalMs) * intervalMs;

/** Team rows count the work of the team's agents (answered, handled), not queue offers. */
export type Dimension = 'queue' | 'channel' | 'agent' | 'team';

export interface IntervalCounters {
  offered: number;
  answered: number;
  answeredWithin: number;
  abandoned: number;
  shortAbandoned: number;
  waitAnsweredMs: number;
  handledCount: number;
  handleMs: number;
  transferred: number;
}

export const counterNames: readonly (keyof IntervalCounters)[] = [
  'offered',
  'answered',
  'answeredWithin',
  'abandoned',
  'shortAbandoned',
  'waitAnsweredMs',
  'handledCount',
  'handleMs',
  'transferred',
];

export interface OpenTask {
  readonly queueId: string;
  readonly channel: string;
  /** Start of the interval the task was offered in. */
  readonly interval: number;
  readonly agentId: string | null;
  readonly assignedAt: number | null;
}

export interface FoldState {
  readonly open: Record<string, OpenTask>;
}

export interface Increment {
  readonly interval: number;
  readonly dimension: Dimension;
  readonly key: string;
  readonly counts: Partial<IntervalCounters>;
}

export interface FoldRules {
  /** Service-level threshold of a queue, ms. */
  thresholdMs(queueId: string): number;
  /** Abandons shorter than this are short abandons. */
  readonly shortAbandonMs: number;
  /** The teams an agent belongs to (their work counts for each). */
  teamsOf?(agentId: string): readonly string[];
}

/** Applies events (in sequence order) to the state; returns the new state and the increments. */
export function foldIntervals(
  state: FoldState,
  events: readonly LoggedEvent[],
  rules: FoldRules,
): { state: FoldState; increments: Increment[] } {
  const open: Record<string, OpenTask> = { ...state.open };
  const out: Increment[] = [];
  const add = (t: OpenTask, counts: Partial<IntervalCounters>, agent: string | null = null) => {
    out.push({ interval: t.interval, dimension: 'queue', key: t.queueId, counts });
    out.push({ interval: t.interval, dimension: 'channel', key: t.channel, counts });
    if (!agent) return;
    out.push({ interval: t.interval, dimension: 'agent', key: agent, counts });
    for (const team of rules.teamsOf?.(agent) ?? [])
      out.push({ interval: t.interval, dimension: 'team', key: team, counts });
  };
  for (const e of events) {
    if (e.subjectType !== 'task') continue;
    const p = e.payload;
    const at = e.at.getTime();
    const id = e.subjectId;
    const t = open[id];
    switch (e.type) {
      case 'task.created': {
        const queueId = typeof p['queueId'] === 'string' ? p['queueId'] : '';
        const channel = typeof p['channel'] === 'string' ? p['channel'] : 'unknown';
        const task: OpenTask = {
          queueId,
          channel,
          interval: intervalOf(at),
          agentId: null,
          assignedAt: null,
        };
        open[id] = task;
        add(task, { offered: 1 });
        break;
      }
      case 'task.moved':
      case 'task.step_expired': {
        const to = typeof p['toQueueId'] === 'string' ? p['toQueueId'] : null;
        if (!t || !to || to === t.queueId) break;
        // A contact moved to another queue is offered there, from then on.
        const moved: OpenTask = { ...t, queueId: to, interval: intervalOf(at) };
        open[id] = moved;
        add(moved, { offered: 1 });
        break;
      }
      case 'task.assigned': {
        if (!t) break;
        const waited = typeof p['waitedMs'] === 'number' ? p['waitedMs'] : 0;
        const agentId = typeof p['agentId'] === 'string' ? p['agentId'] : null;
        open[id] = { ...t, agentId, assignedAt: at };
        add(
          t,
          {
            answered: 1,
            waitAnsweredMs: waited,
            answeredWithin: waited <= rules.thresholdMs(t.queueId) ? 1 : 0,
          },
          agentId,
        );
        break;
      }
      case 'task.completed': {
        if (!t) break;
        delete open[id];
        if (t.assignedAt === null) break;
        add(
          t,
          {
            handledCount: 1,
            handleMs: Math.max(0, at - t.assignedAt),
            transferred: p['wrapUpCode'] === 'transferred' ? 1 : 0,
          },
          t.agentId,
        );
        break;
      }
      case 'task.canceled': {
        if (!t) break;
        delete open[id];
        if (t.assignedAt !== null || p['whileWaiting'] === false) break;
        const waited = typeof p['waitedMs'] === 'number' ? p['waitedMs'] : 0;
        add(t, waited < rules.shortAbandonMs ? { shortAbandoned: 1 } : { abandoned: 1 });
        break;
      }
      default:
        break;
    }
  }
  return { state: { open }, increments: out };
}

/** Sums increments that land on the same row (one write per row per batch). */
export function mergeIncrements(list: readonly Increment[]): Increment[] {
  const by = new Map<
    string,
    { interval: number; dimension: Dimension; key: string; counts: Partial<IntervalCounters> }
  >();
  for (const i of list) {
    const k = `${i.interval}|${i.dimension}|${i.key}`;
    const cur = by.get(k) ?? {
      interval: i.interval,
      dimension: i.dimension,
      key: i.key,
      counts: {},
    };
    for (const n of counterNames) {
      const v = i.counts[n];
      if (v) cur.counts[n] = (cur.counts[n] ?? 0) + v;
    }
    by.set(k, cur);
  }
  return [...by.values()];
}
