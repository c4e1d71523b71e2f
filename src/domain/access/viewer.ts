/**
 * Who is looking, and what they may see. Pure rules shared by the case queries (translated to
 * SQL by the store), single-case reads and the event stream, so all three agree.
 *
 * - admin: everything
 * - supervisor: cases owned by or dispatched to their teams, or assigned to them
 * - agent: cases assigned to them or owned by their teams
 * - backoffice: cases dispatched to their teams, or assigned to them
 * - customer: their own cases (and only customer-visible events)
 */
import type { Case } from '../case/case.ts';
import type { EventScope } from '../events/domain-event.ts';
import type { Role } from '../user/user.ts';

export interface Viewer {
  readonly id: string;
  readonly role: Role;
  readonly teamIds: readonly string[];
  readonly customerId: string | null;
}

/** A case filter in data form; the store ORs the conditions given. */
export type CaseAccess =
  | { readonly all: true }
  | {
      readonly all: false;
      readonly assigneeId: string | null;
      readonly ownerTeamIds: readonly string[];
      readonly dispatchTeamIds: readonly string[];
      readonly customerId: string | null;
    };

export function caseAccess(v: Viewer): CaseAccess {
  switch (v.role) {
    case 'admin':
      return { all: true };
    case 'supervisor':
      return {
        all: false,
        assigneeId: v.id,
        ownerTeamIds: v.teamIds,
        dispatchTeamIds: v.teamIds,
        customerId: null,
      };
    case 'agent':
      return {
        all: false,
        assigneeId: v.id,
        ownerTeamIds: v.teamIds,
        dispatchTeamIds: [],
        customerId: null,
      };
    case 'backoffice':
      return {
        all: false,
        assigneeId: v.id,
        ownerTeamIds: [],
        dispatchTeamIds: v.teamIds,
        customerId: null,
      };
    case 'customer':
      return {
        all: false,
        assigneeId: null,
        ownerTeamIds: [],
        dispatchTeamIds: [],
        // A customer login without a customer record matches nothing.
        customerId: v.customerId,
      };
  }
}

export function canSeeCase(v: Viewer, c: Case): boolean {
  const a = caseAccess(v);
  if (a.all) return true;
  return (
    (a.assigneeId !== null && c.assigneeId === a.assigneeId) ||
    (c.teamId !== null && a.ownerTeamIds.includes(c.teamId)) ||
    (c.dispatchTeamId !== null && a.dispatchTeamIds.includes(c.dispatchTeamId)) ||
    (a.customerId !== null && c.customerId === a.customerId)
  );
}

/**
 * Whether a logged event may be shown to the viewer (stream and `GET /api/events`). The same
 * rule as `canSeeCase`, applied to the scope recorded with the event: whoever could open the
 * case when the event happened may see the event.
 */
export function canSeeEvent(v: Viewer, scope: EventScope): boolean {
  const a = caseAccess(v);
  if (a.all) return true;
  return (
    (a.assigneeId !== null && scope.userIds.includes(a.assigneeId)) ||
    scope.teamIds.some((t) => a.ownerTeamIds.includes(t)) ||
    scope.dispatchTeamIds.some((t) => a.dispatchTeamIds.includes(t)) ||
    (a.customerId !== null && scope.customerId === a.customerId)
  );
}
