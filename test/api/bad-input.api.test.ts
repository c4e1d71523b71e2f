/** Bad input gets a problem+json with a stable code, and nothing is half-written. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { storeKinds } from '../support/test-stores.ts';

describe.each(storeKinds)('bad input on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(kind, { maxBodyBytes: 4096 });
  });
  afterAll(async () => h?.close());

  const countCases = async () => (await h.json('GET', '/api/cases?limit=1')).body.total as number;
  const lastSeq = () => h.services.store.events.lastSeq();

  async function expectProblem(r: Response, status: number, code: string) {
    expect(r.status).toBe(status);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    const body = (await r.json()) as { errors?: unknown[] };
    expect(body).toMatchObject({ status, code });
    expect(JSON.stringify(body)).not.toMatch(/at .+\.ts:\d+|node_modules/); // never a stack trace
    return body;
  }

  it('rejects malformed JSON, wrong types, unknown fields, oversize bodies and non-JSON', async () => {
    const cases = await countCases();
    const seq = await lastSeq();
    await expectProblem(
      await h.call('POST', '/api/cases', {
        raw: '{"type":"query",',
        headers: { 'content-type': 'application/json' },
      }),
      400,
      'request.malformed_json',
    );
    const typed = await expectProblem(
      await h.call('POST', '/api/cases', { body: { type: 'query', title: 42 } }),
      400,
      'validation.failed',
    );
    expect(typed.errors).toEqual([expect.objectContaining({ path: 'title' })]);
    await expectProblem(
      await h.call('POST', '/api/cases', { body: { type: 'query', title: 'x', sneaky: true } }),
      400,
      'validation.failed',
    );
    await expectProblem(
      await h.call('POST', '/api/cases', { body: { type: 'query', title: 'x'.repeat(5000) } }),
      413,
      'request.too_large',
    );
    await expectProblem(
      await h.call('POST', '/api/cases', {
        raw: 'type=query&title=x',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      }),
      415,
      'request.unsupported_media_type',
    );
    await expectProblem(
      await h.call('POST', '/api/cases', { body: [1, 2] }),
      400,
      'validation.failed',
    );
    await expectProblem(
      await h.call('POST', '/api/cases', { body: { type: 'nonsense', title: 'x' } }),
      400,
      'case.unknown_type',
    );
    await expectProblem(
      await h.call('POST', '/api/cases', {
        body: { type: 'query', title: 'x', customerId: 'no-such-customer' },
      }),
      400,
      'validation.failed',
    );
    await expectProblem(await h.call('GET', '/api/cases?limit=100000'), 400, 'validation.failed');
    await expectProblem(await h.call('GET', '/api/cases?stage=finished'), 400, 'validation.failed');
    expect(await countCases()).toBe(cases);
    expect(await lastSeq()).toBe(seq);
  });

  it('answers unknown ids and routes with not_found', async () => {
    await expectProblem(await h.call('GET', '/api/cases/does-not-exist'), 404, 'not_found');
    await expectProblem(
      await h.call('POST', '/api/cases/does-not-exist/transition', { body: { to: 'verifying' } }),
      404,
      'not_found',
    );
    await expectProblem(await h.call('GET', '/api/customers/nope'), 404, 'not_found');
    await expectProblem(
      await h.call('PATCH', '/api/users/nope', { body: { displayName: 'x' } }),
      404,
      'not_found',
    );
    await expectProblem(await h.call('DELETE', '/api/teams/nope'), 404, 'not_found');
    await expectProblem(await h.call('GET', '/api/contacts/nope'), 404, 'not_found');
    await expectProblem(await h.call('GET', '/api/no-such-route'), 404, 'not_found');
  });

  it('needs a session and the right role', async () => {
    await expectProblem(await h.call('GET', '/api/cases', { as: null }), 401, 'auth.required');
    await expectProblem(
      await h.call('GET', '/api/cases', {
        as: null,
        headers: { authorization: 'Bearer forged-token' },
      }),
      401,
      'auth.required',
    );
    await expectProblem(
      await h.call('POST', '/api/users', {
        as: 'supervisor',
        body: { username: 'x1', password: 'abcdefgh', role: 'agent' },
      }),
      403,
      'auth.forbidden',
    );
    await expectProblem(
      await h.call('GET', '/api/contacts', { as: 'customer' }),
      403,
      'auth.forbidden',
    );
  });

  it('validates domain rules on organisation and configuration', async () => {
    await expectProblem(
      await h.call('POST', '/api/users', {
        body: { username: 'agent', password: 'abcdefgh', role: 'agent' },
      }),
      409,
      'user.username_taken',
    );
    await expectProblem(
      await h.call('POST', '/api/users', {
        body: { username: 'new1', password: 'short', role: 'agent' },
      }),
      400,
      'validation.failed',
    );
    await expectProblem(
      await h.call('POST', '/api/users', {
        body: { username: 'new2', password: 'abcdefgh', role: 'customer' },
      }),
      400,
      'validation.failed',
    );
    const skill = (await h.json('POST', '/api/skills', { body: { name: 'billing-x' } })).body;
    await expectProblem(
      await h.call('POST', '/api/users', {
        body: {
          username: 'new3',
          password: 'abcdefgh',
          role: 'agent',
          skills: [{ skillId: skill.id, level: 7 }],
        },
      }),
      400,
      'skill.invalid_level',
    );
    await expectProblem(
      await h.call('POST', '/api/users', {
        body: { username: 'new4', password: 'abcdefgh', role: 'agent', teamIds: ['ghost-team'] },
      }),
      400,
      'validation.failed',
    );
    expect((await h.json('GET', '/api/users?q=new')).body.total).toBe(0);
    await expectProblem(
      await h.call('POST', '/api/customers', { body: { name: 'x', msisdn: '13900139000' } }),
      409,
      'customer.msisdn_taken',
    );
    await expectProblem(
      await h.call('POST', '/api/customers', { body: { name: 'x', msisdn: 'call me' } }),
      400,
      'validation.failed',
    );
    await expectProblem(
      await h.call('POST', '/api/contacts', {
        body: {
          channel: 'voice',
          direction: 'inbound',
          from: '1',
          to: '2',
          ivrData: { 'bad key!': 'x' },
        },
      }),
      400,
      'contact.invalid',
    );
    await expectProblem(
      await h.call('POST', '/api/contacts', {
        body: {
          channel: 'voice',
          direction: 'inbound',
          from: '1',
          to: '2',
          startedAt: '2026-11-30T02:00:00Z',
          endedAt: '2026-11-30T01:00:00Z',
        },
      }),
      400,
      'contact.invalid',
    );
    await expectProblem(
      await h.call('POST', '/api/calendars', {
        body: {
          name: 'bad',
          timeZone: 'Mars/Olympus',
          weekly: { mon: [{ start: '09:00', end: '17:00' }] },
        },
      }),
      400,
      'calendar.invalid',
    );
    await expectProblem(
      await h.call('POST', '/api/calendars', {
        body: { name: 'bad', timeZone: 'UTC', weekly: { mon: [{ start: '18:00', end: '09:00' }] } },
      }),
      400,
      'calendar.invalid',
    );
    await expectProblem(
      await h.call('POST', '/api/sla-policies', {
        body: {
          caseType: 'query',
          priority: 'high',
          calendarId: 'cal-24x7',
          stageMinutes: { verifying: -5 },
          totalMinutes: 60,
        },
      }),
      400,
      'sla.invalid_policy',
    );
    await expectProblem(
      await h.call('POST', '/api/sla-policies', {
        body: { caseType: 'query', calendarId: 'cal-24x7', stageMinutes: {}, totalMinutes: 60 },
      }),
      409,
      'sla.policy_taken',
    );
    const root = (await h.json('POST', '/api/case-categories', { body: { name: 'Billing' } })).body;
    const child = (
      await h.json('POST', '/api/case-categories', { body: { name: 'Roaming', parentId: root.id } })
    ).body;
    await expectProblem(
      await h.call('PATCH', `/api/case-categories/${root.id}`, { body: { parentId: child.id } }),
      400,
      'category.invalid_parent',
    );
    await expectProblem(
      await h.call('POST', '/api/case-types', {
        body: { code: 'Bad Code', name: 'x', nameZh: 'x' },
      }),
      400,
      'validation.failed',
    );
    await expectProblem(
      await h.call('POST', '/api/case-types', {
        body: { code: 'complaint', name: 'x', nameZh: 'x' },
      }),
      409,
      'case_type.code_taken',
    );
  });

  it('applies SLA policies with business calendars to new cases', async () => {
    const cal = await h.json('POST', '/api/calendars', {
      body: {
        name: 'Shanghai office',
        timeZone: 'Asia/Shanghai',
        weekly: Object.fromEntries(
          ['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [
            d,
            [
              { start: '09:00', end: '12:00' },
              { start: '13:30', end: '18:00' },
            ],
          ]),
        ),
        holidays: ['2026-12-01'],
      },
    });
    expect(cal.status).toBe(201);
    const pol = await h.json('POST', '/api/sla-policies', {
      body: {
        caseType: 'query',
        priority: 'urgent',
        calendarId: cal.body.id,
        stageMinutes: { accepted: 180 },
        totalMinutes: 600,
      },
    });
    expect(pol.status).toBe(201);
    // Monday 30 Nov 10:00 Shanghai: 3 h of business time ends 14:30 (lunch skipped);
    // 10 h: Mon 10:00–18:00 is 6.5 h, Tue 1 Dec is a holiday, Wed 2 Dec 09:00 + 3.5 h = 14:00.
    const c = await h.json('POST', '/api/cases', {
      as: 'agent',
      body: { type: 'query', title: 'urgent query', priority: 'urgent' },
    });
    expect(c.body.stageDueAt).toBe('2026-11-30T06:30:00.000Z');
    expect(c.body.dueAt).toBe('2026-12-02T06:00:00.000Z');
  });
});
