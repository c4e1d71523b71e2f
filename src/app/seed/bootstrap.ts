/**
 * What every center starts with: the five standard case types, a 24×7 calendar and an SLA
 * policy per type. Runs on every start and only fills what is missing, so it never overwrites
 * an administrator's changes.
 */
import { defaultCapacityProfile } from '../../domain/agent/capacity.ts';
import { defaultReasonCodes } from '../../domain/agent/reason-codes.ts';
import { standardCaseTypes, type PlannableStage } from '../../domain/case/case-type.ts';
import { defaultQueueSettings } from '../../domain/routing/queue.ts';
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

export const generalQueueId = 'queue-general';
export const defaultWorkflowId = 'workflow-default';

export async function bootstrapCenter(store: Store): Promise<void> {
  await store.transaction(async (tx) => {
    // Routing: away reasons, the default capacity profile, a general queue and a workflow to it.
    if ((await tx.routing.listReasonCodes()).length === 0)
      for (const r of defaultReasonCodes) await tx.routing.upsertReasonCode(r);
    if (!(await tx.routing.getCapacityProfile(defaultCapacityProfile.id)))
      await tx.routing.upsertCapacityProfile(defaultCapacityProfile);
    if ((await tx.routing.listQueues()).length === 0)
      await tx.routing.insertQueue({
        ...defaultQueueSettings,
        id: generalQueueId,
        name: 'General 综合',
        description: 'Every agent; the default destination',
        targetExpression: 'true',
      });
    if ((await tx.routing.listWorkflows()).length === 0) {
      const queues = await tx.routing.listQueues();
      const target = queues.find((q) => q.id === generalQueueId) ?? queues[0];
      if (target)
        await tx.routing.insertWorkflow({
          id: defaultWorkflowId,
          name: 'Default',
          filters: [],
          defaultQueueId: target.id,
          isDefault: true,
        });
    }
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
