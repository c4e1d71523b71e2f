import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import { sessionCookie } from './api-env.ts';

/** The session token from `Authorization: Bearer …` or the session cookie. */
export function requestToken(c: Context): string | null {
  const h = c.req.header('authorization');
  if (h?.toLowerCase().startsWith('bearer ')) return h.slice(7).trim() || null;
  return getCookie(c, sessionCookie) ?? null;
}

/** The peer address of the TCP connection (no proxy headers are trusted). */
export function clientIp(c: Context): string | null {
  const env = c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined;
  return env?.incoming?.socket?.remoteAddress ?? null;
}

/** The actor's own id when a filter says 'me'. */
export const meOr = (value: string | undefined, me: string) => (value === 'me' ? me : value);
