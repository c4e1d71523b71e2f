/**
 * The routes the supervisor wallboard and admin console added: the case board of overdue and
 * at-risk cases, the dry-run checks of routing expressions and IVR flows, and the channel list.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alwaysOpenCalendarId } from '../../src/app/seed/bootstrap.ts';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { storeKinds } from '../support/test-stores.ts';

const minute = 60_000;

describe.each(storeKinds)('supervision and admin tools on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(kind);
  });
  afterAll(async () => h?.close());

  it('lists open cases at risk, then overdue, for the teams the supervisor sees', async () => {
    const policy = await h.json('POST', '/api/sla-policies', {
      body: {
        caseType: 'consultation',
        priority: 'urgent',
        calendarId: alwaysOpenCalendarId,
        stageMinutes: { accepted: 10 },
        totalMinutes: 100,
        warnPercent: 20,
      },
    });
    expect(policy.status).toBe(201);
    const mine = await h.json('POST', '/api/cases', {
      body: { type: 'consultation', title: 'Ours', priority: 'urgent', teamId: h.teams.front },
    });
    const theirs = await h.json('POST', '/api/cases', {
      body: { type: 'consultation', title: 'Theirs', priority: 'urgent', teamId: h.teams.other },
    });
    expect([mine.status, theirs.status]).toEqual([201, 201]);
    const board = async () =>
      (await h.json('GET', '/api/case-supervision', { as: 'supervisor' })).body as {
        items: { case: { id: string }; risk: string; sla: { stage: { state: string } } }[];
        total: number;
      };

    expect((await board()).items).toEqual([]);
    h.clock.advance(9 * minute); // 1 of 10 minutes left: under the 20 % warning line
    const atRisk = await board();
    expect(atRisk.items.map((r) => [r.case.id, r.risk, r.sla.stage.state])).toEqual([
      [mine.body.id, 'at_risk', 'warning'],
    ]);
    h.clock.advance(2 * minute);
    const overdue = await board();
    expect(overdue.items.map((r) => [r.case.id, r.risk])).toEqual([[mine.body.id, 'overdue']]);
    // Admins see every team's cases; a team filter narrows it.
    const all = await h.json('GET', `/api/case-supervision?team=${h.teams.other}`);
    expect(all.body.items.map((r: { case: { id: string } }) => r.case.id)).toEqual([
      theirs.body.id,
    ]);
    expect((await h.json('GET', '/api/case-supervision', { as: 'agent' })).status).toBe(403);
  });

  it('checks routing expressions and IVR flows without saving them', async () => {
    const good = await h.json(
      'GET',
      `/api/routing/check-expression?expression=${encodeURIComponent('skills.billing >= 3')}`,
    );
    expect(good.body).toEqual({ ok: true, paths: ['skills.billing'] });
    const bad = await h.json(
      'GET',
      `/api/routing/check-expression?expression=${encodeURIComponent('skills.billing >= (3')}`,
    );
    expect(bad.status).toBe(200);
    expect(bad.body).toMatchObject({ ok: false, code: 'routing.invalid_expression' });
    expect(typeof bad.body.position).toBe('number');

    const flow = {
      name: 'Check me',
      language: 'zh',
      start: 'nowhere',
      nodes: { hello: { type: 'hangup' } },
    };
    const refused = await h.json('POST', '/api/ivr-flows/check', { body: flow });
    expect(refused.status).toBe(200);
    expect(refused.body.ok).toBe(false);
    expect(refused.body.problems.map((p: { path: string }) => p.path)).toContain('start');
    const fine = await h.json('POST', '/api/ivr-flows/check', {
      body: { ...flow, start: 'hello' },
    });
    expect(fine.body).toEqual({ ok: true, problems: [] });
    expect((await h.json('GET', '/api/ivr-flows')).body).toEqual([]); // nothing was published
  });

  it('lists the text channels and whether replies can be sent on each', async () => {
    const r = await h.json('GET', '/api/channels');
    expect(r.status).toBe(200);
    expect(r.body.map((c: { channel: string }) => c.channel)).toEqual([
      'email',
      'sms',
      'fax',
      'webchat',
      'webform',
    ]);
    expect(r.body.find((c: { channel: string }) => c.channel === 'email')).toMatchObject({
      configured: false,
    });
  });
});
