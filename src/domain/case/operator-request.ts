/**
 * A request a case placed at an operator system — a BOSS service order or an NMS fault ticket —
 * as the case's timeline records it: `case.operator_request_opened`, then
 * `case.operator_request_updated` on each status change, and `case.operator_request_finished`
 * once the status is final. The follower rebuilds what is still open from these events.
 */
import type { Case } from './case.ts';
import { caseScope } from './case.ts';
import type { DomainEvent } from '../events/domain-event.ts';

export type OperatorSystem = 'boss' | 'nms';

export interface OperatorRequestRef {
  readonly caseId: string;
  readonly system: OperatorSystem;
  /** The order or ticket id at the operator. */
  readonly requestId: string;
  readonly status: string;
}

const finalStatuses: Record<OperatorSystem, readonly string[]> = {
  boss: ['completed', 'failed', 'canceled'],
  nms: ['resolved', 'closed'],
};
const successStatuses: Record<OperatorSystem, readonly string[]> = {
  boss: ['completed'],
  nms: ['resolved', 'closed'],
};

export const isFinalStatus = (s: OperatorSystem, status: string) =>
  finalStatuses[s].includes(status);
export const isSuccessStatus = (s: OperatorSystem, status: string) =>
  successStatuses[s].includes(status);

export const operatorRequestEventTypes = {
  opened: 'case.operator_request_opened',
  updated: 'case.operator_request_updated',
  finished: 'case.operator_request_finished',
} as const;

/** Internal to the center: the customer hears about it through the agent's reply. */
export function operatorRequestEvent(
  c: Case,
  kind: keyof typeof operatorRequestEventTypes,
  ref: Omit<OperatorRequestRef, 'caseId'>,
  extra: Record<string, unknown> = {},
): DomainEvent {
  return {
    type: operatorRequestEventTypes[kind],
    subjectType: 'case',
    subjectId: c.id,
    payload: { number: c.number, ...ref, ...extra },
    scope: caseScope(c, false),
  };
}
