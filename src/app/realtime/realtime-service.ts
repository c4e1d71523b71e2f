/**
 * The live wallboard figures: per center, queue, team, channel and agent, rebuilt from today's
 * events at start and kept current from every commit. The day's counters come from the same fold
 * and the same KPI definitions as the historical interval tables (domain/stats), so at the end
 * of a day the wallboard and the day's report agree. `snapshot()` combines them with the
 * router's state; subscribers get a snapshot at most once a second, each with a growing
 * `version` so clients can drop stale ones.
 */
import { displayState, type DisplayState } from '../../domain/agent/agent-state.ts';
import type { LoggedEvent } from '../../domain/events/domain-event.ts';
import type { Alarm } from '../../domain/resource/alarm-rules.ts';
import { compileExpression, test } from '../../domain/routing/expression/expression.ts';
import {
  foldIntervals,
  type FoldRules,
  type FoldState,
  type IntervalCounters,
} from '../../domain/stats/interval-fold.ts';
import {
  addCounters,
  emptyIntervalCounters,
  intervalKpis,
} from '../../domain/stats/interval-kpis.ts';
import { defaultServiceLevelRules } from '../../domain/stats/kpis.ts';
import { localDateOf, wallTimeToInstant } from '../../domain/sla/zoned-time.ts';
import type { AppDeps } from '../app-context.ts';
import type { RouterService } from '../routing/router-service.ts';

const states: DisplayState[] = ['available', 'busy', 'away', 'wrapup', 'offline'];
type ByState = Record<DisplayState, number>;
const noStates = (): ByState => ({ available: 0, busy: 0, away: 0, wrapup: 0, offline: 0 });

export interface QueueLive {
  readonly queueId: string;
  readonly name: string;
  readonly teamId: string | null;
  readonly waiting: number;
  readonly longestWaitSeconds: number;
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  /** Callers who hung up within the short-abandon threshold: not offered, not abandoned. */
  readonly shortAbandoned: number;
  readonly serviceLevelPercent: number | null;
  readonly serviceLevelSeconds: number;
  readonly averageSpeedOfAnswerSeconds: number | null;
  readonly agents: ByState;
}

export interface AgentLive {
  readonly agentId: string;
  readonly name: string;
  readonly teamIds: readonly string[];
  readonly state: DisplayState;
  readonly reason: string | null;
  readonly secondsInState: number;
  readonly tasks: number;
  /** Today: contacts answered, contacts finished, and their average handling time. */
  readonly answered: number;
  readonly handled: number;
  readonly averageHandleSeconds: number | null;
}

export interface ChannelLive {
  readonly channel: string;
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  readonly serviceLevelPercent: number | null;
  readonly averageSpeedOfAnswerSeconds: number | null;
}

export interface TeamLive {
  readonly teamId: string;
  readonly agents: ByState;
  readonly waiting: number;
  readonly offered: number;
  readonly answered: number;
  readonly abandoned: number;
  readonly serviceLevelPercent: number | null;
}

export interface RealtimeSnapshot {
  readonly version: number;
  readonly at: string;
  readonly day: string;
  readonly center: {
    readonly waiting: number;
    readonly agents: ByState;
    readonly offered: number;
    readonly answered: number;
    readonly abandoned: number;
    readonly serviceLevelPercent: number | null;
  };
  readonly queues: QueueLive[];
  readonly agents: AgentLive[];
  readonly teams: TeamLive[];
  readonly channels: ChannelLive[];
  /** Active resource alarms (phones, trunks, nodes) for supervisors. */
  readonly alarms: readonly Alarm[];
}

export class RealtimeService {
  private day = '';
  /** Today's counters by `dimension|key`, and the fold's open tasks. */
  private totals = new Map<string, IntervalCounters>();
  private open: FoldState = { open: {} };
  private lastSeq = 0;
  private version = 0;
  private dirty = true;
  private readonly listeners = new Set<(s: RealtimeSnapshot) => void>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private unsubscribe: (() => void) | null = null;
  /** Where the active resource alarms come from (resource management). */
  alarmSource: () => readonly Alarm[] = () => [];

  constructor(
    private readonly deps: AppDeps,
    private readonly router: RouterService,
    private readonly o: { readonly shortAbandonMs?: number } = {},
  ) {}

  /** Rebuilds today's counters from the log and follows new commits. */
  async start(): Promise<void> {
    const buffered: LoggedEvent[] = [];
    let live = false;
    this.unsubscribe = this.deps.store.onCommit((events) => {
      if (live) this.fold(events);
      else buffered.push(...events);
    });
    await this.rebuild();
    live = true;
    this.fold(buffered);
  }

  stop(): void {
    this.unsubscribe?.();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private startOfDay(now: Date): Date {
    return wallTimeToInstant(
      localDateOf(now, this.deps.config.timeZone),
      0,
      this.deps.config.timeZone,
    );
  }

  private async rebuild(): Promise<void> {
    const now = this.deps.clock.now();
    this.newDay(localDateOf(now, this.deps.config.timeZone));
    this.lastSeq = 0;
    const from = this.startOfDay(now);
    for (;;) {
      const page = await this.deps.store.events.since(from, this.lastSeq, 5000);
      this.fold(page);
      if (page.length < 5000) break;
    }
  }

  private newDay(day: string): void {
    this.day = day;
    this.totals = new Map();
    this.open = { open: {} };
  }

  private rules(): FoldRules {
    const threshold = new Map(this.router.queues().map((q) => [q.id, q.serviceLevelSeconds]));
    return {
      thresholdMs: (id) => (threshold.get(id) ?? 20) * 1000,
      shortAbandonMs: this.o.shortAbandonMs ?? defaultServiceLevelRules.shortAbandonMs,
    };
  }

  /** Folds committed events (in sequence order) into today's counters. */
  private fold(events: readonly LoggedEvent[]): void {
    const tz = this.deps.config.timeZone;
    let run: LoggedEvent[] = [];
    const flush = () => {
      if (run.length === 0) return;
      const { state, increments } = foldIntervals(this.open, run, this.rules());
      this.open = state;
      for (const i of increments) {
        // A contact offered before midnight belongs to yesterday's figures.
        if (localDateOf(new Date(i.interval), tz) !== this.day) continue;
        this.counters(`${i.dimension}|${i.key}`, i.counts);
      }
      run = [];
    };
    for (const e of events) {
      if (e.seq <= this.lastSeq) continue;
      this.lastSeq = e.seq;
      const day = localDateOf(e.at, tz);
      if (day < this.day) continue;
      if (day !== this.day) {
        flush();
        this.newDay(day); // midnight passed: a new day starts from zero
      }
      if (e.subjectType === 'task') run.push(e);
    }
    flush();
    this.dirty = true;
  }

  /** The counters at `id`, with `add` added. */
  private counters(id: string, add: Partial<IntervalCounters> = {}): IntervalCounters {
    let c = this.totals.get(id);
    if (!c) this.totals.set(id, (c = emptyIntervalCounters()));
    addCounters(c, add);
    return c;
  }

  snapshot(): RealtimeSnapshot {
    const now = this.deps.clock.now();
    if (localDateOf(now, this.deps.config.timeZone) !== this.day)
      this.newDay(localDateOf(now, this.deps.config.timeZone));
    const get = (id: string) => this.totals.get(id) ?? emptyIntervalCounters();
    const nowMs = now.getTime();
    const waiting = this.router.waitingByQueue();
    const agents = this.router.agentsView();
    const agentStates = agents.map((a) => ({ ...a, state: displayState(a.session, a.load) }));
    const queues: QueueLive[] = this.router.queues().map((q) => {
      const w = waiting.get(q.id);
      const c = get(`queue|${q.id}`);
      const expr = safeCompile(q.targetExpression);
      const byState = noStates();
      for (const a of agentStates) if (expr && test(expr, a.ctx)) byState[a.state]++;

      return {
        queueId: q.id,
        name: q.name,
        teamId: q.teamId,
        waiting: w?.count ?? 0,
        longestWaitSeconds:
          w && w.oldestCreatedAt !== null
            ? Math.max(0, Math.round((nowMs - w.oldestCreatedAt) / 1000))
            : 0,
        ...figures(c),
        shortAbandoned: c.shortAbandoned,
        serviceLevelSeconds: q.serviceLevelSeconds,
        agents: byState,
      };
    });
    const agentList: AgentLive[] = agentStates.map((a) => {
      const c = get(`agent|${a.session.agentId}`);
      const aht = intervalKpis(c).ahtMs;
      return {
        agentId: a.session.agentId,
        name: a.displayName,
        teamIds: a.teamIds,
        state: a.state,
        reason: a.session.reason,
        secondsInState: Math.max(0, Math.round((nowMs - a.session.since) / 1000)),
        tasks: Object.values(a.load).reduce((x, y) => x + (y ?? 0), 0),
        answered: c.answered,
        handled: c.handledCount,
        averageHandleSeconds: aht === null ? null : round1(aht / 1000),
      };
    });
    const teamIds = new Set([
      ...agentList.flatMap((a) => a.teamIds),
      ...queues.flatMap((q) => (q.teamId ? [q.teamId] : [])),
    ]);
    const teams: TeamLive[] = [...teamIds].sort().map((teamId) => {
      const qs = queues.filter((q) => q.teamId === teamId);
      const sum = summed(qs.map((q) => get(`queue|${q.queueId}`)));
      const byState = noStates();
      for (const a of agentList) if (a.teamIds.includes(teamId)) byState[a.state]++;
      const { offered, answered, abandoned, serviceLevelPercent } = figures(sum);
      const waiting = qs.reduce((x, q) => x + q.waiting, 0);
      return {
        teamId,
        agents: byState,
        waiting,
        offered,
        answered,
        abandoned,
        serviceLevelPercent,
      };
    });
    const centerStates = noStates();
    for (const a of agentList) centerStates[a.state]++;
    this.dirty = false;
    return {
      version: ++this.version,
      at: now.toISOString(),
      day: this.day,
      center: {
        waiting: queues.reduce((x, q) => x + q.waiting, 0),
        agents: centerStates,
        ...centerFigures(figures(summed(this.keyed('queue')))),
      },
      queues,
      agents: agentList,
      teams,
      channels: [...this.totals.keys()]
        .filter((k) => k.startsWith('channel|'))
        .sort()
        .map((k) => ({ channel: k.slice('channel|'.length), ...figures(get(k)) })),
      alarms: [...this.alarmSource()],
    };
  }

  /** Calls `listener` with a snapshot at most once a second while anything changes. */
  subscribe(listener: (s: RealtimeSnapshot) => void): () => void {
    this.listeners.add(listener);
    if (!this.timer) {
      this.timer = setInterval(() => this.push(), 1000);
      this.timer.unref();
    }
    listener(this.snapshot());
    return () => {
      this.listeners.delete(listener);
      if (this.listeners.size === 0 && this.timer) {
        clearInterval(this.timer);
        this.timer = null;
      }
    };
  }

  private push(): void {
    // Times in state and waits grow every second, so agents' boards change even without events.
    if (this.listeners.size === 0) return;
    const s = this.snapshot();
    for (const l of this.listeners) l(s);
  }

  get hasChanges(): boolean {
    return this.dirty;
  }

  /** Today's counters of every key of one dimension (queues removed today still count). */
  private keyed(dimension: string): IntervalCounters[] {
    const prefix = `${dimension}|`;
    return [...this.totals].filter(([k]) => k.startsWith(prefix)).map(([, c]) => c);
  }
}

function summed(list: readonly IntervalCounters[]): IntervalCounters {
  const total = emptyIntervalCounters();
  for (const c of list) addCounters(total, c);
  return total;
}

/** The wallboard's figures from day counters, by the definitions of docs/kpis.md. */
function figures(c: IntervalCounters) {
  const k = intervalKpis(c);
  return {
    offered: k.offered,
    answered: c.answered,
    abandoned: c.abandoned,
    serviceLevelPercent: k.serviceLevel === null ? null : round1(k.serviceLevel * 100),
    averageSpeedOfAnswerSeconds: k.asaMs === null ? null : round1(k.asaMs / 1000),
  };
}

function centerFigures(f: ReturnType<typeof figures>) {
  const { offered, answered, abandoned, serviceLevelPercent } = f;
  return { offered, answered, abandoned, serviceLevelPercent };
}

const round1 = (x: number | null) => (x === null ? null : Math.round(x * 10) / 10);

function safeCompile(source: string) {
  try {
    return compileExpression(source);
  } catch {
    return null;
  }
}

export const displayStates = states;
