/**
 * Historical reports from the interval tables: rows per queue, channel or agent and per
 * 15-minute interval or local day, with the KPIs of docs/kpis.md derived from the counters.
 */
import type { AppDeps } from '../app-context.ts';
import type { IntervalRow } from '../ports/stats-repo.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Dimension, IntervalCounters } from '../../domain/stats/interval-fold.ts';
import { counterNames } from '../../domain/stats/interval-fold.ts';
import { localDateOf } from '../../domain/sla/zoned-time.ts';
import { intervalKpis } from '../../domain/stats/interval-kpis.ts';

export interface ReportQuery {
  readonly dimension: Dimension;
  readonly from: Date;
  readonly to: Date;
  readonly granularity: '15m' | 'day';
  readonly keys?: readonly string[] | undefined;
}

export interface ReportRow extends IntervalCounters {
  /** Interval start (ISO instant) or local date (YYYY-MM-DD). */
  readonly period: string;
  readonly key: string;
  readonly serviceLevel: number | null;
  readonly abandonRate: number | null;
  readonly asaMs: number | null;
  readonly ahtMs: number | null;
  readonly transferRate: number | null;
}

const maxRangeDays = 400;

export class ReportService {
  constructor(private readonly deps: AppDeps) {}

  private check(q: ReportQuery): void {
    if (!(q.from.getTime() < q.to.getTime()))
      throw new DomainError('validation.failed', 'from must be before to', { field: 'from' });
    if (q.to.getTime() - q.from.getTime() > maxRangeDays * 86_400_000)
      throw new DomainError('validation.failed', `at most ${maxRangeDays} days at once`, {
        field: 'to',
      });
  }

  async rows(q: ReportQuery): Promise<ReportRow[]> {
    this.check(q);
    if (q.granularity === 'day') {
      const days = await this.deps.store.stats.dailyIntervals(q, this.deps.config.timeZone);
      return days.map((r) => derive(r.day, r.key, r));
    }
    const raw = await this.deps.store.stats.intervals(q);
    return raw.map((r) => derive(r.intervalStart.toISOString(), r.key, r));
  }

  /** Rows to expect from `stream(q)` (the export's progress hint). */
  count(q: ReportQuery): Promise<number> {
    this.check(q);
    return this.deps.store.stats.countIntervals(
      q,
      q.granularity === 'day' ? this.deps.config.timeZone : null,
    );
  }

  /**
   * The rows of `rows(q)`, page by page, holding one page (and one local day of sums) at a
   * time: the rows come in interval order, so a day is complete once a later day's row comes.
   */
  async *stream(q: ReportQuery, pageSize = 5000): AsyncGenerator<ReportRow[]> {
    this.check(q);
    let day: Map<string, { period: string; row: IntervalRow }> = new Map();
    let dayPeriod: string | null = null;
    for (let after: IntervalRow | null = null; ;) {
      const page: IntervalRow[] = await this.deps.store.stats.intervalPage(q, after, pageSize);
      if (q.granularity === '15m')
        yield page.map((r) => derive(r.intervalStart.toISOString(), r.key, r));
      else {
        const done: ReportRow[] = [];
        for (const r of page) {
          const period = localDateOf(r.intervalStart, this.deps.config.timeZone);
          if (period !== dayPeriod) {
            for (const g of day.values()) done.push(derive(g.period, g.row.key, g.row));
            day = new Map();
            dayPeriod = period;
          }
          addTo(day, period, r);
        }
        if (done.length) yield done;
      }
      after = page.at(-1) ?? null;
      if (page.length < pageSize) break;
    }
    if (day.size) yield [...day.values()].map((g) => derive(g.period, g.row.key, g.row));
  }
}

/** Adds an interval row to its (local day, key) sum. */
function addTo(
  by: Map<string, { period: string; row: IntervalRow }>,
  period: string,
  r: IntervalRow,
) {
  const k = `${period}|${r.key}`;
  const cur = by.get(k);
  if (!cur) by.set(k, { period, row: { ...r } });
  else {
    const sum = { ...cur.row } as IntervalRow & Record<string, number>;
    for (const n of counterNames) sum[n] = (cur.row[n] ?? 0) + r[n];
    by.set(k, { period, row: sum });
  }
}

function derive(period: string, key: string, c: IntervalCounters): ReportRow {
  return { period, key, ...pick(c), ...intervalKpis(c) };
}

function pick(c: IntervalCounters): IntervalCounters {
  const out = {} as IntervalCounters;
  for (const n of counterNames) out[n] = c[n];
  return out;
}
