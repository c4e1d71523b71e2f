/** Calendars shared by the SLA tests. */
import type {
  BusinessCalendar,
  TimeInterval,
} from '../../../../src/domain/sla/business-calendar.ts';
import { addDays } from '../../../../src/domain/sla/zoned-time.ts';

export const officeDay: readonly TimeInterval[] = [
  { start: '09:00', end: '12:00' },
  { start: '13:30', end: '18:00' },
];

/** Beijing office: 09:00–12:00 and 13:30–18:00 Mon–Fri, 450 business minutes a day. */
export const shanghai: BusinessCalendar = {
  id: 'cn-office',
  name: 'Beijing office hours',
  timeZone: 'Asia/Shanghai',
  weekly: { mon: officeDay, tue: officeDay, wed: officeDay, thu: officeDay, fri: officeDay },
  holidays: [],
  specialDays: [],
};

/** The same office with National Day 2026 (Oct 1–7) and its make-up workdays (调休). */
export const shanghai2026: BusinessCalendar = {
  ...shanghai,
  id: 'cn-office-2026',
  holidays: Array.from({ length: 7 }, (_, i) => addDays('2026-10-01', i)),
  specialDays: [
    { date: '2026-09-20', intervals: officeDay },
    { date: '2026-10-10', intervals: officeDay },
  ],
};

const nineToFive: readonly TimeInterval[] = [{ start: '09:00', end: '17:00' }];
export const newYork: BusinessCalendar = {
  id: 'us-office',
  name: 'New York office hours',
  timeZone: 'America/New_York',
  weekly: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive },
  holidays: ['2026-11-26'],
  specialDays: [],
};

/** Local wall time in Shanghai (UTC+8) as an instant. */
export const cst = (local: string) => new Date(`${local}+08:00`);
