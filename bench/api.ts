/**
 * API throughput: case creation and case reads through HTTP against a real `kefu start` child
 * process (so the load generator does not share the server's event loop), on PGlite (data
 * directory on disk) and on PostgreSQL. Prints rates and latency percentiles.
 *
 *   npx tsx bench/api.ts [--creates 1000] [--reads 5000] [--concurrency 16]
 *
 * PostgreSQL: $KEFU_BENCH_PG_URL (default postgres://postgres@127.0.0.1:5432/postgres) is used
 * to create and drop a scratch database.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';

const { values: args } = parseArgs({
  options: {
    creates: { type: 'string', default: '1000' },
    reads: { type: 'string', default: '5000' },
    concurrency: { type: 'string', default: '16' },
  },
});
const creates = Number(args.creates);
const reads = Number(args.reads);
const concurrency = Number(args.concurrency);
const bin = join(import.meta.dirname, '../bin/kefu.js');

function run(cmd: string[], env: Record<string, string>): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [bin, ...cmd], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    p.on('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`kefu ${cmd.join(' ')} exited ${code}`)),
    );
  });
}

function start(
  cmd: string[],
  env: Record<string, string>,
): Promise<{ url: string; proc: ChildProcess }> {
  return new Promise((resolve, reject) => {
    const p = spawn(
      process.execPath,
      [bin, 'start', '--port', '0', '--host', '127.0.0.1', ...cmd],
      {
        env: { ...process.env, LOG_LEVEL: 'warn', ...env },
      },
    );
    let out = '';
    p.stdout.on('data', (d) => {
      out += d;
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) resolve({ url: m[1], proc: p });
    });
    p.stderr.pipe(process.stderr);
    p.on('exit', (code) => reject(new Error(`kefu start exited ${code}: ${out}`)));
  });
}

async function pool<T>(
  n: number,
  width: number,
  job: (i: number) => Promise<T>,
): Promise<{ ms: number[]; wall: number; results: T[] }> {
  const ms: number[] = new Array(n);
  const results: T[] = new Array(n);
  let next = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: width }, async () => {
      for (let i = next++; i < n; i = next++) {
        const s = performance.now();
        results[i] = await job(i);
        ms[i] = performance.now() - s;
      }
    }),
  );
  return { ms, wall: performance.now() - t0, results };
}

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? NaN;
};

async function measure(label: string, env: Record<string, string>, startArgs: string[]) {
  await run(
    [
      'user',
      'add',
      '--username',
      'bench',
      '--password',
      'bench-password',
      '--role',
      'agent',
      ...startArgs,
    ],
    env,
  );
  const { url, proc } = await start(startArgs, env);
  try {
    const login = await fetch(`${url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench', password: 'bench-password' }),
    });
    const { token } = (await login.json()) as { token: string };
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    // warm-up
    await pool(50, 4, () =>
      fetch(`${url}/api/cases`, {
        method: 'POST',
        headers,
        body: JSON.stringify({ type: 'query', title: 'warm-up' }),
      }).then((r) => r.text()),
    );

    const c = await pool(creates, concurrency, async (i) => {
      const r = await fetch(`${url}/api/cases`, {
        method: 'POST',
        headers,
        body: JSON.stringify({
          type: i % 2 ? 'complaint' : 'query',
          title: `bench case ${i}`,
          description: '漫游费用 roaming charge question',
        }),
      });
      if (r.status !== 201) throw new Error(`create → ${r.status} ${await r.text()}`);
      return ((await r.json()) as { id: string }).id;
    });
    const ids = c.results;
    const r = await pool(reads, concurrency, async (i) => {
      const res = await fetch(`${url}/api/cases/${ids[i % ids.length]}`, { headers });
      if (res.status !== 200) throw new Error(`read → ${res.status}`);
      return res.text();
    });
    const line = (what: string, x: { ms: number[]; wall: number }, n: number) =>
      `${label.padEnd(10)} ${what.padEnd(12)} ${(n / (x.wall / 1000)).toFixed(0).padStart(6)} req/s   p50 ${pct(x.ms, 50).toFixed(1).padStart(6)} ms   p99 ${pct(x.ms, 99).toFixed(1).padStart(6)} ms   (n=${n}, concurrency ${concurrency})`;
    console.log(line('case create', c, creates));
    console.log(line('case read', r, reads));
  } finally {
    proc.kill('SIGTERM');
    await new Promise((res) => proc.once('exit', res));
  }
}

const dir = mkdtempSync(join(tmpdir(), 'kefu-bench-'));
try {
  await measure('pglite', {}, ['--data-dir', dir]);
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
  await measure('postgres', { DATABASE_URL: u.toString() }, []);
} finally {
  await c.query(`drop database if exists ${name} with (force)`);
  await c.end();
}
