/**
 * A seat (位置): a desk in the center, with the team that sits there and where it is (floor and
 * zone), so the seat map can draw the floor and a supervisor can see who sits where. Devices are
 * bound to a seat; an agent who logs in with a seat's desk phone is at that seat.
 */
import { DomainError } from '../errors.ts';

export interface Seat {
  readonly id: string;
  readonly name: string;
  readonly teamId: string | null;
  readonly floor: string;
  readonly zone: string;
  readonly createdAt: Date;
}

export type SeatInput = Pick<Seat, 'name' | 'teamId' | 'floor' | 'zone'>;

const text = (field: string, v: string, max: number, min = 1) => {
  const t = v.trim();
  if (t.length < min || t.length > max)
    throw new DomainError('resource.invalid', `${field} is ${min}–${max} characters`, { field });
  return t;
};

/** Trims and checks a seat's fields (names up to 60, floor and zone up to 40 characters). */
export function checkSeat(s: SeatInput): SeatInput {
  return {
    name: text('name', s.name, 60),
    teamId: s.teamId,
    floor: text('floor', s.floor, 40, 0),
    zone: text('zone', s.zone, 40),
  };
}

/** The kinds of phone an extension can be. */
export const deviceKinds = ['desk_phone', 'softphone'] as const;
export type DeviceKind = (typeof deviceKinds)[number];
