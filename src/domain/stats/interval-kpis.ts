/**
 * The KPIs of docs/kpis.md derived from interval counters — one definition for the historical
 * reports and the live wallboard, so that at the end of a day both show the same figures.
 */
import type { IntervalCounters } from './interval-fold.ts';

export interface IntervalKpis {
  /** Contacts offered, short abandons excluded (docs/kpis.md). */
  readonly offered: number;
  /** Answered within the threshold ÷ (answered + abandoned); short abandons are not counted. */
  readonly serviceLevel: number | null;
  readonly abandonRate: number | null;
  readonly asaMs: number | null;
  readonly ahtMs: number | null;
  readonly transferRate: number | null;
}

const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

export function intervalKpis(c: IntervalCounters): IntervalKpis {
  return {
    offered: c.offered - c.shortAbandoned,
    serviceLevel: ratio(c.answeredWithin, c.answered + c.abandoned),
    abandonRate: ratio(c.abandoned, c.answered + c.abandoned),
    asaMs: ratio(c.waitAnsweredMs, c.answered),
    ahtMs: ratio(c.handleMs, c.handledCount),
    transferRate: ratio(c.transferred, c.handledCount),
  };
}

export const emptyIntervalCounters = (): IntervalCounters => ({
  offered: 0,
  answered: 0,
  answeredWithin: 0,
  abandoned: 0,
  shortAbandoned: 0,
  waitAnsweredMs: 0,
  handledCount: 0,
  handleMs: 0,
  transferred: 0,
});

/** Adds `b` into `a` counter by counter. */
export function addCounters(a: IntervalCounters, b: Partial<IntervalCounters>): void {
  for (const k of Object.keys(b) as (keyof IntervalCounters)[]) a[k] += b[k] ?? 0;
}
