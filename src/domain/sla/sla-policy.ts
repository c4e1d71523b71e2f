/**
 * SLA policies: how many business minutes a case of one type (and optionally one priority) may
 * spend in each open stage and from acceptance to the customer's reply, measured on one business
 * calendar.
 */
import type { CaseStage } from '../case/case-stage.ts';
import { priorities, type Priority } from '../case/case-type.ts';
import { DomainError } from '../errors.ts';

/** Stages in which a clock runs: every open stage of a case. */
export type SlaStage = Exclude<CaseStage, 'closed' | 'canceled'>;
export const slaStages: readonly SlaStage[] = [
  'accepted',
  'verifying',
  'dispatched',
  'supervising',
  'replied',
];

export const isSlaStage = (s: string): s is SlaStage =>
  (slaStages as readonly string[]).includes(s);

export interface SlaPolicy {
  readonly id: string;
  /** Case type code, e.g. 'complaint'. */
  readonly caseType: string;
  /** null: every priority of the type that has no policy of its own. */
  readonly priority: Priority | null;
  readonly calendarId: string;
  /** Business minutes allowed per stage; a stage left out has no stage clock. */
  readonly stageMinutes: Readonly<Partial<Record<SlaStage, number>>>;
  /** Business minutes for the whole case, acceptance to reply. */
  readonly totalMinutes: number;
  /** 0..100: a clock is in 'warning' once less than this percent of its time remains. */
  readonly warnPercent: number;
}

function invalid(message: string, field: string): DomainError {
  return new DomainError('sla.invalid_policy', message, { field });
}

const isPositive = (n: unknown): n is number =>
  typeof n === 'number' && Number.isFinite(n) && n > 0;

const isNonEmpty = (s: unknown): s is string => typeof s === 'string' && s.trim() !== '';

/**
 * Returns the policy unchanged when it is well formed; otherwise throws
 * DomainError('sla.invalid_policy') with the offending `field` in the details.
 */
export function validateSlaPolicy(p: SlaPolicy): SlaPolicy {
  if (!isNonEmpty(p.id)) throw invalid('id is required', 'id');
  if (!isNonEmpty(p.caseType)) throw invalid('caseType is required', 'caseType');
  if (!isNonEmpty(p.calendarId)) throw invalid('calendarId is required', 'calendarId');
  if (p.priority !== null && !(priorities as readonly unknown[]).includes(p.priority))
    throw invalid(`unknown priority ${String(p.priority)}`, 'priority');
  if (typeof p.stageMinutes !== 'object' || p.stageMinutes === null)
    throw invalid('stageMinutes must be an object', 'stageMinutes');
  for (const [stage, minutes] of Object.entries(p.stageMinutes)) {
    const field = `stageMinutes.${stage}`;
    if (!isSlaStage(stage)) throw invalid(`no clock runs in stage ${stage}`, field);
    // An explicit undefined is the same as leaving the stage out.
    if (minutes !== undefined && !isPositive(minutes))
      throw invalid(`${field} must be a positive number of minutes`, field);
  }
  if (!isPositive(p.totalMinutes))
    throw invalid('totalMinutes must be a positive number of minutes', 'totalMinutes');
  if (
    typeof p.warnPercent !== 'number' ||
    !Number.isFinite(p.warnPercent) ||
    p.warnPercent < 0 ||
    p.warnPercent > 100
  )
    throw invalid('warnPercent must be between 0 and 100', 'warnPercent');
  return p;
}

/**
 * The policy for a case: one for exactly this type and priority wins over the type's catch-all
 * (priority null). Among equals the first in the list wins, so callers control ties by order.
 */
export function pickSlaPolicy(
  policies: readonly SlaPolicy[],
  caseType: string,
  priority: Priority | null,
): SlaPolicy | null {
  const ofType = policies.filter((p) => p.caseType === caseType);
  return (
    (priority === null ? undefined : ofType.find((p) => p.priority === priority)) ??
    ofType.find((p) => p.priority === null) ??
    null
  );
}
