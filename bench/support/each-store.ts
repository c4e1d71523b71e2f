/**
 * Runs a benchmark once on PGlite (a fresh data directory on disk) and once on PostgreSQL (a
 * fresh database on $KEFU_BENCH_PG_URL, dropped afterwards), so every figure exists for both.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Store } from '../../src/app/ports/store.ts';
import { openStore } from '../../src/store/open-store.ts';

export async function onEachStore(run: (label: string, store: Store) => Promise<void>) {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-'));
  try {
    const store = await openStore({ dataDir: dir });
    await run('pglite', store);
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const admin = process.env['KEFU_BENCH_PG_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const name = `kefu_bench_${process.pid}`;
  const c = new pg.Client({ connectionString: admin });
  await c.connect();
  await c.query(`create database ${name}`);
  try {
    const u = new URL(admin);
    u.pathname = `/${name}`;
    const store = await openStore({ databaseUrl: u.toString() });
    await run('postgres', store);
    await store.close();
  } finally {
    await c.query(`drop database if exists ${name} with (force)`);
    await c.end();
  }
}
