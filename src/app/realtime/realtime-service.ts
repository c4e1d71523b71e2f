/**
 * The live wallboard figures: per queue, agent and team, rebuilt from today's events at start
 * and kept current from every commit. `snapshot()` combines them with the router's state;
 * subscribers get a snapshot at most once a second, each with a growing `version` so clients
 * can drop stale ones.
 */
import { displayState, type DisplayState } from '../../domain/agent/agent-state.ts';
import type { LoggedEvent } from '../../domain/events/domain-event.ts';
import { compileExpression, test } from '../../domain/routing/expression/expression.ts';
import {
  averageSpeedOfAnswerMs,
  emptyCounters,
  foldTaskEvent,
  serviceLevel,
  type QueueCounters,
} from '../../domain/stats/queue-day-counters.ts';
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
}

export class RealtimeService {
  private day = '';
  private counters = new Map<string, QueueCounters>();
  private lastSeq = 0;
  private version = 0;
  private dirty = true;
  private readonly listeners = new Set<(s: RealtimeSnapshot) => void>();
  private timer: ReturnType<typeof setInterval> | null = null;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly deps: AppDeps,
    private readonly router: RouterService,
  ) {}

  /** Rebuilds today's counters from the log and follows new commits. */
  async start(): Promise<void> {
    const buffered: LoggedEvent[] = [];
    let live = false;
    this.unsubscribe = this.deps.store.onCommit((events) => {
      if (live) events.forEach((e) => this.fold(e));
      else buffered.push(...events);
    });
    await this.rebuild();
    live = true;
    buffered.forEach((e) => this.fold(e));
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
    this.day = localDateOf(now, this.deps.config.timeZone);
    this.counters = new Map();
    this.lastSeq = 0;
    const from = this.startOfDay(now);
    for (;;) {
      const page = await this.deps.store.events.since(from, this.lastSeq, 5000);
      page.forEach((e) => this.fold(e));
      if (page.length < 5000) break;
    }
  }

  private thresholdMs = (queueId: string) =>
    (this.router.queues().find((q) => q.id === queueId)?.serviceLevelSeconds ?? 20) * 1000;

  private fold(e: LoggedEvent): void {
    if (e.seq <= this.lastSeq) return;
    this.lastSeq = e.seq;
    const day = localDateOf(e.at, this.deps.config.timeZone);
    if (day !== this.day) {
      if (day < this.day) return;
      this.day = day; // midnight passed: a new day starts from zero
      this.counters = new Map();
    }
    if (e.subjectType === 'task') foldTaskEvent(this.counters, e, this.thresholdMs);
    this.dirty = true;
  }

  snapshot(): RealtimeSnapshot {
    const now = this.deps.clock.now();
    if (localDateOf(now, this.deps.config.timeZone) !== this.day) {
      this.day = localDateOf(now, this.deps.config.timeZone);
      this.counters = new Map();
    }
    const nowMs = now.getTime();
    const waiting = this.router.waitingByQueue();
    const agents = this.router.agentsView();
    const agentStates = agents.map((a) => ({ ...a, state: displayState(a.session, a.load) }));
    const queues: QueueLive[] = this.router.queues().map((q) => {
      const w = waiting.get(q.id);
      const c = this.counters.get(q.id) ?? emptyCounters();
      const expr = safeCompile(q.targetExpression);
      const byState = noStates();
      for (const a of agentStates) if (expr && test(expr, a.ctx)) byState[a.state]++;
      const asa = averageSpeedOfAnswerMs(c);
      return {
        queueId: q.id,
        name: q.name,
        teamId: q.teamId,
        waiting: w?.count ?? 0,
        longestWaitSeconds:
          w && w.oldestCreatedAt !== null
            ? Math.max(0, Math.round((nowMs - w.oldestCreatedAt) / 1000))
            : 0,
        offered: c.offered,
        answered: c.answered,
        abandoned: c.abandoned,
        serviceLevelPercent: round1(serviceLevel(c)),
        serviceLevelSeconds: q.serviceLevelSeconds,
        averageSpeedOfAnswerSeconds: asa === null ? null : round1(asa / 1000),
        agents: byState,
      };
    });
    const agentList: AgentLive[] = agentStates.map((a) => ({
      agentId: a.session.agentId,
      name: a.displayName,
      teamIds: a.teamIds,
      state: a.state,
      reason: a.session.reason,
      secondsInState: Math.max(0, Math.round((nowMs - a.session.since) / 1000)),
      tasks: Object.values(a.load).reduce((x, y) => x + (y ?? 0), 0),
    }));
    const teamIds = new Set([
      ...agentList.flatMap((a) => a.teamIds),
      ...queues.flatMap((q) => (q.teamId ? [q.teamId] : [])),
    ]);
    const teams: TeamLive[] = [...teamIds].sort().map((teamId) => {
      const qs = queues.filter((q) => q.teamId === teamId);
      const sum = sumQueues(qs, this.counters);
      const byState = noStates();
      for (const a of agentList) if (a.teamIds.includes(teamId)) byState[a.state]++;
      return { teamId, agents: byState, waiting: qs.reduce((x, q) => x + q.waiting, 0), ...sum };
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
        ...sumQueues(queues, this.counters),
      },
      queues,
      agents: agentList,
      teams,
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
}

function sumQueues(qs: readonly QueueLive[], counters: ReadonlyMap<string, QueueCounters>) {
  const total = emptyCounters();
  for (const q of qs) {
    const c = counters.get(q.queueId);
    if (!c) continue;
    total.offered += c.offered;
    total.answered += c.answered;
    total.answeredInService += c.answeredInService;
    total.abandoned += c.abandoned;
    total.totalWaitMs += c.totalWaitMs;
  }
  return {
    offered: total.offered,
    answered: total.answered,
    abandoned: total.abandoned,
    serviceLevelPercent: round1(serviceLevel(total)),
  };
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
