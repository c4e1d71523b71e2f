/**
 * The customer's satisfaction rating (满意度). A customer rates a case once it is answered: in
 * `replied` the rating closes the case (the caller moves it with `moveCase`); a case closed
 * without a rating may still be rated once. Any other moment is a conflict.
 */
import { DomainError } from '../errors.ts';
import { assertSatisfaction, caseScope, type Case, type CaseChange } from './case.ts';

export const canRateCase = (c: Case): boolean =>
  c.stage === 'replied' || (c.stage === 'closed' && c.satisfaction === null);

export function assertRateable(c: Case): void {
  if (!canRateCase(c))
    throw new DomainError(
      'conflict',
      c.stage === 'closed'
        ? 'this case is already rated'
        : `a case can be rated once it is answered, not while ${c.stage}`,
      { stage: c.stage },
    );
}

/** Records a rating on a case closed without one. */
export function rateClosedCase(c: Case, score: number, now: Date): CaseChange {
  assertSatisfaction(score);
  if (c.stage !== 'closed')
    throw new DomainError('conflict', 'rating an open case closes it (moveCase)', {
      stage: c.stage,
    });
  assertRateable(c);
  const next: Case = { ...c, satisfaction: score, updatedAt: now, version: c.version + 1 };
  return {
    case: next,
    events: [
      {
        type: 'case.satisfaction_rated',
        subjectType: 'case',
        subjectId: c.id,
        payload: { number: c.number, satisfaction: score },
        scope: caseScope(next, true),
      },
    ],
  };
}
