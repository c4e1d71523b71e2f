/**
 * Where registration bindings live (RFC 3261 §10.3: "a list of bindings that are accessible to
 * proxy servers and redirect servers"). One record per canonical address-of-record; writes are
 * optimistic so several voice nodes can share one store.
 */
import type { Binding } from './binding.ts';

export interface AorBindings {
  /** Stored bindings in insertion order, lapsed ones included until removed. */
  readonly bindings: readonly Binding[];
  /** Changes on every write to this AOR; 0 when the AOR has no bindings. */
  readonly version: number;
}

export interface RegistrationStore {
  /** Resolves the AOR's bindings and version; an unknown AOR has no bindings and version 0. */
  load(aor: string): Promise<AorBindings>;
  /**
   * Replaces all of the AOR's bindings if its version is still `expectedVersion` and resolves
   * true; resolves false and writes nothing when another write came first. An empty list
   * forgets the AOR.
   */
  save(aor: string, expectedVersion: number, bindings: readonly Binding[]): Promise<boolean>;
  /** Removes every binding with `expiresAt <= now`, across all AORs, and resolves them. */
  removeExpired(now: number): Promise<Binding[]>;
  /** Resolves the AORs that currently have stored bindings. */
  aors(): Promise<string[]>;
}
