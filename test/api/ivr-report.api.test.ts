/**
 * The IVR report over HTTP on both stores, from a small hand-made log of `ivr.left` events
 * (the shape the voice runner writes): node visits, exits, and containment per flow.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../support/test-stores.ts';
import { makeHarness, type Harness } from '../support/api-harness.ts';

type Visit = [node: string, exit: string];
interface Run {
  call: string;
  flow: string;
  segment: number;
  outcome: string;
  ms: number;
  at: string;
  visits: Visit[];
}

const day = '2026-11-30T';
const runs: Run[] = [
  // A: balance self-service, then hangs up at the after-balance menu (contained).
  {
    call: 'A',
    flow: 'hotline',
    segment: 1,
    outcome: 'caller_hangup',
    ms: 30_000,
    at: `${day}02:00:00Z`,
    visits: [
      ['welcome', '1'],
      ['balance', 'ok'],
      ['balance-say', 'next'],
      ['after-balance', 'caller_hangup'],
    ],
  },
  // B: complaint queue (to an agent).
  {
    call: 'B',
    flow: 'hotline',
    segment: 1,
    outcome: 'queue',
    ms: 20_000,
    at: `${day}02:10:00Z`,
    visits: [
      ['welcome', '2'],
      ['complaint-queue', 'queue'],
    ],
  },
  // C: balance, then 2 = goodbye (contained, the IVR hung up).
  {
    call: 'C',
    flow: 'hotline',
    segment: 1,
    outcome: 'hangup',
    ms: 40_000,
    at: `${day}03:00:00Z`,
    visits: [
      ['welcome', '1'],
      ['balance', 'ok'],
      ['balance-say', 'next'],
      ['after-balance', '2'],
      ['goodbye', 'hangup'],
    ],
  },
  // D: hangs up after 2 s (a short hang-up: out of containment).
  {
    call: 'D',
    flow: 'hotline',
    segment: 1,
    outcome: 'caller_hangup',
    ms: 2_000,
    at: `${day}04:00:00Z`,
    visits: [['welcome', 'caller_hangup']],
  },
  // E: queued, then left the queue for a call-back (to an agent; counted once).
  {
    call: 'E',
    flow: 'hotline',
    segment: 1,
    outcome: 'queue',
    ms: 15_000,
    at: `${day}05:00:00Z`,
    visits: [
      ['welcome', '3'],
      ['general-queue', 'queue'],
    ],
  },
  {
    call: 'E',
    flow: 'hotline',
    segment: 2,
    outcome: 'callback',
    ms: 90_000,
    at: `${day}05:01:15Z`,
    visits: [
      ['callback-number', 'entered'],
      ['callback-request', 'callback'],
    ],
  },
  // H: its first run ended the day before: its nodes count, the call does not.
  {
    call: 'H',
    flow: 'hotline',
    segment: 1,
    outcome: 'queue',
    ms: 9_000,
    at: '2026-11-29T23:59:00Z',
    visits: [
      ['welcome', '3'],
      ['general-queue', 'queue'],
    ],
  },
  {
    call: 'H',
    flow: 'hotline',
    segment: 2,
    outcome: 'hangup',
    ms: 99_000,
    at: `${day}00:00:30Z`,
    visits: [
      ['callback-number', 'entered'],
      ['goodbye', 'hangup'],
    ],
  },
  // F: another flow, transferred to an outside number.
  {
    call: 'F',
    flow: 'other',
    segment: 1,
    outcome: 'transfer',
    ms: 10_000,
    at: `${day}06:00:00Z`,
    visits: [['start', 'transfer']],
  },
  // G: the next day, out of the period.
  {
    call: 'G',
    flow: 'hotline',
    segment: 1,
    outcome: 'hangup',
    ms: 60_000,
    at: '2026-12-01T00:00:00Z',
    visits: [['welcome', '1']],
  },
];

const range = 'from=2026-11-30T00:00:00Z&to=2026-12-01T00:00:00Z';

describe.each(storeKinds)('GET /api/reports/ivr on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(kind);
    for (const r of runs)
      await h.services.store.transaction(async (tx) =>
        tx.append(
          [
            {
              type: 'ivr.left',
              subjectType: 'call',
              subjectId: r.call,
              payload: {
                contactId: `contact-${r.call}`,
                flowId: r.flow,
                version: 1,
                outcome: r.outcome,
                segment: r.segment,
                sinceStartMs: r.ms,
                visits: r.visits.map(([node, exit]) => ({ node, exit })),
              },
              scope: { userIds: [], teamIds: [], dispatchTeamIds: [], customerId: null },
            },
          ],
          { actorId: null, at: new Date(r.at) },
        ),
      );
  }, 60_000);
  afterAll(async () => h?.close());

  it('counts visits and exits per node and containment per flow', async () => {
    const r = await h.json('GET', `/api/reports/ivr?${range}`, { as: 'supervisor' });
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([
      {
        flowId: 'hotline',
        calls: 5, // A B C D E (H started the day before, G the day after)
        shortHangups: 1, // D
        contained: 2, // A C
        toAgent: 2, // B E
        containment: 0.5, // 2 ÷ (5 − 1)
        nodes: [
          { node: 'after-balance', visits: 2, exits: { caller_hangup: 1, '2': 1 } },
          { node: 'balance', visits: 2, exits: { ok: 2 } },
          { node: 'balance-say', visits: 2, exits: { next: 2 } },
          { node: 'callback-number', visits: 2, exits: { entered: 2 } },
          { node: 'callback-request', visits: 1, exits: { callback: 1 } },
          { node: 'complaint-queue', visits: 1, exits: { queue: 1 } },
          { node: 'general-queue', visits: 1, exits: { queue: 1 } },
          { node: 'goodbye', visits: 2, exits: { hangup: 2 } },
          { node: 'welcome', visits: 5, exits: { '1': 2, '2': 1, '3': 1, caller_hangup: 1 } },
        ],
      },
      {
        flowId: 'other',
        calls: 1,
        shortHangups: 0,
        contained: 0,
        toAgent: 1,
        containment: 0,
        nodes: [{ node: 'start', visits: 1, exits: { transfer: 1 } }],
      },
    ]);
  });

  it('narrows to one flow and exports one CSV row per node exit', async () => {
    const one = await h.json('GET', `/api/reports/ivr?${range}&flow=other`, { as: 'admin' });
    expect(one.body.items.map((f: { flowId: string }) => f.flowId)).toEqual(['other']);
    const csv = await h.call('GET', `/api/reports/ivr?${range}&format=csv`, { as: 'supervisor' });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const lines = (await csv.text())
      .replace(/^\ufeff/, '')
      .trim()
      .split('\n');
    expect(lines[0]).toBe(
      'flow,node,visits,exit,exits,calls,contained,toAgent,shortHangups,containment',
    );
    expect(lines).toHaveLength(1 + 13 + 1); // header, 13 node exits of hotline, 1 of other
    expect(lines).toContain('hotline,welcome,5,1,2,5,2,2,1,0.5');
    expect(lines).toContain('other,start,1,transfer,1,1,0,1,0,0');
  });

  it('refuses a backwards range with a coded error, and agents', async () => {
    const bad = await h.json(
      'GET',
      '/api/reports/ivr?from=2026-12-01T00:00:00Z&to=2026-11-30T00:00:00Z',
      { as: 'admin' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'validation.failed', details: { field: 'from' } });
    expect((await h.json('GET', `/api/reports/ivr?${range}`, { as: 'agent' })).status).toBe(403);
  });
});
