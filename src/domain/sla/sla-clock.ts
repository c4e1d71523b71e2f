/**
 * SLA clocks: a due instant fixed when a case (or one of its stages) starts, read against a
 * business calendar. The due instant is computed once and stored, so later edits to the calendar
 * do not move deadlines already promised; readings measure what is left in business minutes.
 */
import {
  addBusinessMinutes,
  businessMinutesBetween,
  type BusinessCalendar,
} from './business-calendar.ts';
import type { SlaPolicy, SlaStage } from './sla-policy.ts';

/** none: no clock; met / breached: stopped (or overdue); ok / warning: running in time. */
export type SlaState = 'ok' | 'warning' | 'breached' | 'met' | 'none';

export interface SlaClock {
  readonly startedAt: Date;
  readonly dueAt: Date;
  /** Business minutes between startedAt and dueAt. */
  readonly allowedMinutes: number;
}

export interface SlaReading {
  readonly state: SlaState;
  readonly dueAt: Date | null;
  /** Business minutes left at the reading (or at the stop); negative once overdue. */
  readonly remainingMinutes: number | null;
  /** Share of the allowed time used, in percent; above 100 once overdue. */
  readonly elapsedPercent: number | null;
}

/** A clock that allows `allowedMinutes` of business time from `startedAt`. */
export function startClock(
  cal: BusinessCalendar,
  startedAt: Date,
  allowedMinutes: number,
): SlaClock {
  return {
    startedAt: new Date(startedAt.getTime()),
    dueAt: addBusinessMinutes(cal, startedAt, allowedMinutes),
    allowedMinutes,
  };
}

const noReading: SlaReading = {
  state: 'none',
  dueAt: null,
  remainingMinutes: null,
  elapsedPercent: null,
};

/**
 * Reads a clock at `now`, or at `stoppedAt` when the clock was stopped (the stage was left or the
 * customer answered): then 'met' if it stopped by the due instant, else 'breached'. A running
 * clock is 'breached' once `now` is past due — even outside business hours, when the remaining
 * business minutes are still 0 — and 'warning' when less than `warnPercent` percent of the
 * allowed time remains.
 */
export function readClock(
  cal: BusinessCalendar,
  clock: SlaClock | null,
  now: Date,
  warnPercent: number,
  stoppedAt?: Date | null,
): SlaReading {
  if (!clock) return noReading;
  const at = stoppedAt ?? now;
  const remainingMinutes = businessMinutesBetween(cal, at, clock.dueAt);
  const allowed = clock.allowedMinutes;
  const overdue = at.getTime() > clock.dueAt.getTime();
  const elapsedPercent =
    allowed > 0
      ? Math.max(0, ((allowed - remainingMinutes) / allowed) * 100)
      : at.getTime() >= clock.dueAt.getTime()
        ? 100
        : 0;
  let state: SlaState;
  if (stoppedAt) state = overdue ? 'breached' : 'met';
  else if (overdue) state = 'breached';
  else if (remainingMinutes < (warnPercent / 100) * allowed) state = 'warning';
  else state = 'ok';
  return { state, dueAt: clock.dueAt, remainingMinutes, elapsedPercent };
}

/**
 * Due instants for a case in `stage`: the stage's own deadline (null when the policy sets no
 * minutes for it) and the whole case's deadline counted from acceptance.
 */
export function caseDueTimes(
  cal: BusinessCalendar,
  policy: SlaPolicy,
  stage: SlaStage,
  stageEnteredAt: Date,
  caseAcceptedAt: Date,
): { stageDueAt: Date | null; dueAt: Date } {
  const stageMinutes = policy.stageMinutes[stage];
  return {
    stageDueAt:
      stageMinutes === undefined ? null : addBusinessMinutes(cal, stageEnteredAt, stageMinutes),
    dueAt: addBusinessMinutes(cal, caseAcceptedAt, policy.totalMinutes),
  };
}
