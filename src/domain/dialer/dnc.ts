/**
 * The do-not-call list. Numbers are compared in the normalised form records use, so
 * '+86 138-0013-8000', '013800138000' and '13800138000' are one entry. The list changes while a
 * campaign runs, so it is checked at import and again just before each dial.
 */
import { normalizeDialNumber } from './campaign-record.ts';

export interface DncEntry {
  /** Normalised E.164 digits without '+'. */
  readonly number: string;
  readonly reason: string;
  readonly createdAt: Date;
}

/** A lookup over the list's numbers. */
export class DncList {
  private readonly numbers: ReadonlySet<string>;
  constructor(numbers: Iterable<string>) {
    this.numbers = new Set(numbers);
  }
  /** True for a number on the list; `number` may be in any form the normaliser accepts. */
  blocks(number: string): boolean {
    let n: string;
    try {
      n = normalizeDialNumber(number);
    } catch {
      return false; // an unreadable number is rejected as invalid, not as DNC
    }
    return this.numbers.has(n);
  }
}
