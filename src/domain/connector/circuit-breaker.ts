/**
 * The circuit breaker in front of each operator system:
 *
 * ```
 *            failures ≥ threshold within windowMs
 *   closed ───────────────────────────────────────▶ open
 *     ▲                                              │ cooldownMs elapsed (next call asks)
 *     │ probe succeeds                               ▼
 *     └──────────────────────────────────────── half_open ── probe fails ──▶ open
 * ```
 *
 * While open no call reaches the system; half-open lets one probe through at a time. Pure:
 * the caller passes the time (ms since epoch) of every step.
 */
import { DomainError } from '../errors.ts';

export const breakerStates = ['closed', 'open', 'half_open'] as const;
export type BreakerState = (typeof breakerStates)[number];

const transitions: Record<BreakerState, readonly BreakerState[]> = {
  closed: ['open'],
  open: ['half_open'],
  half_open: ['closed', 'open'],
};

export interface BreakerPolicy {
  /** Failures within the window that open the breaker. */
  readonly failureThreshold: number;
  readonly windowMs: number;
  /** How long the breaker stays open before one probe may go through. */
  readonly cooldownMs: number;
}

export const defaultBreakerPolicy: BreakerPolicy = {
  failureThreshold: 5,
  windowMs: 30_000,
  cooldownMs: 15_000,
};

export interface Breaker {
  readonly state: BreakerState;
  /** Times of the failures counted in the current window (closed state only). */
  readonly failures: readonly number[];
  readonly openedAt: number | null;
  /** A half-open probe is in flight; others are refused until it settles. */
  readonly probing: boolean;
}

export const closedBreaker: Breaker = {
  state: 'closed',
  failures: [],
  openedAt: null,
  probing: false,
};

/** The one place a breaker changes state; an illegal move is a coded error. */
export function move(b: Breaker, to: BreakerState, patch: Partial<Breaker> = {}): Breaker {
  if (!transitions[b.state].includes(to))
    throw new DomainError('connector.illegal_transition', `breaker cannot go ${b.state} → ${to}`, {
      from: b.state,
      to,
      legal: transitions[b.state],
    });
  return { ...b, ...patch, state: to };
}

/** May a call go through now? Returns the breaker as it is after asking (open → half-open). */
export function admit(
  b: Breaker,
  now: number,
  p: BreakerPolicy,
): { allowed: boolean; next: Breaker } {
  if (b.state === 'closed') return { allowed: true, next: b };
  if (b.state === 'open') {
    if (now - (b.openedAt ?? now) < p.cooldownMs) return { allowed: false, next: b };
    return { allowed: true, next: move(b, 'half_open', { probing: true }) };
  }
  if (b.probing) return { allowed: false, next: b };
  return { allowed: true, next: { ...b, probing: true } };
}

export function recordSuccess(b: Breaker): Breaker {
  if (b.state === 'half_open')
    return move(b, 'closed', { failures: [], openedAt: null, probing: false });
  return b;
}

export function recordFailure(b: Breaker, now: number, p: BreakerPolicy): Breaker {
  if (b.state === 'half_open') return move(b, 'open', { openedAt: now, probing: false });
  if (b.state === 'open') return b; // a call admitted before it opened came back late
  const failures = [...b.failures.filter((t) => now - t < p.windowMs), now];
  if (failures.length >= p.failureThreshold)
    return move(b, 'open', { failures: [], openedAt: now, probing: false });
  return { ...b, failures };
}
