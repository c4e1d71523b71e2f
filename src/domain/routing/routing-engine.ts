/**
 * The router (ACD): one engine for every channel. It holds agents, queues, workflows and open
 * tasks in memory and decides offers. It is pure logic: no I/O, time is passed in, and every call
 * returns what changed (task and reservation snapshots, events, RONA'd agents) for the caller to
 * store. Invariants, checked by property tests:
 * - an agent is never over capacity (reservations count against capacity);
 * - a task has at most one pending reservation;
 * - within a target, equal-score tasks are offered first come, first served;
 * - aging lets a low-priority task through eventually; expiring steps widen at their timeouts.
 */
import { hasRoom, occupancy, type CapacityProfile, type WorkChannel } from '../agent/capacity.ts';
import { DomainError } from '../errors.ts';
import type { DomainEvent } from '../events/domain-event.ts';
import {
  compileExpression,
  evaluate,
  test,
  type CompiledExpression,
} from './expression/expression.ts';
import type { QueueDef } from './queue.ts';
import type { Reservation } from './reservation.ts';
import {
  agentOrderFor,
  RoutingTarget,
  taskBefore,
  taskKey,
  type EngineAgent,
  type EngineTask,
} from './routing-target.ts';
import { assertTaskMove, type Task, type TaskState } from './task.ts';
import { matchWorkflow, type CompiledWorkflow, type WorkflowStep } from './workflow.ts';

export interface EngineOptions {
  /** Score points a waiting task gains per minute (aging). */
  readonly agingPointsPerMinute: number;
  /** How long an agent is not offered a task they rejected. */
  readonly declineCooldownMs: number;
  readonly newId: () => string;
}

export interface NewTask {
  readonly id: string;
  readonly channel: WorkChannel;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly priority: number;
  readonly workflowId?: string | null | undefined;
  /** Send straight to a queue (skipping workflows) or to one agent. */
  readonly queueId?: string | null | undefined;
  readonly agentId?: string | null | undefined;
  /** Keep the original arrival time on restart or transfer. */
  readonly createdAt?: number | undefined;
  /** Agents not to offer this task to for a while (e.g. the one transferring it away). */
  readonly avoidAgentIds?: readonly string[] | undefined;
}

export interface AgentInput {
  readonly id: string;
  readonly ctx: object;
  readonly profile: CapacityProfile;
  readonly routable: boolean;
  readonly lastIdleAt: number;
  readonly teamIds: readonly string[];
}

/** What one engine call changed. */
export interface RouterChanges {
  readonly tasks: Task[];
  readonly reservations: Reservation[];
  readonly events: DomainEvent[];
  /** Agents whose offer timed out: the caller sets them away (no answer). */
  readonly rona: string[];
}

export class RoutingEngine {
  private readonly agents = new Map<string, EngineAgent>();
  private readonly agentTeams = new Map<string, readonly string[]>();
  private readonly queues = new Map<string, { def: QueueDef; expr: CompiledExpression }>();
  private readonly workflows = new Map<string, CompiledWorkflow>();
  private defaultWorkflowId: string | null = null;
  private readonly targets = new Map<string, RoutingTarget>();
  private readonly tasks = new Map<string, EngineTask>();
  private readonly reservations = new Map<string, Reservation>();
  private readonly stepExprs = new Map<string, CompiledExpression>();
  private readonly aging: number;
  private seq = 0;
  private out: {
    tasks: Map<string, EngineTask>;
    reservations: Map<string, Reservation>;
    events: DomainEvent[];
    rona: string[];
  } = RoutingEngine.empty();

  constructor(private readonly o: EngineOptions) {
    this.aging = o.agingPointsPerMinute / 60_000;
  }

  private static empty() {
    return {
      tasks: new Map<string, EngineTask>(),
      reservations: new Map<string, Reservation>(),
      events: [] as DomainEvent[],
      rona: [] as string[],
    };
  }

  private flush(): RouterChanges {
    const o = this.out;
    this.out = RoutingEngine.empty();
    return {
      tasks: [...o.tasks.values()].map(snapshot),
      reservations: [...o.reservations.values()],
      events: o.events,
      rona: o.rona,
    };
  }

  // ── configuration ────────────────────────────────────────────────────────

  setQueue(def: QueueDef): void {
    const expr = compileExpression(def.targetExpression);
    const prev = this.queues.get(def.id);
    this.queues.set(def.id, { def, expr });
    if (prev) {
      // Rebuild the queue's targets with the new expression and strategy; waiting tasks move over.
      for (const t of [...this.targets.values()].filter((x) => x.queue.id === def.id)) {
        this.targets.delete(t.key);
        for (const a of t.eligible) a.targets.delete(t);
        for (const task of [...t.waiting.values()]) {
          task.target = null;
          this.place(task, task.updatedAt);
        }
      }
    }
  }

  queueDefs(): QueueDef[] {
    return [...this.queues.values()].map((q) => q.def);
  }

  hasQueue(id: string): boolean {
    return this.queues.has(id);
  }

  queueDef(id: string): QueueDef | undefined {
    return this.queues.get(id)?.def;
  }

  setWorkflow(w: CompiledWorkflow, isDefault: boolean): void {
    this.workflows.set(w.def.id, w);
    if (isDefault || this.defaultWorkflowId === null) this.defaultWorkflowId = w.def.id;
  }

  removeWorkflow(id: string): void {
    this.workflows.delete(id);
    if (this.defaultWorkflowId === id)
      this.defaultWorkflowId = this.workflows.keys().next().value ?? null;
  }

  // ── agents ───────────────────────────────────────────────────────────────

  /** Adds or updates an agent (attributes, capacity profile, whether they can take work now). */
  upsertAgent(a: AgentInput, now: number): RouterChanges {
    let ag = this.agents.get(a.id);
    this.agentTeams.set(a.id, a.teamIds);
    if (!ag) {
      ag = {
        id: a.id,
        ctx: a.ctx,
        profile: a.profile,
        load: {},
        tasks: new Set(),
        routable: a.routable,
        lastIdleAt: a.lastIdleAt,
        targets: new Set(),
        byChannel: new Map(),
        declined: new Map(),
        lastOffered: new Map(),
      };
      this.agents.set(a.id, ag);
      for (const t of this.targets.values()) if (t.accepts(ag)) this.join(t, ag);
    } else {
      const ctxChanged = ag.ctx !== a.ctx;
      ag.ctx = a.ctx;
      ag.profile = a.profile;
      ag.routable = a.routable;
      ag.lastIdleAt = a.lastIdleAt;
      if (ctxChanged)
        for (const t of this.targets.values()) {
          const ok = t.accepts(ag);
          if (ok && !t.eligible.has(ag)) this.join(t, ag);
          else if (!ok && t.eligible.has(ag)) this.leave(t, ag);
        }
    }
    this.fill(ag, now);
    return this.flush();
  }

  /** Marks an agent able or unable to take new work (available vs away/wrap-up/offline). */
  setRoutable(agentId: string, routable: boolean, now: number, lastIdleAt?: number): RouterChanges {
    const ag = this.agents.get(agentId);
    if (ag) {
      ag.routable = routable;
      if (lastIdleAt !== undefined) ag.lastIdleAt = lastIdleAt;
      this.fill(ag, now);
    }
    return this.flush();
  }

  /** Removes an agent (logout): pending offers are canceled and their tasks re-queued. */
  removeAgent(agentId: string, now: number): RouterChanges {
    const ag = this.agents.get(agentId);
    if (ag) {
      if ([...ag.tasks].some((t) => t.state !== 'reserved'))
        throw new DomainError('agent.busy', 'the agent still has tasks in progress', { agentId });
      // The canceled offers go to other agents, never straight back to the one leaving.
      ag.routable = false;
      for (const task of [...ag.tasks])
        if (task.state === 'reserved' && task.reservationId)
          this.endReservation(task.reservationId, 'canceled', now, 'agent_logged_out');
      for (const t of ag.targets) this.leave(t, ag);
      this.agents.delete(agentId);
    }
    return this.flush();
  }

  agentLoad(agentId: string): Partial<Record<WorkChannel, number>> {
    return { ...(this.agents.get(agentId)?.load ?? {}) };
  }

  /**
   * The agents a queue's expression accepts, as an outbound dialer paces by them: free (may take
   * a task of `channel` now) and busy (holding one). `known` lets the caller settle an agent
   * first: 'ignore' (no phone to ring), 'busy' (wrapping up), or null to judge by load.
   */
  queueStaffing(
    queueId: string,
    channel: WorkChannel,
    known: (agentId: string) => 'ignore' | 'busy' | null = () => null,
  ): { free: number; busy: number } {
    const q = this.queues.get(queueId);
    let free = 0;
    let busy = 0;
    if (!q) return { free, busy };
    for (const a of this.agents.values()) {
      if (!test(q.expr, a.ctx)) continue;
      const k = known(a.id);
      if (k === 'ignore') continue;
      if (k === 'busy' || (a.load[channel] ?? 0) > 0) busy++;
      else if (a.routable && hasRoom(a.profile, a.load, channel)) free++;
    }
    return { free, busy };
  }

  agentTaskIds(agentId: string): string[] {
    return [...(this.agents.get(agentId)?.tasks ?? [])].map((t) => t.id);
  }

  private join(t: RoutingTarget, a: EngineAgent): void {
    t.eligible.add(a);
    a.targets.add(t);
    const list = a.byChannel.get(t.channel);
    if (list) list.push(t);
    else a.byChannel.set(t.channel, [t]);
    if (this.isFreeFor(a, t)) t.free.push(a);
  }

  private leave(t: RoutingTarget, a: EngineAgent): void {
    t.eligible.delete(a);
    t.free.remove(a);
    a.targets.delete(t);
    const list = a.byChannel.get(t.channel);
    const i = list ? list.indexOf(t) : -1;
    if (list && i >= 0) list.splice(i, 1);
  }

  private isFreeFor(a: EngineAgent, t: RoutingTarget): boolean {
    return a.routable && hasRoom(a.profile, a.load, t.channel);
  }

  // ── tasks ────────────────────────────────────────────────────────────────

  submit(n: NewTask, now: number): RouterChanges {
    if (this.tasks.has(n.id))
      throw new DomainError('conflict', `task ${n.id} exists`, { taskId: n.id });
    const task: EngineTask = {
      id: n.id,
      channel: n.channel,
      attributes: n.attributes,
      priority: n.priority,
      stepPriority: null,
      key: 0,
      createdAt: n.createdAt ?? now,
      seq: ++this.seq,
      state: 'pending',
      workflowId: null,
      filterIndex: -1,
      stepIndex: 0,
      stepStartedAt: now,
      stepDeadline: null,
      pinnedAgentId: null,
      preferredPhase: false,
      queueId: '',
      target: null,
      agent: null,
      reservationId: null,
      updatedAt: now,
      endedAt: null,
      reason: null,
    };
    if (n.agentId) {
      if (!this.agents.has(n.agentId))
        throw new DomainError('not_found', `agent ${n.agentId} is not logged in`, {
          agentId: n.agentId,
        });
      task.queueId = n.queueId && this.queues.has(n.queueId) ? n.queueId : this.anyQueueId();
      task.pinnedAgentId = n.agentId;
    } else if (n.queueId) {
      if (!this.queues.has(n.queueId))
        throw new DomainError('routing.unknown_queue', `no queue ${n.queueId}`, {
          queueId: n.queueId,
        });
      task.queueId = n.queueId;
    } else {
      const w = this.workflows.get(n.workflowId ?? this.defaultWorkflowId ?? '');
      if (!w)
        throw new DomainError(
          'routing.unknown_workflow',
          n.workflowId ? `no workflow ${n.workflowId}` : 'no workflow is configured',
          { workflowId: n.workflowId ?? null },
        );
      task.workflowId = w.def.id;
      const m = matchWorkflow(w, { ...n.attributes, channel: n.channel, priority: n.priority });
      task.filterIndex = m.filterIndex;
      this.enterStep(task, m.steps, 0, now);
    }
    this.tasks.set(task.id, task);
    this.emit(task, 'task.created', {
      channel: task.channel,
      priority: task.priority,
      attributes: task.attributes,
      workflowId: task.workflowId,
    });
    this.touch(task, now);
    for (const id of n.avoidAgentIds ?? [])
      this.agents.get(id)?.declined.set(task.id, now + this.o.declineCooldownMs);
    if (task.queueId && task.workflowId === null) this.startPreferred(task, now);
    this.place(task, now);
    return this.flush();
  }

  private anyQueueId(): string {
    const first = this.queues.keys().next().value;
    if (first === undefined)
      throw new DomainError('routing.unknown_queue', 'no queue is configured');
    return first;
  }

  private stepsOf(task: EngineTask): readonly WorkflowStep[] | null {
    if (!task.workflowId) return null;
    const w = this.workflows.get(task.workflowId);
    if (!w) return null;
    if (task.filterIndex < 0)
      return [
        { queueId: w.def.defaultQueueId, expression: null, timeoutSeconds: null, priority: null },
      ];
    return w.filters[task.filterIndex]?.steps ?? null;
  }

  private enterStep(
    task: EngineTask,
    steps: readonly WorkflowStep[],
    i: number,
    now: number,
  ): void {
    const step = steps[i];
    if (!step) return;
    task.stepIndex = i;
    task.queueId = step.queueId;
    task.stepPriority = step.priority;
    task.stepStartedAt = now;
    task.stepDeadline =
      step.timeoutSeconds !== null && i < steps.length - 1
        ? now + step.timeoutSeconds * 1000
        : null;
    task.pinnedAgentId = null;
    if (i === 0) this.startPreferred(task, now);
  }

  /** Preferred-agent queues first offer the task to the customer's last agent, for a while. */
  private startPreferred(task: EngineTask, now: number): void {
    const q = this.queues.get(task.queueId)?.def;
    const preferred = task.attributes['preferredAgentId'];
    if (
      q?.strategy !== 'preferred_agent' ||
      typeof preferred !== 'string' ||
      !this.agents.has(preferred) ||
      q.preferredTimeoutSeconds === 0
    )
      return;
    task.pinnedAgentId = preferred;
    task.preferredPhase = true;
    const until = now + q.preferredTimeoutSeconds * 1000;
    task.stepDeadline = task.stepDeadline === null ? until : Math.min(task.stepDeadline, until);
  }

  private targetFor(task: EngineTask): RoutingTarget {
    const q = this.queues.get(task.queueId);
    if (!q)
      throw new DomainError('routing.unknown_queue', `no queue ${task.queueId}`, {
        queueId: task.queueId,
      });
    const step = task.pinnedAgentId === null ? this.stepsOf(task)?.[task.stepIndex] : undefined;
    const stepSource = step?.expression ?? null;
    const key = `${q.def.id}\u0001${task.channel}\u0001${stepSource ?? ''}\u0001${task.pinnedAgentId ?? ''}`;
    let t = this.targets.get(key);
    if (t) return t;
    let stepExpr: CompiledExpression | null = null;
    if (stepSource !== null) {
      stepExpr = this.stepExprs.get(stepSource) ?? compileExpression(stepSource);
      this.stepExprs.set(stepSource, stepExpr);
    }
    const skillPath = q.def.strategySkill ? compileExpression(q.def.strategySkill) : null;
    const order = agentOrderFor(
      q.def,
      (a) => occupancy(a.profile, a.load),
      (a) => {
        const v = skillPath ? evaluate(skillPath, a.ctx) : null;
        return typeof v === 'number' ? v : -Infinity;
      },
    );
    t = new RoutingTarget(
      key,
      q.def,
      task.channel,
      q.expr,
      stepExpr,
      task.pinnedAgentId,
      test,
      taskBefore,
      order,
    );
    this.targets.set(key, t);
    if (task.pinnedAgentId !== null) {
      const a = this.agents.get(task.pinnedAgentId);
      if (a) this.join(t, a);
    } else for (const a of this.agents.values()) if (t.accepts(a)) this.join(t, a);
    return t;
  }

  /** Puts a pending task in its target: offered at once to the best free agent, else waits. */
  private place(task: EngineTask, now: number): void {
    if (task.state !== 'pending') return;
    const t = this.targetFor(task);
    task.target = t;
    // Free lists are kept lazily: an agent who filled up stays listed until someone looks.
    for (;;) {
      const best = t.free.peek();
      if (!best) break;
      if (!this.isFreeFor(best, t)) {
        t.free.remove(best);
        continue;
      }
      if ((best.declined.get(task.id) ?? 0) > now) {
        // The best agent declined this task: try the others, leaving them in place.
        const other = t.free
          .values()
          .find((a) => a !== best && this.isFreeFor(a, t) && (a.declined.get(task.id) ?? 0) <= now);
        if (other) return this.reserve(task, other, now);
        break;
      }
      return this.reserve(task, best, now);
    }
    task.key = taskKey(task, this.aging);
    t.enqueue(task);
  }

  /** Offers waiting work to an agent until they are full or nothing fits. */
  private fill(a: EngineAgent, now: number): void {
    for (let guard = 0; guard < 1000 && a.routable; guard++) {
      const pick = a.declined.size === 0 ? this.bestFast(a) : this.bestChecked(a, now);
      if (!pick) break;
      pick.target.dequeue(pick.task);
      this.reserve(pick.task, a, now);
    }
    this.advertise(a);
  }

  /** The best waiting task for an agent: compares the head keys of their targets (hot path). */
  private bestFast(a: EngineAgent): { task: EngineTask; target: RoutingTarget } | null {
    let best: RoutingTarget | null = null;
    let bestKey = -Infinity;
    let bestSeq = Infinity;
    for (const [channel, list] of a.byChannel) {
      if (!hasRoom(a.profile, a.load, channel)) continue;
      for (let i = 0; i < list.length; i++) {
        const t = list[i] as RoutingTarget;
        const k = t.headKey;
        if (k > bestKey || (k === bestKey && k !== -Infinity && t.headSeq < bestSeq)) {
          best = t;
          bestKey = k;
          bestSeq = t.headSeq;
        }
      }
    }
    const task = best?.waiting.peek();
    return best && task ? { task, target: best } : null;
  }

  /** As bestFast, skipping tasks the agent has just declined. */
  private bestChecked(
    a: EngineAgent,
    now: number,
  ): { task: EngineTask; target: RoutingTarget } | null {
    let best: EngineTask | null = null;
    let bestTarget: RoutingTarget | null = null;
    const room: Partial<Record<WorkChannel, boolean>> = {};
    for (const t of a.targets) {
      let head = t.waiting.peek();
      if (!head) continue;
      if (!(room[t.channel] ??= hasRoom(a.profile, a.load, t.channel))) continue;
      if ((a.declined.get(head.id) ?? 0) > now) head = this.bestNotDeclined(t, a, now);
      if (!head) continue;
      if (!best || t.waiting.before(head, best)) {
        best = head;
        bestTarget = t;
      }
    }
    return best && bestTarget ? { task: best, target: bestTarget } : null;
  }

  /** Lists the agent as free in every target they have room for (re-positioning them). */
  private advertise(a: EngineAgent): void {
    if (!a.routable) return;
    const room: Partial<Record<WorkChannel, boolean>> = {};
    for (const t of a.targets)
      if ((room[t.channel] ??= hasRoom(a.profile, a.load, t.channel))) t.free.push(a);
  }

  /** The first task in line that the agent has not just declined (rare: scans the target). */
  private bestNotDeclined(t: RoutingTarget, a: EngineAgent, now: number): EngineTask | undefined {
    let best: EngineTask | undefined;
    for (const x of t.waiting.values())
      if ((a.declined.get(x.id) ?? 0) <= now && (!best || t.waiting.before(x, best))) best = x;
    return best;
  }

  private reserve(task: EngineTask, a: EngineAgent, now: number): void {
    const t = task.target;
    t?.dequeue(task);
    const q = this.queues.get(task.queueId)?.def;
    const r: Reservation = {
      id: this.o.newId(),
      taskId: task.id,
      agentId: a.id,
      queueId: task.queueId,
      state: 'pending',
      createdAt: now,
      expiresAt: now + (q?.reservationTimeoutSeconds ?? 20) * 1000,
      endedAt: null,
    };
    this.move(task, 'reserved', now);
    task.agent = a;
    task.reservationId = r.id;
    a.tasks.add(task);
    a.load[task.channel] = (a.load[task.channel] ?? 0) + 1;
    a.lastOffered.set(task.queueId, now);
    // Still room (multi-capacity channels): re-position in the free lists (occupancy, turn).
    if (a.routable && hasRoom(a.profile, a.load, task.channel)) this.advertise(a);
    this.reservations.set(r.id, r);
    this.out.reservations.set(r.id, r);
    this.emit(
      task,
      'task.reserved',
      {
        reservationId: r.id,
        agentId: a.id,
        queueId: task.queueId,
        expiresAt: r.expiresAt,
        waitedMs: now - task.createdAt,
      },
      [a.id],
    );
  }

  private move(task: EngineTask, to: TaskState, now: number): void {
    assertTaskMove(task, to);
    task.state = to;
    this.touch(task, now);
  }

  private touch(task: EngineTask, now: number): void {
    task.updatedAt = now;
    this.out.tasks.set(task.id, task);
  }

  private emit(
    task: EngineTask,
    type: string,
    payload: Record<string, unknown>,
    userIds: string[] = [],
  ): void {
    const teams = userIds.flatMap((u) => this.agentTeams.get(u) ?? []);
    const queueTeam = this.queues.get(task.queueId)?.def.teamId;
    this.out.events.push({
      type,
      subjectType: 'task',
      subjectId: task.id,
      payload: { channel: task.channel, queueId: task.queueId, ...payload },
      scope: {
        userIds,
        teamIds: [...new Set([...teams, ...(queueTeam ? [queueTeam] : [])])],
        dispatchTeamIds: [],
        customerId: null,
      },
    });
  }

  getTask(id: string): Task | null {
    const t = this.tasks.get(id);
    return t ? snapshot(t) : null;
  }

  getReservation(id: string): Reservation | null {
    return this.reservations.get(id) ?? null;
  }

  private taskOrThrow(id: string): EngineTask {
    const t = this.tasks.get(id);
    if (!t) throw new DomainError('not_found', 'no such open task', { taskId: id });
    return t;
  }

  private pendingReservation(id: string, agentId: string | null, now: number): Reservation {
    const r = this.reservations.get(id);
    if (!r) throw new DomainError('not_found', 'no such offer', { reservationId: id });
    if (agentId !== null && r.agentId !== agentId)
      throw new DomainError('task.not_yours', 'this offer is for another agent', {
        reservationId: id,
      });
    if (r.state === 'pending' && now >= r.expiresAt) {
      this.expireReservation(r, now);
      throw new DomainError('reservation.expired', 'the offer has expired', { reservationId: id });
    }
    if (r.state !== 'pending')
      throw new DomainError(
        r.state === 'timeout' ? 'reservation.expired' : 'reservation.not_pending',
        `the offer is ${r.state}`,
        { reservationId: id, state: r.state },
      );
    return r;
  }

  accept(reservationId: string, agentId: string | null, now: number): RouterChanges {
    const r = this.pendingReservation(reservationId, agentId, now);
    const task = this.taskOrThrow(r.taskId);
    this.setReservation(r, 'accepted', now);
    this.move(task, 'assigned', now);
    this.emit(
      task,
      'task.assigned',
      { reservationId: r.id, agentId: r.agentId, waitedMs: now - task.createdAt },
      [r.agentId],
    );
    return this.flush();
  }

  /**
   * Changes made by a call that then threw (an offer found expired while accepting it): the
   * caller stores these after catching the error. Empty when nothing is pending.
   */
  drain(): RouterChanges {
    return this.flush();
  }

  reject(
    reservationId: string,
    agentId: string | null,
    now: number,
    reason = 'rejected',
  ): RouterChanges {
    const r = this.pendingReservation(reservationId, agentId, now);
    this.endReservation(r.id, 'rejected', now, reason);
    return this.flush();
  }

  private setReservation(r: Reservation, state: Reservation['state'], now: number): Reservation {
    const next: Reservation = { ...r, state, endedAt: now };
    this.reservations.set(r.id, next);
    this.out.reservations.set(r.id, next);
    return next;
  }

  /** Ends a pending reservation other than by accepting: the task goes back to waiting. */
  private endReservation(
    id: string,
    state: 'rejected' | 'timeout' | 'canceled',
    now: number,
    reason: string,
    /** Put the task back in its queue (false when the caller moves it elsewhere). */
    replace = true,
  ): void {
    const r = this.reservations.get(id);
    if (!r || r.state !== 'pending') return;
    this.setReservation(r, state, now);
    const task = this.tasks.get(r.taskId);
    const a = this.agents.get(r.agentId);
    if (a && state === 'timeout') {
      // RONA: redirect on no answer. The agent stops receiving offers until the caller resets them.
      a.routable = false;
      this.out.rona.push(a.id);
    }
    if (a && task) this.release(a, task);
    if (a && state === 'rejected') a.declined.set(r.taskId, now + this.o.declineCooldownMs);
    if (task && task.state === 'reserved') {
      this.move(task, 'pending', now);
      task.agent = null;
      task.reservationId = null;
      this.emit(
        task,
        state === 'timeout'
          ? 'task.offer_timed_out'
          : state === 'canceled'
            ? 'task.offer_canceled'
            : 'task.offer_rejected',
        { reservationId: id, agentId: r.agentId, reason },
        [r.agentId],
      );
      // A step that expired while the task was offered moves on now.
      if (!replace) {
        // the caller places it
      } else if (task.stepDeadline !== null && task.stepDeadline <= now)
        this.advanceStep(task, now);
      else this.place(task, now);
    }
    if (a) this.fill(a, now);
  }

  private expireReservation(r: Reservation, now: number): void {
    this.endReservation(r.id, 'timeout', now, 'no_answer');
  }

  private release(a: EngineAgent, task: EngineTask): void {
    if (!a.tasks.delete(task)) return;
    const n = (a.load[task.channel] ?? 1) - 1;
    if (n > 0) a.load[task.channel] = n;
    else delete a.load[task.channel];
  }

  /** The conversation ended; the agent is in after-contact work. */
  wrap(taskId: string, agentId: string | null, now: number): RouterChanges {
    const task = this.taskOrThrow(taskId);
    if (agentId !== null && task.agent?.id !== agentId)
      throw new DomainError('task.not_yours', 'this task belongs to another agent', { taskId });
    this.move(task, 'wrapping', now);
    this.emit(
      task,
      'task.wrapping',
      { agentId: task.agent?.id ?? null },
      task.agent ? [task.agent.id] : [],
    );
    return this.flush();
  }

  complete(
    taskId: string,
    agentId: string | null,
    now: number,
    wrapUpCode: string | null = null,
  ): RouterChanges {
    const task = this.taskOrThrow(taskId);
    if (agentId !== null && task.agent?.id !== agentId)
      throw new DomainError('task.not_yours', 'this task belongs to another agent', { taskId });
    this.move(task, 'completed', now);
    task.endedAt = now;
    const a = task.agent;
    this.emit(
      task,
      'task.completed',
      { agentId: a?.id ?? null, wrapUpCode, handledMs: now - task.createdAt },
      a ? [a.id] : [],
    );
    this.tasks.delete(task.id);
    if (a) {
      this.release(a, task);
      this.fill(a, now);
    }
    return this.flush();
  }

  cancel(taskId: string, reason: string, now: number): RouterChanges {
    const task = this.taskOrThrow(taskId);
    // Unanswered, whether still queued or ringing an agent: the customer abandoned (kpis.md).
    const wasWaiting = task.state === 'pending' || task.state === 'reserved';
    if (task.state === 'reserved' && task.reservationId) {
      const r = this.reservations.get(task.reservationId);
      if (r) this.setReservation(r, 'canceled', now);
    }
    this.move(task, 'canceled', now);
    task.endedAt = now;
    task.reason = reason;
    task.target?.dequeue(task);
    const a = task.agent;
    this.emit(
      task,
      'task.canceled',
      { reason, waitedMs: now - task.createdAt, whileWaiting: wasWaiting, agentId: a?.id ?? null },
      a ? [a.id] : [],
    );
    this.tasks.delete(task.id);
    if (a) {
      this.release(a, task);
      this.fill(a, now);
    }
    return this.flush();
  }

  /** Supervisor "route": moves a waiting task to another queue or to one agent. */
  route(
    taskId: string,
    to: { queueId?: string | null; agentId?: string | null },
    now: number,
  ): RouterChanges {
    const task = this.taskOrThrow(taskId);
    // A task being offered (a call ringing an agent) can be moved too: the offer is withdrawn.
    if (task.state === 'reserved' && task.reservationId) {
      if (to.queueId && !this.queues.has(to.queueId))
        throw new DomainError('routing.unknown_queue', `no queue ${to.queueId}`, {
          queueId: to.queueId,
        });
      this.endReservation(task.reservationId, 'canceled', now, 'moved', false);
    }
    if (task.state !== 'pending')
      throw new DomainError(
        'task.illegal_transition',
        'only a waiting or offered task can be moved',
        {
          taskId,
          state: task.state,
        },
      );
    if (to.queueId && !this.queues.has(to.queueId))
      throw new DomainError('routing.unknown_queue', `no queue ${to.queueId}`, {
        queueId: to.queueId,
      });
    if (to.agentId && !this.agents.has(to.agentId))
      throw new DomainError('not_found', `agent ${to.agentId} is not logged in`, {
        agentId: to.agentId,
      });
    task.target?.dequeue(task);
    task.target = null;
    const from = task.queueId;
    if (to.queueId) task.queueId = to.queueId;
    task.workflowId = null;
    task.stepDeadline = null;
    task.stepPriority = null;
    task.preferredPhase = false;
    task.pinnedAgentId = to.agentId ?? null;
    this.touch(task, now);
    this.emit(task, 'task.moved', {
      fromQueueId: from,
      toQueueId: task.queueId,
      agentId: task.pinnedAgentId,
    });
    this.place(task, now);
    return this.flush();
  }

  setPriority(taskId: string, priority: number, now: number): RouterChanges {
    const task = this.taskOrThrow(taskId);
    const from = task.priority;
    task.priority = priority;
    this.touch(task, now);
    this.emit(task, 'task.priority_changed', { from, to: priority });
    if (task.state === 'pending' && task.target) {
      // A higher priority may now beat what free agents would otherwise wait for.
      task.target.dequeue(task);
      this.place(task, now);
    }
    return this.flush();
  }

  /** Expires offers (RONA) and workflow steps due by `now`. Call it about once a second. */
  tick(now: number): RouterChanges {
    for (const r of [...this.reservations.values()]) {
      if (r.state === 'pending' && r.expiresAt <= now) this.expireReservation(r, now);
      else if (r.state !== 'pending' && r.endedAt !== null && r.endedAt < now - 60_000)
        this.reservations.delete(r.id);
    }
    for (const task of [...this.tasks.values()])
      if (task.state === 'pending' && task.stepDeadline !== null && task.stepDeadline <= now)
        this.advanceStep(task, now);
    for (const a of this.agents.values()) {
      let expired = false;
      for (const [id, until] of a.declined)
        if (until <= now) {
          a.declined.delete(id);
          expired = true;
        }
      // A declined task may be offered to this agent again now.
      if (expired) this.fill(a, now);
    }
    return this.flush();
  }

  private advanceStep(task: EngineTask, now: number): void {
    task.target?.dequeue(task);
    task.target = null;
    const from = task.queueId;
    if (task.preferredPhase) {
      // The preferred agent did not take it in time: on to the queue at large.
      task.preferredPhase = false;
      task.pinnedAgentId = null;
      const steps = this.stepsOf(task);
      const step = steps?.[task.stepIndex];
      task.stepDeadline =
        step !== undefined &&
        step.timeoutSeconds !== null &&
        steps &&
        task.stepIndex < steps.length - 1
          ? task.stepStartedAt + step.timeoutSeconds * 1000
          : null;
      if (task.stepDeadline !== null && task.stepDeadline <= now)
        return this.advanceStep(task, now);
    } else {
      const steps = this.stepsOf(task);
      // The next step starts when the last one expired, not when the tick noticed, so step
      // times add up exactly however coarse the ticks are.
      const startedAt = task.stepDeadline ?? now;
      if (steps && task.stepIndex + 1 < steps.length)
        this.enterStep(task, steps, task.stepIndex + 1, startedAt);
      else task.stepDeadline = null;
      if (task.stepDeadline !== null && task.stepDeadline <= now) {
        this.emit(task, 'task.step_expired', {
          fromQueueId: from,
          toQueueId: task.queueId,
          stepIndex: task.stepIndex,
        });
        return this.advanceStep(task, now);
      }
    }
    this.touch(task, now);
    this.emit(task, 'task.step_expired', {
      fromQueueId: from,
      toQueueId: task.queueId,
      stepIndex: task.stepIndex,
    });
    this.place(task, now);
  }

  /**
   * Restores an open task: after a restart (no `offer`), a reserved task waits again and is
   * offered anew; on a configuration reload its live `offer` is kept as it is.
   */
  restore(t: Task, now: number, offer?: Reservation): RouterChanges {
    this.seq = Math.max(this.seq, t.seq);
    const task: EngineTask = {
      id: t.id,
      channel: t.channel,
      attributes: t.attributes,
      priority: t.priority,
      stepPriority: null,
      key: 0,
      createdAt: t.createdAt,
      seq: t.seq,
      state: t.state,
      workflowId: t.workflowId,
      filterIndex: t.filterIndex,
      stepIndex: t.stepIndex,
      stepStartedAt: t.stepStartedAt,
      stepDeadline: null,
      pinnedAgentId: t.targetAgentId,
      preferredPhase: false,
      queueId: t.queueId,
      target: null,
      agent: null,
      reservationId: null,
      updatedAt: t.updatedAt,
      endedAt: null,
      reason: null,
    };
    const steps = this.stepsOf(task);
    const step = steps?.[task.stepIndex];
    if (step) {
      task.stepPriority = step.priority;
      if (step.timeoutSeconds !== null && steps && task.stepIndex < steps.length - 1)
        task.stepDeadline = task.stepStartedAt + step.timeoutSeconds * 1000;
    }
    this.tasks.set(task.id, task);
    const keep =
      t.state === 'reserved' &&
      offer?.state === 'pending' &&
      offer.taskId === t.id &&
      t.agentId !== null &&
      this.agents.has(t.agentId);
    if (keep && offer) {
      this.reservations.set(offer.id, offer);
      task.reservationId = offer.id;
    } else if (t.state === 'reserved') {
      // The offer died with the process: the task waits again and is offered anew, once.
      task.state = 'pending';
      this.touch(task, now);
      this.emit(task, 'task.offer_canceled', { reason: 'restart', agentId: t.agentId });
    }
    if (task.state === 'pending') {
      if (task.stepDeadline !== null && task.stepDeadline <= now) this.advanceStep(task, now);
      else this.place(task, now);
    } else if (t.agentId) {
      const a = this.agents.get(t.agentId);
      if (a) {
        task.agent = a;
        a.tasks.add(task);
        a.load[task.channel] = (a.load[task.channel] ?? 0) + 1;
      }
    }
    return this.flush();
  }

  /** Waiting tasks per queue (for the real-time snapshot). */
  waitingByQueue(): Map<string, { count: number; oldestCreatedAt: number | null }> {
    const m = new Map<string, { count: number; oldestCreatedAt: number | null }>();
    for (const t of this.tasks.values()) {
      if (t.state !== 'pending') continue;
      const e = m.get(t.queueId) ?? { count: 0, oldestCreatedAt: null };
      e.count++;
      e.oldestCreatedAt =
        e.oldestCreatedAt === null ? t.createdAt : Math.min(e.oldestCreatedAt, t.createdAt);
      m.set(t.queueId, e);
    }
    return m;
  }

  openTasks(): Task[] {
    return [...this.tasks.values()].map(snapshot);
  }

  stats() {
    return {
      agents: this.agents.size,
      queues: this.queues.size,
      targets: this.targets.size,
      openTasks: this.tasks.size,
    };
  }
}

function snapshot(t: EngineTask): Task {
  return {
    id: t.id,
    channel: t.channel,
    attributes: t.attributes,
    priority: t.priority,
    createdAt: t.createdAt,
    seq: t.seq,
    state: t.state,
    workflowId: t.workflowId,
    filterIndex: t.filterIndex,
    stepIndex: t.stepIndex,
    stepStartedAt: t.stepStartedAt,
    queueId: t.queueId,
    agentId: t.agent?.id ?? null,
    reservationId: t.reservationId,
    targetAgentId: t.preferredPhase ? null : t.pinnedAgentId,
    updatedAt: t.updatedAt,
    endedAt: t.endedAt,
    reason: t.reason,
  };
}
