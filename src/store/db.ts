/** The Drizzle database type both drivers share, and helpers for driver errors. */
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema.ts';
import { DomainError, type ErrorCode } from '../domain/errors.ts';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

interface PgErrorLike {
  code?: string;
  constraint?: string;
  message?: string;
}

/** Drizzle wraps driver errors; the PostgreSQL fields sit on the cause. */
export function pgErrorOf(e: unknown): PgErrorLike | null {
  let cur: unknown = e;
  for (let i = 0; i < 4 && cur && typeof cur === 'object'; i++) {
    const c = cur as PgErrorLike & { cause?: unknown };
    if (typeof c.code === 'string' && /^[0-9A-Z]{5}$/.test(c.code)) return c;
    cur = c.cause;
  }
  return null;
}

/** Turns a unique violation on one of the named constraints into a coded DomainError. */
export async function mapUnique<T>(
  run: () => Promise<T>,
  constraints: Readonly<Record<string, [ErrorCode, string]>>,
): Promise<T> {
  try {
    return await run();
  } catch (e) {
    const pg = pgErrorOf(e);
    if (pg?.code === '23505') {
      const hit =
        (pg.constraint && constraints[pg.constraint]) ||
        Object.entries(constraints).find(([name]) => pg.message?.includes(name))?.[1];
      if (hit) throw new DomainError(hit[0], hit[1]);
      throw new DomainError('conflict', 'the record conflicts with an existing one');
    }
    throw e;
  }
}

export function pageArgs(page: { limit: number; offset: number }) {
  return { limit: page.limit, offset: page.offset };
}
