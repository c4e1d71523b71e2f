import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addDays,
  isValidLocalDate,
  isValidTimeZone,
  localDateOf,
  localMinutesOf,
  wallTimeToInstant,
  weekdayOf,
  zoneOffsetMs,
} from '../../../../src/domain/sla/zoned-time.ts';

const ny = 'America/New_York';
const shanghai = 'Asia/Shanghai';
const hour = 3_600_000;

describe('local dates', () => {
  it('reads the local date on the zone side of midnight', () => {
    const t = new Date('2026-11-27T16:30:00Z');
    expect(localDateOf(t, shanghai)).toBe('2026-11-28');
    expect(localDateOf(t, ny)).toBe('2026-11-27');
    expect(localDateOf(t, 'UTC')).toBe('2026-11-27');
    expect(localMinutesOf(t, shanghai)).toBe(30);
    expect(localMinutesOf(new Date('2026-11-27T16:30:30.500Z'), shanghai)).toBeCloseTo(30.5083, 3);
  });

  it('knows the weekday of a date', () => {
    expect(weekdayOf('2026-10-10')).toBe('sat');
    expect(weekdayOf('2026-10-11')).toBe('sun');
    expect(weekdayOf('2026-10-12')).toBe('mon');
    expect(weekdayOf('2026-10-01')).toBe('thu');
  });

  it('adds days across month, year and leap-day boundaries', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
    expect(addDays('2026-10-01', 0)).toBe('2026-10-01');
  });

  it('rejects dates that are not on the calendar', () => {
    expect(isValidLocalDate('2026-02-28')).toBe(true);
    expect(isValidLocalDate('2028-02-29')).toBe(true);
    expect(isValidLocalDate('2026-02-29')).toBe(false);
    expect(isValidLocalDate('2026-13-01')).toBe(false);
    expect(isValidLocalDate('2026-1-01')).toBe(false);
    expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
  });

  it('validates time zones through Intl', () => {
    expect(isValidTimeZone(shanghai)).toBe(true);
    expect(isValidTimeZone('UTC')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(isValidTimeZone('')).toBe(false);
  });
});

describe('wallTimeToInstant', () => {
  it('converts in a zone without DST', () => {
    expect(wallTimeToInstant('2026-10-10', 9 * 60, shanghai).toISOString()).toBe(
      '2026-10-10T01:00:00.000Z',
    );
    // 24:00 is the next midnight
    expect(wallTimeToInstant('2026-10-10', 1440, shanghai).toISOString()).toBe(
      '2026-10-10T16:00:00.000Z',
    );
  });

  it('uses the offset in force on the day, either side of a DST change', () => {
    expect(wallTimeToInstant('2026-03-07', 9 * 60, ny).toISOString()).toBe(
      '2026-03-07T14:00:00.000Z',
    );
    expect(wallTimeToInstant('2026-03-09', 9 * 60, ny).toISOString()).toBe(
      '2026-03-09T13:00:00.000Z',
    );
    expect(zoneOffsetMs(Date.parse('2026-07-01T00:00:00Z'), ny)).toBe(-4 * hour);
    expect(zoneOffsetMs(Date.parse('2026-12-01T00:00:00Z'), ny)).toBe(-5 * hour);
  });

  it('moves a wall time in the spring-forward gap to the end of the gap', () => {
    // 2026-03-08 02:00–03:00 does not exist in New York; 03:00 EDT is 07:00Z.
    for (const minutes of [120, 150, 179]) {
      expect(wallTimeToInstant('2026-03-08', minutes, ny).toISOString()).toBe(
        '2026-03-08T07:00:00.000Z',
      );
    }
    expect(wallTimeToInstant('2026-03-08', 180, ny).toISOString()).toBe('2026-03-08T07:00:00.000Z');
    expect(wallTimeToInstant('2026-03-08', 119, ny).toISOString()).toBe('2026-03-08T06:59:00.000Z');
  });

  it('takes the earlier instant of a wall time repeated by the fall-back', () => {
    // 2026-11-01 01:30 happens at 05:30Z (EDT) and again at 06:30Z (EST).
    expect(wallTimeToInstant('2026-11-01', 90, ny).toISOString()).toBe('2026-11-01T05:30:00.000Z');
    expect(wallTimeToInstant('2026-11-01', 120, ny).toISOString()).toBe('2026-11-01T07:00:00.000Z');
  });

  it('survives a zone skipping a whole day (Samoa, 2011-12-30)', () => {
    const t = wallTimeToInstant('2011-12-30', 12 * 60, 'Pacific/Apia');
    expect(t.toISOString()).toBe('2011-12-30T10:00:00.000Z');
    expect(localDateOf(t, 'Pacific/Apia')).toBe('2011-12-31');
  });

  it('round-trips every instant through its wall time (property)', () => {
    const instants = fc.date({
      min: new Date('2000-01-01T00:00:00Z'),
      max: new Date('2040-01-01T00:00:00Z'),
      noInvalidDate: true,
    });
    fc.assert(
      fc.property(instants, fc.constantFrom(shanghai, ny, 'Europe/London', 'UTC'), (t, tz) => {
        const back = wallTimeToInstant(localDateOf(t, tz), localMinutesOf(t, tz), tz);
        // Exact except in a fall-back overlap, where the earlier twin of the wall time is chosen.
        expect(back.getTime()).toBeLessThanOrEqual(t.getTime());
        expect(t.getTime() - back.getTime()).toBeLessThanOrEqual(hour);
        expect(localDateOf(back, tz)).toBe(localDateOf(t, tz));
        expect(localMinutesOf(back, tz)).toBeCloseTo(localMinutesOf(t, tz), 9);
      }),
      { numRuns: 300 },
    );
  });

  it('never maps a later wall time to an earlier instant (property)', () => {
    const days = fc.integer({ min: 0, max: 365 * 10 }).map((n) => addDays('2020-01-01', n));
    const minutes = fc.integer({ min: 0, max: 1440 });
    fc.assert(
      fc.property(days, minutes, minutes, fc.constantFrom(ny, 'Europe/Berlin'), (d, a, b, tz) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        expect(wallTimeToInstant(d, lo, tz).getTime()).toBeLessThanOrEqual(
          wallTimeToInstant(d, hi, tz).getTime(),
        );
      }),
      { numRuns: 300 },
    );
  });
});
