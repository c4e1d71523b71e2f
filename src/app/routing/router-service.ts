/**
 * The router as a use case: agent sessions and states, tasks and offers, backed by the store.
 *
 * Every operation runs in one queue (the router is single-threaded by design): it asks the
 * domain (agent state machine, routing engine) what changes, then stores all of it (tasks,
 * reservations, sessions, events) in one transaction. If that write fails, the in-memory engine
 * is rebuilt from the store, which stays the source of truth. After a crash, `start()` rebuilds
 * from the store: waiting tasks keep their place; offers that were open are offered again, once.
 */
import {
  agentScope,
  approveAway,
  denyAway,
  expireWrapUp,
  extendWrapUp,
  initialAgentStatus,
  login as loginAgent,
  logout as logoutAgent,
  setAvailable,
  setAway,
  startWrapUp,
  type AgentChange,
  type AgentStatus,
} from '../../domain/agent/agent-state.ts';
import {
  defaultCapacityProfile,
  type CapacityProfile,
  type WorkChannel,
} from '../../domain/agent/capacity.ts';
import {
  defaultReasonCodes,
  findReason,
  noAnswerReasonCode,
  type ReasonCode,
} from '../../domain/agent/reason-codes.ts';
import { DomainError } from '../../domain/errors.ts';
import type { DomainEvent } from '../../domain/events/domain-event.ts';
import { RoutingEngine, type RouterChanges } from '../../domain/routing/routing-engine.ts';
import type { Reservation } from '../../domain/routing/reservation.ts';
import { assertPriority, type Task } from '../../domain/routing/task.ts';
import { compileWorkflow } from '../../domain/routing/workflow.ts';
import type { User } from '../../domain/user/user.ts';
import type { Case } from '../../domain/case/case.ts';
import type { Actor, AppDeps } from '../app-context.ts';
import type { AgentSession, AgentSettings, StoredTask } from '../ports/routing-repo.ts';
import type { StoreTx } from '../ports/store.ts';
import { agentInput } from './agent-input.ts';

export interface RouterOptions {
  readonly agingPointsPerMinute?: number;
  readonly declineCooldownMs?: number;
}

export interface SubmitTask {
  readonly channel: WorkChannel;
  readonly attributes: Readonly<Record<string, unknown>>;
  readonly priority?: number | undefined;
  readonly workflowId?: string | null | undefined;
  readonly queueId?: string | null | undefined;
  readonly agentId?: string | null | undefined;
}

interface Pending {
  changes: RouterChanges[];
  events: DomainEvent[];
  sessions: Map<string, AgentSession | null>;
  wrapUpCodes: Map<string, string | null>;
}

/** Case priorities on the router's scale. */
export const casePriority: Record<Case['priority'], number> = {
  low: 0,
  normal: 10,
  high: 20,
  urgent: 40,
};

const notLoggedIn = (agentId: string) =>
  new DomainError('agent.not_logged_in', 'log in as an agent first', { agentId });

export class RouterService {
  private engine: RoutingEngine;
  private queue: Promise<unknown> = Promise.resolve();
  private sessions = new Map<string, AgentSession>();
  private users = new Map<string, User>();
  private reasonCodes: ReasonCode[] = [...defaultReasonCodes];
  private profiles = new Map<string, CapacityProfile>();
  private skillNames = new Map<string, string>();
  private settings = new Map<string, AgentSettings>();
  private started = false;
  private stopped = false;
  private unwatch: (() => void) | null = null;

  constructor(
    private readonly deps: AppDeps,
    private readonly o: RouterOptions = {},
  ) {
    this.engine = this.newEngine();
  }

  private newEngine(): RoutingEngine {
    return new RoutingEngine({
      agingPointsPerMinute: this.o.agingPointsPerMinute ?? 1,
      declineCooldownMs: this.o.declineCooldownMs ?? 30_000,
      newId: () => this.deps.ids.newId(),
    });
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  /** Waits for the operation in progress and refuses new ones (shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    this.unwatch?.();
    await this.queue;
  }

  /** Runs operations one at a time, in arrival order. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    if (this.stopped) return Promise.reject(new DomainError('internal', 'the router is stopping'));
    const run = this.queue.then(fn, fn);
    this.queue = run.catch(() => undefined);
    return run;
  }

  // ── start / rebuild ──────────────────────────────────────────────────────

  /** Loads configuration, logged-in agents and open tasks, and re-offers what was on offer. */
  start(): Promise<void> {
    return this.serial(() => this.load(true));
  }

  /** Re-reads skills and logged-in agents' profiles after organisation changes. */
  private watchOrg(): void {
    if (this.unwatch) return;
    let pending = false;
    this.unwatch = this.deps.store.onCommit((events) => {
      if (pending || this.stopped) return;
      if (
        !events.some((e) =>
          /^(user\.(updated|deleted)|skill\.|team\.|agent\.settings_changed)/.test(e.type),
        )
      )
        return;
      pending = true;
      queueMicrotask(() => {
        pending = false;
        this.serial(() => this.refreshAgents()).catch((e: unknown) =>
          console.error('router refresh failed', e),
        );
      });
    });
  }

  private async refreshAgents(): Promise<void> {
    const store = this.deps.store;
    const now = this.now();
    this.skillNames = new Map((await store.skills.list()).map((s) => [s.id, s.name]));
    const p = this.pending();
    for (const s of this.sessions.values()) {
      const user = await store.users.get(s.agentId);
      if (!user) continue;
      this.users.set(user.id, user);
      const settings = await store.routing.getAgentSettings(user.id);
      if (settings) this.settings.set(user.id, settings);
      else this.settings.delete(user.id);
      p.changes.push(this.engine.upsertAgent(this.input(user, s), now));
    }
    await this.commit(p, null);
  }

  private async load(restart = false): Promise<void> {
    this.watchOrg();
    const store = this.deps.store;
    const now = this.now();
    this.engine = this.newEngine();
    const codes = await store.routing.listReasonCodes();
    this.reasonCodes = codes.length ? codes : [...defaultReasonCodes];
    this.profiles = new Map((await store.routing.listCapacityProfiles()).map((p) => [p.id, p]));
    if (!this.profiles.has('default')) this.profiles.set('default', defaultCapacityProfile);
    this.skillNames = new Map((await store.skills.list()).map((s) => [s.id, s.name]));
    for (const q of await store.routing.listQueues()) this.engine.setQueue(q);
    for (const w of await store.routing.listWorkflows())
      this.engine.setWorkflow(
        compileWorkflow(w, (id) => this.engine.hasQueue(id)),
        w.isDefault,
      );
    this.sessions = new Map((await store.routing.listAgentSessions()).map((s) => [s.agentId, s]));
    this.users.clear();
    const p = this.pending();
    for (const s of this.sessions.values()) {
      const user = await store.users.get(s.agentId);
      if (!user) continue;
      this.users.set(user.id, user);
      const settings = await store.routing.getAgentSettings(user.id);
      if (settings) this.settings.set(user.id, settings);
      // Open work is restored below; agents start unroutable so restored tasks come first.
      p.changes.push(this.engine.upsertAgent({ ...this.input(user, s), routable: false }, now));
    }
    const open = await store.routing.listTasks(
      { states: ['pending', 'reserved', 'assigned', 'wrapping'] },
      { limit: 1_000_000, offset: 0 },
    );
    const stale = open.items.filter((t) => t.state === 'reserved' && t.reservationId);
    const offers = new Map<string, Reservation>();
    for (const t of stale) {
      const r = await store.routing.getReservation(t.reservationId as string);
      if (r) offers.set(t.id, r);
    }
    for (const t of open.items) {
      // Tasks held by an agent who is no longer logged in go back to waiting.
      const orphan = t.agentId !== null && !this.sessions.has(t.agentId);
      const task: Task = orphan
        ? { ...t, state: 'pending', agentId: null, reservationId: null }
        : t;
      p.changes.push(this.engine.restore(task, now, restart ? undefined : offers.get(t.id)));
    }
    // After a restart the open offers died with the process: they end as canceled (their tasks
    // were re-queued above). On a reload they stay live.
    const deadOffers = [];
    for (const r of offers.values())
      if (r.state === 'pending' && (restart || !this.engine.getReservation(r.id)))
        deadOffers.push({ ...r, state: 'canceled' as const, endedAt: now });
    p.changes.push({ tasks: [], reservations: deadOffers, events: [], rona: [] });
    for (const s of this.sessions.values()) {
      const user = this.users.get(s.agentId);
      if (user) p.changes.push(this.engine.upsertAgent(this.input(user, s), now));
    }
    await this.commit(p, null);
    this.started = true;
  }

  private input(user: User, s: AgentStatus) {
    return agentInput(user, this.skillNames, this.settings.get(user.id) ?? null, this.profiles, s);
  }

  /** Reloads configuration changes (queues, workflows, profiles, skills) into the engine. */
  reload(): Promise<void> {
    return this.serial(() => this.load());
  }

  // ── persistence ──────────────────────────────────────────────────────────

  private pending(): Pending {
    return { changes: [], events: [], sessions: new Map(), wrapUpCodes: new Map() };
  }

  /** Stores what the engine and the agent machine changed; RONA'd agents are set away. */
  private async commit(p: Pending, actorId: string | null): Promise<void> {
    const now = this.now();
    // RONA: the engine already stopped offering to these agents; record why.
    for (const c of p.changes)
      for (const agentId of c.rona) {
        const s = p.sessions.get(agentId) ?? this.sessions.get(agentId);
        if (!s) continue;
        const reason =
          this.reasonCodes.find((r) => r.code === noAnswerReasonCode) ??
          findReason(defaultReasonCodes, noAnswerReasonCode);
        this.applyAgent(p, s, setAway(s, reason, now, { ...this.ctx(agentId), by: 'system' }));
      }
    const tasks = new Map<string, StoredTask>();
    const reservations = new Map<string, RouterChanges['reservations'][number]>();
    const events: DomainEvent[] = [];
    for (const c of p.changes) {
      for (const t of c.tasks)
        tasks.set(t.id, { ...t, wrapUpCode: p.wrapUpCodes.get(t.id) ?? null });
      for (const r of c.reservations) reservations.set(r.id, r);
      events.push(...c.events);
    }
    events.push(...p.events);
    if (tasks.size === 0 && reservations.size === 0 && events.length === 0 && p.sessions.size === 0)
      return;
    try {
      await this.deps.store.transaction(async (tx) => {
        await this.writeSessions(tx, p);
        if (tasks.size) await tx.routing.upsertTasks([...tasks.values()]);
        if (reservations.size) await tx.routing.upsertReservations([...reservations.values()]);
        tx.append(events, { actorId, at: new Date(now) });
      });
    } catch (e) {
      // The engine moved on but the store did not: rebuild from the store, then report.
      await this.load().catch(() => undefined);
      throw e;
    }
    for (const [id, s] of p.sessions) {
      if (s) this.sessions.set(id, s);
      else this.sessions.delete(id);
    }
  }

  private async writeSessions(tx: StoreTx, p: Pending) {
    for (const [id, s] of p.sessions) {
      if (s) await tx.routing.upsertAgentSession(s);
      else await tx.routing.deleteAgentSession(id);
    }
  }

  private ctx(agentId: string) {
    return { teamIds: this.users.get(agentId)?.teamIds ?? [] };
  }

  private applyAgent(p: Pending, s: AgentSession, change: AgentChange): AgentSession {
    const next: AgentSession = { ...s, ...change.status };
    p.sessions.set(s.agentId, next);
    p.events.push(...change.events);
    return next;
  }

  private session(p: Pending, agentId: string): AgentSession {
    const s = p.sessions.get(agentId) ?? this.sessions.get(agentId);
    if (!s) throw notLoggedIn(agentId);
    return s;
  }

  /** Runs `fn` with a fresh change set and commits it, also when the engine threw midway. */
  private op<T>(actor: Actor | null, fn: (p: Pending, now: number) => T | Promise<T>): Promise<T> {
    return this.serial(async () => {
      if (!this.started) await this.load();
      const p = this.pending();
      const now = this.now();
      try {
        const r = await fn(p, now);
        await this.commit(p, actor?.id ?? null);
        return r;
      } catch (e) {
        p.changes.push(this.engine.drain());
        await this.commit(p, actor?.id ?? null).catch(() => undefined);
        throw e;
      }
    });
  }

  // ── agent sessions and states ────────────────────────────────────────────

  /**
   * Logs `agentId` (the actor by default) in, or updates the phone of a live session. A desk
   * phone serves one agent at a time: an extension held by another logged-in agent is refused
   * with `device.in_use` unless `takeover` (a supervisor's approval, checked by the caller) moves
   * it, leaving the previous holder logged in without a phone (`agent.device_taken_over`).
   */
  login(
    actor: Actor,
    o: { extension?: string | null; softphone?: boolean; takeover?: boolean },
    agentId: string = actor.id,
  ): Promise<AgentSession> {
    return this.op(actor, async (p, now) => {
      const user = await this.deps.store.users.get(agentId);
      if (!user) throw notLoggedIn(agentId);
      this.users.set(user.id, user);
      const settings = await this.deps.store.routing.getAgentSettings(user.id);
      if (settings) this.settings.set(user.id, settings);
      else this.settings.delete(user.id);
      if (o.extension) this.claimExtension(p, agentId, o.extension, o.takeover ?? false);
      const existing = this.sessions.get(agentId);
      if (existing) {
        const s = {
          ...existing,
          extension: o.extension ?? existing.extension,
          softphone: o.softphone ?? existing.softphone,
        };
        p.sessions.set(agentId, s);
        return s;
      }
      const base: AgentSession = {
        ...initialAgentStatus(agentId, now),
        extension: o.extension ?? null,
        softphone: o.softphone ?? !o.extension,
        loggedInAt: now,
      };
      const s = this.applyAgent(p, base, loginAgent(base, now, this.ctx(agentId)));
      p.changes.push(this.engine.upsertAgent(this.input(user, s), now));
      return s;
    });
  }

  /** Who else holds `extension` now; refused, or on takeover released from them. */
  private claimExtension(p: Pending, agentId: string, extension: string, takeover: boolean) {
    const holder = [...this.sessions.values()]
      .map((s) => this.session(p, s.agentId))
      .find((s) => s.agentId !== agentId && s.extension === extension);
    if (!holder) return;
    if (!takeover)
      throw new DomainError('device.in_use', `extension ${extension} is in use by another agent`, {
        extension,
        agentId: holder.agentId,
        // The refused agent's desktop names who has the phone, so they know whom to ask.
        agentName: this.users.get(holder.agentId)?.displayName ?? holder.agentId,
      });
    p.sessions.set(holder.agentId, { ...holder, extension: null, softphone: false });
    p.events.push({
      type: 'agent.device_taken_over',
      subjectType: 'agent',
      subjectId: holder.agentId,
      payload: { extension, takenBy: agentId },
      scope: agentScope(holder, this.ctx(holder.agentId)),
    });
  }

  logout(actor: Actor, agentId: string, force = false): Promise<void> {
    return this.op(actor, (p, now) => {
      const s = this.session(p, agentId);
      const held = this.engine
        .agentTaskIds(agentId)
        .map((id) => this.engine.getTask(id))
        .filter((t): t is Task => t !== null);
      const busy = held.some((t) => t.state === 'assigned' || t.state === 'wrapping');
      const change = logoutAgent(s, now, { ...this.ctx(agentId), hasActiveTasks: busy, force });
      p.events.push(...change.events);
      if (force)
        for (const t of held.filter((x) => x.state === 'assigned' || x.state === 'wrapping')) {
          // A forced logout hands unfinished work back to the queue as new tasks.
          p.changes.push(this.engine.complete(t.id, null, now));
          p.wrapUpCodes.set(t.id, 'agent_logged_out');
          if (t.state === 'assigned')
            p.changes.push(
              this.engine.submit(
                {
                  id: this.deps.ids.newId(),
                  channel: t.channel,
                  attributes: { ...t.attributes, requeuedFrom: t.id },
                  priority: t.priority,
                  queueId: t.queueId,
                  createdAt: t.createdAt,
                },
                now,
              ),
            );
        }
      p.changes.push(this.engine.removeAgent(agentId, now));
      p.sessions.set(agentId, null);
    });
  }

  /** available / away(reason) / offline, chosen by the agent ('agent') or a supervisor. */
  setState(
    actor: Actor,
    agentId: string,
    to: { state: 'available' | 'away' | 'offline'; reason?: string | null },
    by: 'agent' | 'supervisor',
  ): Promise<AgentSession | null> {
    if (to.state === 'offline')
      return this.logout(actor, agentId, by === 'supervisor').then(() => null);
    return this.op(actor, (p, now) => {
      const s = this.session(p, agentId);
      if (to.state === 'available') {
        if (s.state === 'wrapup') this.finishWrapUp(p, s, now, null);
        const cur = this.session(p, agentId);
        const next = this.applyAgent(
          p,
          cur,
          setAvailable(cur, now, { ...this.ctx(agentId), hasActiveTasks: this.hasActive(agentId) }),
        );
        p.changes.push(this.engine.setRoutable(agentId, true, now, next.lastIdleAt ?? now));
        return next;
      }
      if (!to.reason)
        throw new DomainError('agent.invalid_reason', 'say why you are away (reason)', {
          field: 'reason',
        });
      const reason = findReason(this.reasonCodes, to.reason);
      if (s.state === 'wrapup') this.finishWrapUp(p, s, now, null);
      const cur = this.session(p, agentId);
      const next = this.applyAgent(p, cur, setAway(cur, reason, now, { ...this.ctx(agentId), by }));
      p.changes.push(this.engine.setRoutable(agentId, next.state === 'available', now));
      return next;
    });
  }

  decideAway(
    actor: Actor,
    agentId: string,
    approve: boolean,
    note: string | null,
  ): Promise<AgentSession> {
    return this.op(actor, (p, now) => {
      const s = this.session(p, agentId);
      const next = this.applyAgent(
        p,
        s,
        approve
          ? approveAway(s, now, this.ctx(agentId))
          : denyAway(s, now, { ...this.ctx(agentId), note }),
      );
      p.changes.push(this.engine.setRoutable(agentId, next.state === 'available', now));
      return next;
    });
  }

  extendWrapUp(actor: Actor, seconds: number): Promise<AgentSession> {
    return this.op(actor, (p, now) => {
      const s = this.session(p, actor.id);
      return this.applyAgent(p, s, extendWrapUp(s, seconds, now, this.ctx(actor.id)));
    });
  }

  private hasActive(agentId: string): boolean {
    return this.engine.agentTaskIds(agentId).length > 0;
  }

  /** Completes the task in wrap-up (if still open) and makes the agent available. */
  private finishWrapUp(p: Pending, s: AgentSession, now: number, code: string | null): void {
    const taskId = s.wrapUp?.taskId;
    const t = taskId ? this.engine.getTask(taskId) : null;
    if (t && (t.state === 'wrapping' || t.state === 'assigned')) {
      p.wrapUpCodes.set(t.id, code);
      p.changes.push(this.engine.complete(t.id, s.agentId, now, code));
    }
  }

  // ── offers and tasks ─────────────────────────────────────────────────────

  accept(actor: Actor, reservationId: string): Promise<Task> {
    return this.op(actor, (p, now) => {
      this.session(p, actor.id);
      const c = this.engine.accept(reservationId, actor.id, now);
      p.changes.push(c);
      const r = this.engine.getReservation(reservationId);
      const t = r ? this.engine.getTask(r.taskId) : null;
      if (!t) throw new DomainError('not_found', 'the task is gone', { reservationId });
      return t;
    });
  }

  reject(actor: Actor, reservationId: string): Promise<void> {
    return this.op(actor, (p, now) => {
      this.session(p, actor.id);
      p.changes.push(this.engine.reject(reservationId, actor.id, now));
    });
  }

  /** The conversation ended: the task enters wrap-up and so does the agent (queue's countdown). */
  wrap(actor: Actor | null, taskId: string, agentId: string | null): Promise<Task> {
    return this.op(actor, (p, now) => {
      const t = this.engine.getTask(taskId);
      if (!t) throw new DomainError('not_found', 'no such open task', { taskId });
      const owner = agentId ?? t.agentId;
      p.changes.push(this.engine.wrap(taskId, agentId, now));
      const seconds = this.engine.queueDef(t.queueId)?.wrapUpSeconds ?? 0;
      const s = owner ? (p.sessions.get(owner) ?? this.sessions.get(owner)) : undefined;
      if (s && seconds > 0 && (s.state === 'available' || s.state === 'wrapup')) {
        this.applyAgent(p, s, startWrapUp(s, taskId, seconds, now, this.ctx(s.agentId)));
        p.changes.push(this.engine.setRoutable(s.agentId, false, now));
      } else if (s && seconds === 0) {
        p.changes.push(this.engine.complete(taskId, s.agentId, now));
      }
      return this.engine.getTask(taskId) ?? { ...t, state: 'completed' as const };
    });
  }

  /** Ends a task (with a wrap-up code); an agent in wrap-up for it becomes available. */
  complete(
    actor: Actor | null,
    taskId: string,
    agentId: string | null,
    wrapUpCode: string | null,
  ): Promise<void> {
    return this.op(actor, (p, now) => {
      const t = this.engine.getTask(taskId);
      if (!t) throw new DomainError('not_found', 'no such open task', { taskId });
      p.wrapUpCodes.set(taskId, wrapUpCode);
      p.changes.push(this.engine.complete(taskId, agentId, now, wrapUpCode));
      const owner = t.agentId;
      const s = owner ? (p.sessions.get(owner) ?? this.sessions.get(owner)) : undefined;
      if (s && s.state === 'wrapup' && s.wrapUp?.taskId === taskId) {
        const next = this.applyAgent(
          p,
          s,
          setAvailable(s, now, {
            ...this.ctx(s.agentId),
            hasActiveTasks: this.hasActive(s.agentId),
          }),
        );
        p.changes.push(this.engine.setRoutable(s.agentId, true, now, next.lastIdleAt ?? now));
      }
    });
  }

  submit(actor: Actor | null, n: SubmitTask): Promise<Task> {
    if (n.priority !== undefined) assertPriority(n.priority);
    return this.op(actor, async (p, now) => {
      const id = this.deps.ids.newId();
      const attributes = await this.withPreferredAgent(n.attributes);
      p.changes.push(
        this.engine.submit(
          {
            id,
            channel: n.channel,
            attributes,
            priority: n.priority ?? 0,
            workflowId: n.workflowId,
            queueId: n.queueId,
            agentId: n.agentId,
          },
          now,
        ),
      );
      return this.engine.getTask(id) as Task;
    });
  }

  /**
   * For preferred-agent queues: the agent who last served this customer (from their contacts),
   * unless the caller named one.
   */
  private async withPreferredAgent(
    attrs: Readonly<Record<string, unknown>>,
  ): Promise<Readonly<Record<string, unknown>>> {
    const customerId = attrs['customerId'];
    if (typeof customerId !== 'string' || typeof attrs['preferredAgentId'] === 'string')
      return attrs;
    const recent = await this.deps.store.contacts.list({ customerId }, { limit: 20, offset: 0 });
    const last = recent.items.find((c) => c.agentId !== null);
    return last?.agentId ? { ...attrs, preferredAgentId: last.agentId } : attrs;
  }

  cancel(actor: Actor | null, taskId: string, reason: string): Promise<void> {
    return this.op(actor, (p, now) => {
      p.changes.push(this.engine.cancel(taskId, reason, now));
    });
  }

  /** Supervisor "route": a waiting task to another queue or straight to an agent. */
  route(
    actor: Actor,
    taskId: string,
    to: { queueId?: string | null; agentId?: string | null },
  ): Promise<Task> {
    return this.op(actor, (p, now) => {
      p.changes.push(this.engine.route(taskId, to, now));
      return this.engine.getTask(taskId) as Task;
    });
  }

  setPriority(actor: Actor, taskId: string, priority: number): Promise<Task> {
    assertPriority(priority);
    return this.op(actor, (p, now) => {
      p.changes.push(this.engine.setPriority(taskId, priority, now));
      return this.engine.getTask(taskId) as Task;
    });
  }

  /** An agent hands their task to a queue or a colleague: it ends for them and starts anew there. */
  transfer(
    actor: Actor,
    taskId: string,
    to: { queueId?: string | null; agentId?: string | null },
  ): Promise<Task> {
    return this.op(actor, (p, now) => {
      const t = this.engine.getTask(taskId);
      if (!t || t.agentId !== actor.id)
        throw new DomainError('task.not_yours', 'you can transfer only your own task', { taskId });
      if (to.queueId && !this.engine.hasQueue(to.queueId))
        throw new DomainError('routing.unknown_queue', `no queue ${to.queueId}`, {
          queueId: to.queueId,
        });
      if (to.agentId && !this.sessions.has(to.agentId)) throw notLoggedIn(to.agentId);
      const id = this.deps.ids.newId();
      p.changes.push(
        this.engine.submit(
          {
            id,
            channel: t.channel,
            attributes: { ...t.attributes, transferredFrom: t.id, transferredBy: actor.id },
            priority: t.priority,
            queueId: to.queueId ?? t.queueId,
            agentId: to.agentId ?? null,
            createdAt: t.createdAt,
            avoidAgentIds: to.agentId ? [] : [actor.id],
          },
          now,
        ),
      );
      p.wrapUpCodes.set(taskId, 'transferred');
      p.changes.push(this.engine.complete(taskId, actor.id, now, 'transferred'));
      return this.engine.getTask(id) as Task;
    });
  }

  /** Expires offers (RONA), workflow steps and wrap-up countdowns. Call about once a second. */
  tick(): Promise<void> {
    return this.op(null, (p, now) => {
      p.changes.push(this.engine.tick(now));
      for (const s of this.sessions.values()) {
        if (s.state !== 'wrapup' || !s.wrapUp || s.wrapUp.endsAt > now) continue;
        this.finishWrapUp(p, s, now, null);
        const cur = p.sessions.get(s.agentId) ?? s;
        const next = this.applyAgent(
          p,
          cur,
          expireWrapUp(cur, now, {
            ...this.ctx(s.agentId),
            hasActiveTasks: this.hasActive(s.agentId),
          }),
        );
        if (next.state === 'available')
          p.changes.push(this.engine.setRoutable(s.agentId, true, now, next.lastIdleAt ?? now));
      }
    });
  }

  // ── case work ────────────────────────────────────────────────────────────

  /**
   * A case dispatched to a back-office team becomes a `case` task, in the team's queue when
   * one exists (a queue whose teamId is the team), else through the default workflow.
   */
  async caseDispatched(c: Case): Promise<void> {
    const queue = this.engine.queueDefs().find((q) => q.teamId === c.dispatchTeamId);
    await this.submit(null, {
      channel: 'case',
      attributes: {
        caseId: c.id,
        caseNumber: c.number,
        caseType: c.type,
        teamId: c.dispatchTeamId,
        customerId: c.customerId,
      },
      priority: casePriority[c.priority],
      queueId: queue?.id ?? null,
    });
  }

  /** A call-back task: routed by the default workflow (filter on `channel == "callback"`). */
  async callbackRequested(
    c: Case,
    number: string,
    note: string | null,
    at: Date | null = null,
  ): Promise<void> {
    await this.submit(null, {
      channel: 'callback',
      attributes: {
        caseId: c.id,
        caseNumber: c.number,
        number,
        note,
        at: at?.toISOString() ?? null,
        customerId: c.customerId,
        teamId: c.teamId,
      },
      priority: casePriority[c.priority],
    });
  }

  /** The case moved on: its open task is done (or no longer needed). */
  caseStepDone(c: Case): Promise<void> {
    return this.op(null, (p, now) => {
      for (const t of this.engine.openTasks()) {
        if (t.channel !== 'case' || t.attributes['caseId'] !== c.id) continue;
        if (t.state === 'pending' || t.state === 'reserved')
          p.changes.push(this.engine.cancel(t.id, 'case_moved_on', now));
        else {
          p.wrapUpCodes.set(t.id, 'case_moved_on');
          p.changes.push(this.engine.complete(t.id, null, now, 'case_moved_on'));
        }
      }
    });
  }

  // ── reads ────────────────────────────────────────────────────────────────

  agentSession(agentId: string): AgentSession | null {
    return this.sessions.get(agentId) ?? null;
  }

  agentSessions(): AgentSession[] {
    return [...this.sessions.values()];
  }

  /** Logged-in agents with what queue expressions see of them, their teams and load. */
  agentsView() {
    return [...this.sessions.values()].map((s) => {
      const user = this.users.get(s.agentId);
      return {
        session: s,
        displayName: user?.displayName ?? s.agentId,
        teamIds: user?.teamIds ?? [],
        ctx: user ? this.input(user, s).ctx : { id: s.agentId },
        load: this.engine.agentLoad(s.agentId),
      };
    });
  }

  queues() {
    return this.engine.queueDefs();
  }

  agentTasks(agentId: string): Task[] {
    return this.engine
      .agentTaskIds(agentId)
      .map((id) => this.engine.getTask(id))
      .filter((t): t is Task => t !== null);
  }

  /** Free and busy agents of a queue who have a phone to ring (the dialer's pacing input). */
  queueStaffing(queueId: string): { free: number; busy: number } {
    return this.engine.queueStaffing(queueId, 'voice', (id) => {
      const s = this.sessions.get(id);
      if (!s || (s.extension === null && !s.softphone)) return 'ignore';
      return s.state === 'wrapup' ? 'busy' : null;
    });
  }

  agentLoad(agentId: string) {
    return this.engine.agentLoad(agentId);
  }

  openTasks(): Task[] {
    return this.engine.openTasks();
  }

  waitingByQueue() {
    return this.engine.waitingByQueue();
  }

  reasons(): readonly ReasonCode[] {
    return this.reasonCodes;
  }

  pendingReservationFor(taskId: string) {
    const t = this.engine.getTask(taskId);
    return t?.reservationId ? this.engine.getReservation(t.reservationId) : null;
  }
}
