/**
 * Runs once before the test files: builds a migrated PGlite template (so each file starts in
 * ~0.5 s instead of ~3 s) and checks that PostgreSQL answers. PostgreSQL tests never skip: a
 * missing server fails the run with a clear message.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { pgliteTemplate } from '../../src/store/open-store.ts';

export const defaultPgUrl = 'postgres://postgres@127.0.0.1:5432/postgres';

export default async function setup(project: TestProject) {
  // The browser tests serve the built web app; build it if its sources changed.
  execFileSync(process.execPath, [join(import.meta.dirname, '../../scripts/build-web.mjs')], {
    stdio: 'inherit',
  });
  const dir = join(tmpdir(), `kefu-test-${process.pid}`);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'pglite-template.tar');
  const dump = await pgliteTemplate();
  writeFileSync(file, Buffer.from(await dump.arrayBuffer()));
  project.provide('pgliteTemplate', file);

  const adminUrl = process.env['KEFU_TEST_PG_URL'] ?? defaultPgUrl;
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    await client.query('select 1');
  } catch (e) {
    throw new Error(
      `PostgreSQL is required for the tests (KEFU_TEST_PG_URL=${adminUrl}): ${(e as Error).message}`,
      { cause: e },
    );
  } finally {
    await client.end().catch(() => undefined);
  }
  project.provide('pgAdminUrl', adminUrl);
}

declare module 'vitest' {
  export interface ProvidedContext {
    pgliteTemplate: string;
    pgAdminUrl: string;
  }
}
