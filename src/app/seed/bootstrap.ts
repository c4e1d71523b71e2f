/**
 * What every center starts with: the five standard case types, a 24×7 calendar and an SLA
 * policy per type. Runs on every start and only fills what is missing, so it never overwrites
 * an administrator's changes.
 */
import { standardCaseTypes, type PlannableStage } from '../../domain/case/case-type.ts';
import type { Store } from '../ports/store.ts';

export const alwaysOpenCalendarId = 'cal-24x7';

const day = [{ start: '00:00', end: '24:00' }];

/** Business minutes per stage and in total, by case type (a sensible operator default). */
const defaultSla: Record<
  string,
  { total: number; stages: Partial<Record<PlannableStage | 'accepted' | 'replied', number>> }
> = {
  consultation: { total: 8 * 60, stages: { accepted: 4 * 60 } },
  query: { total: 24 * 60, stages: { accepted: 2 * 60, verifying: 8 * 60 } },
  complaint: {
    total: 48 * 60,
    stages: {
      accepted: 60,
      verifying: 4 * 60,
      dispatched: 24 * 60,
      supervising: 8 * 60,
      replied: 24 * 60,
    },
  },
  service_request: {
    total: 48 * 60,
    stages: { accepted: 2 * 60, verifying: 4 * 60, dispatched: 24 * 60 },
  },
  fault_report: {
    total: 24 * 60,
    stages: { accepted: 30, dispatched: 12 * 60, supervising: 4 * 60 },
  },
};

export async function bootstrapCenter(store: Store): Promise<void> {
  await store.transaction(async (tx) => {
    const existing = new Set((await tx.caseTypes.list()).map((t) => t.code));
    for (const t of standardCaseTypes) if (!existing.has(t.code)) await tx.caseTypes.insert(t);
    if (!(await tx.calendars.get(alwaysOpenCalendarId)))
      await tx.calendars.insert({
        id: alwaysOpenCalendarId,
        name: '24×7',
        timeZone: 'Asia/Shanghai',
        weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
        holidays: [],
        specialDays: [],
      });
    const policies = await tx.slaPolicies.list();
    if (policies.length === 0 && existing.size === 0)
      for (const [caseType, p] of Object.entries(defaultSla))
        await tx.slaPolicies.insert({
          id: `sla-${caseType}`,
          caseType,
          priority: null,
          calendarId: alwaysOpenCalendarId,
          stageMinutes: p.stages,
          totalMinutes: p.total,
          warnPercent: 20,
        });
  });
}
