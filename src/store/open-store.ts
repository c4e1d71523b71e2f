/**
 * Opens the store: PGlite in a data directory by default, PostgreSQL when a URL is given.
 * Migrations run on open, so every command works on a fresh directory or database.
 */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import pg from 'pg';
import type { Store } from '../app/ports/store.ts';
import type { Db } from './db.ts';
import { DrizzleStore } from './drizzle-store.ts';
import { repositoriesOver } from './repositories.ts';
import * as schema from './schema.ts';

export const migrationsFolder = fileURLToPath(new URL('./migrations', import.meta.url));

export interface StoreOptions {
  /** postgres://… selects PostgreSQL. */
  readonly databaseUrl?: string | undefined;
  /** PGlite data directory; ignored with a databaseUrl. */
  readonly dataDir?: string | undefined;
  /** A PGlite data dump to start from (tests use a migrated template). */
  readonly pgliteDump?: Blob | undefined;
  readonly poolSize?: number;
}

export async function openStore(o: StoreOptions): Promise<Store> {
  if (o.databaseUrl) return openPostgres(o.databaseUrl, o.poolSize ?? 10);
  return openPglite(o.dataDir, o.pgliteDump);
}

async function openPglite(dataDir: string | undefined, dump: Blob | undefined): Promise<Store> {
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const client = await PGlite.create({
    ...(dataDir ? { dataDir } : {}),
    ...(dump ? { loadDataDir: dump } : {}),
  });
  const db = drizzlePglite(client, { schema }) as unknown as Db;
  await migratePglite(db as never, { migrationsFolder });
  const last = await repositoriesOver(db).events.lastSeq();
  return new DrizzleStore('pglite', db, () => client.close(), last);
}

async function openPostgres(url: string, max: number): Promise<Store> {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', (e) => console.error('postgres pool error', e.message));
  const db = drizzlePg(pool, { schema }) as unknown as Db;
  await migratePg(db as never, { migrationsFolder });
  const last = await repositoriesOver(db).events.lastSeq();
  return new DrizzleStore('postgres', db, () => pool.end(), last);
}

/** A migrated, empty PGlite database as a dump, for fast test setup. */
export async function pgliteTemplate(): Promise<Blob> {
  const client = await PGlite.create();
  const db = drizzlePglite(client, { schema });
  await migratePglite(db, { migrationsFolder });
  const dump = await client.dumpDataDir('none');
  await client.close();
  return dump;
}
