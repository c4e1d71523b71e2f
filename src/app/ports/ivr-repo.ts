/** Stored IVR flows (versioned) and the numbers they answer; part of the store port. */
import type { IvrFlow } from '../../domain/ivr/ivr-flow.ts';

export interface StoredFlow {
  readonly flow: IvrFlow;
  readonly createdAt: Date;
  readonly createdBy: string | null;
}

export interface IvrRepo {
  /** The newest version of every flow. */
  latest(): Promise<StoredFlow[]>;
  /** A flow's newest version, or a given one. */
  get(id: string, version?: number): Promise<StoredFlow | null>;
  versions(id: string): Promise<{ version: number; createdAt: Date; createdBy: string | null }[]>;
  /** Stores a new version; throws `conflict` if that version exists. */
  insert(f: StoredFlow): Promise<void>;
  numbers(): Promise<{ number: string; flowId: string }[]>;
  flowForNumber(number: string): Promise<string | null>;
  setNumber(number: string, flowId: string | null): Promise<void>;
}
