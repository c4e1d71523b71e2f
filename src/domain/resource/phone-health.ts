/**
 * A phone's health as the switch sees it: its registration and whether it answers the OPTIONS
 * keep-alives (RFC 3261 §11) sent to it.
 *
 * ```
 *                 register                 silent (no answer in time)
 *  unregistered ───────────▶ registered ──────────────────────────▶ unreachable
 *       ▲  ▲                  │      ▲          answered                 │
 *       │  └── unregister ────┘      └───────────────────────────────────┘
 *       └──────────────────── unregister / expired ──────────────────────┘
 * ```
 *
 * A phone that re-registers while unreachable is registered again (the REGISTER itself proves it
 * is there). Each change is one event: `resource.phone_registered`, `resource.phone_unregistered`,
 * `resource.phone_unreachable`, `resource.phone_reachable`.
 */
import { DomainError } from '../errors.ts';

export const phoneStates = ['unregistered', 'registered', 'unreachable'] as const;
export type PhoneState = (typeof phoneStates)[number];
export type PhoneSignal = 'register' | 'unregister' | 'answered' | 'silent';

const moves: Record<PhoneState, readonly PhoneState[]> = {
  unregistered: ['registered'],
  registered: ['unregistered', 'unreachable'],
  unreachable: ['registered', 'unregistered'],
};

/** Moves `from` → `to`; an illegal move is `resource.illegal_transition`. */
export function transitionPhone(from: PhoneState, to: PhoneState): PhoneState {
  if (!moves[from].includes(to))
    throw new DomainError('resource.illegal_transition', `a phone cannot go ${from} → ${to}`, {
      from,
      to,
      legal: moves[from],
    });
  return to;
}

const eventOf: Record<PhoneState, string> = {
  registered: 'resource.phone_registered',
  unregistered: 'resource.phone_unregistered',
  unreachable: 'resource.phone_unreachable',
};

/**
 * What a signal does to a phone in `state`: the new state and the event type, or null when it
 * changes nothing (an answered probe of a registered phone, a late probe after unregistering).
 */
export function phoneSignal(
  state: PhoneState,
  signal: PhoneSignal,
): { readonly state: PhoneState; readonly event: string } | null {
  const target: PhoneState | null =
    signal === 'register'
      ? state === 'registered'
        ? null
        : 'registered'
      : signal === 'unregister'
        ? state === 'unregistered'
          ? null
          : 'unregistered'
        : signal === 'silent'
          ? state === 'registered'
            ? 'unreachable'
            : null
          : state === 'unreachable'
            ? 'registered'
            : null;
  if (target === null) return null;
  const next = transitionPhone(state, target);
  const event =
    state === 'unreachable' && next === 'registered' && signal === 'answered'
      ? 'resource.phone_reachable'
      : eventOf[next];
  return { state: next, event };
}
