/**
 * The dialer part of the store contract (src/app/ports/dialer-repo.ts), run against PGlite and
 * PostgreSQL alike. No mocks: each kind gets a fresh database; each test its own campaign.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/app/ports/store.ts';
import type { CampaignRecord } from '../../src/domain/dialer/campaign-record.ts';
import { aCampaign, aCampaignRecord, t0 } from '../support/fixtures.ts';
import { secondWaitsForFirst, waited } from '../support/row-lock.ts';
import { openTestStore, storeKinds } from '../support/test-stores.ts';

const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);

describe.each(storeKinds)('dialer store contract on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store?.close();
  });

  const newCampaign = async (p: Parameters<typeof aCampaign>[0] = {}) => {
    const c = aCampaign(p);
    await store.transaction((tx) => tx.dialer.insertCampaign(c));
    return c;
  };
  const insert = (rs: readonly CampaignRecord[]) =>
    store.transaction((tx) => tx.dialer.insertRecords(rs));

  it('reads a campaign back field for field, updated, and lists campaigns oldest first', async () => {
    const c = await newCampaign({
      kind: 'callbacks',
      mode: 'predictive',
      windows: {
        mon: [
          { start: '09:00', end: '12:00' },
          { start: '13:30', end: '18:00' },
        ],
        sat: [{ start: '10:00', end: '16:00' }],
      },
      holidays: ['2026-10-01', '2026-10-02'],
      retry: {
        busy: { maxAttempts: 5, retryAfterMinutes: 3 },
        no_answer: { maxAttempts: 2, retryAfterMinutes: 90 },
        failed: { maxAttempts: 1, retryAfterMinutes: 15 },
      },
      maxAbandonRate: 0.025,
      createdAt: at(-10),
      updatedAt: at(-10),
    });
    expect(await store.dialer.getCampaign(c.id)).toEqual(c);
    const running = { ...c, state: 'running' as const, maxAbandonRate: 0.01, updatedAt: at(1) };
    await store.transaction((tx) => tx.dialer.updateCampaign(running));
    expect(await store.dialer.getCampaign(c.id)).toEqual(running);
    expect(await store.dialer.getCampaign(randomUUID())).toBeNull();

    const later = await newCampaign({ createdAt: at(5) });
    const ids = (await store.dialer.listCampaigns()).map((x) => x.id);
    expect(ids.indexOf(c.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(c.id)).toBeLessThan(ids.indexOf(later.id));
  });

  it('reads a record back field for field: data, time zone, next time and attempts', async () => {
    const c = await newCampaign();
    const r = aCampaignRecord(c.id, 0, {
      name: '张三',
      data: { plan: '4G 畅享', balance: '12.50' },
      timeZone: 'Asia/Urumqi',
      state: 'pending',
      nextAt: at(30),
      attempts: [
        { at: at(-60), result: 'busy', agentId: null },
        { at: at(-30), result: 'no_answer', agentId: null },
      ],
      updatedAt: at(-30),
    });
    expect(await insert([r])).toBe(1);
    expect(await store.dialer.getRecord(r.id)).toEqual(r);
    const connected: CampaignRecord = {
      ...r,
      state: 'connected',
      nextAt: null,
      timeZone: null,
      attempts: [...r.attempts, { at: at(40), result: 'connected', agentId: 'agent-7' }],
      updatedAt: at(40),
    };
    await store.transaction((tx) => tx.dialer.updateRecord(connected));
    expect(await store.dialer.getRecord(r.id)).toEqual(connected);
    expect(await store.dialer.getRecord(randomUUID())).toBeNull();
  });

  it('keeps a number once per campaign, also across concurrent imports', async () => {
    const c = await newCampaign();
    const other = await newCampaign();
    expect(await insert([aCampaignRecord(c.id, 0), aCampaignRecord(c.id, 1)])).toBe(2);
    // Number 1 is there already; a repeat within one batch is kept once too.
    const again = [
      aCampaignRecord(c.id, 1),
      aCampaignRecord(c.id, 2),
      aCampaignRecord(c.id, 3, { number: aCampaignRecord(c.id, 2).number }),
    ];
    expect(await insert(again)).toBe(1);
    // Another campaign may call the same number.
    expect(await insert([aCampaignRecord(other.id, 1)])).toBe(1);

    const batch = (from: number) =>
      Array.from({ length: 40 }, (_, i) => aCampaignRecord(c.id, from + i));
    const [n1, n2] = await Promise.all([insert(batch(10)), insert(batch(30))]);
    // 10..49 and 30..69 overlap on 30..49: 60 new numbers between them.
    expect((n1 ?? 0) + (n2 ?? 0)).toBe(60);
    const numbers = await store.dialer.campaignNumbers(c.id);
    expect(numbers.size).toBe(3 + 60);
    expect(numbers.has(aCampaignRecord(c.id, 69).number)).toBe(true);
    expect((await store.dialer.listRecords(c.id, {}, { limit: 1, offset: 0 })).total).toBe(63);
    expect(await store.dialer.campaignNumbers(other.id)).toEqual(
      new Set([aCampaignRecord(other.id, 1).number]),
    );
  });

  it('inserts imports larger than one statement can carry', async () => {
    const c = await newCampaign();
    const rs = Array.from({ length: 2500 }, (_, i) => aCampaignRecord(c.id, i));
    expect(await insert(rs)).toBe(2500);
    expect(await store.dialer.nextPosition(c.id)).toBe(2500);
  });

  it('lists records in list order with a state filter and pages, and gives the next position', async () => {
    const c = await newCampaign();
    expect(await store.dialer.nextPosition(c.id)).toBe(0);
    // Inserted out of order: the list order is the position, not the insertion order.
    await insert([
      aCampaignRecord(c.id, 4, { state: 'done' }),
      aCampaignRecord(c.id, 0),
      aCampaignRecord(c.id, 2, { state: 'done' }),
      aCampaignRecord(c.id, 1),
      aCampaignRecord(c.id, 3),
    ]);
    const positions = async (f: { state?: CampaignRecord['state'] }, limit = 10, offset = 0) => {
      const p = await store.dialer.listRecords(c.id, f, { limit, offset });
      return { positions: p.items.map((r) => r.position), total: p.total };
    };
    expect(await positions({})).toEqual({ positions: [0, 1, 2, 3, 4], total: 5 });
    expect(await positions({}, 2, 2)).toEqual({ positions: [2, 3], total: 5 });
    expect(await positions({ state: 'done' })).toEqual({ positions: [2, 4], total: 2 });
    expect(await positions({ state: 'exhausted' })).toEqual({ positions: [], total: 0 });
    expect(await store.dialer.nextPosition(c.id)).toBe(5);
  });

  it('returns due records: pending, next time null or not after now, null first, then by next time and list order', async () => {
    const c = await newCampaign();
    const now = at(0);
    const rs = [
      aCampaignRecord(c.id, 0, { nextAt: at(-5) }),
      aCampaignRecord(c.id, 1, { nextAt: null }),
      aCampaignRecord(c.id, 2, { nextAt: now }), // exactly now: due
      aCampaignRecord(c.id, 3, { nextAt: at(1) }), // later: not due
      aCampaignRecord(c.id, 4, { nextAt: null }),
      aCampaignRecord(c.id, 5, { nextAt: at(-5) }),
      aCampaignRecord(c.id, 6, { nextAt: at(-10) }),
      aCampaignRecord(c.id, 7, { nextAt: null, state: 'dialing' }), // not pending
      aCampaignRecord(c.id, 8, { nextAt: at(-20), state: 'exhausted' }),
    ];
    // Inserted in reverse so that insertion order cannot pass for list order.
    await insert([...rs].reverse());
    const other = await newCampaign();
    await insert([aCampaignRecord(other.id, 0)]);

    const due = async (limit: number, when = now) =>
      (await store.dialer.dueRecords(c.id, when, limit)).map((r) => r.position);
    expect(await due(100)).toEqual([1, 4, 6, 0, 5, 2]);
    expect(await due(3)).toEqual([1, 4, 6]);
    expect(await due(100, at(-15))).toEqual([1, 4]);
  });

  it('counts records by state, leaving out states it has none in', async () => {
    const c = await newCampaign();
    expect(await store.dialer.countByState(c.id)).toEqual({});
    await insert([
      aCampaignRecord(c.id, 0),
      aCampaignRecord(c.id, 1),
      aCampaignRecord(c.id, 2, { state: 'done' }),
      aCampaignRecord(c.id, 3, { state: 'dnc_blocked' }),
      aCampaignRecord(c.id, 4),
    ]);
    const other = await newCampaign();
    await insert([aCampaignRecord(other.id, 0, { state: 'done' })]);
    expect(await store.dialer.countByState(c.id)).toEqual({ pending: 3, done: 1, dnc_blocked: 1 });
  });

  it('gives every attempt made at or after a time, across records, or all of them', async () => {
    const c = await newCampaign();
    // As the app writes them: a record's updatedAt moves to its latest attempt.
    const a = aCampaignRecord(c.id, 0, {
      state: 'done',
      attempts: [
        { at: at(-120), result: 'no_answer', agentId: null },
        { at: at(-10), result: 'connected', agentId: 'agent-1' },
      ],
      updatedAt: at(-5),
    });
    const b = aCampaignRecord(c.id, 1, {
      attempts: [{ at: at(-20), result: 'busy', agentId: null }],
      updatedAt: at(-20),
    });
    const old = aCampaignRecord(c.id, 2, {
      attempts: [{ at: at(-300), result: 'failed', agentId: null }],
      updatedAt: at(-300),
    });
    const never = aCampaignRecord(c.id, 3);
    await insert([a, b, old, never]);
    const other = await newCampaign();
    await insert([
      aCampaignRecord(other.id, 0, {
        attempts: [{ at: at(-1), result: 'busy', agentId: null }],
        updatedAt: at(-1),
      }),
    ]);

    const key = (xs: { at: Date; result: string }[]) =>
      xs.map((x) => `${x.at.toISOString()} ${x.result}`).sort();
    // `since` is inclusive: the attempt exactly at it counts.
    expect(key(await store.dialer.attempts(c.id, at(-20)))).toEqual(
      key([
        { at: at(-10), result: 'connected' },
        { at: at(-20), result: 'busy' },
      ]),
    );
    const connected = (await store.dialer.attempts(c.id, at(-20))).find(
      (x) => x.result === 'connected',
    );
    expect(connected).toEqual({ at: at(-10), result: 'connected', agentId: 'agent-1' });
    expect(await store.dialer.attempts(c.id, at(0))).toEqual([]);
    expect(await store.dialer.attempts(c.id, null)).toHaveLength(4);
  });

  it('finds a campaign record by number and locks it: a second reader waits for the first', async () => {
    const c = await newCampaign();
    const r = aCampaignRecord(c.id, 0);
    await insert([r]);
    expect(
      await store.transaction((tx) => tx.dialer.recordByNumberForUpdate(c.id, r.number)),
    ).toEqual(r);
    expect(
      await store.transaction((tx) => tx.dialer.recordByNumberForUpdate(c.id, '8613900000999')),
    ).toBeNull();
    const other = await newCampaign();
    expect(
      await store.transaction((tx) => tx.dialer.recordByNumberForUpdate(other.id, r.number)),
    ).toBeNull();

    const { order, seen } = await secondWaitsForFirst(
      store,
      async (tx) => {
        const cur = await tx.dialer.recordByNumberForUpdate(c.id, r.number);
        if (!cur) throw new Error('missing');
        await tx.dialer.updateRecord({ ...cur, state: 'dialing', updatedAt: at(1) });
      },
      (tx) => tx.dialer.recordByNumberForUpdate(c.id, r.number),
    );
    expect(order).toEqual(waited);
    expect(seen?.state).toBe('dialing');
  });

  it('locks a record by id and a campaign: a second reader waits and sees the first one’s write', async () => {
    const c = await newCampaign();
    const r = aCampaignRecord(c.id, 0);
    await insert([r]);
    const rec = await secondWaitsForFirst(
      store,
      async (tx) => {
        const cur = await tx.dialer.getRecordForUpdate(r.id);
        if (!cur) throw new Error('missing');
        await tx.dialer.updateRecord({ ...cur, state: 'dialing' });
      },
      (tx) => tx.dialer.getRecordForUpdate(r.id),
    );
    expect(rec.order).toEqual(waited);
    expect(rec.seen?.state).toBe('dialing');

    const camp = await secondWaitsForFirst(
      store,
      async (tx) => {
        const cur = await tx.dialer.getCampaignForUpdate(c.id);
        if (!cur) throw new Error('missing');
        await tx.dialer.updateCampaign({ ...cur, state: 'running' });
      },
      (tx) => tx.dialer.getCampaignForUpdate(c.id),
    );
    expect(camp.order).toEqual(waited);
    expect(camp.seen?.state).toBe('running');
    expect(
      await store.transaction((tx) => tx.dialer.getCampaignForUpdate(randomUUID())),
    ).toBeNull();
    expect(await store.transaction((tx) => tx.dialer.getRecordForUpdate(randomUUID()))).toBeNull();
  });

  it('keeps the do-not-call list: idempotent add keeping the first entry, sorted pages, removal', async () => {
    const [a, b, c] = ['8613755550003', '8613755550001', '8613755550002'];
    await store.transaction(async (tx) => {
      await tx.dialer.addDnc({ number: a, reason: 'customer asked', createdAt: t0 });
      await tx.dialer.addDnc({ number: b, reason: 'complaint', createdAt: at(1) });
    });
    await store.transaction((tx) =>
      tx.dialer.addDnc({ number: a, reason: 'second import', createdAt: at(2) }),
    );
    expect(await store.dialer.isDnc(a)).toBe(true);
    expect(await store.dialer.isDnc(c)).toBe(false);
    const all = await store.dialer.listDnc({ limit: 1000, offset: 0 });
    expect(all.items.find((e) => e.number === a)).toEqual({
      number: a,
      reason: 'customer asked',
      createdAt: t0,
    });
    const numbers = all.items.map((e) => e.number);
    expect(numbers).toEqual([...numbers].sort());
    expect(all.total).toBe(all.items.length);
    expect(numbers.indexOf(b)).toBeLessThan(numbers.indexOf(a));
    const second = await store.dialer.listDnc({ limit: 1, offset: 1 });
    expect(second.items.map((e) => e.number)).toEqual([numbers[1]]);
    expect(second.total).toBe(all.total);
    expect(await store.dialer.dncNumbers()).toEqual(expect.arrayContaining([a, b]));

    expect(await store.transaction((tx) => tx.dialer.removeDnc(a))).toBe(true);
    expect(await store.transaction((tx) => tx.dialer.removeDnc(a))).toBe(false);
    expect(await store.dialer.isDnc(a)).toBe(false);
    expect(await store.dialer.dncNumbers()).not.toContain(a);
  });

  it('keeps no record of a rolled-back import', async () => {
    const c = await newCampaign();
    await expect(
      store.transaction(async (tx) => {
        await tx.dialer.insertRecords([aCampaignRecord(c.id, 0), aCampaignRecord(c.id, 1)]);
        throw new Error('import aborted');
      }),
    ).rejects.toThrow('import aborted');
    expect(await store.dialer.countByState(c.id)).toEqual({});
    expect(await store.dialer.nextPosition(c.id)).toBe(0);
  });
});
