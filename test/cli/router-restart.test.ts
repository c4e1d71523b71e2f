/**
 * kill -9 and restart, on PGlite and PostgreSQL: every task waiting or on offer before the crash
 * is there afterwards, and each is offered again exactly once.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { StoreKind } from '../../src/app/ports/store.ts';
import { login, run, start, stop } from '../support/kefu-process.ts';
import { freshPgDatabase, storeKinds } from '../support/test-stores.ts';

interface TaskWithOffers {
  id: string;
  state: string;
  agentId: string | null;
  reservations: { id: string; state: string; agentId: string }[];
}

describe.each(storeKinds)('router restart after kill -9 on %s', (kind: StoreKind) => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const c of cleanups.reverse()) await c();
  });

  it('keeps every waiting and offered task and offers each again once', async () => {
    let env: Record<string, string> = {};
    let args: string[] = [];
    if (kind === 'pglite') {
      const dir = mkdtempSync(join(tmpdir(), 'kefu-restart-'));
      cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
      args = ['--data-dir', dir];
    } else {
      const db = await freshPgDatabase();
      cleanups.push(db.drop);
      env = { DATABASE_URL: db.url };
    }
    expect(
      (
        await run(
          [
            'user',
            'add',
            '--username',
            'boss',
            '--password',
            'boss-password',
            '--role',
            'admin',
            ...args,
          ],
          env,
        )
      ).code,
    ).toBe(0);
    const first = await start(args, env);
    cleanups.push(() => stop(first.proc));
    const url = first.url;
    const token = async (u: string, p: string) =>
      ((await (await login(url, u, p)).json()) as { token: string }).token;
    const admin = await token('boss', 'boss-password');
    const call = async (tok: string, method: string, path: string, body?: unknown) => {
      const r = await fetch(`${url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${tok}`,
          ...(body ? { 'content-type': 'application/json' } : {}),
        },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      const text = await r.text();
      if (r.status >= 400) throw new Error(`${method} ${path} → ${r.status} ${text}`);
      return text ? JSON.parse(text) : null;
    };
    const queue = await call(admin, 'POST', '/api/queues', {
      name: 'Restart test',
      targetExpression: 'true',
      reservationTimeoutSeconds: 600,
    });
    const agentTokens: string[] = [];
    for (const name of ['ra1', 'ra2']) {
      await call(admin, 'POST', '/api/users', {
        username: name,
        password: 'agent-password',
        role: 'agent',
      });
      const t = await token(name, 'agent-password');
      await call(t, 'POST', '/api/agent/session', { softphone: true });
      agentTokens.push(t);
    }
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push(
        (
          await call(admin, 'POST', '/api/tasks', {
            channel: 'voice',
            attributes: { n: i },
            queueId: queue.id,
          })
        ).id,
      );
    const before = await Promise.all(
      ids.map((id) => call(admin, 'GET', `/api/tasks/${id}`) as Promise<TaskWithOffers>),
    );
    const offeredBefore = before.filter((t) => t.state === 'reserved').map((t) => t.id);
    expect(offeredBefore).toHaveLength(2);
    expect(before.filter((t) => t.state === 'pending')).toHaveLength(3);

    first.proc.kill('SIGKILL');
    await new Promise((r) => first.proc.once('exit', r));

    const second = await start(args, env);
    cleanups.push(() => stop(second.proc));
    const admin2 = (
      (await (await login(second.url, 'boss', 'boss-password')).json()) as { token: string }
    ).token;
    const get = async (id: string) =>
      (await (
        await fetch(`${second.url}/api/tasks/${id}`, {
          headers: { authorization: `Bearer ${admin2}` },
        })
      ).json()) as TaskWithOffers;
    const after = await Promise.all(ids.map(get));
    // Every task survived, still open.
    expect(after.map((t) => t.id)).toEqual(ids);
    expect(after.every((t) => t.state === 'pending' || t.state === 'reserved')).toBe(true);
    // No task has two live offers; the agents got exactly two new offers in all.
    for (const t of after)
      expect(t.reservations.filter((r) => r.state === 'pending').length).toBeLessThanOrEqual(1);
    const live = after.flatMap((t) => t.reservations.filter((r) => r.state === 'pending'));
    expect(live).toHaveLength(2);
    expect(new Set(live.map((r) => r.agentId)).size).toBe(2);
    // The offers that died with the process are closed, and their tasks were offered again once.
    for (const id of offeredBefore) {
      const t = after.find((x) => x.id === id);
      expect(t?.reservations.filter((r) => r.state === 'canceled')).toHaveLength(1);
      expect(t?.reservations.filter((r) => r.state === 'pending')).toHaveLength(1);
    }
    // The sessions came back too: an agent can accept the new offer.
    const [offer] = live;
    const agentIdx = after.findIndex((t) => t.reservations.some((r) => r.id === offer?.id));
    expect(agentIdx).toBeGreaterThanOrEqual(0);
    const me = await Promise.all(
      ['ra1', 'ra2'].map(
        async (u) =>
          (await (await login(second.url, u, 'agent-password')).json()) as {
            token: string;
            user: { id: string };
          },
      ),
    );
    const owner = me.find((m) => m.user.id === offer?.agentId);
    const accepted = await fetch(`${second.url}/api/reservations/${offer?.id}/accept`, {
      method: 'POST',
      headers: { authorization: `Bearer ${owner?.token}` },
    });
    expect(accepted.status).toBe(200);
  }, 180_000);
});
