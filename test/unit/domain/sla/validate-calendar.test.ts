import { describe, it, expect } from 'vitest';
import {
  addBusinessMinutes,
  isOpenAt,
  validateCalendar,
  type BusinessCalendar,
} from '../../../../src/domain/sla/business-calendar.ts';
import { DomainError } from '../../../../src/domain/errors.ts';
import { cst, officeDay, shanghai, shanghai2026 } from './fixtures.ts';

const iso = (d: Date) => d.toISOString();

describe('validateCalendar', () => {
  const rejects = (patch: Partial<BusinessCalendar>, field: string) => {
    const cal = { ...shanghai, ...patch } as BusinessCalendar;
    try {
      validateCalendar(cal);
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).code).toBe('calendar.invalid');
      expect((e as DomainError).details).toEqual({ field });
      return;
    }
    throw new Error(`accepted an invalid calendar (${field})`);
  };

  it('accepts a well-formed calendar and returns it', () => {
    expect(validateCalendar(shanghai2026)).toBe(shanghai2026);
    const touching = {
      ...shanghai,
      weekly: { mon: [officeDay[0]!, { start: '12:00', end: '24:00' }] },
    };
    expect(validateCalendar(touching)).toBe(touching);
  });

  it('rejects an unknown time zone', () => {
    rejects({ timeZone: 'Asia/Beijing' }, 'timeZone');
    rejects({ timeZone: '' }, 'timeZone');
  });

  it('rejects malformed times', () => {
    rejects({ weekly: { mon: [{ start: '9:00', end: '12:00' }] } }, 'weekly.mon[0].start');
    rejects({ weekly: { mon: [{ start: '09:00', end: '24:30' }] } }, 'weekly.mon[0].end');
    rejects({ weekly: { tue: [{ start: '24:00', end: '24:00' }] } }, 'weekly.tue[0].start');
    rejects({ weekly: { wed: [{ start: '09:60', end: '10:00' }] } }, 'weekly.wed[0].start');
  });

  it('rejects intervals that end at or before they start', () => {
    rejects({ weekly: { mon: [{ start: '12:00', end: '12:00' }] } }, 'weekly.mon[0]');
    rejects({ weekly: { fri: [{ start: '22:00', end: '06:00' }] } }, 'weekly.fri[0]');
  });

  it('rejects overlapping intervals on one day', () => {
    rejects(
      {
        weekly: {
          mon: [
            { start: '09:00', end: '12:00' },
            { start: '11:59', end: '18:00' },
          ],
        },
      },
      'weekly.mon',
    );
    rejects(
      {
        specialDays: [
          {
            date: '2026-10-10',
            intervals: [
              { start: '13:00', end: '15:00' },
              { start: '09:00', end: '14:00' },
            ],
          },
        ],
      },
      'specialDays[0].intervals',
    );
  });

  it('rejects bad dates, unknown weekdays and doubled special days', () => {
    rejects({ holidays: ['2026-10-01', '2026-02-30'] }, 'holidays[1]');
    rejects({ specialDays: [{ date: '10/10/2026', intervals: [] }] }, 'specialDays[0].date');
    rejects(
      {
        specialDays: [
          { date: '2026-10-10', intervals: [] },
          { date: '2026-10-10', intervals: officeDay },
        ],
      },
      'specialDays[1].date',
    );
    rejects({ weekly: { monday: officeDay } as BusinessCalendar['weekly'] }, 'weekly.monday');
    rejects({ id: ' ' }, 'id');
  });

  it('is enforced by the arithmetic too', () => {
    const bad = { ...shanghai, timeZone: 'Nowhere/Special' };
    expect(() => addBusinessMinutes(bad, cst('2026-11-25T09:00'), 10)).toThrow(DomainError);
    expect(() => isOpenAt(bad, cst('2026-11-25T09:00'))).toThrow(DomainError);
  });

  it('refuses to search forever in a calendar that never opens', () => {
    const closed: BusinessCalendar = { ...shanghai, weekly: {} };
    expect(() => addBusinessMinutes(closed, cst('2026-11-25T09:00'), 1)).toThrow(
      expect.objectContaining({
        code: 'calendar.invalid',
        message: 'calendar has no business hours',
      }),
    );
    // Opens once, long ago: the search gives up after about three idle years.
    const once: BusinessCalendar = {
      ...closed,
      specialDays: [{ date: '2020-01-06', intervals: officeDay }],
    };
    expect(() => addBusinessMinutes(once, cst('2026-11-25T09:00'), 1)).toThrow(
      expect.objectContaining({ code: 'calendar.invalid' }),
    );
    expect(iso(addBusinessMinutes(once, cst('2020-01-01T00:00'), 60))).toBe(
      iso(cst('2020-01-06T10:00')),
    );
  });
});
