/**
 * Instants ↔ local wall-clock time in an IANA time zone, on top of the global `Intl` API (no
 * time-zone library: the domain stays free of packages).
 *
 * A local date is a 'YYYY-MM-DD' string; a wall time is minutes after local midnight (0..1440,
 * fractional allowed). Wall times that do not exist or exist twice are resolved deterministically:
 *
 * - in a gap (clocks jump forward) the wall time maps to the first instant after the gap, so a
 *   shift starting at 02:30 on the spring-forward night starts when the clocks read 03:00;
 * - in an overlap (clocks fall back) the earlier of the two instants is taken.
 *
 * Both rules keep the mapping non-decreasing: a later wall time never gives an earlier instant,
 * which is what lets business hours be summed without double counting.
 */

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

const minuteMs = 60_000;
const dayMs = 86_400_000;

// Formatters are expensive to build and immutable, so one per zone is kept for the process.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** True when `Intl` knows the zone (IANA names such as 'Asia/Shanghai', and 'UTC'). */
export function isValidTimeZone(timeZone: string): boolean {
  if (typeof timeZone !== 'string' || timeZone === '') return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * The zone's offset from UTC at `epochMs`, in ms (east positive: +8 h for Asia/Shanghai).
 * `Intl` resolves to whole seconds, which is also the granularity of every offset in the tz
 * database, so `epochMs + offset` is the exact local wall time.
 */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const fields: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(epochMs)) {
    if (p.type !== 'literal') fields[p.type] = Number(p.value);
  }
  const local = Date.UTC(
    fields.year ?? 1970,
    (fields.month ?? 1) - 1,
    fields.day ?? 1,
    fields.hour ?? 0,
    fields.minute ?? 0,
    fields.second ?? 0,
  );
  return local - Math.floor(epochMs / 1000) * 1000;
}

function formatUtcDate(ms: number): string {
  const d = new Date(ms);
  const y = String(d.getUTCFullYear()).padStart(4, '0');
  const m = String(d.getUTCMonth() + 1).padStart(2, '0');
  const day = String(d.getUTCDate()).padStart(2, '0');
  return `${y}-${m}-${day}`;
}

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Midnight UTC of a local date, or null when the string is not a real calendar date. */
function parseDate(date: string): number | null {
  const m = typeof date === 'string' ? datePattern.exec(date) : null;
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Date.UTC rolls 2026-02-30 over to March; the round trip catches it.
  return formatUtcDate(ms) === date ? ms : null;
}

function dateMs(date: string): number {
  const ms = parseDate(date);
  if (ms === null) throw new RangeError(`not a YYYY-MM-DD date: ${date}`);
  return ms;
}

/** True for a real 'YYYY-MM-DD' calendar date (2026-02-29 is not one). */
export const isValidLocalDate = (date: string): boolean => parseDate(date) !== null;

/** The local calendar date of an instant in the zone, 'YYYY-MM-DD'. */
export function localDateOf(instant: Date, timeZone: string): string {
  const t = instant.getTime();
  return formatUtcDate(t + zoneOffsetMs(t, timeZone));
}

/** Minutes after local midnight of an instant in the zone (fractional, ms precision). */
export function localMinutesOf(instant: Date, timeZone: string): number {
  const t = instant.getTime();
  const local = t + zoneOffsetMs(t, timeZone);
  return (local - Math.floor(local / dayMs) * dayMs) / minuteMs;
}

/** The day of the week of a local date. */
export function weekdayOf(date: string): Weekday {
  // getUTCDay counts from Sunday; weekdays starts on Monday.
  return weekdays[(new Date(dateMs(date)).getUTCDay() + 6) % 7] as Weekday;
}

/** The local date `n` days after `date` (n may be negative). */
export function addDays(date: string, n: number): string {
  return formatUtcDate(dateMs(date) + n * dayMs);
}

/**
 * The instant at which clocks in the zone read `minutesOfDay` after midnight of `date`.
 * 1440 means the following midnight. Gaps and overlaps are resolved as the module comment says.
 */
export function wallTimeToInstant(date: string, minutesOfDay: number, timeZone: string): Date {
  if (!Number.isFinite(minutesOfDay)) throw new RangeError(`bad minutes of day: ${minutesOfDay}`);
  return new Date(wallToEpoch(dateMs(date) + minutesOfDay * minuteMs, timeZone));
}

/** `local` is the wall time written as if it were UTC ms. */
function wallToEpoch(local: number, timeZone: string): number {
  // Offsets never exceed ±14 h, so a day either side lies before / after any transition that
  // can affect this wall time (zones do not change offset twice within two days).
  const before = zoneOffsetMs(local - dayMs, timeZone);
  const after = zoneOffsetMs(local + dayMs, timeZone);
  const candidates = before === after ? [local - before] : [local - before, local - after];
  const valid = candidates.filter((t) => t + zoneOffsetMs(t, timeZone) === local);
  if (valid.length > 0) return Math.min(...valid);
  // A gap: find the transition, the first instant whose wall time is at or past `local`.
  let lo = Math.min(...candidates);
  let hi = Math.max(...candidates);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (mid + zoneOffsetMs(mid, timeZone) >= local) hi = mid;
    else lo = mid;
  }
  return hi;
}
