/**
 * The outbound dialer over HTTP on both stores, with DialerService deciding whom to dial.
 * `RecordingLines` and `fixedAgents` are in-test implementations of the DialerLines and
 * DialerAgents ports, whose real implementation (the voice center placing calls through trunks)
 * is the next slice: they record what the dialer asked for and report the results the test chooses.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCenterConfig } from '../../src/app/app-context.ts';
import { DialerService } from '../../src/app/dialer/dialer-service.ts';
import type {
  AgentAvailability,
  DialerLines,
  DialRequest,
} from '../../src/app/ports/dialer-lines.ts';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { storeKinds } from '../support/test-stores.ts';

class RecordingLines implements DialerLines {
  readonly asked: DialRequest[] = [];
  /** Record id → campaign id of the calls started and not yet settled. */
  readonly ringing = new Map<string, string>();
  failNext = false;
  async dial(req: DialRequest): Promise<void> {
    this.asked.push(req);
    if (this.failNext) {
      this.failNext = false;
      throw new Error('no line free on the trunk');
    }
    this.ringing.set(req.recordId, req.campaignId);
  }
  inFlight(campaignId: string): number {
    return [...this.ringing.values()].filter((c) => c === campaignId).length;
  }
  numbers(): string[] {
    return this.asked.map((a) => a.number);
  }
}

describe.each(storeKinds)('outbound dialer API on %s', (kind) => {
  let h: Harness;
  let queueId = '';
  let lines: RecordingLines;
  let agents: AgentAvailability;
  let dialer: DialerService;
  const hours = [
    { start: '09:00', end: '12:00' },
    { start: '14:00', end: '20:00' },
  ];

  const newCampaign = async (extra: Record<string, unknown> = {}) => {
    const r = await h.json('POST', '/api/campaigns', {
      body: {
        name: `Renewals ${randomUUID().slice(0, 6)}`,
        mode: 'progressive',
        queueId,
        callerId: '+861012345678',
        windows: { mon: hours, tue: hours, wed: hours, thu: hours, fri: hours },
        ...extra,
      },
    });
    expect(r.status).toBe(201);
    return r.body as { id: string; state: string };
  };
  const importCsv = (id: string, csv: string) =>
    h.json('POST', `/api/campaigns/${id}/records`, {
      raw: csv,
      headers: { 'content-type': 'text/csv; charset=utf-8' },
    });
  const settle = (
    id: string,
    result: 'connected' | 'busy' | 'no_answer' | 'failed' | 'abandoned',
    agentId: string | null = null,
  ) => {
    lines.ringing.delete(id);
    return dialer.reportResult(id, result, agentId);
  };

  beforeAll(async () => {
    h = await makeHarness(kind);
    const q = await h.json('POST', '/api/queues', {
      body: { name: 'Outbound', targetExpression: 'true' },
    });
    expect(q.status).toBe(201);
    queueId = q.body.id;
    lines = new RecordingLines();
    agents = { free: 2, busy: 0 };
    dialer = new DialerService(
      {
        store: h.services.store,
        clock: h.clock,
        ids: { newId: randomUUID },
        config: defaultCenterConfig,
      },
      lines,
      { availability: async () => agents },
    );
  }, 60_000);
  afterAll(async () => {
    await h?.close();
  });

  it('validates campaigns with coded errors and runs the state machine', async () => {
    const bad = await h.json('POST', '/api/campaigns', {
      body: { name: 'x', mode: 'progressive', queueId, callerId: '01012345678' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('dialer.invalid_campaign');
    expect(bad.body.details).toEqual({ field: 'callerId' });
    const noQueue = await h.json('POST', '/api/campaigns', {
      body: { name: 'x', mode: 'progressive', queueId: 'nope', callerId: '+861012345678' },
    });
    expect(noQueue.body.code).toBe('routing.unknown_queue');

    const c = await newCampaign();
    expect(c).toMatchObject({ state: 'draft', timeZone: 'Asia/Shanghai', maxAbandonRate: 0.03 });
    expect((await h.json('POST', `/api/campaigns/${c.id}/pause`)).body.code).toBe(
      'dialer.illegal_transition',
    );
    expect((await h.json('POST', `/api/campaigns/${c.id}/start`)).body.state).toBe('running');
    expect((await h.json('POST', `/api/campaigns/${c.id}/pause`)).body.state).toBe('paused');
    const patched = await h.json('PATCH', `/api/campaigns/${c.id}`, {
      body: { retry: { busy: { maxAttempts: 5, retryAfterMinutes: 2 } } },
    });
    expect(patched.body.retry.busy).toEqual({ maxAttempts: 5, retryAfterMinutes: 2 });
    expect(patched.body.retry.no_answer).toEqual({ maxAttempts: 3, retryAfterMinutes: 60 });
    expect((await h.json('POST', `/api/campaigns/${c.id}/stop`)).body.state).toBe('stopped');
    const late = await h.json('PATCH', `/api/campaigns/${c.id}`, { body: { name: 'again' } });
    expect([late.status, late.body.code]).toEqual([409, 'dialer.illegal_transition']);
    expect((await h.json('GET', '/api/campaigns', { as: 'agent' })).status).toBe(403);
  });

  it('imports CSV with an exact per-line report, and JSON with the same checks', async () => {
    const dnc = await h.json('POST', '/api/dnc', {
      body: { number: '+86 139 0000 0001', reason: 'asked' },
    });
    expect(dnc.status).toBe(201);
    expect(dnc.body.number).toBe('8613900000001');
    const c = await newCampaign();
    const csv = [
      '\uFEFFnumber,name,plan',
      '13800000001,张三,gold',
      '13900000001,blocked,',
      '138 0000 0001,dup,',
      'abc,bad,',
      '13800000002,"Li, Si"',
      '13800000003,"王五',
      'x"',
    ].join('\r\n');
    const r = await importCsv(c.id, csv);
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      accepted: 1,
      rejected: [
        { line: 3, code: 'dnc', message: '8613900000001 is on the do-not-call list' },
        { line: 4, code: 'duplicate', message: '8613800000001 is already in the list' },
        { line: 5, code: 'bad_number', message: 'not a phone number: abc' },
        { line: 6, code: 'missing_column', message: '3 columns expected, 2 found' },
        { line: 7, code: 'missing_column', message: '3 columns expected, 2 found' },
      ],
    });
    const again = await h.json('POST', `/api/campaigns/${c.id}/records`, {
      body: {
        records: [
          { number: '13800000001' },
          { number: '13800000004', name: '赵六', data: { plan: 'x' } },
        ],
      },
    });
    expect(again.body).toEqual({
      accepted: 1,
      rejected: [{ line: 1, code: 'duplicate', message: '8613800000001 is already in the list' }],
    });
    const list = await h.json('GET', `/api/campaigns/${c.id}/records?state=pending`);
    expect(list.body.total).toBe(2);
    expect(list.body.items[0]).toMatchObject({
      number: '8613800000001',
      name: '张三',
      data: { plan: 'gold' },
    });
    const noHeader = await importCsv(c.id, 'phone\n1\n');
    expect([noHeader.status, noHeader.body.code]).toEqual([400, 'dialer.invalid_csv']);
    const xml = await h.json('POST', `/api/campaigns/${c.id}/records`, {
      raw: '<x/>',
      headers: { 'content-type': 'application/xml' },
    });
    expect(xml.status).toBe(415);
  });

  const running = async (csv: string, extra: Record<string, unknown> = {}) => {
    const c = await newCampaign(extra);
    const r = await importCsv(c.id, csv);
    expect(r.body.rejected).toEqual([]);
    await h.json('POST', `/api/campaigns/${c.id}/start`);
    return c.id;
  };
  const recordsIn = async (id: string, state: string) =>
    (await h.json('GET', `/api/campaigns/${id}/records?state=${state}`)).body.items as {
      id: string;
      number: string;
      nextAt: string | null;
    }[];

  it('never dials a number put on the DNC list after import', async () => {
    h.clock.set('2026-11-30T02:00:00Z'); // Monday 10:00 in Shanghai
    lines.asked.length = 0;
    agents = { free: 5, busy: 0 };
    const id = await running('number\n13700000001\n13700000002\n13700000003\n');
    await h.json('POST', '/api/dnc', { body: { number: '013700000002' } });
    const asked = await dialer.dialNext(id);
    expect(asked.map((a) => a.number)).toEqual(['8613700000001', '8613700000003']);
    expect(asked[0]).toMatchObject({ callerId: '+861012345678', queueId, mode: 'progressive' });
    expect((await recordsIn(id, 'dnc_blocked')).map((r) => r.number)).toEqual(['8613700000002']);
    await h.json('DELETE', '/api/dnc/8613700000002');
    expect(await dialer.dialNext(id)).toEqual([]); // dnc_blocked is final
    expect(lines.numbers()).not.toContain('8613700000002');
    for (const a of asked) await settle(a.recordId, 'connected', 'agent-a');
  });

  it('honours dialing windows in the record’s time zone', async () => {
    h.clock.set('2026-11-30T04:30:00Z'); // Monday 12:30 in Shanghai, 04:30 in London
    agents = { free: 5, busy: 0 };
    lines.asked.length = 0;
    const id = await running('number,time_zone\n13600000001,\n13600000002,Europe/London\n');
    expect(await dialer.dialNext(id)).toEqual([]);
    const waiting = await recordsIn(id, 'pending');
    expect(Object.fromEntries(waiting.map((r) => [r.number, r.nextAt]))).toEqual({
      '8613600000001': '2026-11-30T06:00:00.000Z', // 14:00 Shanghai
      '8613600000002': '2026-11-30T09:00:00.000Z', // 09:00 London
    });
    h.clock.set('2026-11-30T05:59:59Z');
    expect(await dialer.dialNext(id)).toEqual([]);
    h.clock.set('2026-11-30T06:00:00Z');
    expect((await dialer.dialNext(id)).map((a) => a.number)).toEqual(['8613600000001']);
    h.clock.set('2026-11-30T09:00:00Z');
    expect((await dialer.dialNext(id)).map((a) => a.number)).toEqual(['8613600000002']);
    for (const a of lines.asked) await settle(a.recordId, 'connected', 'agent-a');
  });

  it('schedules retries per result rule and exhausts the record', async () => {
    h.clock.set('2026-11-30T02:00:00Z');
    agents = { free: 1, busy: 0 };
    const id = await running('number\n13500000001\n', {
      retry: {
        busy: { maxAttempts: 2, retryAfterMinutes: 5 },
        failed: { maxAttempts: 3, retryAfterMinutes: 1 },
      },
    });
    const [first] = await dialer.dialNext(id);
    const busy = await settle(first!.recordId, 'busy');
    expect(busy).toMatchObject({ state: 'pending', nextAt: new Date('2026-11-30T02:05:00Z') });
    h.clock.set('2026-11-30T02:04:59Z');
    expect(await dialer.dialNext(id)).toEqual([]);
    h.clock.set('2026-11-30T02:05:00Z');
    lines.failNext = true; // the trunk refuses: a failed attempt, retried after 1 minute
    expect(await dialer.dialNext(id)).toHaveLength(1);
    const [rec] = await recordsIn(id, 'pending');
    expect(rec!.nextAt).toBe('2026-11-30T02:06:00.000Z');
    h.clock.set('2026-11-30T02:06:00Z');
    const [third] = await dialer.dialNext(id);
    expect((await settle(third!.recordId, 'busy')).state).toBe('exhausted');
    expect(await dialer.dialNext(id)).toEqual([]);
    expect((await h.json('GET', `/api/campaigns/${id}`)).body.state).toBe('completed');
    const stats = await h.json('GET', `/api/campaigns/${id}/stats`);
    expect(stats.body).toMatchObject({
      attempts: 3,
      connects: 0,
      byResult: { busy: 2, failed: 1, connected: 0, no_answer: 0, abandoned: 0 },
      records: { exhausted: 1 },
    });
  });

  it('progressive never asks for more lines than free agents, and counts stats per agent', async () => {
    h.clock.set('2026-11-30T02:00:00Z');
    lines.asked.length = 0;
    lines.ringing.clear();
    const csv = [
      'number',
      ...Array.from({ length: 12 }, (_, i) => `1340000${String(i).padStart(4, '0')}`),
    ];
    const id = await running(csv.join('\n'));
    agents = { free: 3, busy: 0 };
    const first = await dialer.dialNext(id);
    expect(first).toHaveLength(3);
    expect(await dialer.dialNext(id)).toEqual([]); // three still ringing
    await settle(first[0]!.recordId, 'connected', 'agent-a');
    agents = { free: 2, busy: 1 };
    const second = await dialer.dialNext(id);
    expect(second).toHaveLength(0); // two free agents, two calls still ringing
    await settle(first[1]!.recordId, 'no_answer');
    await settle(first[2]!.recordId, 'abandoned');
    const third = await dialer.dialNext(id);
    expect(third).toHaveLength(2);
    expect(lines.ringing.size).toBeLessThanOrEqual(agents.free);
    await settle(third[0]!.recordId, 'connected', 'agent-b');
    await settle(third[1]!.recordId, 'connected', 'agent-a');
    await dialer.finish(first[0]!.recordId);
    const stats = await h.json('GET', `/api/campaigns/${id}/stats`);
    expect(stats.body).toMatchObject({
      attempts: 5,
      connects: 3,
      answered: 4,
      abandoned: 1,
      abandonRate: 0.25,
      perAgent: [
        { agentId: 'agent-a', connects: 2 },
        { agentId: 'agent-b', connects: 1 },
      ],
      records: { done: 1, connected: 2, pending: 9 },
    });
  });

  it('predictive dials ahead of free agents, and falls back to progressive once abandons near the limit', async () => {
    h.clock.set('2026-11-30T02:00:00Z');
    lines.ringing.clear();
    const csv = [
      'number',
      ...Array.from({ length: 60 }, (_, i) => `1330000${String(i).padStart(4, '0')}`),
    ];
    const id = await running(csv.join('\n'), { mode: 'predictive' });
    agents = { free: 4, busy: 16 };
    const ahead = await dialer.dialNext(id);
    expect(ahead.length).toBeGreaterThan(4);
    expect(ahead.length).toBeLessThanOrEqual(3 * 20);
    // 1 abandoned of 3 answered (33 %) in the last 30 minutes: far over the 3 % limit.
    await settle(ahead[0]!.recordId, 'abandoned');
    await settle(ahead[1]!.recordId, 'connected', 'agent-a');
    await settle(ahead[2]!.recordId, 'connected', 'agent-b');
    for (const a of ahead.slice(3)) await settle(a.recordId, 'no_answer');
    expect(await dialer.dialNext(id)).toHaveLength(4);
    // Half an hour later those outcomes have left the window and the pacer dials ahead again.
    h.clock.set('2026-11-30T02:30:01Z');
    for (const r of lines.ringing.keys()) await settle(r, 'no_answer');
    expect((await dialer.dialNext(id)).length).toBeGreaterThan(4);
  });

  it('never hands one record to two pacing steps running at once', async () => {
    h.clock.set('2026-11-30T02:00:00Z');
    const csv = [
      'number',
      ...Array.from({ length: 6 }, (_, i) => `1320000${String(i).padStart(4, '0')}`),
    ];
    const id = await running(csv.join('\n'));
    agents = { free: 4, busy: 0 };
    const [a, b] = await Promise.all([dialer.dialNext(id), dialer.dialNext(id)]);
    const ids = [...a!, ...b!].map((r) => r.recordId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBeGreaterThanOrEqual(4);
  });

  it('after a restart settles records left mid-call: dialing → failed (retried), connected → done', async () => {
    h.clock.set('2026-11-30T02:00:00Z');
    const id = await running('number\n13300000001\n13300000002\n13300000003');
    agents = { free: 3, busy: 0 };
    const asked = await dialer.dialNext(id);
    expect(asked).toHaveLength(3);
    await dialer.reportResult(asked[0]!.recordId, 'connected', 'agent-1');
    // The process dies here: one record connected, two dialing. A new run recovers them.
    lines.ringing.clear();
    const settled = await dialer.recover();
    expect(settled).toBeGreaterThanOrEqual(3);
    const rs = (await h.json('GET', `/api/campaigns/${id}/records`)).body.items as {
      id: string;
      state: string;
      attempts: { result: string }[];
    }[];
    const byId = new Map(rs.map((r) => [r.id, r]));
    expect(byId.get(asked[0]!.recordId)!.state).toBe('done');
    for (const a of asked.slice(1)) {
      expect(byId.get(a.recordId)!.state).toBe('pending');
      expect(byId.get(a.recordId)!.attempts.map((x) => x.result)).toEqual(['failed']);
    }
    expect(await dialer.recover()).toBe(0);
  });
});
