import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addBusinessMinutes,
  alwaysOpenCalendar,
  businessMinutesBetween,
  intervalsOn,
  isOpenAt,
  validateCalendar,
  type BusinessCalendar,
} from '../../../../src/domain/sla/business-calendar.ts';
import { wallTimeToInstant } from '../../../../src/domain/sla/zoned-time.ts';
import { cst, newYork, officeDay, shanghai, shanghai2026 } from './fixtures.ts';

const iso = (d: Date) => d.toISOString();

describe('addBusinessMinutes in Asia/Shanghai', () => {
  it('carries time left at Friday closing over the weekend', () => {
    // Friday 2026-11-27 17:30: 30 minutes on Friday, 30 on Monday morning.
    expect(iso(addBusinessMinutes(shanghai, cst('2026-11-27T17:30'), 60))).toBe(
      iso(cst('2026-11-30T09:30')),
    );
  });

  it('skips the lunch break', () => {
    expect(iso(addBusinessMinutes(shanghai, cst('2026-11-25T11:30'), 60))).toBe(
      iso(cst('2026-11-25T14:00')),
    );
  });

  it('ends at closing time when the minutes run out exactly there', () => {
    expect(iso(addBusinessMinutes(shanghai, cst('2026-11-27T17:00'), 60))).toBe(
      iso(cst('2026-11-27T18:00')),
    );
    expect(iso(addBusinessMinutes(shanghai, cst('2026-11-25T11:00'), 60))).toBe(
      iso(cst('2026-11-25T12:00')),
    );
  });

  it('starts counting at the next opening when started after hours', () => {
    expect(iso(addBusinessMinutes(shanghai, cst('2026-11-28T10:00'), 1))).toBe(
      iso(cst('2026-11-30T09:01')),
    );
    expect(iso(addBusinessMinutes(shanghai, cst('2026-11-25T12:15'), 30))).toBe(
      iso(cst('2026-11-25T14:00')),
    );
  });

  it('returns the start itself for zero minutes, even after hours', () => {
    const sunday = cst('2026-11-29T03:00');
    expect(iso(addBusinessMinutes(shanghai, sunday, 0))).toBe(iso(sunday));
  });

  it('skips the National Day holidays', () => {
    // Wednesday 2026-09-30 17:00: 60 minutes that day, then closed until Thursday 2026-10-08.
    expect(iso(addBusinessMinutes(shanghai2026, cst('2026-09-30T17:00'), 120))).toBe(
      iso(cst('2026-10-08T10:00')),
    );
  });

  it('counts the make-up workday on Saturday 2026-10-10', () => {
    expect(iso(addBusinessMinutes(shanghai2026, cst('2026-10-09T17:00'), 120))).toBe(
      iso(cst('2026-10-10T10:00')),
    );
    // Without the make-up day the time runs on to Monday.
    expect(iso(addBusinessMinutes(shanghai, cst('2026-10-09T17:00'), 120))).toBe(
      iso(cst('2026-10-12T10:00')),
    );
  });

  it('adds a whole working week', () => {
    expect(iso(addBusinessMinutes(shanghai, cst('2026-11-23T09:00'), 5 * 450))).toBe(
      iso(cst('2026-11-27T18:00')),
    );
  });

  it('rejects a negative or non-finite number of minutes', () => {
    expect(() => addBusinessMinutes(shanghai, cst('2026-11-23T09:00'), -1)).toThrow(RangeError);
    expect(() => addBusinessMinutes(shanghai, cst('2026-11-23T09:00'), NaN)).toThrow(RangeError);
    expect(() => addBusinessMinutes(shanghai, new Date(NaN), 1)).toThrow(RangeError);
  });
});

describe('businessMinutesBetween', () => {
  it('measures across lunch, nights and weekends', () => {
    expect(businessMinutesBetween(shanghai, cst('2026-11-25T11:30'), cst('2026-11-25T14:00'))).toBe(
      60,
    );
    expect(businessMinutesBetween(shanghai, cst('2026-11-27T17:30'), cst('2026-11-30T09:30'))).toBe(
      60,
    );
    expect(businessMinutesBetween(shanghai, cst('2026-11-28T00:00'), cst('2026-11-30T00:00'))).toBe(
      0,
    );
  });

  it('counts the holiday week and its make-up days', () => {
    // Sep 30 (450) + Oct 8, 9 (900) + Saturday Oct 10 (450); Oct 1–7 and Sunday Oct 11 closed.
    expect(
      businessMinutesBetween(shanghai2026, cst('2026-09-30T00:00'), cst('2026-10-12T00:00')),
    ).toBe(1800);
  });

  it('is negative when the end comes first, and 0 not -0 when nothing lies between', () => {
    expect(businessMinutesBetween(shanghai, cst('2026-11-25T14:00'), cst('2026-11-25T11:30'))).toBe(
      -60,
    );
    expect(
      Object.is(
        businessMinutesBetween(shanghai, cst('2026-11-29T10:00'), cst('2026-11-28T10:00')),
        0,
      ),
    ).toBe(true);
  });

  it('keeps millisecond precision', () => {
    const from = cst('2026-11-25T09:00');
    expect(businessMinutesBetween(shanghai, from, new Date(from.getTime() + 90_500))).toBeCloseTo(
      90.5 / 60,
      12,
    );
  });
});

describe('DST in America/New_York', () => {
  it('adds across the spring-forward weekend (2026-03-08)', () => {
    // Friday 16:00 EST is 21:00Z; Monday 10:00 EDT is 14:00Z.
    const friday = new Date('2026-03-06T21:00:00Z');
    const due = addBusinessMinutes(newYork, friday, 120);
    expect(iso(due)).toBe('2026-03-09T14:00:00.000Z');
    expect(businessMinutesBetween(newYork, friday, due)).toBe(120);
  });

  it('adds across the fall-back weekend (2026-11-01)', () => {
    // Friday 16:00 EDT is 20:00Z; Monday 10:00 EST is 15:00Z.
    const friday = new Date('2026-10-30T20:00:00Z');
    const due = addBusinessMinutes(newYork, friday, 120);
    expect(iso(due)).toBe('2026-11-02T15:00:00.000Z');
    expect(businessMinutesBetween(newYork, friday, due)).toBe(120);
  });

  it('gives DST days the length the clocks give them', () => {
    const tz = 'America/New_York';
    const allDay = { ...alwaysOpenCalendar('ny-24x7'), timeZone: tz };
    const day = (d: string) =>
      businessMinutesBetween(allDay, wallTimeToInstant(d, 0, tz), wallTimeToInstant(d, 1440, tz));
    expect(day('2026-03-07')).toBe(1440);
    expect(day('2026-03-08')).toBe(1380);
    expect(day('2026-11-01')).toBe(1500);
  });

  it('counts real time in night shifts that span the change', () => {
    const nights: BusinessCalendar = {
      ...newYork,
      weekly: {},
      specialDays: [
        { date: '2026-03-08', intervals: [{ start: '01:00', end: '03:00' }] },
        { date: '2026-11-01', intervals: [{ start: '01:00', end: '02:00' }] },
      ],
    };
    const span = (d: string) =>
      businessMinutesBetween(nights, new Date(`${d}T00:00:00Z`), new Date(`${d}T12:00:00Z`));
    expect(span('2026-03-08')).toBe(60); // 02:00–03:00 never happens
    expect(span('2026-11-01')).toBe(120); // 01:00–02:00 happens twice
  });
});

describe('businessMinutesBetween inverts addBusinessMinutes (property)', () => {
  const starts = fc.date({
    min: new Date('2020-01-01T00:00:00Z'),
    max: new Date('2030-01-01T00:00:00Z'),
    noInvalidDate: true,
  });
  const minutes = fc.integer({ min: 0, max: 20_000 });

  for (const cal of [shanghai, shanghai2026, newYork, alwaysOpenCalendar()]) {
    it(`holds for ${cal.id}`, () => {
      fc.assert(
        fc.property(starts, minutes, (from, m) => {
          const due = addBusinessMinutes(cal, from, m);
          expect(Math.abs(businessMinutesBetween(cal, from, due) - m)).toBeLessThan(1e-6);
          expect(due.getTime()).toBeGreaterThanOrEqual(from.getTime());
          // The last millisecond before a positive deadline is business time.
          if (m > 0) expect(isOpenAt(cal, new Date(due.getTime() - 1))).toBe(true);
        }),
        { numRuns: 150 },
      );
    });
  }
});

describe('intervalsOn and isOpenAt', () => {
  it('prefers a special day over a holiday over the week', () => {
    const cal: BusinessCalendar = {
      ...shanghai,
      holidays: ['2026-10-01', '2026-10-02'],
      specialDays: [{ date: '2026-10-02', intervals: [{ start: '10:00', end: '11:00' }] }],
    };
    expect(intervalsOn(cal, '2026-09-30')).toEqual([
      { startMin: 540, endMin: 720 },
      { startMin: 810, endMin: 1080 },
    ]);
    expect(intervalsOn(cal, '2026-10-01')).toEqual([]);
    expect(intervalsOn(cal, '2026-10-02')).toEqual([{ startMin: 600, endMin: 660 }]);
    expect(intervalsOn(cal, '2026-10-03')).toEqual([]); // Saturday
  });

  it('returns intervals sorted whatever order they were written in', () => {
    const cal = { ...shanghai, weekly: { mon: [...officeDay].reverse() } };
    expect(intervalsOn(cal, '2026-11-23').map((r) => r.startMin)).toEqual([540, 810]);
  });

  it('is open from opening up to, not including, closing', () => {
    expect(isOpenAt(shanghai, cst('2026-11-25T09:00'))).toBe(true);
    expect(isOpenAt(shanghai, cst('2026-11-25T11:59'))).toBe(true);
    expect(isOpenAt(shanghai, cst('2026-11-25T12:00'))).toBe(false);
    expect(isOpenAt(shanghai, cst('2026-11-25T13:30'))).toBe(true);
    expect(isOpenAt(shanghai, cst('2026-11-25T18:00'))).toBe(false);
    expect(isOpenAt(shanghai, cst('2026-11-28T10:00'))).toBe(false);
    expect(isOpenAt(shanghai2026, cst('2026-10-10T10:00'))).toBe(true);
    expect(isOpenAt(shanghai2026, cst('2026-10-08T08:59'))).toBe(false);
  });

  it('treats the 24x7 calendar as always open', () => {
    const cal = alwaysOpenCalendar();
    expect(validateCalendar(cal)).toBe(cal);
    expect(isOpenAt(cal, new Date('2026-12-31T23:59:59.999Z'))).toBe(true);
    const from = new Date('2026-11-27T17:30:00Z');
    expect(iso(addBusinessMinutes(cal, from, 3 * 1440))).toBe('2026-11-30T17:30:00.000Z');
  });
});
