import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, password, type Harness } from '../support/api-harness.ts';
import { storeKinds } from '../support/test-stores.ts';

describe.each(storeKinds)('auth API on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(kind, { throttle: { windowMs: 60_000, perUser: 3, perIp: 50 } });
  });
  afterAll(async () => h?.close());

  it('answers health without a session', async () => {
    const r = await h.json('GET', '/api/health', { as: null });
    expect(r).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('logs in with a token that works as Bearer and as a cookie, and logs out', async () => {
    const r = await h.json('POST', '/api/auth/login', {
      as: null,
      body: { username: 'agent', password },
    });
    expect(r.status).toBe(200);
    expect(r.body.user).toMatchObject({ username: 'agent', role: 'agent', id: h.users.agent.id });
    expect(r.body.user.passwordHash).toBeUndefined();
    const token: string = r.body.token;
    const cookie = r.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/kefu_session=.+HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);

    const bearer = await h.app.request('/api/auth/me', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(bearer.status).toBe(200);
    const viaCookie = await h.app.request('/api/auth/me', {
      headers: { cookie: `kefu_session=${token}` },
    });
    expect(await viaCookie.json()).toMatchObject({ username: 'agent' });

    const out = await h.app.request('/api/auth/logout', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(out.status).toBe(200);
    const after = await h.app.request('/api/auth/me', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(after.status).toBe(401);
    expect(after.headers.get('content-type')).toBe('application/problem+json');
    expect(await after.json()).toMatchObject({ code: 'auth.required', status: 401 });
  });

  it('gives the same answer for an unknown user and a wrong password', async () => {
    const a = await h.json('POST', '/api/auth/login', {
      as: null,
      body: { username: 'nobody-here', password: 'whatever1' },
    });
    const b = await h.json('POST', '/api/auth/login', {
      as: null,
      body: { username: 'supervisor', password: 'wrong-pass' },
    });
    expect(a.status).toBe(401);
    expect(b.status).toBe(401);
    expect(a.body.code).toBe('auth.invalid_credentials');
    expect({ ...a.body, instance: null }).toEqual({ ...b.body, instance: null });
  });

  it('rate-limits repeated failures per user, then lets the user in after the window', async () => {
    const body = { username: 'backoffice2', password: 'wrong-pass' };
    for (let i = 0; i < 3; i++)
      expect((await h.json('POST', '/api/auth/login', { as: null, body })).status).toBe(401);
    const limited = await h.json('POST', '/api/auth/login', {
      as: null,
      body: { username: 'backoffice2', password },
    });
    expect(limited.status).toBe(429);
    expect(limited.body.code).toBe('auth.rate_limited');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    h.clock.advance(61_000);
    expect(
      (
        await h.json('POST', '/api/auth/login', {
          as: null,
          body: { username: 'backoffice2', password },
        })
      ).status,
    ).toBe(200);
    const audit = await h.json('GET', '/api/audit?action=auth.login&limit=100');
    const outcomes = audit.body.items
      .filter((e: { actorName: string }) => e.actorName === 'backoffice2')
      .map((e: { outcome: string }) => e.outcome);
    expect(outcomes).toEqual(['ok', 'denied', 'failed', 'failed', 'failed', 'ok']);
  });

  it('refuses disabled accounts and ends their sessions', async () => {
    const created = await h.json('POST', '/api/users', {
      body: { username: 'temp-agent', password: 'temp-password', role: 'agent' },
    });
    expect(created.status).toBe(201);
    const login = await h.json('POST', '/api/auth/login', {
      as: null,
      body: { username: 'temp-agent', password: 'temp-password' },
    });
    const token = login.body.token;
    const patched = await h.json('PATCH', `/api/users/${created.body.id}`, {
      body: { disabled: true },
    });
    expect(patched.body.disabled).toBe(true);
    const me = await h.app.request('/api/auth/me', {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.status).toBe(401);
    const again = await h.json('POST', '/api/auth/login', {
      as: null,
      body: { username: 'temp-agent', password: 'temp-password' },
    });
    expect(again.body.code).toBe('auth.account_disabled');
  });

  it('audits administrators’ changes', async () => {
    const r = await h.json('POST', '/api/skills', { body: { name: 'audited-skill' } });
    expect(r.status).toBe(201);
    const bad = await h.json('POST', '/api/skills', { body: { name: 'audited-skill' } });
    expect(bad.body.code).toBe('skill.name_taken');
    const audit = await h.json('GET', '/api/audit?action=POST%20/api/skills');
    expect(audit.body.items.slice(0, 2)).toMatchObject([
      { actorId: h.users.admin.id, outcome: 'failed', details: { status: 409 } },
      { actorId: h.users.admin.id, outcome: 'ok', details: { status: 201 } },
    ]);
  });
});
