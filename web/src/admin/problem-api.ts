/**
 * Calls for the admin console that keep the whole problem: the shared client reduces an error
 * to code, detail and field, but forms need `details.position` and `details.expression` of a
 * bad routing expression, the `problems` of an invalid IVR flow and the field errors of
 * `validation.failed` to put each message next to the field it is about.
 */
import { ApiError, session } from '../api/client.ts';

export interface FieldProblem {
  path: string;
  message: string;
  position?: number;
}

export class ProblemError extends ApiError {
  constructor(
    status: number,
    code: string,
    detail: string,
    field: string | null,
    readonly details: Record<string, unknown>,
    readonly errors: FieldProblem[],
  ) {
    super(status, code, detail, field);
  }
}

export async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = session.token;
  if (token) headers['authorization'] = `Bearer ${token}`;
  const r = await fetch(path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await r.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (r.ok) return data as T;
  const p = (data ?? {}) as {
    code?: string;
    detail?: string;
    details?: Record<string, unknown>;
    errors?: FieldProblem[];
  };
  if (r.status === 401) session.token = null;
  const details = p.details ?? {};
  throw new ProblemError(
    r.status,
    p.code ?? 'internal',
    p.detail ?? r.statusText,
    typeof details['field'] === 'string' ? details['field'] : null,
    details,
    p.errors ?? [],
  );
}

export const get = <T>(path: string) => send<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => send<T>('POST', path, body);
export const put = <T>(path: string, body: unknown) => send<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown) => send<T>('PATCH', path, body);
export const del = <T>(path: string) => send<T>('DELETE', path);

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
