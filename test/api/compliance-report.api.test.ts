/**
 * The compliance report over HTTP on both stores, from a hand-made log of task and case events
 * (the payloads the router and the case service write): the 15-second answer rate per local
 * day (Asia/Shanghai) and queue, and stage deadlines met per case type.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generalQueueId } from '../../src/app/seed/bootstrap.ts';
import type { DomainEvent } from '../../src/domain/events/domain-event.ts';
import { storeKinds } from '../support/test-stores.ts';
import { makeHarness, type Harness } from '../support/api-harness.ts';

const scope = { userIds: [], teamIds: [], dispatchTeamIds: [], customerId: null };
type Entry = [at: string, type: string, subjectId: string, payload: Record<string, unknown>];

const task = (id: string, at: string, channel: string, end: [string, string, number] | null) => {
  const out: Entry[] = [[at, 'task.created', id, { queueId: generalQueueId, channel }]];
  if (end?.[1] === 'assigned')
    out.push([end[0], 'task.assigned', id, { waitedMs: end[2], agentId: 'u1' }]);
  if (end?.[1] === 'canceled')
    out.push([end[0], 'task.canceled', id, { waitedMs: end[2], whileWaiting: true }]);
  return out;
};

const log: Entry[] = [
  // Before the period: offered the day before, so neither offered nor answered in it.
  ...task('t8', '2026-11-29T15:00:00Z', 'voice', ['2026-11-29T16:00:10Z', 'assigned', 10_000]),
  // 2026-11-30 (Beijing): five calls, three answered within 15 s.
  ...task('t1', '2026-11-30T02:00:00Z', 'voice', ['2026-11-30T02:00:10Z', 'assigned', 10_000]),
  ...task('t2', '2026-11-30T02:05:00Z', 'voice', ['2026-11-30T02:05:15Z', 'assigned', 15_000]),
  ...task('t3', '2026-11-30T02:10:00Z', 'voice', ['2026-11-30T02:10:16Z', 'assigned', 15_001]),
  ...task('t4', '2026-11-30T02:20:00Z', 'voice', ['2026-11-30T02:20:03Z', 'canceled', 3_000]),
  // An e-mail is not a call.
  ...task('t5', '2026-11-30T02:30:00Z', 'email', ['2026-11-30T02:30:01Z', 'assigned', 1_000]),
  // 23:59:50 Beijing, answered after midnight: counts on the day it was offered.
  ...task('t6', '2026-11-30T15:59:50Z', 'voice', ['2026-11-30T16:00:05Z', 'assigned', 15_000]),
  // 2026-12-01: one caller gives up after 40 s.
  ...task('t7', '2026-12-01T01:00:00Z', 'voice', ['2026-12-01T01:00:40Z', 'canceled', 40_000]),
  // Cases: c1 accepted on time, verified late, replied (no due time) on time; c2 accepted late;
  // c3 was accepted before the period.
  [
    '2026-11-30T02:00:00Z',
    'case.created',
    'c1',
    { type: 'complaint', stageDueAt: '2026-11-30T03:00:00Z' },
  ],
  [
    '2026-11-30T02:30:00Z',
    'case.stage_changed',
    'c1',
    { to: 'verifying', stageDueAt: '2026-11-30T04:00:00Z' },
  ],
  ['2026-11-30T05:00:00Z', 'case.stage_changed', 'c1', { to: 'replied', stageDueAt: null }],
  ['2026-11-30T06:00:00Z', 'case.stage_changed', 'c1', { to: 'closed', stageDueAt: null }],
  [
    '2026-11-30T03:00:00Z',
    'case.created',
    'c2',
    { type: 'complaint', stageDueAt: '2026-11-30T03:30:00Z' },
  ],
  ['2026-11-30T04:00:00Z', 'case.stage_changed', 'c2', { to: 'verifying', stageDueAt: null }],
  [
    '2026-11-29T10:00:00Z',
    'case.created',
    'c3',
    { type: 'query', stageDueAt: '2026-11-29T11:00:00Z' },
  ],
  ['2026-11-30T02:00:00Z', 'case.stage_changed', 'c3', { to: 'verifying', stageDueAt: null }],
];

describe.each(storeKinds)('GET /api/reports/compliance on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(kind);
    // Appended in time order, as the log would hold them.
    const sorted = [...log].sort((a, b) => Date.parse(a[0]) - Date.parse(b[0]));
    for (const [at, type, subjectId, payload] of sorted) {
      const e: DomainEvent = {
        type,
        subjectType: type.split('.')[0]!,
        subjectId,
        payload,
        scope,
      };
      await h.services.store.transaction(async (tx) =>
        tx.append([e], { actorId: null, at: new Date(at) }),
      );
    }
  }, 60_000);
  afterAll(async () => h?.close());

  it('gives the 15-second answer rate per day and queue and deadlines per case type', async () => {
    const r = await h.json(
      'GET',
      '/api/reports/compliance?from=2026-11-29T16:00:00Z&to=2026-12-01T16:00:00Z',
      { as: 'supervisor' },
    );
    expect(r.status).toBe(200);
    const queueName = (await h.services.store.routing.listQueues()).find(
      (q) => q.id === generalQueueId,
    )!.name;
    expect(r.body).toEqual({
      from: '2026-11-29T16:00:00.000Z',
      to: '2026-12-01T16:00:00.000Z',
      timeZone: 'Asia/Shanghai',
      generatedAt: h.clock.now().toISOString(),
      answerSeconds: 15,
      answer: [
        {
          date: '2026-11-30',
          queueId: generalQueueId,
          queueName,
          offered: 5,
          answered: 4,
          answeredWithin: 3,
          abandoned: 1,
          rate: 0.6,
        },
        {
          date: '2026-12-01',
          queueId: generalQueueId,
          queueName,
          offered: 1,
          answered: 0,
          answeredWithin: 0,
          abandoned: 1,
          rate: 0,
        },
      ],
      deadlines: [
        { caseType: 'complaint', stage: 'accepted', met: 1, missed: 1, rate: 0.5 },
        { caseType: 'complaint', stage: 'replied', met: 1, missed: 0, rate: 1 },
        { caseType: 'complaint', stage: 'verifying', met: 0, missed: 1, rate: 0 },
      ],
    });
  });

  it('refuses a backwards or too long range with a coded error, and agents', async () => {
    const back = await h.json(
      'GET',
      '/api/reports/compliance?from=2026-12-01T00:00:00Z&to=2026-11-30T00:00:00Z',
      { as: 'admin' },
    );
    expect(back.status).toBe(400);
    expect(back.body).toMatchObject({ code: 'validation.failed', details: { field: 'from' } });
    const long = await h.json(
      'GET',
      '/api/reports/compliance?from=2026-01-01T00:00:00Z&to=2026-12-01T00:00:00Z',
      { as: 'admin' },
    );
    expect(long.body).toMatchObject({ code: 'validation.failed', details: { field: 'to' } });
    const asAgent = await h.json(
      'GET',
      '/api/reports/compliance?from=2026-11-30T00:00:00Z&to=2026-12-01T00:00:00Z',
      { as: 'agent' },
    );
    expect(asAgent.status).toBe(403);
  });
});
