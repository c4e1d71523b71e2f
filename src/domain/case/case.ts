/**
 * A case and the pure operations on it. Each operation returns the changed case and the events
 * it caused; the caller stores both in one transaction. SLA due times are computed by the caller
 * (from the policy and calendar) and passed in, so this file needs no clock or calendar.
 */
import { DomainError } from '../errors.ts';
import type { DomainEvent, EventScope } from '../events/domain-event.ts';
import { assertCaseMove, isOpenStage, type CaseStage } from './case-stage.ts';
import type { CaseTypeDef, Priority } from './case-type.ts';

export interface Case {
  readonly id: string;
  readonly number: string;
  readonly type: string;
  readonly title: string;
  readonly description: string;
  readonly categoryId: string | null;
  readonly priority: Priority;
  readonly customerId: string | null;
  readonly stage: CaseStage;
  readonly stageEnteredAt: Date;
  /** Stages passed since the case was (re)accepted; checked against the type's plan. */
  readonly stagesVisited: readonly CaseStage[];
  readonly assigneeId: string | null;
  /** The front-office team that owns the case. */
  readonly teamId: string | null;
  /** The back-office team the case was dispatched to. */
  readonly dispatchTeamId: string | null;
  readonly urgeCount: number;
  readonly reopenCount: number;
  readonly satisfaction: number | null;
  readonly acceptedAt: Date;
  readonly dueAt: Date | null;
  readonly stageDueAt: Date | null;
  readonly createdBy: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly closedAt: Date | null;
  readonly version: number;
}

export interface CaseChange {
  readonly case: Case;
  readonly events: DomainEvent[];
}

export interface DueTimes {
  readonly dueAt: Date | null;
  readonly stageDueAt: Date | null;
}

/** Who may see events about the case: exactly those who may open it (see access/viewer.ts). */
export function caseScope(
  c: Case,
  customerVisible: boolean,
  alsoUserIds: readonly string[] = [],
): EventScope {
  return {
    userIds: [...new Set([c.assigneeId, ...alsoUserIds].filter((x): x is string => x !== null))],
    teamIds: c.teamId ? [c.teamId] : [],
    dispatchTeamIds: c.dispatchTeamId ? [c.dispatchTeamId] : [],
    customerId: customerVisible ? c.customerId : null,
  };
}

function event(
  c: Case,
  type: string,
  payload: Record<string, unknown>,
  customerVisible = true,
  alsoUserIds: readonly string[] = [],
) {
  return {
    type,
    subjectType: 'case',
    subjectId: c.id,
    payload: { number: c.number, ...payload },
    scope: caseScope(c, customerVisible, alsoUserIds),
  } satisfies DomainEvent;
}

export interface OpenCaseInput {
  readonly id: string;
  readonly number: string;
  readonly type: CaseTypeDef;
  readonly title: string;
  readonly description: string;
  readonly categoryId: string | null;
  readonly priority: Priority | null;
  readonly customerId: string | null;
  readonly assigneeId: string | null;
  readonly teamId: string | null;
  readonly createdBy: string | null;
  readonly now: Date;
  readonly due: DueTimes;
}

export function openCase(i: OpenCaseInput): CaseChange {
  if (!i.type.active)
    throw new DomainError('case.unknown_type', `case type ${i.type.code} is not active`, {
      type: i.type.code,
    });
  const c: Case = {
    id: i.id,
    number: i.number,
    type: i.type.code,
    title: i.title,
    description: i.description,
    categoryId: i.categoryId,
    priority: i.priority ?? i.type.defaultPriority,
    customerId: i.customerId,
    stage: 'accepted',
    stageEnteredAt: i.now,
    stagesVisited: ['accepted'],
    assigneeId: i.assigneeId,
    teamId: i.teamId,
    dispatchTeamId: null,
    urgeCount: 0,
    reopenCount: 0,
    satisfaction: null,
    acceptedAt: i.now,
    dueAt: i.due.dueAt,
    stageDueAt: i.due.stageDueAt,
    createdBy: i.createdBy,
    createdAt: i.now,
    updatedAt: i.now,
    closedAt: null,
    version: 1,
  };
  return {
    case: c,
    events: [
      event(c, 'case.created', {
        type: c.type,
        title: c.title,
        priority: c.priority,
        customerId: c.customerId,
        categoryId: c.categoryId,
        dueAt: c.dueAt?.toISOString() ?? null,
        stageDueAt: c.stageDueAt?.toISOString() ?? null,
      }),
    ],
  };
}

export interface MoveOptions {
  readonly plan: CaseTypeDef;
  readonly now: Date;
  readonly note?: string | null;
  /** Due times for the stage entered; on reopen also the new whole-case due time. */
  readonly due: DueTimes;
  readonly satisfaction?: number | null;
}

/** Moves a case to another stage, enforcing the transition table and the type's plan. */
export function moveCase(c: Case, to: CaseStage, o: MoveOptions): CaseChange {
  assertCaseMove(c.stage, to);
  if (to === 'replied' || to === 'closed') {
    const missing = o.plan.requiredStages.filter((s) => !c.stagesVisited.includes(s));
    if (missing.length > 0)
      throw new DomainError(
        'case.stage_required',
        `a ${c.type} case must pass ${missing.join(', ')} before ${to}`,
        { missing, to },
      );
  }
  if (o.satisfaction !== undefined && o.satisfaction !== null) {
    if (to !== 'closed')
      throw new DomainError('validation.failed', 'satisfaction is given only when closing');
    assertSatisfaction(o.satisfaction);
  }
  const reopen = c.stage === 'closed' && to === 'accepted';
  const next: Case = {
    ...c,
    stage: to,
    stageEnteredAt: o.now,
    stagesVisited: reopen ? ['accepted'] : [...new Set([...c.stagesVisited, to])],
    reopenCount: reopen ? c.reopenCount + 1 : c.reopenCount,
    acceptedAt: reopen ? o.now : c.acceptedAt,
    satisfaction: reopen ? null : (o.satisfaction ?? c.satisfaction),
    closedAt: to === 'closed' || to === 'canceled' ? o.now : reopen ? null : c.closedAt,
    dueAt: reopen ? o.due.dueAt : c.dueAt,
    stageDueAt: isOpenStage(to) ? o.due.stageDueAt : null,
    updatedAt: o.now,
    version: c.version + 1,
  };
  const events: DomainEvent[] = [
    event(next, 'case.stage_changed', {
      from: c.stage,
      to,
      note: o.note ?? null,
      stageDueAt: next.stageDueAt?.toISOString() ?? null,
      ...(to === 'closed' ? { satisfaction: next.satisfaction } : {}),
      ...(reopen ? { reopenCount: next.reopenCount } : {}),
    }),
  ];
  return { case: next, events };
}

export function assertSatisfaction(score: number): void {
  if (!Number.isInteger(score) || score < 1 || score > 5)
    throw new DomainError('case.invalid_satisfaction', 'satisfaction is a whole number 1–5', {
      satisfaction: score,
    });
}

function assertOpen(c: Case, what: string): void {
  if (!isOpenStage(c.stage))
    throw new DomainError('case.closed', `cannot ${what} a ${c.stage} case`, { stage: c.stage });
}

/** Dispatches to a back-office team (任务分派): sets the team and enters `dispatched`. */
export function dispatchCase(
  c: Case,
  teamId: string,
  o: MoveOptions & { assigneeId?: string | null },
): CaseChange {
  const withTeam: Case = {
    ...c,
    dispatchTeamId: teamId,
    assigneeId: o.assigneeId === undefined ? c.assigneeId : o.assigneeId,
  };
  if (c.stage === 'dispatched') {
    // Re-dispatch to another back-office team: same stage, same stage clock.
    const next: Case = { ...withTeam, updatedAt: o.now, version: c.version + 1 };
    return {
      case: next,
      events: [
        event(
          next,
          'case.dispatched',
          { teamId, previousTeamId: c.dispatchTeamId, note: o.note ?? null },
          false,
        ),
      ],
    };
  }
  const moved = moveCase(withTeam, 'dispatched', o);
  return {
    case: moved.case,
    events: [
      event(moved.case, 'case.dispatched', { teamId, note: o.note ?? null }, false),
      ...moved.events,
    ],
  };
}

export function assignCase(
  c: Case,
  to: { assigneeId: string | null; teamId: string | null },
  now: Date,
): CaseChange {
  assertOpen(c, 'assign');
  const next: Case = {
    ...c,
    assigneeId: to.assigneeId,
    teamId: to.teamId,
    updatedAt: now,
    version: c.version + 1,
  };
  return {
    case: next,
    events: [
      event(
        next,
        'case.assigned',
        { assigneeId: to.assigneeId, teamId: to.teamId, previousAssigneeId: c.assigneeId },
        false,
        c.assigneeId ? [c.assigneeId] : [],
      ),
    ],
  };
}

/** Urging (催办): the customer or a colleague chases the case; counted for reports. */
export function urgeCase(c: Case, now: Date, note: string | null): CaseChange {
  assertOpen(c, 'urge');
  const next: Case = { ...c, urgeCount: c.urgeCount + 1, updatedAt: now, version: c.version + 1 };
  return { case: next, events: [event(next, 'case.urged', { urgeCount: next.urgeCount, note })] };
}

export function changePriority(c: Case, priority: Priority, now: Date): CaseChange {
  assertOpen(c, 'reprioritise');
  const next: Case = { ...c, priority, updatedAt: now, version: c.version + 1 };
  return {
    case: next,
    events: [event(next, 'case.priority_changed', { from: c.priority, to: priority }, false)],
  };
}

/** Events for things attached to a case that do not change the case row itself. */
export function caseNoteEvent(c: Case, noteId: string, internal: boolean, authorId: string) {
  return event(c, 'case.note_added', { noteId, internal, authorId }, !internal);
}

export function caseReplyEvent(c: Case, replyId: string, channel: string, authorId: string) {
  return event(c, 'case.reply_recorded', { replyId, channel, authorId });
}

export function caseContactLinkedEvent(c: Case, contactId: string, channel: string) {
  return event(c, 'case.contact_linked', { contactId, channel }, false);
}

/** A call-back was asked for on the case (at a time, or as soon as possible). */
export function caseCallbackEvent(c: Case, number: string, note: string | null, at: Date | null) {
  return event(c, 'case.callback_requested', { number, note, at: at?.toISOString() ?? null });
}
