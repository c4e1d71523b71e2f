/**
 * When a call-back may be asked for: from now up to 30 days ahead. A time already past (or none)
 * means as soon as possible (null); beyond the horizon is `validation.failed` on `at`.
 */
import { DomainError } from '../errors.ts';

export const maxCallbackAheadMs = 30 * 86_400_000;

export function callbackTime(at: Date | null | undefined, now: Date): Date | null {
  if (!at) return null;
  if (Number.isNaN(at.getTime()) || at.getTime() > now.getTime() + maxCallbackAheadMs)
    throw new DomainError('validation.failed', 'a call-back can be asked for up to 30 days ahead', {
      field: 'at',
    });
  return at > now ? at : null;
}
