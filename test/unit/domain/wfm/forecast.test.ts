import { describe, expect, it } from 'vitest';
import { forecastContacts, type SlotHistory } from '../../../../src/domain/wfm/forecast.ts';

// Monday 2026-12-07 in Shanghai (UTC+8): 09:00 local is 01:00Z.
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);

describe('contact forecast', () => {
  const history: SlotHistory[] = [
    // Four Mondays at 09:00: 10, 12, 14, 16 contacts, AHT 200 s; a growing queue.
    {
      intervalStart: at('2026-11-09', '09:00'),
      offered: 10,
      handledCount: 10,
      handleMs: 2_000_000,
    },
    {
      intervalStart: at('2026-11-16', '09:00'),
      offered: 12,
      handledCount: 12,
      handleMs: 2_400_000,
    },
    {
      intervalStart: at('2026-11-23', '09:00'),
      offered: 14,
      handledCount: 14,
      handleMs: 2_800_000,
    },
    {
      intervalStart: at('2026-11-30', '09:00'),
      offered: 16,
      handledCount: 16,
      handleMs: 3_200_000,
    },
    // One Tuesday 10:15 with 8 contacts, two weeks ago; the other weeks had none.
    { intervalStart: at('2026-11-24', '10:15'), offered: 8, handledCount: 8, handleMs: 960_000 },
    // Outside the 4 weeks read: ignored.
    { intervalStart: at('2026-11-02', '09:00'), offered: 500, handledCount: 0, handleMs: 0 },
  ];
  const slots = forecastContacts(history, {
    timeZone: 'Asia/Shanghai',
    fromDate: '2026-12-07',
    days: 2,
    weeks: 4,
  });
  const slot = (date: string, hhmm: string) =>
    slots.find((s) => s.start.getTime() === at(date, hhmm).getTime());

  it('gives 96 slots a day in local time', () => {
    expect(slots).toHaveLength(192);
    expect(slots[0]!.start.toISOString()).toBe('2026-12-06T16:00:00.000Z');
  });

  it('follows the weekly trend of the same weekday and time', () => {
    expect(slot('2026-12-07', '09:00')).toMatchObject({ offered: 18, ahtSeconds: 200 });
    expect(slot('2026-12-07', '09:15')!.offered).toBe(0);
  });

  it('averages sparse slots over all the weeks (empty weeks count as zero)', () => {
    // Weeks: 0, 0, 8, 0 → least-squares line at the next week, never below 0.
    const tue = slot('2026-12-08', '10:15')!;
    expect(tue.offered).toBeGreaterThanOrEqual(0);
    expect(tue.offered).toBeLessThan(8);
    expect(tue.ahtSeconds).toBe(120);
    // A slot that handled nothing falls back to the overall AHT.
    expect(slot('2026-12-08', '03:00')!.ahtSeconds).toBeCloseTo(11_360_000 / 60 / 1000, 6);
  });
});
