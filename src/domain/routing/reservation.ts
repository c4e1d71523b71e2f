/**
 * A reservation offers one task to one agent for a limited time.
 *
 * ```
 *            accept                 reject
 *   pending ─────────▶ accepted    ─────────▶ rejected
 *      │   timeout (RONA)                task canceled / agent logged out
 *      ├──────────────▶ timeout    ─────────────────────────────────▶ canceled
 * ```
 * Only a pending reservation can change; accepting an expired one is refused.
 */
import { DomainError } from '../errors.ts';

export const reservationStates = [
  'pending',
  'accepted',
  'rejected',
  'timeout',
  'canceled',
] as const;
export type ReservationState = (typeof reservationStates)[number];

export const reservationTransitions: Readonly<
  Record<ReservationState, readonly ReservationState[]>
> = {
  pending: ['accepted', 'rejected', 'timeout', 'canceled'],
  accepted: [],
  rejected: [],
  timeout: [],
  canceled: [],
};

export interface Reservation {
  readonly id: string;
  readonly taskId: string;
  readonly agentId: string;
  readonly queueId: string;
  readonly state: ReservationState;
  readonly createdAt: number;
  readonly expiresAt: number;
  readonly endedAt: number | null;
}

export function assertReservationMove(
  r: Pick<Reservation, 'id' | 'state'>,
  to: ReservationState,
): void {
  if (!reservationTransitions[r.state].includes(to))
    throw new DomainError(
      r.state === 'timeout' ? 'reservation.expired' : 'reservation.not_pending',
      r.state === 'timeout' ? 'the offer has expired' : `the offer is already ${r.state}`,
      { reservationId: r.id, state: r.state, to },
    );
}
