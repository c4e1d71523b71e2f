/**
 * The one way the web app calls kefu: JSON over fetch with the session token, and errors as
 * `ApiError` carrying the problem's stable `code` (shown translated, never parsed from text).
 */
const tokenKey = 'kefu.token';

/** One field-level problem of a `validation.failed` or an invalid IVR flow. */
export interface FieldProblem {
  path: string;
  message: string;
  position?: number;
}

/** A failed call, with the whole problem so forms can put each message next to its field. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly field: string | null = null,
    readonly details: Record<string, unknown> = {},
    readonly errors: FieldProblem[] = [],
  ) {
    super(detail);
  }
}

export const session = {
  get token(): string | null {
    return localStorage.getItem(tokenKey);
  },
  set token(t: string | null) {
    if (t) localStorage.setItem(tokenKey, t);
    else localStorage.removeItem(tokenKey);
  },
};

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = session.token;
  if (token) headers['authorization'] = `Bearer ${token}`;
  const r = await fetch(path, {
    method,
    headers,
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  if (r.status === 204) return undefined as T;
  const text = await r.text();
  const data: unknown = text ? JSON.parse(text) : undefined;
  if (!r.ok) {
    const p = (data ?? {}) as {
      code?: string;
      detail?: string;
      details?: Record<string, unknown>;
      errors?: FieldProblem[];
    };
    if (r.status === 401 && path !== '/api/auth/login') session.token = null;
    const details = p.details ?? {};
    throw new ApiError(
      r.status,
      p.code ?? 'internal',
      p.detail ?? r.statusText,
      typeof details['field'] === 'string' ? details['field'] : null,
      details,
      p.errors ?? [],
    );
  }
  return data as T;
}

export const get = <T>(path: string) => api<T>('GET', path);
export const post = <T>(path: string, body: unknown = {}) => api<T>('POST', path, body);
export const put = <T>(path: string, body: unknown) => api<T>('PUT', path, body);
export const patch = <T>(path: string, body: unknown) => api<T>('PATCH', path, body);
export const del = <T>(path: string) => api<T>('DELETE', path);
