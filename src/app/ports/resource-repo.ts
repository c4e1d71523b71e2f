/** Seats, stored trunks and the kefu nodes; part of the store port. */
import type { Seat } from '../../domain/resource/seat.ts';
import type { TrunkDef } from '../../domain/resource/trunk.ts';

export interface KefuNode {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly address: string;
  readonly pid: number;
  readonly version: string;
  readonly startedAt: Date;
  readonly heartbeatAt: Date;
  readonly health: Readonly<Record<string, number | string>>;
}

export interface ResourceRepo {
  /** By zone, then name. */
  listSeats(): Promise<Seat[]>;
  getSeat(id: string): Promise<Seat | null>;
  /** Inserts or replaces by id; throws `resource.name_taken` for a duplicate name. */
  saveSeat(s: Seat): Promise<void>;
  deleteSeat(id: string): Promise<boolean>;
  /** Stored trunks (source 'stored'), by name. */
  listTrunks(): Promise<TrunkDef[]>;
  getTrunk(id: string): Promise<TrunkDef | null>;
  /** Inserts or replaces by id; throws `resource.name_taken` for a duplicate name. */
  saveTrunk(t: TrunkDef): Promise<void>;
  deleteTrunk(id: string): Promise<boolean>;
  /** Registers the node or refreshes its heartbeat and health. */
  saveNode(n: KefuNode): Promise<void>;
  /** By name. */
  listNodes(): Promise<KefuNode[]>;
  /** Forgets nodes whose heartbeat is older than `before` (not at it); returns how many. */
  deleteStaleNodes(before: Date): Promise<number>;
}
