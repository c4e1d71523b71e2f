/**
 * A trunk's health from OPTIONS probes of its outbound address (RFC 3261 §11: any final
 * response, even 404 or 405, proves the carrier's proxy is there).
 *
 * ```
 *            answered                       answered
 *  unknown ───────────▶ up ◀──────────────────────────┐
 *     │                 │  `downAfter` silent probes  │
 *     │                 └────────────────────────────▶ down
 *     └──────────── `downAfter` silent probes ────────▲
 * ```
 *
 * One lost UDP probe does not take a trunk down: it is down after `downAfter` (default 2)
 * silent probes in a row, and up again at the first answer. A trunk with no outbound address is
 * never probed and stays `unknown`. Changes are `resource.trunk_up` and `resource.trunk_down`.
 */
import { DomainError } from '../errors.ts';

export const trunkStates = ['unknown', 'up', 'down'] as const;
export type TrunkState = (typeof trunkStates)[number];

const moves: Record<TrunkState, readonly TrunkState[]> = {
  unknown: ['up', 'down'],
  up: ['down'],
  down: ['up'],
};

export function transitionTrunk(from: TrunkState, to: TrunkState): TrunkState {
  if (!moves[from].includes(to))
    throw new DomainError('resource.illegal_transition', `a trunk cannot go ${from} → ${to}`, {
      from,
      to,
      legal: moves[from],
    });
  return to;
}

export interface TrunkHealth {
  readonly state: TrunkState;
  /** Silent probes in a row. */
  readonly misses: number;
}

export const initialTrunkHealth: TrunkHealth = { state: 'unknown', misses: 0 };

/** Folds one probe result; `event` is set when the state changed. */
export function trunkProbed(
  h: TrunkHealth,
  answered: boolean,
  downAfter = 2,
): { readonly health: TrunkHealth; readonly event: string | null } {
  if (answered) {
    if (h.state === 'up') return { health: { state: 'up', misses: 0 }, event: null };
    return {
      health: { state: transitionTrunk(h.state, 'up'), misses: 0 },
      event: 'resource.trunk_up',
    };
  }
  const misses = h.misses + 1;
  if (h.state === 'down' || misses < downAfter) return { health: { ...h, misses }, event: null };
  return {
    health: { state: transitionTrunk(h.state, 'down'), misses },
    event: 'resource.trunk_down',
  };
}
