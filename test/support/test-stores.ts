/**
 * Fresh stores for tests: PGlite from the migrated template, and PostgreSQL in a new database
 * per store (dropped on close). Suites loop over `storeKinds` so every test runs on both.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import pg from 'pg';
import { inject } from 'vitest';
import type { Store, StoreKind } from '../../src/app/ports/store.ts';
import { openStore } from '../../src/store/open-store.ts';

export const storeKinds: readonly StoreKind[] = ['pglite', 'postgres'];

let template: Blob | null = null;

export async function openTestStore(kind: StoreKind): Promise<Store> {
  if (kind === 'pglite') {
    template ??= new Blob([readFileSync(inject('pgliteTemplate'))]);
    return openStore({ pgliteDump: template });
  }
  const db = await freshPgDatabase();
  const store = await openStore({ databaseUrl: db.url, poolSize: 5 });
  const close = store.close.bind(store);
  return Object.assign(store, {
    async close() {
      await close();
      await db.drop();
    },
  });
}

/** A database URL for a fresh PostgreSQL database (for CLI tests), and its cleanup. */
export async function freshPgDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const admin = inject('pgAdminUrl');
  const name = `kefu_t_${randomBytes(6).toString('hex')}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${name}`);
  await c.end();
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: async () => {
      const d = new pg.Client({ connectionString: admin });
      await d.connect();
      await d.query(`drop database if exists ${name} with (force)`);
      await d.end();
    },
  };
}
