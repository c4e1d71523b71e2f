/**
 * An agent's state (坐席状态) and the pure operations that change it. Each operation returns the
 * new status and the events it caused; the caller stores both in one transaction.
 *
 * ```
 *                      login
 *   ┌─────────┐ ───────────────────▶ ┌───────────┐   setAway / approveAway   ┌──────┐
 *   │ offline │                      │ available │ ────────────────────────▶ │ away │ ◀─┐ setAway
 *   └─────────┘ ◀──── logout ─────── └───────────┘ ◀────── setAvailable ──── └──────┘ ──┘ (other
 *      ▲    ▲                          │       ▲                               │  ▲      reason)
 *      │    │            startWrapUp   ▼       │ setAvailable / expireWrapUp   │  │
 *      │    │                        ┌────────┐                                │  │
 *      │    └──────── logout ─────── │ wrapup │ ──── setAway / approveAway ────┼──┘
 *      │                             └────────┘ ◀─┐ startWrapUp (another task  │
 *      │                                  └───────┘  ended: countdown restarts) │
 *      └─────────────────────────────── logout ────────────────────────────────┘
 * ```
 *
 * - `busy` is not stored: the router derives it from capacity use (`displayState`). An available
 *   agent holding tasks is busy; the router offers more only while capacity allows.
 * - A rest request that needs approval is not a state: the agent stays where they are with
 *   `pendingAway` set until a supervisor approves (→ away) or denies it. Logging out or going away
 *   for another reason drops the request.
 * - offline → available happens only by `login`; `setAvailable` refuses an offline agent.
 * - A task that ends while the agent is away gets no wrap-up: away → wrapup is illegal, and the
 *   away time covers the after-contact work.
 * - `since` never goes backwards: a `now` earlier than `since` (clock skew between processes)
 *   counts as `since`.
 */
import { DomainError } from '../errors.ts';
import type { DomainEvent, EventScope } from '../events/domain-event.ts';
import { totalLoad, type ChannelLoad } from './capacity.ts';
import type { ReasonCode } from './reason-codes.ts';

export const agentStates = ['offline', 'available', 'away', 'wrapup'] as const;
export type AgentState = (typeof agentStates)[number];

/** What a desktop or wallboard shows: the stored state, or busy for an available agent at work. */
export type DisplayState = AgentState | 'busy';

export const agentStateTransitions: Readonly<Record<AgentState, readonly AgentState[]>> = {
  offline: ['available'],
  available: ['away', 'wrapup', 'offline'],
  away: ['available', 'away', 'offline'],
  wrapup: ['available', 'away', 'wrapup', 'offline'],
};

export const isAgentState = (s: string): s is AgentState =>
  (agentStates as readonly string[]).includes(s);

export function canMoveAgent(from: AgentState, to: AgentState): boolean {
  return agentStateTransitions[from].includes(to);
}

/** Rejects a move the table does not allow, with DomainError('agent.illegal_transition'). */
export function assertAgentMove(from: AgentState, to: AgentState): void {
  if (!canMoveAgent(from, to))
    throw new DomainError(
      'agent.illegal_transition',
      `an agent cannot move from ${from} to ${to}`,
      {
        from,
        to,
      },
    );
}

export interface WrapUp {
  readonly taskId: string;
  /** Epoch ms at which the countdown ends and the agent becomes available. */
  readonly endsAt: number;
  /** Seconds added by extensions so far. */
  readonly extendedBy: number;
}

export interface PendingAway {
  readonly reason: string;
  readonly requestedAt: number;
}

export interface AgentStatus {
  readonly agentId: string;
  readonly state: AgentState;
  /** The away reason code while away; null otherwise. */
  readonly reason: string | null;
  /** Epoch ms of entering the state. */
  readonly since: number;
  /** A request for an away reason that needs approval; never set while away or offline. */
  readonly pendingAway: PendingAway | null;
  /** The wrap-up countdown; set exactly while in wrapup. */
  readonly wrapUp: WrapUp | null;
  /** Epoch ms the agent last became free of work (longest-idle routing); null while offline. */
  readonly lastIdleAt: number | null;
}

export interface AgentChange {
  readonly status: AgentStatus;
  readonly events: DomainEvent[];
}

/** Epoch ms or a Date. */
export type Instant = number | Date;

/** What every operation needs besides the status: the agent's teams, who see its events. */
export interface AgentContext {
  readonly teamIds: readonly string[];
}

export type AwayActor = 'agent' | 'supervisor' | 'system';

/** Why the state changed; carried in the payload of 'agent.state_changed'. */
export type StateChangeCause =
  | 'login'
  | 'logout'
  | 'forced_logout'
  | 'set_available'
  | 'set_away'
  | 'away_approved'
  | 'wrapup_started'
  | 'wrapup_expired';

export const defaultMaxExtendSeconds = 600;

/** A new agent, logged out. */
export function initialAgentStatus(agentId: string, now: Instant): AgentStatus {
  return {
    agentId,
    state: 'offline',
    reason: null,
    since: toMs(now),
    pendingAway: null,
    wrapUp: null,
    lastIdleAt: null,
  };
}

/** 'busy' for an available agent holding any active task (a count or a per-channel load). */
export function displayState(s: AgentStatus, load: ChannelLoad | number): DisplayState {
  const active = typeof load === 'number' ? load : totalLoad(load);
  return s.state === 'available' && active > 0 ? 'busy' : s.state;
}

/** Whether the router may offer the agent new work (capacity permitting). */
export const acceptsTasks = (s: AgentStatus): boolean => s.state === 'available';

/** Whole seconds left on the wrap-up countdown (0 once due); null when not in wrap-up. */
export function wrapUpRemainingSeconds(s: AgentStatus, now: Instant): number | null {
  if (s.state !== 'wrapup' || s.wrapUp === null) return null;
  return Math.max(0, Math.ceil((s.wrapUp.endsAt - toMs(now)) / 1000));
}

export function agentScope(s: AgentStatus, ctx: AgentContext): EventScope {
  return {
    userIds: [s.agentId],
    teamIds: [...new Set(ctx.teamIds)],
    dispatchTeamIds: [],
    customerId: null,
  };
}

function toMs(now: Instant): number {
  const ms = typeof now === 'number' ? now : now.getTime();
  if (!Number.isFinite(ms))
    throw new DomainError('validation.failed', 'time must be a finite instant', { field: 'now' });
  return ms;
}

/** `now` as epoch ms, never before the status's `since`. */
const clampedNow = (s: AgentStatus, now: Instant): number => Math.max(s.since, toMs(now));

function event(
  s: AgentStatus,
  ctx: AgentContext,
  type: string,
  payload: Record<string, unknown>,
): DomainEvent {
  return { type, subjectType: 'agent', subjectId: s.agentId, payload, scope: agentScope(s, ctx) };
}

const unchanged = (s: AgentStatus): AgentChange => ({ status: s, events: [] });

/** An operation that cannot run in the agent's current state. */
function notNow(s: AgentStatus, operation: string, to: AgentState, why: string): DomainError {
  return new DomainError('agent.illegal_transition', `${operation}: ${why}`, {
    from: s.state,
    to,
    operation,
  });
}

export interface TransitionInput extends AgentContext {
  readonly to: AgentState;
  readonly now: Instant;
  readonly cause: StateChangeCause;
  /** The away reason code; required when `to` is away. */
  readonly reason?: string | null;
  /** The countdown; required when `to` is wrapup. */
  readonly wrapUp?: WrapUp | null;
  /** Entering available: whether the agent still holds tasks (then lastIdleAt is kept). */
  readonly hasActiveTasks?: boolean;
  /** Extra fields for the 'agent.state_changed' payload. */
  readonly payload?: Record<string, unknown>;
}

/**
 * The one place an agent's state changes: checks the table, fills the record for the new state
 * and emits 'agent.state_changed' {from, to, reason, previousReason, durationMs, cause, ...}
 * (preceded by 'agent.away_canceled' when a pending request is dropped).
 */
export function transition(s: AgentStatus, i: TransitionInput): AgentChange {
  assertAgentMove(s.state, i.to);
  const t = clampedNow(s, i.now);
  const reason = i.to === 'away' ? (i.reason ?? null) : null;
  const wrapUp = i.to === 'wrapup' ? (i.wrapUp ?? null) : null;
  if (i.to === 'away' && (reason === null || reason === ''))
    throw new DomainError('validation.failed', 'going away needs a reason', { field: 'reason' });
  if (i.to === 'wrapup' && wrapUp === null)
    throw new DomainError('validation.failed', 'wrap-up needs a countdown', { field: 'wrapUp' });
  const dropsRequest = s.pendingAway !== null && (i.to === 'away' || i.to === 'offline');
  const lastIdleAt =
    i.to === 'offline'
      ? null
      : i.to === 'available' && i.hasActiveTasks !== true
        ? t
        : s.lastIdleAt;
  const next: AgentStatus = {
    ...s,
    state: i.to,
    reason,
    since: t,
    pendingAway: dropsRequest ? null : s.pendingAway,
    wrapUp,
    lastIdleAt,
  };
  const events: DomainEvent[] = [];
  if (dropsRequest && s.pendingAway !== null)
    events.push(
      event(next, i, 'agent.away_canceled', {
        reason: s.pendingAway.reason,
        requestedAt: s.pendingAway.requestedAt,
        cause: i.cause,
      }),
    );
  events.push(
    event(next, i, 'agent.state_changed', {
      from: s.state,
      to: i.to,
      reason,
      previousReason: s.reason,
      durationMs: t - s.since,
      cause: i.cause,
      ...i.payload,
    }),
  );
  return { status: next, events };
}

/** offline → available. Logging in again while logged in changes nothing. */
export function login(s: AgentStatus, now: Instant, ctx: AgentContext): AgentChange {
  if (s.state !== 'offline') return unchanged(s);
  return transition(s, { ...ctx, to: 'available', now, cause: 'login', hasActiveTasks: false });
}

export interface LogoutOptions extends AgentContext {
  /** Whether the agent still holds tasks; then only a forced logout goes through. */
  readonly hasActiveTasks: boolean;
  /** A supervisor's forced logout: goes through even with tasks (the caller re-queues them). */
  readonly force?: boolean;
}

/** any → offline; DomainError('agent.busy') while tasks remain, unless forced. */
export function logout(s: AgentStatus, now: Instant, o: LogoutOptions): AgentChange {
  if (s.state === 'offline') return unchanged(s);
  const force = o.force === true;
  if (o.hasActiveTasks && !force)
    throw new DomainError('agent.busy', 'the agent still has active tasks', {
      agentId: s.agentId,
      state: s.state,
    });
  return transition(s, {
    ...o,
    to: 'offline',
    now,
    cause: force ? 'forced_logout' : 'logout',
    payload: { forced: force, hadActiveTasks: o.hasActiveTasks },
  });
}

export interface AvailableOptions extends AgentContext {
  /** Whether the agent still holds tasks (then lastIdleAt is kept). */
  readonly hasActiveTasks: boolean;
}

/** away → available, wrapup → available (ends wrap-up early); available stays as it is. */
export function setAvailable(s: AgentStatus, now: Instant, o: AvailableOptions): AgentChange {
  if (s.state === 'available') return unchanged(s);
  if (s.state === 'offline')
    throw notNow(s, 'setAvailable', 'available', 'an offline agent must log in first');
  return transition(s, {
    ...o,
    to: 'available',
    now,
    cause: 'set_available',
    ...(s.wrapUp !== null ? { payload: { taskId: s.wrapUp.taskId } } : {}),
  });
}

export interface AwayOptions extends AgentContext {
  readonly by: AwayActor;
}

/**
 * available / wrapup → away, or away → away with another reason. An agent's own choice of a
 * reason that needs approval does not change the state: it sets `pendingAway` and emits
 * 'agent.away_requested' (an agent already away must come back first:
 * 'agent.approval_required'). Inactive reasons, and system-only reasons chosen by anyone but the
 * system, are refused with 'agent.invalid_reason'.
 */
export function setAway(
  s: AgentStatus,
  reason: ReasonCode,
  now: Instant,
  o: AwayOptions,
): AgentChange {
  if (!reason.active)
    throw new DomainError('agent.invalid_reason', `away reason ${reason.code} is not active`, {
      reason: reason.code,
    });
  if (reason.systemOnly === true && o.by !== 'system')
    throw new DomainError(
      'agent.invalid_reason',
      `away reason ${reason.code} is set by the system`,
      {
        reason: reason.code,
        systemOnly: true,
      },
    );
  if (reason.requiresApproval && o.by === 'agent') {
    if (s.state === 'offline')
      throw notNow(s, 'setAway', 'away', 'an offline agent cannot ask to go away');
    if (s.state === 'away')
      throw new DomainError(
        'agent.approval_required',
        `${reason.code} needs a supervisor's approval; become available before asking for it`,
        { reason: reason.code },
      );
    if (s.pendingAway?.reason === reason.code) return unchanged(s);
    const requestedAt = clampedNow(s, now);
    const next: AgentStatus = { ...s, pendingAway: { reason: reason.code, requestedAt } };
    return {
      status: next,
      events: [
        event(next, o, 'agent.away_requested', {
          reason: reason.code,
          requestedAt,
          state: s.state,
          replaces: s.pendingAway?.reason ?? null,
        }),
      ],
    };
  }
  if (s.state === 'away' && s.reason === reason.code) return unchanged(s);
  return transition(s, {
    ...o,
    to: 'away',
    now,
    cause: 'set_away',
    reason: reason.code,
    payload: { by: o.by, ...(s.wrapUp !== null ? { taskId: s.wrapUp.taskId } : {}) },
  });
}

function pendingOrConflict(s: AgentStatus): PendingAway {
  if (s.pendingAway === null)
    throw new DomainError('conflict', 'no away request is waiting for approval', {
      agentId: s.agentId,
    });
  return s.pendingAway;
}

/** A supervisor approves the pending request: 'agent.away_approved', then → away. */
export function approveAway(s: AgentStatus, now: Instant, ctx: AgentContext): AgentChange {
  const p = pendingOrConflict(s);
  const t = clampedNow(s, now);
  const cleared: AgentStatus = { ...s, pendingAway: null };
  const moved = transition(cleared, {
    ...ctx,
    to: 'away',
    now: t,
    cause: 'away_approved',
    reason: p.reason,
    payload: { by: 'supervisor' },
  });
  const approved = event(moved.status, ctx, 'agent.away_approved', {
    reason: p.reason,
    requestedAt: p.requestedAt,
    waitedMs: Math.max(0, t - p.requestedAt),
  });
  return { status: moved.status, events: [approved, ...moved.events] };
}

export interface DenyOptions extends AgentContext {
  /** The supervisor's explanation, shown to the agent. */
  readonly note?: string | null;
}

/** A supervisor denies the pending request: the agent stays where they are. */
export function denyAway(s: AgentStatus, now: Instant, o: DenyOptions): AgentChange {
  const p = pendingOrConflict(s);
  const next: AgentStatus = { ...s, pendingAway: null };
  return {
    status: next,
    events: [
      event(next, o, 'agent.away_denied', {
        reason: p.reason,
        requestedAt: p.requestedAt,
        waitedMs: Math.max(0, clampedNow(s, now) - p.requestedAt),
        note: o.note ?? null,
      }),
    ],
  };
}

/** The agent withdraws their own pending request; nothing happens when there is none. */
export function cancelAwayRequest(s: AgentStatus, _now: Instant, ctx: AgentContext): AgentChange {
  const p = s.pendingAway;
  if (p === null) return unchanged(s);
  const next: AgentStatus = { ...s, pendingAway: null };
  return {
    status: next,
    events: [
      event(next, ctx, 'agent.away_canceled', {
        reason: p.reason,
        requestedAt: p.requestedAt,
        cause: 'agent',
      }),
    ],
  };
}

function assertSeconds(seconds: number, field: string, allowZero: boolean): void {
  if (
    typeof seconds !== 'number' ||
    !Number.isFinite(seconds) ||
    seconds < 0 ||
    (!allowZero && seconds === 0)
  )
    throw new DomainError(
      'validation.failed',
      `${field} must be a ${allowZero ? 'non-negative' : 'positive'} number of seconds`,
      { field },
    );
}

/**
 * available → wrapup with a countdown of `seconds` for the task that ended; in wrapup, another
 * task's end restarts the countdown for that task.
 */
export function startWrapUp(
  s: AgentStatus,
  taskId: string,
  seconds: number,
  now: Instant,
  ctx: AgentContext,
): AgentChange {
  if (typeof taskId !== 'string' || taskId === '')
    throw new DomainError('validation.failed', 'wrap-up needs the task that ended', {
      field: 'taskId',
    });
  assertSeconds(seconds, 'seconds', true);
  const t = clampedNow(s, now);
  const endsAt = t + seconds * 1000;
  return transition(s, {
    ...ctx,
    to: 'wrapup',
    now: t,
    cause: 'wrapup_started',
    wrapUp: { taskId, endsAt, extendedBy: 0 },
    payload: { taskId, seconds, endsAt },
  });
}

export interface ExtendOptions extends AgentContext {
  /** Most seconds all extensions of one wrap-up may add together (default 600). */
  readonly maxExtendSeconds?: number;
}

/**
 * Adds `seconds` to the countdown (counted from now if it has already run out), emitting
 * 'agent.wrapup_extended'; DomainError('agent.wrapup_limit') once the extensions would pass
 * `maxExtendSeconds` in total.
 */
export function extendWrapUp(
  s: AgentStatus,
  seconds: number,
  now: Instant,
  o: ExtendOptions,
): AgentChange {
  if (s.state !== 'wrapup' || s.wrapUp === null)
    throw notNow(s, 'extendWrapUp', 'wrapup', 'the agent is not in wrap-up');
  assertSeconds(seconds, 'seconds', false);
  const max = o.maxExtendSeconds ?? defaultMaxExtendSeconds;
  assertSeconds(max, 'maxExtendSeconds', true);
  const w = s.wrapUp;
  if (w.extendedBy + seconds > max)
    throw new DomainError('agent.wrapup_limit', `wrap-up may be extended by ${max} s at most`, {
      extendedBy: w.extendedBy,
      requested: seconds,
      maxExtendSeconds: max,
      remaining: Math.max(0, max - w.extendedBy),
    });
  const t = clampedNow(s, now);
  const wrapUp: WrapUp = {
    taskId: w.taskId,
    endsAt: Math.max(w.endsAt, t) + seconds * 1000,
    extendedBy: w.extendedBy + seconds,
  };
  const next: AgentStatus = { ...s, wrapUp };
  return {
    status: next,
    events: [
      event(next, o, 'agent.wrapup_extended', {
        taskId: wrapUp.taskId,
        seconds,
        extendedBy: wrapUp.extendedBy,
        endsAt: wrapUp.endsAt,
      }),
    ],
  };
}

/**
 * wrapup → available once the countdown is due (now ≥ endsAt). Before then, or when the agent
 * is no longer in wrap-up (a timer that lost a race), nothing happens.
 */
export function expireWrapUp(s: AgentStatus, now: Instant, o: AvailableOptions): AgentChange {
  if (s.state !== 'wrapup' || s.wrapUp === null || toMs(now) < s.wrapUp.endsAt) return unchanged(s);
  return transition(s, {
    ...o,
    to: 'available',
    now,
    cause: 'wrapup_expired',
    payload: { taskId: s.wrapUp.taskId },
  });
}

/**
 * The agent's last task ended while available (no wrap-up): they are free of work from now, for
 * longest-idle routing. No state change, no event; other states are left as they are.
 */
export function markIdle(s: AgentStatus, now: Instant): AgentChange {
  if (s.state !== 'available') return unchanged(s);
  return { status: { ...s, lastIdleAt: clampedNow(s, now) }, events: [] };
}
