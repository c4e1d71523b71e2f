/** The one error a routing expression can raise: its source is malformed or too big. */
import { DomainError } from '../../errors.ts';

/** Longest source echoed back in the error details. */
const maxEchoedSource = 2_000;

/**
 * A `routing.invalid_expression` error; `position` is the 0-based index in `source` of the
 * problem, and is also in the details with the (possibly truncated) source.
 */
export function invalidExpression(source: string, message: string, position: number): DomainError {
  return new DomainError('routing.invalid_expression', message, {
    position,
    expression: source.length > maxEchoedSource ? source.slice(0, maxEchoedSource) : source,
  });
}

/** `message at position`, the form every positioned message takes. */
export const invalidAt = (source: string, message: string, position: number): DomainError =>
  invalidExpression(source, `${message} at ${position}`, position);
