/** Catches the DomainError a call throws, so tests can check its stable code and details. */
import { expect } from 'vitest';
import { DomainError, type ErrorCode } from '../../../src/domain/errors.ts';

export function domainError(fn: () => unknown): DomainError {
  try {
    fn();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError, but nothing was thrown');
}

/** Asserts `fn` throws a DomainError with `code` (and, when given, exactly these details). */
export function expectDomainError(
  fn: () => unknown,
  code: ErrorCode,
  details?: Record<string, unknown>,
): DomainError {
  const e = domainError(fn);
  expect(e.code).toBe(code);
  if (details !== undefined) expect(e.details).toEqual(details);
  return e;
}
