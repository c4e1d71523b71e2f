import { describe, it, expect } from 'vitest';
import {
  caseDueTimes,
  readClock,
  startClock,
  type SlaClock,
} from '../../../../src/domain/sla/sla-clock.ts';
import type { SlaPolicy } from '../../../../src/domain/sla/sla-policy.ts';
import { cst, shanghai as cal } from './fixtures.ts';

describe('startClock', () => {
  it('fixes the due instant in business time', () => {
    const clock = startClock(cal, cst('2026-11-25T11:00'), 120);
    expect(clock.dueAt.toISOString()).toBe(cst('2026-11-25T14:30').toISOString());
    expect(clock.allowedMinutes).toBe(120);
    expect(clock.startedAt.toISOString()).toBe(cst('2026-11-25T11:00').toISOString());
  });
});

describe('readClock', () => {
  // Monday 09:00, 120 minutes allowed: due 11:00; warn when under 25% (30 minutes) remain.
  const clock: SlaClock = startClock(cal, cst('2026-11-23T09:00'), 120);
  const read = (now: string, stoppedAt?: string) =>
    readClock(cal, clock, cst(now), 25, stoppedAt === undefined ? undefined : cst(stoppedAt));

  it('reads none without a clock', () => {
    expect(readClock(cal, null, cst('2026-11-23T10:00'), 25)).toEqual({
      state: 'none',
      dueAt: null,
      remainingMinutes: null,
      elapsedPercent: null,
    });
    expect(readClock(cal, null, cst('2026-11-23T10:00'), 25, cst('2026-11-23T10:00')).state).toBe(
      'none',
    );
  });

  it('is ok while enough time remains', () => {
    const r = read('2026-11-23T09:30');
    expect(r).toEqual({
      state: 'ok',
      dueAt: clock.dueAt,
      remainingMinutes: 90,
      elapsedPercent: 25,
    });
    expect(read('2026-11-23T10:30').state).toBe('ok'); // exactly 25% left is not yet a warning
  });

  it('warns when less than warnPercent of the allowed time remains', () => {
    const r = read('2026-11-23T10:45');
    expect(r.state).toBe('warning');
    expect(r.remainingMinutes).toBe(15);
    expect(r.elapsedPercent).toBe(87.5);
    expect(read('2026-11-23T11:00').state).toBe('warning'); // due, not yet overdue
  });

  it('is breached once past due, with negative remaining minutes', () => {
    const r = read('2026-11-23T11:20');
    expect(r.state).toBe('breached');
    expect(r.remainingMinutes).toBe(-20);
    expect(r.elapsedPercent).toBeCloseTo((140 / 120) * 100, 9);
  });

  it('counts overdue time in business minutes only', () => {
    const friday = startClock(cal, cst('2026-11-27T17:00'), 60); // due Friday 18:00
    const saturday = readClock(cal, friday, cst('2026-11-28T10:00'), 25);
    expect(saturday.state).toBe('breached');
    expect(Object.is(saturday.remainingMinutes, 0)).toBe(true);
    expect(readClock(cal, friday, cst('2026-11-30T09:30'), 25).remainingMinutes).toBe(-30);
  });

  it('is met when stopped by the due instant, whenever it is read', () => {
    expect(read('2026-11-30T09:00', '2026-11-23T10:50')).toMatchObject({
      state: 'met',
      remainingMinutes: 10,
    });
    expect(read('2026-11-30T09:00', '2026-11-23T11:00').state).toBe('met');
  });

  it('is breached when stopped after the due instant', () => {
    expect(read('2026-11-30T09:00', '2026-11-23T11:30')).toMatchObject({
      state: 'breached',
      remainingMinutes: -30,
      elapsedPercent: 125,
    });
  });

  it('treats an explicit null stop as a running clock', () => {
    expect(readClock(cal, clock, cst('2026-11-23T09:30'), 25, null).state).toBe('ok');
  });
});

describe('caseDueTimes', () => {
  const policy: SlaPolicy = {
    id: 'p-complaint',
    caseType: 'complaint',
    priority: null,
    calendarId: 'cn-office',
    stageMinutes: { accepted: 30, verifying: 240 },
    totalMinutes: 2 * 450,
    warnPercent: 20,
  };

  it('gives the stage deadline and the whole-case deadline', () => {
    const accepted = cst('2026-11-25T17:00');
    const verifying = cst('2026-11-25T17:20');
    const due = caseDueTimes(cal, policy, 'verifying', verifying, accepted);
    // 40 minutes on Wednesday, then 200 on Thursday: 09:00 + 180 = 12:00, lunch, 13:50.
    expect(due.stageDueAt?.toISOString()).toBe(cst('2026-11-26T13:50').toISOString());
    // Two office days from Wednesday 17:00 end at Friday 17:00.
    expect(due.dueAt.toISOString()).toBe(cst('2026-11-27T17:00').toISOString());
  });

  it('has no stage deadline for a stage the policy leaves out', () => {
    const t = cst('2026-11-25T10:00');
    const due = caseDueTimes(cal, policy, 'dispatched', t, t);
    expect(due.stageDueAt).toBeNull();
    expect(due.dueAt.toISOString()).toBe(cst('2026-11-27T10:00').toISOString());
  });
});
