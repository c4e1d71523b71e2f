/**
 * Satisfaction surveys on both stores: answers tied to the contact's agent, queue and case, one
 * answer per contact and channel, the portal's case rating as a web survey, and the survey
 * report (count, mean, CSAT) by channel, agent and queue.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generalQueueId } from '../../src/app/seed/bootstrap.ts';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { storeKinds } from '../support/test-stores.ts';

const T = { timeout: 30_000 };
const range = 'from=2026-11-30T00:00:00Z&to=2026-12-01T00:00:00Z';

describe.each(storeKinds)('satisfaction surveys on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(kind);
    await h.services.router.start();
  }, 60_000);
  afterAll(async () => {
    await h?.services.router.stop();
    await h?.close();
  });

  const contactOf = async (agent: 'agent' | 'agent2') =>
    (
      await h.json('POST', '/api/contacts', {
        body: {
          channel: 'voice',
          direction: 'inbound',
          from: '13900139000',
          to: '10086',
          agentId: h.users[agent].id,
          customerId: h.customerId,
        },
      })
    ).body.id as string;

  it('records answers against the agent and queue, once per contact and channel', T, async () => {
    const a = await contactOf('agent');
    const r = await h.services.surveys.record({ channel: 'ivr', contactId: a, score: 5 });
    expect(r).toMatchObject({ agentId: h.users.agent.id, customerId: h.customerId, score: 5 });
    await expect(
      h.services.surveys.record({ channel: 'ivr', contactId: a, score: 1 }),
    ).rejects.toMatchObject({ code: 'survey.already_answered' });
    // The same contact may still be rated on another channel.
    await h.services.surveys.record({ channel: 'sms', contactId: a, score: 2 });
    await h.services.surveys.record({
      channel: 'ivr',
      contactId: await contactOf('agent2'),
      score: 4,
    });
    for (const score of [0, 6, 2.5])
      await expect(
        h.services.surveys.record({ channel: 'ivr', contactId: await contactOf('agent'), score }),
      ).rejects.toMatchObject({ code: 'survey.invalid' });
    await expect(
      h.services.surveys.record({ channel: 'ivr', contactId: 'nope', score: 3 }),
    ).rejects.toMatchObject({ code: 'not_found' });

    // A routed SMS conversation carries its queue into the answer.
    const inbound = await h.services.inbox.receive({
      channel: 'sms',
      from: '8613700137000',
      to: '10086',
      body: '查话费',
    });
    const q = await h.services.surveys.record({
      channel: 'sms',
      contactId: inbound.contact.id,
      score: 3,
    });
    expect(q.queueId).toBe(generalQueueId);

    const events = (await h.json('GET', '/api/events?after=0&limit=1000')).body.events as {
      type: string;
      subjectId: string;
      payload: { score: number; agentId: string | null };
    }[];
    const answered = events.filter((e) => e.type === 'survey.answered');
    expect(answered.map((e) => e.payload.score)).toEqual([5, 2, 4, 3]);
    expect(answered[0]).toMatchObject({ subjectId: a, payload: { agentId: h.users.agent.id } });

    const byAgent = await h.json('GET', `/api/reports/surveys?groupBy=agent&${range}`, {
      as: 'supervisor',
    });
    expect(byAgent.status).toBe(200);
    const row = (g: string) => byAgent.body.items.find((i: { group: string }) => i.group === g);
    expect(row(h.users.agent.id)).toEqual({
      group: h.users.agent.id,
      count: 2,
      average: 3.5,
      csat: 0.5,
    });
    expect(row(h.users.agent2.id)).toMatchObject({ count: 1, csat: 1 });
    const byQueue = await h.json('GET', `/api/reports/surveys?groupBy=queue&${range}`);
    expect(byQueue.body.items).toContainEqual({
      group: generalQueueId,
      count: 1,
      average: 3,
      csat: 0,
    });
  });

  it("counts the portal's case rating as a web survey", T, async () => {
    const id = (
      await h.json('POST', '/api/cases', {
        body: { type: 'consultation', title: '套餐咨询', customerId: h.customerId },
        as: 'agent',
      })
    ).body.id as string;
    await h.json('POST', `/api/cases/${id}/transition`, { body: { to: 'replied' } });
    const rated = await h.json('POST', `/api/portal/cases/${id}/satisfaction`, {
      as: 'customer',
      body: { score: 4, comment: '很好' },
    });
    expect(rated.status).toBe(200);
    const byChannel = await h.json('GET', `/api/reports/surveys?groupBy=channel&${range}`);
    expect(byChannel.body.items).toContainEqual({ group: 'web', count: 1, average: 4, csat: 1 });
    // Rated after an agent closed it without a rating: the same, in one transaction.
    const other = (
      await h.json('POST', '/api/cases', {
        body: { type: 'consultation', title: '宽带', customerId: h.customerId },
      })
    ).body.id as string;
    await h.json('POST', `/api/cases/${other}/transition`, { body: { to: 'replied' } });
    await h.json('POST', `/api/cases/${other}/close`, { body: {} });
    await h.json('POST', `/api/portal/cases/${other}/satisfaction`, {
      as: 'customer',
      body: { score: 1 },
    });
    const after = await h.json('GET', `/api/reports/surveys?groupBy=channel&${range}`);
    expect(after.body.items).toContainEqual({ group: 'web', count: 2, average: 2.5, csat: 0.5 });
  });

  it('keeps the post-call IVR survey off until a supervisor turns it on', T, async () => {
    const path = '/api/surveys/ivr-settings';
    expect((await h.json('GET', path, { as: 'supervisor' })).body).toEqual({
      enabled: false,
      queueIds: [],
      answerSeconds: 8,
    });
    const on = { enabled: true, queueIds: [generalQueueId], answerSeconds: 10 };
    expect((await h.json('PUT', path, { as: 'supervisor', body: on })).body).toEqual(on);
    expect(await h.services.ivrSurveys.plan(generalQueueId)).toEqual({ answerMs: 10_000 });
    expect(await h.services.ivrSurveys.plan('another-queue')).toBeNull();
    const bad = await h.json('PUT', path, { as: 'supervisor', body: { ...on, answerSeconds: 1 } });
    expect(bad.body.code).toBe('validation.failed');
    expect((await h.json('PUT', path, { as: 'agent', body: on })).status).toBe(403);
  });

  it('refuses a bad report query with a coded error', T, async () => {
    const backwards = await h.json(
      'GET',
      '/api/reports/surveys?from=2026-12-01T00:00:00Z&to=2026-11-30T00:00:00Z',
    );
    expect(backwards.status).toBe(400);
    expect(backwards.body.code).toBe('validation.failed');
    const badGroup = await h.json('GET', `/api/reports/surveys?groupBy=team&${range}`);
    expect(badGroup.body.code).toBe('validation.failed');
    expect((await h.json('GET', `/api/reports/surveys?${range}`, { as: 'agent' })).status).toBe(
      403,
    );
  });
});
