import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { storeKinds } from '../support/test-stores.ts';

describe.each(storeKinds)('staff directory API on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(kind);
  });
  afterAll(async () => h?.close());

  it('names every staff user that is not disabled, for agents too, without e-mail', async () => {
    const created = await h.json('POST', '/api/users', {
      body: {
        username: 'gone-agent',
        password: 'gone-password',
        role: 'agent',
        displayName: 'Gone Agent',
        email: 'gone@example.cn',
      },
    });
    expect(created.status).toBe(201);
    await h.json('PATCH', `/api/users/${created.body.id}`, { body: { disabled: true } });
    await h.json('PATCH', `/api/users/${h.users.agent2.id}`, {
      body: { displayName: '王芳', email: 'wang@example.cn' },
    });

    const r = await h.json('GET', '/api/directory', { as: 'agent' });
    expect(r.status).toBe(200);
    const items: { id: string; displayName: string; role: string; teamIds: string[] }[] =
      r.body.items;
    const ids = items.map((x) => x.id).sort();
    const staffIds = (
      ['admin', 'supervisor', 'agent', 'agent2', 'backoffice', 'backoffice2'] as const
    )
      .map((k) => h.users[k].id)
      .sort();
    expect(ids).toEqual(staffIds);
    expect(items.find((x) => x.id === h.users.agent2.id)).toEqual({
      id: h.users.agent2.id,
      displayName: '王芳',
      role: 'agent',
      teamIds: [h.teams.other],
    });
    expect(items.find((x) => x.id === h.users.backoffice.id)).toMatchObject({
      role: 'backoffice',
      teamIds: [h.teams.backoffice],
    });
    for (const x of items)
      expect(Object.keys(x).sort()).toEqual(['displayName', 'id', 'role', 'teamIds']);
    expect(JSON.stringify(r.body)).not.toContain('@example.cn');
  });

  it('is for staff only', async () => {
    for (const as of ['admin', 'supervisor', 'backoffice'] as const)
      expect((await h.json('GET', '/api/directory', { as })).status).toBe(200);
    const customer = await h.json('GET', '/api/directory', { as: 'customer' });
    expect(customer).toMatchObject({ status: 403, body: { code: 'auth.forbidden' } });
    const anonymous = await h.json('GET', '/api/directory', { as: null });
    expect(anonymous).toMatchObject({ status: 401, body: { code: 'auth.required' } });
  });
});
