/** Case steps that need someone's work become router tasks: dispatch and call-back. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { storeKinds } from '../support/test-stores.ts';

describe.each(storeKinds)('case work on %s', (kind) => {
  let h: Harness;
  let boQueue: string;
  beforeAll(async () => {
    h = await makeHarness(kind);
    await h.services.router.start();
    const q = await h.json('POST', '/api/queues', {
      body: {
        name: 'Billing BO queue',
        targetExpression: `"${h.teams.backoffice}" in teams`,
        teamId: h.teams.backoffice,
        wrapUpSeconds: 0,
      },
    });
    boQueue = q.body.id;
  });
  afterAll(async () => {
    await h?.services.router.stop();
    await h?.close();
  });

  const tasksOf = async (caseId: string) =>
    (
      (await h.json('GET', '/api/tasks?limit=500')).body.items as {
        id: string;
        channel: string;
        state: string;
        queueId: string;
        attributes: Record<string, unknown>;
        agentId: string | null;
      }[]
    ).filter((t) => t.attributes['caseId'] === caseId);

  it('offers a dispatched case to the back-office team and ends the task when the case moves on', async () => {
    await h.json('POST', '/api/agent/session', { as: 'backoffice', body: {} });
    const c = (
      await h.json('POST', '/api/cases', {
        as: 'agent',
        body: { type: 'complaint', title: 'refund please', priority: 'urgent' },
      })
    ).body;
    await h.json('POST', `/api/cases/${c.id}/transition`, {
      as: 'agent',
      body: { to: 'verifying' },
    });
    await h.json('POST', `/api/cases/${c.id}/dispatch`, {
      as: 'agent',
      body: { teamId: h.teams.backoffice },
    });
    const [task] = await tasksOf(c.id);
    expect(task).toMatchObject({
      channel: 'case',
      queueId: boQueue,
      state: 'reserved',
      agentId: h.users.backoffice.id,
      attributes: { caseNumber: c.number },
    });
    const me = (await h.json('GET', '/api/agent/me', { as: 'backoffice' })).body;
    await h.json('POST', `/api/reservations/${me.tasks[0].reservation.id}/accept`, {
      as: 'backoffice',
    });
    await h.json('POST', `/api/cases/${c.id}/transition`, {
      as: 'backoffice',
      body: { to: 'supervising' },
    });
    expect((await tasksOf(c.id))[0]).toMatchObject({ state: 'completed' });
    expect((await h.json('GET', '/api/agent/me', { as: 'backoffice' })).body.tasks).toEqual([]);
  });

  it('turns a call-back request into a callback task, also from the customer', async () => {
    const c = (
      await h.json('POST', '/api/cases', {
        as: 'customer',
        body: { type: 'query', title: 'call me back' },
      })
    ).body;
    const r = await h.json('POST', `/api/cases/${c.id}/callback`, {
      as: 'customer',
      body: { note: '下午两点后' },
    });
    expect(r.status).toBe(202);
    expect(r.body.number).toBe('8613900139000');
    const [task] = await tasksOf(c.id);
    expect(task).toMatchObject({
      channel: 'callback',
      attributes: { number: '8613900139000', note: '下午两点后' },
    });
    const timeline = (
      await h.json('GET', `/api/cases/${c.id}/timeline`, { as: 'customer' })
    ).body.map((e: { type: string }) => e.type);
    expect(timeline).toContain('case.callback_requested');
    await h.json('POST', `/api/cases/${c.id}/transition`, {
      as: 'admin',
      body: { to: 'canceled' },
    });
    const closed = await h.json('POST', `/api/cases/${c.id}/callback`, {
      as: 'customer',
      body: {},
    });
    expect(closed.body.code).toBe('case.closed');
    const bad = await h.json('POST', `/api/cases/${c.id}/callback`, {
      as: 'agent',
      body: { number: 'call me' },
    });
    expect(bad.status).toBe(404); // the agent cannot see the customer's case
  });

  it('takes a time for the call-back: kept on the task and the timeline; 30 days ahead at most', async () => {
    const c = (
      await h.json('POST', '/api/cases', {
        as: 'customer',
        body: { type: 'query', title: 'call me tomorrow' },
      })
    ).body;
    const at = new Date(h.clock.now().getTime() + 86_400_000).toISOString();
    const r = await h.json('POST', `/api/cases/${c.id}/callback`, {
      as: 'customer',
      body: { at },
    });
    expect([r.status, r.body]).toEqual([202, { number: '8613900139000', at }]);
    const [task] = await tasksOf(c.id);
    expect(task!.attributes).toMatchObject({ number: '8613900139000', at });
    const tooFar = await h.json('POST', `/api/cases/${c.id}/callback`, {
      as: 'customer',
      body: { at: new Date(h.clock.now().getTime() + 31 * 86_400_000).toISOString() },
    });
    expect([tooFar.status, tooFar.body.code, tooFar.body.details]).toEqual([
      400,
      'validation.failed',
      { field: 'at' },
    ]);
    const notADate = await h.json('POST', `/api/cases/${c.id}/callback`, {
      as: 'customer',
      body: { at: 'tomorrow' },
    });
    expect(notADate.status).toBe(400);
  });
});

describe.each(storeKinds)('preferred agent on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(kind);
    await h.services.router.start();
  });
  afterAll(async () => {
    await h?.services.router.stop();
    await h?.close();
  });

  it('offers a returning customer to the agent who served them last, then to others after the timeout', async () => {
    const q = (
      await h.json('POST', '/api/queues', {
        body: {
          name: 'Preferred',
          targetExpression: 'true',
          strategy: 'preferred_agent',
          preferredTimeoutSeconds: 20,
        },
      })
    ).body;
    await h.json('POST', '/api/contacts', {
      as: 'agent2',
      body: {
        channel: 'voice',
        direction: 'inbound',
        from: '13900139000',
        to: '10086',
        agentId: h.users.agent2.id,
      },
    });
    await h.json('POST', '/api/agent/session', { as: 'agent', body: {} });
    await h.json('POST', '/api/agent/session', { as: 'agent2', body: {} });
    await h.json('PUT', '/api/agent/state', {
      as: 'agent2',
      body: { state: 'away', reason: 'break' },
    });
    const t = (
      await h.json('POST', '/api/tasks', {
        body: { channel: 'voice', queueId: q.id, attributes: { customerId: h.customerId } },
      })
    ).body;
    expect(t).toMatchObject({
      state: 'pending',
      attributes: { preferredAgentId: h.users.agent2.id },
    });
    h.clock.advance(20_000);
    await h.services.router.tick();
    expect((await h.json('GET', `/api/tasks/${t.id}`)).body).toMatchObject({
      state: 'reserved',
      agentId: h.users.agent.id,
    });
  });
});
