/**
 * A case's facts for the case KPIs (kpis.ts), read from its own events: accepted when created,
 * closed at its last move to `closed`, reopened when it left `closed`, the rating given when
 * closing, contacts linked, and for every stage it left whether that was before the stage's due
 * time (each `case.stage_changed` carries the due time of the stage entered).
 */
import type { LoggedEvent } from '../events/domain-event.ts';
import type { CaseFacts } from './kpis.ts';

export interface CaseSummary extends CaseFacts {
  readonly caseId: string;
  readonly type: string;
  readonly categoryId: string | null;
  readonly priority: string;
}

const str = (v: unknown) => (typeof v === 'string' ? v : null);

/** Facts of one case from its events (oldest first); null when its creation is not among them. */
export function caseFactsFrom(events: readonly LoggedEvent[]): CaseSummary | null {
  const created = events.find((e) => e.type === 'case.created');
  if (!created) return null;
  let stage = 'accepted';
  let due = str(created.payload['stageDueAt']);
  let closedAt: number | null = null;
  let reopenCount = 0;
  let satisfaction: number | null = null;
  let contacts = 0;
  const stages: { stage: string; onTime: boolean }[] = [];
  for (const e of events) {
    if (e.type === 'case.contact_linked') contacts++;
    if (e.type !== 'case.stage_changed') continue;
    const to = str(e.payload['to']) ?? stage;
    // Leaving a stage: on time unless it had a due time that has passed.
    stages.push({ stage, onTime: due === null || e.at.getTime() <= Date.parse(due) });
    if (stage === 'closed' && to !== 'closed') {
      reopenCount++;
      closedAt = null;
      satisfaction = null;
    }
    if (to === 'closed') {
      closedAt = e.at.getTime();
      const s = e.payload['satisfaction'];
      satisfaction = typeof s === 'number' ? s : null;
    }
    stage = to;
    due = str(e.payload['stageDueAt']);
  }
  // A case rated after closing (the portal) records the rating as its own event.
  for (const e of events)
    if (e.type === 'case.satisfaction_rated' && typeof e.payload['satisfaction'] === 'number')
      satisfaction = e.payload['satisfaction'];
  return {
    caseId: created.subjectId,
    type: str(created.payload['type']) ?? 'unknown',
    categoryId: str(created.payload['categoryId']),
    priority: str(created.payload['priority']) ?? 'normal',
    acceptedAt: created.at.getTime(),
    closedAt,
    inboundContacts: Math.max(1, contacts),
    reopenCount,
    satisfaction,
    stages: stages.filter((s) => s.stage !== 'closed'),
  };
}
