/** Looks up the SLA policy and calendar for a case and computes its due times. */
import type { Case, DueTimes } from '../../domain/case/case.ts';
import type { CaseStage } from '../../domain/case/case-stage.ts';
import type { Priority } from '../../domain/case/case-type.ts';
import { readClock, caseDueTimes, type SlaReading } from '../../domain/sla/sla-clock.ts';
import { pickSlaPolicy, type SlaPolicy, type SlaStage } from '../../domain/sla/sla-policy.ts';
import type { BusinessCalendar } from '../../domain/sla/business-calendar.ts';
import { isOpenStage } from '../../domain/case/case-stage.ts';
import type { Repositories } from '../ports/store.ts';

export interface CaseSla {
  readonly policyId: string | null;
  readonly stage: SlaReading;
  readonly total: SlaReading;
}

const none: SlaReading = {
  state: 'none',
  dueAt: null,
  remainingMinutes: null,
  elapsedPercent: null,
};

export async function slaContext(
  repos: Repositories,
  type: string,
  priority: Priority,
): Promise<{ policy: SlaPolicy; calendar: BusinessCalendar } | null> {
  const policy = pickSlaPolicy(await repos.slaPolicies.list(), type, priority);
  if (!policy) return null;
  const calendar = await repos.calendars.get(policy.calendarId);
  return calendar ? { policy, calendar } : null;
}

/** Due times on entering `stage`; `acceptedAt` anchors the whole-case clock. */
export async function dueTimesFor(
  repos: Repositories,
  type: string,
  priority: Priority,
  stage: CaseStage,
  enteredAt: Date,
  acceptedAt: Date,
): Promise<DueTimes> {
  if (!isOpenStage(stage)) return { dueAt: null, stageDueAt: null };
  const ctx = await slaContext(repos, type, priority);
  if (!ctx) return { dueAt: null, stageDueAt: null };
  return caseDueTimes(ctx.calendar, ctx.policy, stage as SlaStage, enteredAt, acceptedAt);
}

/** The SLA state of a case now: the current stage's clock and the whole-case clock. */
export async function readCaseSla(repos: Repositories, c: Case, now: Date): Promise<CaseSla> {
  const ctx = await slaContext(repos, c.type, c.priority);
  if (!ctx) return { policyId: null, stage: none, total: none };
  const { calendar, policy } = ctx;
  const open = isOpenStage(c.stage);
  const stageMinutes = policy.stageMinutes[c.stage as SlaStage];
  const stage =
    open && c.stageDueAt && stageMinutes
      ? readClock(
          calendar,
          { startedAt: c.stageEnteredAt, dueAt: c.stageDueAt, allowedMinutes: stageMinutes },
          now,
          policy.warnPercent,
        )
      : none;
  // The whole-case clock stops when the customer is answered (replied) or the case ends.
  const stoppedAt =
    open && c.stage !== 'replied' ? null : c.stage === 'replied' ? c.stageEnteredAt : c.closedAt;
  const total = c.dueAt
    ? readClock(
        calendar,
        { startedAt: c.acceptedAt, dueAt: c.dueAt, allowedMinutes: policy.totalMinutes },
        now,
        policy.warnPercent,
        stoppedAt,
      )
    : none;
  return { policyId: policy.id, stage, total };
}
