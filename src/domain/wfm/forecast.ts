/**
 * A forecast of contacts per 15-minute interval from history: for each weekday and time of
 * day (in the center's time zone), the offered contacts of the same slot over the past weeks,
 * averaged with a least-squares trend across those weeks (so a growing queue is not
 * under-forecast), never below zero. AHT per slot is the history's handled-time average, or
 * the overall average where a slot handled nothing.
 */
import {
  addDays,
  localDateOf,
  localMinutesOf,
  wallTimeToInstant,
  weekdayOf,
  type Weekday,
} from '../sla/zoned-time.ts';

export interface SlotHistory {
  readonly intervalStart: Date;
  readonly offered: number;
  readonly handledCount: number;
  readonly handleMs: number;
}

export interface ForecastSlot {
  readonly start: Date;
  readonly offered: number;
  readonly ahtSeconds: number | null;
}

export interface ForecastOptions {
  readonly timeZone: string;
  /** First local date to forecast (YYYY-MM-DD) and how many days. */
  readonly fromDate: string;
  readonly days: number;
  /** How many past weeks of history the forecast reads (the history must cover them). */
  readonly weeks: number;
}

const slotKey = (weekday: Weekday, minutes: number) => `${weekday}@${minutes}`;

/** Least-squares value at x = n (the next week) of points (0..n-1, ys); the mean when n < 3. */
function trendNext(ys: readonly number[]): number {
  const n = ys.length;
  if (n === 0) return 0;
  const mean = ys.reduce((a, b) => a + b, 0) / n;
  if (n < 3) return mean;
  const xMean = (n - 1) / 2;
  let num = 0;
  let den = 0;
  ys.forEach((y, x) => {
    num += (x - xMean) * (y - mean);
    den += (x - xMean) ** 2;
  });
  const slope = den > 0 ? num / den : 0;
  return Math.max(0, mean + slope * (n - xMean));
}

export function forecastContacts(
  history: readonly SlotHistory[],
  o: ForecastOptions,
): ForecastSlot[] {
  // For each weekday@minutes slot: offered per week (oldest first), handled time.
  const firstDay = addDays(o.fromDate, -7 * o.weeks);
  const weeks = new Map<string, number[]>();
  const handled = new Map<string, { n: number; ms: number }>();
  let allN = 0;
  let allMs = 0;
  for (const h of history) {
    const date = localDateOf(h.intervalStart, o.timeZone);
    if (date < firstDay || date >= o.fromDate) continue;
    const key = slotKey(weekdayOf(date), localMinutesOf(h.intervalStart, o.timeZone));
    const week = Math.floor(
      (Date.parse(`${date}T00:00:00Z`) - Date.parse(`${firstDay}T00:00:00Z`)) / (7 * 86_400_000),
    );
    const list = weeks.get(key) ?? new Array<number>(o.weeks).fill(0);
    list[week] = (list[week] ?? 0) + h.offered;
    weeks.set(key, list);
    const hd = handled.get(key) ?? { n: 0, ms: 0 };
    hd.n += h.handledCount;
    hd.ms += h.handleMs;
    handled.set(key, hd);
    allN += h.handledCount;
    allMs += h.handleMs;
  }
  const overallAht = allN > 0 ? allMs / allN / 1000 : null;
  const out: ForecastSlot[] = [];
  for (let d = 0; d < o.days; d++) {
    const date = addDays(o.fromDate, d);
    const weekday = weekdayOf(date);
    for (let minutes = 0; minutes < 24 * 60; minutes += 15) {
      const key = slotKey(weekday, minutes);
      const hd = handled.get(key);
      out.push({
        start: wallTimeToInstant(date, minutes, o.timeZone),
        offered: Math.round(trendNext(weeks.get(key) ?? []) * 100) / 100,
        ahtSeconds: hd && hd.n > 0 ? hd.ms / hd.n / 1000 : overallAht,
      });
    }
  }
  return out;
}
