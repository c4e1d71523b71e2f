/**
 * Everything that happens is an event in one append-only log. A domain function returns the
 * events it caused; the store appends them with a sequence number in the same transaction as the
 * change, so readers (stream, statistics, audit, webhooks) see changes in commit order.
 */
export interface EventScope {
  /** Users who may see the event regardless of team (the assignee). */
  readonly userIds: readonly string[];
  /** Owning (front-office) teams: their agents and supervisors may see the event. */
  readonly teamIds: readonly string[];
  /** Back-office teams the subject was dispatched to: their back-office users and supervisors. */
  readonly dispatchTeamIds: readonly string[];
  /** The customer the event concerns, when the customer may see it. */
  readonly customerId: string | null;
}

export interface DomainEvent<P = Record<string, unknown>> {
  readonly type: string;
  readonly subjectType: string;
  readonly subjectId: string;
  readonly payload: P;
  /** Who may see the event; an empty scope means administrators only. */
  readonly scope: EventScope;
}

/** An event as stored: with its place in the log, time and actor. */
export interface LoggedEvent<P = Record<string, unknown>> extends DomainEvent<P> {
  readonly seq: number;
  readonly at: Date;
  readonly actorId: string | null;
}

export const adminOnlyScope: EventScope = {
  userIds: [],
  teamIds: [],
  dispatchTeamIds: [],
  customerId: null,
};
