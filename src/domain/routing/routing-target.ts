/**
 * A routing target is where a task waits: a queue, for one channel, narrowed by a workflow step's
 * expression or pinned to one agent. Each target keeps
 * - the agents eligible for it (queue expression ∧ step expression ∧ pinned agent),
 * - the free ones (routable, with room for the channel) in a heap ordered by the queue's strategy,
 * - the waiting tasks in a heap ordered by score = priority + aging × time waited.
 * Because every task's score grows at the same rate, the order of two waiting tasks never
 * changes with time, so a static key (priority − aging × created) orders the heap.
 */
import type { CapacityProfile, WorkChannel } from '../agent/capacity.ts';
import type { CompiledExpression } from './expression/expression.ts';
import { IndexedHeap } from './indexed-heap.ts';
import type { QueueDef } from './queue.ts';
import type { TaskState } from './task.ts';

export interface EngineAgent {
  readonly id: string;
  ctx: object;
  profile: CapacityProfile;
  load: Partial<Record<WorkChannel, number>>;
  readonly tasks: Set<EngineTask>;
  routable: boolean;
  lastIdleAt: number;
  readonly targets: Set<RoutingTarget>;
  /** The same targets grouped by channel, as arrays for the hot loop in fill(). */
  readonly byChannel: Map<WorkChannel, RoutingTarget[]>;
  /** Tasks this agent rejected recently: not offered to them again until the time given. */
  readonly declined: Map<string, number>;
  /** For round robin: when this agent was last offered a task from each queue. */
  readonly lastOffered: Map<string, number>;
}

export interface EngineTask {
  readonly id: string;
  readonly channel: WorkChannel;
  readonly attributes: Readonly<Record<string, unknown>>;
  priority: number;
  /** Step priority override, or null. */
  stepPriority: number | null;
  readonly createdAt: number;
  readonly seq: number;
  /** Order key while waiting (see taskKey). */
  key: number;
  state: TaskState;
  workflowId: string | null;
  filterIndex: number;
  stepIndex: number;
  stepStartedAt: number;
  /** When the current step (or preferred-agent phase) ends, or null. */
  stepDeadline: number | null;
  /** Pinned to one agent: preferred-agent phase, supervisor route, or transfer. */
  pinnedAgentId: string | null;
  preferredPhase: boolean;
  queueId: string;
  target: RoutingTarget | null;
  agent: EngineAgent | null;
  reservationId: string | null;
  updatedAt: number;
  endedAt: number | null;
  reason: string | null;
}

/** Larger key first; ties by arrival. */
export const taskBefore = (a: EngineTask, b: EngineTask) =>
  a.key !== b.key ? a.key > b.key : a.seq < b.seq;

/** The static order key: (step) priority minus aging × arrival time; larger goes first. */
export const taskKey = (t: EngineTask, aging: number) =>
  (t.stepPriority ?? t.priority) - aging * t.createdAt;

export class RoutingTarget {
  readonly eligible = new Set<EngineAgent>();
  readonly free: IndexedHeap<EngineAgent>;
  readonly waiting: IndexedHeap<EngineTask>;
  /**
   * The head task's key and arrival, kept in plain fields so an agent comparing hundreds of
   * targets reads two numbers per target instead of following pointers into each heap.
   */
  headKey = -Infinity;
  headSeq = Infinity;

  constructor(
    readonly key: string,
    readonly queue: QueueDef,
    readonly channel: WorkChannel,
    private readonly queueExpr: CompiledExpression,
    private readonly stepExpr: CompiledExpression | null,
    readonly pinnedAgentId: string | null,
    private readonly matches: (e: CompiledExpression, ctx: object) => boolean,
    taskOrder: (a: EngineTask, b: EngineTask) => boolean,
    agentOrder: (a: EngineAgent, b: EngineAgent) => boolean,
  ) {
    this.waiting = new IndexedHeap(taskOrder);
    this.free = new IndexedHeap(agentOrder);
  }

  enqueue(task: EngineTask): void {
    this.waiting.push(task);
    this.syncHead();
  }

  dequeue(task: EngineTask): void {
    if (this.waiting.remove(task)) this.syncHead();
  }

  private syncHead(): void {
    const h = this.waiting.peek();
    this.headKey = h ? h.key : -Infinity;
    this.headSeq = h ? h.seq : Infinity;
  }

  accepts(a: EngineAgent): boolean {
    if (this.pinnedAgentId !== null) return a.id === this.pinnedAgentId;
    return (
      this.matches(this.queueExpr, a.ctx) &&
      (this.stepExpr === null || this.matches(this.stepExpr, a.ctx))
    );
  }
}

/** Orders free agents by the queue's selection strategy. */
export function agentOrderFor(
  q: QueueDef,
  occupancyOf: (a: EngineAgent) => number,
  skillOf: (a: EngineAgent) => number,
): (a: EngineAgent, b: EngineAgent) => boolean {
  const idle = (a: EngineAgent, b: EngineAgent) =>
    a.lastIdleAt !== b.lastIdleAt ? a.lastIdleAt < b.lastIdleAt : a.id < b.id;
  switch (q.strategy) {
    case 'least_occupied':
      return (a, b) => {
        const oa = occupancyOf(a);
        const ob = occupancyOf(b);
        return oa !== ob ? oa < ob : idle(a, b);
      };
    case 'round_robin':
      return (a, b) => {
        const la = a.lastOffered.get(q.id) ?? 0;
        const lb = b.lastOffered.get(q.id) ?? 0;
        return la !== lb ? la < lb : a.id < b.id;
      };
    case 'most_skilled':
      return (a, b) => {
        const sa = skillOf(a);
        const sb = skillOf(b);
        return sa !== sb ? sa > sb : idle(a, b);
      };
    case 'longest_idle':
    case 'preferred_agent':
      return idle;
  }
}
