import type { Context } from 'hono';
import { isDomainError } from '../../domain/errors.ts';

/** Runs a rate-limited action; a refusal leaves with `Retry-After` (seconds) as RFC 9110 asks. */
export async function withRetryAfter<T>(c: Context, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    if (isDomainError(e) && (e.code === 'rate_limited' || e.code === 'auth.rate_limited'))
      c.header('Retry-After', String(e.details?.['retryAfterSeconds'] ?? 60));
    throw e;
  }
}
