/**
 * Calls for the admin console. Forms need the whole problem — `details.position` and
 * `details.expression` of a bad routing expression, the `problems` of an invalid IVR flow, the
 * field errors of `validation.failed` — to put each message next to the field it is about; the
 * shared client keeps all of it on `ApiError`, named `ProblemError` here.
 */
import { ApiError as ProblemError, get } from '../api/client.ts';

export { ProblemError };
export { del, get, patch, post, put } from '../api/client.ts';
export type { FieldProblem } from '../api/client.ts';

/** `a.b.0.c` → `['a', 'b', 0, 'c']`, the form's name path for a problem's path. */
export function namePath(path: string): (string | number)[] {
  return path
    .replace(/\[(\d+)\]/g, '.$1')
    .split('.')
    .filter((x) => x !== '')
    .map((x) => (/^\d+$/.test(x) ? Number(x) : x));
}

/**
 * Checks a routing expression on the server without saving (a 200 either way, so a mistake is
 * not a failed request); a bad one comes back as the problem saving would have raised.
 */
export async function checkExpression(expression: string): Promise<ProblemError | null> {
  const r = await get<{ ok: boolean; detail?: string; position?: number }>(
    `/api/routing/check-expression?expression=${encodeURIComponent(expression)}`,
  );
  if (r.ok) return null;
  return new ProblemError(
    400,
    'routing.invalid_expression',
    r.detail ?? '',
    null,
    { expression, ...(r.position !== undefined ? { position: r.position } : {}) },
    [],
  );
}
