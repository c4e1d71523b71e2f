/**
 * Materialised statistics. Behaviour owed by every store:
 * - `add` adds counters to their rows (creating them), so applying a batch is a sum;
 * - a cursor and the counters written in the same transaction commit together, which is what
 *   makes a materializer idempotent: a batch is applied entirely or not at all.
 */
import type { IvrCallSum, IvrVisitSum } from '../../domain/stats/ivr-report.ts';
import type { Dimension, IntervalCounters } from '../../domain/stats/interval-fold.ts';

export interface IntervalRow extends IntervalCounters {
  readonly intervalStart: Date;
  readonly dimension: Dimension;
  readonly key: string;
}

export interface StatsCursor {
  readonly seq: number;
  readonly state: Record<string, unknown>;
}

export interface IntervalFilter {
  readonly dimension: Dimension;
  readonly from: Date;
  readonly to: Date;
  readonly keys?: readonly string[] | undefined;
}

export interface StatsRepo {
  cursor(name: string): Promise<StatsCursor | null>;
  saveCursor(name: string, c: StatsCursor): Promise<void>;
  add(
    rows: readonly {
      intervalStart: Date;
      dimension: Dimension;
      key: string;
      counts: Partial<IntervalCounters>;
    }[],
  ): Promise<void>;
  intervals(f: {
    dimension: Dimension;
    from: Date;
    to: Date;
    keys?: readonly string[];
  }): Promise<IntervalRow[]>;
  /**
   * One page of `intervals`, in (intervalStart, key) order, after the row `after` (exclusive):
   * large exports read page by page instead of all at once.
   */
  intervalPage(
    f: IntervalFilter,
    after: { intervalStart: Date; key: string } | null,
    limit: number,
  ): Promise<IntervalRow[]>;
  /**
   * `intervals` summed per local day (in `timeZone`) and key, by the database: a month of
   * 15-minute rows per agent is too many to sum in the application. Ordered by day, then key.
   */
  dailyIntervals(
    f: IntervalFilter,
    timeZone: string,
  ): Promise<(IntervalCounters & { day: string; key: string })[]>;
  /** How many rows `intervals` would return; per local day and key when `timeZone` is given. */
  countIntervals(f: IntervalFilter, timeZone: string | null): Promise<number>;
  /** The IVR report's node visits over the `ivr.left` events of a period (one flow or all). */
  ivrVisits(r: { from: Date; to: Date; flowId?: string | undefined }): Promise<IvrVisitSum[]>;
  /** The IVR report's calls per flow; hang-ups shorter than `shortMs` are short. */
  ivrCalls(
    r: { from: Date; to: Date; flowId?: string | undefined },
    shortMs: number,
  ): Promise<IvrCallSum[]>;
  /** Deletes every materialised row and cursor (a rebuild from the log starts here). */
  reset(name: string): Promise<void>;
}
