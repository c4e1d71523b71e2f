/**
 * The `kefu` command as users run it (node bin/kefu.js), on PGlite and PostgreSQL: seed, add a
 * user, start, log in over HTTP, stop. Each child process is killed on timeout.
 */
import { sendTo, until } from '../support/mail-peers.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freshPgDatabase } from '../support/test-stores.ts';
import { login, run, start, stop } from '../support/kefu-process.ts';

describe('kefu CLI', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = mkdtempSync(join(tmpdir(), 'kefu-cli-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

  it('prints usage and rejects unknown commands', async () => {
    const r = await run(['frobnicate']);
    expect(r.code).toBe(2);
    expect(r.err).toContain('unknown command');
    const bad = await run([
      'user',
      'add',
      '--username',
      'x',
      '--password',
      'abcdefgh',
      '--role',
      'king',
      '--data-dir',
      tmp(),
    ]);
    expect(bad.code).toBe(2);
    // Half an operator is refused before anything starts.
    const half = await run(['start', '--boss-url', 'http://127.0.0.1:1/boss', '--data-dir', tmp()]);
    expect(half.code).toBe(1);
    expect(half.err).toContain('--boss-url, --billing-url and --nms-url together');
  });

  it('starts a demo center on an empty PGlite directory, seeds it once, and serves logins', async () => {
    const dir = tmp();
    const c = await start(['--demo', '--data-dir', dir]);
    try {
      expect(c.out()).toContain('demo center seeded');
      expect(c.out()).toMatch(/wangfang\s+agent/);
      const health = await fetch(`${c.url}/api/health`);
      expect(await health.json()).toEqual({ status: 'ok' });
      const r = await login(c.url, 'wangfang', 'kefu-demo');
      expect(r.status).toBe(200);
      const { token } = (await r.json()) as { token: string };
      const cases = (await (
        await fetch(`${c.url}/api/cases?limit=100`, {
          headers: { authorization: `Bearer ${token}` },
        })
      ).json()) as {
        items: { stage: string }[];
      };
      expect(new Set(cases.items.map((x) => x.stage)).size).toBeGreaterThanOrEqual(4);
      // Demo mode takes mail for support@kefu.local: a mail becomes a case.
      const smtpPort = Number(/SMTP on port (\d+)/.exec(c.out())?.[1]);
      expect(smtpPort).toBeGreaterThan(0);
      await sendTo(smtpPort, {
        from: 'new.customer@example.cn',
        to: 'support@kefu.local',
        subject: '宽带报修 from the CLI test',
        text: '家里宽带断了。',
      });
      const admin = (await (await login(c.url, 'admin', 'kefu-demo')).json()) as { token: string };
      const found = await until('mailed case', async () => {
        const r = (await (
          await fetch(`${c.url}/api/cases?q=${encodeURIComponent('宽带报修 from the CLI test')}`, {
            headers: { authorization: `Bearer ${admin.token}` },
          })
        ).json()) as { items: { type: string }[] };
        return r.items[0];
      });
      expect(found.type).toBe('query');
      // Demo mode runs the demo operator backend; the screen pop's account comes from it.
      expect(c.out()).toMatch(
        /demo operator backend \(BOSS, billing, NMS\): http:\/\/127\.0\.0\.1:\d+/,
      );
      const auth = { headers: { authorization: `Bearer ${admin.token}` } };
      const liu = (await (
        await fetch(`${c.url}/api/customers?msisdn=8613900139000`, auth)
      ).json()) as {
        items: { id: string }[];
      };
      const account = (await (
        await fetch(`${c.url}/api/customers/${liu.items[0]!.id}/account`, auth)
      ).json()) as {
        profile: { msisdn: string };
        balance: { currency: string };
        errors: unknown[];
      };
      expect(account).toMatchObject({
        profile: { msisdn: '8613900139000' },
        balance: { currency: 'CNY' },
        errors: [],
      });
    } finally {
      await stop(c.proc);
    }
    // A second start keeps the data and does not seed again.
    const again = await start(['--demo', '--data-dir', dir]);
    try {
      expect(again.out()).toContain('not re-seeded');
      expect((await login(again.url, 'admin', 'kefu-demo')).status).toBe(200);
    } finally {
      await stop(again.proc);
    }
  }, 180_000);

  it('migrates, seeds and adds users on PostgreSQL via DATABASE_URL', async () => {
    const db = await freshPgDatabase();
    try {
      const env = { DATABASE_URL: db.url };
      expect((await run(['migrate'], env)).out).toContain('migrated PostgreSQL');
      const seeded = await run(['seed', '--demo'], env);
      expect(seeded.code).toBe(0);
      expect(seeded.out).toContain('31 customers');
      expect((await run(['seed', '--demo'], env)).code).toBe(1);
      const added = await run(
        ['user', 'add', '--username', 'ops', '--password', 'ops-password', '--role', 'admin'],
        env,
      );
      expect(added.code).toBe(0);
      const dup = await run(
        ['user', 'add', '--username', 'ops', '--password', 'ops-password', '--role', 'admin'],
        env,
      );
      expect(dup.code).toBe(1);
      expect(dup.err).toContain('user.username_taken');
      const c = await start([], env);
      try {
        expect((await login(c.url, 'ops', 'ops-password')).status).toBe(200);
        expect((await login(c.url, 'lina', 'kefu-demo')).status).toBe(200);
      } finally {
        await stop(c.proc);
      }
    } finally {
      await db.drop();
    }
  }, 180_000);
});
