/**
 * Business calendars: the hours in which SLA clocks run. A calendar has weekly opening hours in
 * one time zone, holidays (closed all day) and special days that replace the weekly hours of one
 * date — China's make-up workdays (调休) are special days that open a Saturday or Sunday.
 *
 * Intervals are local wall-clock 'HH:MM' ranges within one day ('24:00' may end one); a night
 * shift is written as 22:00–24:00 plus 00:00–06:00 of the next day. Arithmetic is done on
 * instants at millisecond precision, so DST days are exactly as long as the clocks say.
 */
import { DomainError } from '../errors.ts';
import {
  addDays,
  isValidLocalDate,
  isValidTimeZone,
  localDateOf,
  wallTimeToInstant,
  weekdayOf,
  weekdays,
  type Weekday,
} from './zoned-time.ts';

export type { Weekday } from './zoned-time.ts';

export interface TimeInterval {
  /** 'HH:MM', 00:00..23:59. */
  readonly start: string;
  /** 'HH:MM' after start; '24:00' is the end of the day. */
  readonly end: string;
}

export interface BusinessCalendar {
  readonly id: string;
  readonly name: string;
  /** IANA zone the hours are read in, e.g. 'Asia/Shanghai'. */
  readonly timeZone: string;
  readonly weekly: Readonly<Partial<Record<Weekday, readonly TimeInterval[]>>>;
  /** Local dates with no business hours. */
  readonly holidays: readonly string[];
  /** Dates whose hours replace both the weekly hours and any holiday; [] closes the day. */
  readonly specialDays: readonly {
    readonly date: string;
    readonly intervals: readonly TimeInterval[];
  }[];
}

/** An interval in minutes after local midnight. */
export interface MinuteRange {
  readonly startMin: number;
  readonly endMin: number;
}

interface Compiled {
  readonly weekly: ReadonlyMap<Weekday, readonly MinuteRange[]>;
  readonly holidays: ReadonlySet<string>;
  readonly special: ReadonlyMap<string, readonly MinuteRange[]>;
  /** False when no weekday and no special day has any hours: no clock could ever run. */
  readonly hasHours: boolean;
}

const minuteMs = 60_000;
/** How many days in a row without business time before a search gives up (~3 years). */
const searchLimitDays = 3 * 366;

function invalid(message: string, field: string): DomainError {
  return new DomainError('calendar.invalid', message, { field });
}

const hhmm = /^([01]\d|2[0-3]):([0-5]\d)$/;

function parseTime(value: string, field: string, isEnd: boolean): number {
  if (isEnd && value === '24:00') return 1440;
  const m = typeof value === 'string' ? hhmm.exec(value) : null;
  if (!m) throw invalid(`${field} must be HH:MM, got ${String(value)}`, field);
  return Number(m[1]) * 60 + Number(m[2]);
}

function parseIntervals(list: readonly TimeInterval[], field: string): readonly MinuteRange[] {
  if (!Array.isArray(list)) throw invalid(`${field} must be a list of intervals`, field);
  const ranges = list.map((iv, i) => {
    if (typeof iv !== 'object' || iv === null)
      throw invalid(`${field}[${i}] must be {start, end}`, `${field}[${i}]`);
    const startMin = parseTime(iv.start, `${field}[${i}].start`, false);
    const endMin = parseTime(iv.end, `${field}[${i}].end`, true);
    if (endMin <= startMin)
      throw invalid(`${field}[${i}] ends at or before it starts`, `${field}[${i}]`);
    return { startMin, endMin };
  });
  const sorted = [...ranges].sort((a, b) => a.startMin - b.startMin);
  for (let i = 1; i < sorted.length; i++) {
    // Touching intervals (12:00–13:00 after 09:00–12:00) are fine; sharing a minute is not.
    if ((sorted[i] as MinuteRange).startMin < (sorted[i - 1] as MinuteRange).endMin)
      throw invalid(`${field} has overlapping intervals`, field);
  }
  return sorted;
}

function compileCalendar(cal: BusinessCalendar): Compiled {
  if (typeof cal.id !== 'string' || cal.id.trim() === '') throw invalid('id is required', 'id');
  if (typeof cal.name !== 'string' || cal.name.trim() === '')
    throw invalid('name is required', 'name');
  if (!isValidTimeZone(cal.timeZone))
    throw invalid(`unknown time zone ${String(cal.timeZone)}`, 'timeZone');

  const weekly = new Map<Weekday, readonly MinuteRange[]>();
  for (const [day, list] of Object.entries(cal.weekly ?? {})) {
    if (!(weekdays as readonly string[]).includes(day))
      throw invalid(`unknown weekday ${day}`, `weekly.${day}`);
    if (list === undefined) continue;
    weekly.set(day as Weekday, parseIntervals(list, `weekly.${day}`));
  }

  if (!Array.isArray(cal.holidays)) throw invalid('holidays must be a list', 'holidays');
  cal.holidays.forEach((d, i) => {
    if (!isValidLocalDate(d)) throw invalid(`bad date ${String(d)}`, `holidays[${i}]`);
  });

  if (!Array.isArray(cal.specialDays)) throw invalid('specialDays must be a list', 'specialDays');
  const special = new Map<string, readonly MinuteRange[]>();
  cal.specialDays.forEach((s, i) => {
    const field = `specialDays[${i}]`;
    if (!isValidLocalDate(s.date)) throw invalid(`bad date ${String(s.date)}`, `${field}.date`);
    // Two overrides for one date would make the hours depend on list order.
    if (special.has(s.date)) throw invalid(`${s.date} is listed twice`, `${field}.date`);
    special.set(s.date, parseIntervals(s.intervals, `${field}.intervals`));
  });

  const hasHours =
    [...weekly.values()].some((l) => l.length > 0) ||
    [...special.values()].some((l) => l.length > 0);
  return { weekly, holidays: new Set(cal.holidays), special, hasHours };
}

// Calendars are immutable values, so each is parsed once; a WeakMap lets them be collected.
const compiledCache = new WeakMap<BusinessCalendar, Compiled>();

function compiled(cal: BusinessCalendar): Compiled {
  let c = compiledCache.get(cal);
  if (!c) {
    c = compileCalendar(cal);
    compiledCache.set(cal, c);
  }
  return c;
}

/**
 * Returns the calendar unchanged when it is well formed; otherwise throws
 * DomainError('calendar.invalid') with the offending `field` in the details.
 */
export function validateCalendar(input: BusinessCalendar): BusinessCalendar {
  compiled(input);
  return input;
}

/** Business hours of one local date, sorted: a special day beats a holiday beats the week. */
export function intervalsOn(cal: BusinessCalendar, localDate: string): readonly MinuteRange[] {
  const c = compiled(cal);
  const special = c.special.get(localDate);
  if (special) return special;
  if (c.holidays.has(localDate)) return [];
  return c.weekly.get(weekdayOf(localDate)) ?? [];
}

/** Business hours of one local date as [start, end) epoch-ms windows, empty ones dropped. */
function windowsOn(cal: BusinessCalendar, localDate: string): { start: number; end: number }[] {
  const out: { start: number; end: number }[] = [];
  for (const r of intervalsOn(cal, localDate)) {
    const start = wallTimeToInstant(localDate, r.startMin, cal.timeZone).getTime();
    const end = wallTimeToInstant(localDate, r.endMin, cal.timeZone).getTime();
    // An interval lying wholly in a DST gap has no real time in it.
    if (end > start) out.push({ start, end });
  }
  return out;
}

function noHours(): DomainError {
  return new DomainError('calendar.invalid', 'calendar has no business hours', {
    field: 'weekly',
  });
}

function assertInstant(d: Date, name: string): number {
  const t = d instanceof Date ? d.getTime() : NaN;
  if (Number.isNaN(t)) throw new RangeError(`${name} is not a valid date`);
  return t;
}

/**
 * The instant at which `minutes` of business time have elapsed after `from`. 0 returns `from`;
 * otherwise, when the time runs out exactly at closing, the closing instant is returned (not the
 * next opening). Throws 'calendar.invalid' when the calendar never opens (no business time in
 * about three years of searching).
 */
export function addBusinessMinutes(cal: BusinessCalendar, from: Date, minutes: number): Date {
  const fromMs = assertInstant(from, 'from');
  if (!Number.isFinite(minutes) || minutes < 0)
    throw new RangeError(`minutes must be a finite number >= 0, got ${minutes}`);
  const c = compiled(cal);
  let remaining = Math.round(minutes * minuteMs);
  if (remaining === 0) return new Date(fromMs);
  if (!c.hasHours) throw noHours();

  let cursor = fromMs;
  // Start a day early: with DST at midnight a window of the previous local date can reach past
  // the start of `from`'s local date.
  let date = addDays(localDateOf(from, cal.timeZone), -1);
  let idleDays = 0;
  while (idleDays <= searchLimitDays) {
    let progressed = false;
    for (const w of windowsOn(cal, date)) {
      const start = Math.max(w.start, cursor);
      if (w.end <= start) continue;
      const available = w.end - start;
      if (remaining <= available) return new Date(start + remaining);
      remaining -= available;
      cursor = w.end;
      progressed = true;
    }
    idleDays = progressed ? 0 : idleDays + 1;
    date = addDays(date, 1);
  }
  throw noHours();
}

/**
 * Business minutes in [from, to) at millisecond precision (so possibly fractional); negative when
 * `to` is before `from`. The inverse of addBusinessMinutes.
 */
export function businessMinutesBetween(cal: BusinessCalendar, from: Date, to: Date): number {
  const fromMs = assertInstant(from, 'from');
  const toMs = assertInstant(to, 'to');
  // `0 -` rather than unary minus: no -0 when the span holds no business time.
  if (toMs < fromMs) return 0 - businessMinutesBetween(cal, to, from);
  compiled(cal);
  let total = 0;
  let cursor = fromMs;
  const lastDate = addDays(localDateOf(to, cal.timeZone), 1);
  for (let date = addDays(localDateOf(from, cal.timeZone), -1); date <= lastDate;) {
    for (const w of windowsOn(cal, date)) {
      const start = Math.max(w.start, cursor);
      const end = Math.min(w.end, toMs);
      if (end > start) {
        total += end - start;
        cursor = end;
      }
    }
    date = addDays(date, 1);
  }
  return total / minuteMs;
}

/** True when `at` falls inside business hours (opening instant included, closing excluded). */
export function isOpenAt(cal: BusinessCalendar, at: Date): boolean {
  const t = assertInstant(at, 'at');
  compiled(cal);
  const today = localDateOf(at, cal.timeZone);
  return [addDays(today, -1), today].some((date) =>
    windowsOn(cal, date).some((w) => w.start <= t && t < w.end),
  );
}

/** A 24×7 calendar in UTC: the default when no business calendar is configured. */
export function alwaysOpenCalendar(id = 'always-open'): BusinessCalendar {
  const allDay: readonly TimeInterval[] = [{ start: '00:00', end: '24:00' }];
  return {
    id,
    name: '24x7',
    timeZone: 'UTC',
    weekly: Object.fromEntries(weekdays.map((d) => [d, allDay])),
    holidays: [],
    specialDays: [],
  };
}
