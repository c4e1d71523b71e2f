import { and, asc, eq, gt, gte, inArray, lt, or, sql } from 'drizzle-orm';
import type {
  IntervalFilter,
  IntervalRow,
  StatsCursor,
  StatsRepo,
} from '../../app/ports/stats-repo.ts';
import {
  counterNames,
  type Dimension,
  type IntervalCounters,
} from '../../domain/stats/interval-fold.ts';
import type { IvrCallSum, IvrVisitSum } from '../../domain/stats/ivr-report.ts';
import type { Db } from '../db.ts';
import { ivrCallSums, ivrVisitSums, type IvrRange } from './ivr-report-queries.ts';
import { intervalStats, statsCursors } from '../schema.ts';

export class DrizzleStatsRepo implements StatsRepo {
  constructor(private readonly db: Db) {}

  async cursor(name: string): Promise<StatsCursor | null> {
    const [r] = await this.db.select().from(statsCursors).where(eq(statsCursors.name, name));
    return r ? { seq: r.seq, state: r.state } : null;
  }

  async saveCursor(name: string, c: StatsCursor): Promise<void> {
    await this.db
      .insert(statsCursors)
      .values({ name, seq: c.seq, state: c.state })
      .onConflictDoUpdate({ target: statsCursors.name, set: { seq: c.seq, state: c.state } });
  }

  async add(
    rows: readonly {
      intervalStart: Date;
      dimension: Dimension;
      key: string;
      counts: Partial<IntervalCounters>;
    }[],
  ): Promise<void> {
    if (rows.length === 0) return;
    const set: Record<string, unknown> = {};
    for (const n of counterNames)
      set[n] = sql`${intervalStats[n]} + excluded.${sql.identifier(intervalStats[n].name)}`;
    // Chunks keep each statement well under the bind-parameter limit.
    for (let i = 0; i < rows.length; i += 500)
      await this.db
        .insert(intervalStats)
        .values(
          rows.slice(i, i + 500).map((r) => ({
            intervalStart: r.intervalStart,
            dimension: r.dimension,
            key: r.key,
            ...r.counts,
          })),
        )
        .onConflictDoUpdate({
          target: [intervalStats.intervalStart, intervalStats.dimension, intervalStats.key],
          set,
        });
  }

  async intervals(f: {
    dimension: Dimension;
    from: Date;
    to: Date;
    keys?: readonly string[];
  }): Promise<IntervalRow[]> {
    const rows = await this.db
      .select()
      .from(intervalStats)
      .where(
        and(
          eq(intervalStats.dimension, f.dimension),
          gte(intervalStats.intervalStart, f.from),
          lt(intervalStats.intervalStart, f.to),
          f.keys?.length ? inArray(intervalStats.key, [...f.keys]) : undefined,
        ),
      )
      .orderBy(asc(intervalStats.intervalStart), asc(intervalStats.key));
    return rows.map((r) => ({ ...r, dimension: r.dimension as Dimension }));
  }

  async intervalPage(
    f: IntervalFilter,
    after: { intervalStart: Date; key: string } | null,
    limit: number,
  ): Promise<IntervalRow[]> {
    const rows = await this.db
      .select()
      .from(intervalStats)
      .where(
        and(
          where(f),
          after
            ? or(
                gt(intervalStats.intervalStart, after.intervalStart),
                and(
                  eq(intervalStats.intervalStart, after.intervalStart),
                  gt(intervalStats.key, after.key),
                ),
              )
            : undefined,
        ),
      )
      .orderBy(asc(intervalStats.intervalStart), asc(intervalStats.key))
      .limit(limit);
    return rows.map((r) => ({ ...r, dimension: r.dimension as Dimension }));
  }

  async dailyIntervals(
    f: IntervalFilter,
    timeZone: string,
  ): Promise<(IntervalCounters & { day: string; key: string })[]> {
    const day = sql<string>`to_char((${intervalStats.intervalStart} at time zone ${timeZone})::date, 'YYYY-MM-DD')`;
    const sums = Object.fromEntries(
      counterNames.map((n) => [n, sql<string>`sum(${intervalStats[n]})`]),
    ) as Record<keyof IntervalCounters, ReturnType<typeof sql<string>>>;
    const rows = await this.db
      .select({ day, key: intervalStats.key, ...sums })
      .from(intervalStats)
      .where(where(f))
      .groupBy(sql`1`, intervalStats.key)
      .orderBy(sql`1`, asc(intervalStats.key));
    return rows.map((r) => {
      const out = { day: r.day, key: r.key } as IntervalCounters & { day: string; key: string };
      for (const n of counterNames) out[n] = Number(r[n]);
      return out;
    });
  }

  async countIntervals(f: IntervalFilter, timeZone: string | null): Promise<number> {
    const n = timeZone
      ? sql<number>`count(distinct ((${intervalStats.intervalStart} at time zone ${timeZone})::date, ${intervalStats.key}))`
      : sql<number>`count(*)`;
    const [r] = await this.db.select({ n }).from(intervalStats).where(where(f));
    return Number(r?.n ?? 0);
  }

  ivrVisits(r: IvrRange): Promise<IvrVisitSum[]> {
    return ivrVisitSums(this.db, r);
  }

  ivrCalls(r: IvrRange, shortMs: number): Promise<IvrCallSum[]> {
    return ivrCallSums(this.db, r, shortMs);
  }

  async reset(name: string): Promise<void> {
    await this.db.delete(intervalStats);
    await this.db.delete(statsCursors).where(eq(statsCursors.name, name));
  }
}

const where = (f: IntervalFilter) =>
  and(
    eq(intervalStats.dimension, f.dimension),
    gte(intervalStats.intervalStart, f.from),
    lt(intervalStats.intervalStart, f.to),
    f.keys?.length ? inArray(intervalStats.key, [...f.keys]) : undefined,
  );
