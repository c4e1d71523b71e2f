/**
 * The webhook part of the store contract (src/app/ports/webhook-repo.ts) and the dispatcher's
 * cursor (a stats cursor), run against PGlite and PostgreSQL alike. No mocks: each kind gets a
 * fresh database; each test its own subscriptions.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/app/ports/store.ts';
import type { WebhookDelivery } from '../../src/domain/webhook/webhook-delivery.ts';
import { aWebhookDelivery, aWebhookSubscription, t0 } from '../support/fixtures.ts';
import { secondWaitsForFirst, waited } from '../support/row-lock.ts';
import { openTestStore, storeKinds } from '../support/test-stores.ts';

const at = (seconds: number, base = t0) => new Date(base.getTime() + seconds * 1000);

describe.each(storeKinds)('webhook store contract on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store?.close();
  });

  const newSubscription = async (p: Parameters<typeof aWebhookSubscription>[0] = {}) => {
    const s = aWebhookSubscription(p);
    await store.transaction((tx) => tx.webhooks.insertSubscription(s));
    return s;
  };
  const queue = (ds: readonly WebhookDelivery[]) =>
    store.transaction((tx) => tx.webhooks.queue(ds));

  it('reads a subscription back field for field, updated, and lists them oldest first', async () => {
    const s = await newSubscription({
      eventTypes: ['case.created', 'contact.*'],
      fromSeq: 4_000_000_000,
      createdAt: at(-60),
      updatedAt: at(-60),
    });
    expect(await store.webhooks.getSubscription(s.id)).toEqual(s);
    const disabled = {
      ...s,
      active: false,
      disabledReason: 'dead_limit',
      disabledAt: at(5),
      consecutiveDead: 5,
      failingSince: at(-30),
      eventTypes: ['*'],
      updatedAt: at(5),
    };
    await store.transaction((tx) => tx.webhooks.updateSubscription(disabled));
    expect(await store.webhooks.getSubscription(s.id)).toEqual(disabled);
    expect(await store.webhooks.getSubscription(randomUUID())).toBeNull();

    const later = await newSubscription({ createdAt: at(10) });
    const ids = (await store.webhooks.listSubscriptions()).map((x) => x.id);
    expect(ids.indexOf(s.id)).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf(s.id)).toBeLessThan(ids.indexOf(later.id));
  });

  it('reads a delivery back field for field, with its attempts, and updates it', async () => {
    const s = await newSubscription();
    const d = aWebhookDelivery(s.id, { body: '{"id":"evt_1","data":{"名字":"王"}}' });
    expect(await queue([d])).toBe(1);
    expect(await store.webhooks.getDelivery(d.id)).toEqual(d);
    const retrying: WebhookDelivery = {
      ...d,
      state: 'retrying',
      attempts: [
        { at: at(1), statusCode: 503, response: 'busy', durationMs: 120, error: null },
        { at: at(11), statusCode: null, response: null, durationMs: 5000, error: 'timeout' },
      ],
      nextAttemptAt: at(41),
      updatedAt: at(11),
    };
    await store.transaction((tx) => tx.webhooks.updateDelivery(retrying));
    expect(await store.webhooks.getDelivery(d.id)).toEqual(retrying);
    const delivered = { ...retrying, state: 'delivered' as const, nextAttemptAt: null };
    await store.transaction((tx) => tx.webhooks.updateDelivery(delivered));
    expect(await store.webhooks.getDelivery(d.id)).toEqual(delivered);
    expect(await store.webhooks.getDelivery(randomUUID())).toBeNull();
  });

  it('queues an event once per subscription, replays as new deliveries', async () => {
    const s = await newSubscription();
    const s2 = await newSubscription();
    expect(await queue([])).toBe(0);
    const first = aWebhookDelivery(s.id, { eventId: 'evt_42' });
    expect(await queue([first, aWebhookDelivery(s2.id, { eventId: 'evt_42' })])).toBe(2);
    // A restart queues the same logged event again: kept once, the first row stands.
    const again = aWebhookDelivery(s.id, { eventId: 'evt_42', body: 'second' });
    expect(await queue([again, aWebhookDelivery(s.id, { eventId: 'evt_43' })])).toBe(1);
    expect(await store.webhooks.getDelivery(again.id)).toBeNull();
    expect((await store.webhooks.getDelivery(first.id))?.body).toBe(first.body);
    // Replays of it are new rows, as many as asked for.
    const replay1 = aWebhookDelivery(s.id, { eventId: 'evt_42', replayOf: first.id });
    const replay2 = aWebhookDelivery(s.id, { eventId: 'evt_42', replayOf: first.id });
    expect(await queue([replay1])).toBe(1);
    expect(await queue([replay2])).toBe(1);
    expect(await store.webhooks.getDelivery(replay2.id)).toEqual(replay2);
    const all = await store.webhooks.listDeliveries(s.id, {}, { limit: 50, offset: 0 });
    expect(all.total).toBe(4);
    expect(all.items.filter((x) => x.eventId === 'evt_42')).toHaveLength(3);
  });

  it('lists a subscription’s deliveries newest first, by state, in pages', async () => {
    const s = await newSubscription();
    const other = await newSubscription();
    const ds = [0, 1, 2, 3, 4].map((i) =>
      aWebhookDelivery(s.id, {
        state: i % 2 === 0 ? 'delivered' : 'dead',
        nextAttemptAt: null,
        createdAt: at(i * 10),
        updatedAt: at(i * 10),
      }),
    );
    await queue([...ds].reverse());
    await queue([aWebhookDelivery(other.id, { createdAt: at(100) })]);
    const list = async (f: { state?: WebhookDelivery['state'] }, limit = 50, offset = 0) => {
      const p = await store.webhooks.listDeliveries(s.id, f, { limit, offset });
      return { ids: p.items.map((d) => d.id), total: p.total };
    };
    const newestFirst = [...ds].reverse().map((d) => d.id);
    expect(await list({})).toEqual({ ids: newestFirst, total: 5 });
    expect(await list({}, 2, 1)).toEqual({ ids: newestFirst.slice(1, 3), total: 5 });
    expect(await list({ state: 'dead' })).toEqual({ ids: [ds[3]!.id, ds[1]!.id], total: 2 });
    expect(await list({ state: 'pending' })).toEqual({ ids: [], total: 0 });
  });

  it('gives due deliveries: pending or retrying, time come, of active subscriptions, oldest first', async () => {
    // Long before every other test's deliveries, so that `due` sees only these.
    const base = new Date('2020-03-01T00:00:00Z');
    const s = await newSubscription();
    const off = await newSubscription({ active: false, disabledReason: 'manual' });
    const d = (sub: string, state: WebhookDelivery['state'], next: number | null, made = 0) =>
      aWebhookDelivery(sub, {
        state,
        nextAttemptAt: next === null ? null : at(next, base),
        createdAt: at(made, base),
        updatedAt: at(made, base),
      });
    const oldest = d(s.id, 'retrying', 10, 0);
    const tieFirst = d(s.id, 'pending', 20, 1);
    const tieSecond = d(s.id, 'pending', 20, 2);
    const atNow = d(s.id, 'pending', 30, 3);
    const future = d(s.id, 'retrying', 31, 4);
    const sending = d(s.id, 'delivering', 5, 5);
    const done = d(s.id, 'delivered', null, 6);
    const dead = d(s.id, 'dead', 1, 7);
    const waiting = d(off.id, 'pending', 0, 8);
    await queue([waiting, dead, done, sending, future, atNow, tieSecond, tieFirst, oldest]);

    const due = async (now: number, limit = 50) =>
      (await store.webhooks.due(at(now, base), limit)).map((x) => x.id);
    expect(await due(30)).toEqual([oldest.id, tieFirst.id, tieSecond.id, atNow.id]);
    expect(await due(30, 2)).toEqual([oldest.id, tieFirst.id]);
    expect(await due(9)).toEqual([]);
    expect((await store.webhooks.due(at(30, base), 1))[0]).toEqual(oldest);

    // Enabled again, its deliveries are due again: they waited, they were not dropped.
    await store.transaction((tx) =>
      tx.webhooks.updateSubscription({ ...off, active: true, disabledReason: null }),
    );
    expect(await due(30)).toEqual([waiting.id, oldest.id, tieFirst.id, tieSecond.id, atNow.id]);
  });

  it('puts deliveries left delivering back to pending, due now', async () => {
    // requeueStale is global: first put back what other tests left delivering.
    await store.transaction((tx) => tx.webhooks.requeueStale(t0));
    const s = await newSubscription();
    const stuck = [1, 2].map(() =>
      aWebhookDelivery(s.id, { state: 'delivering', nextAttemptAt: null }),
    );
    const retrying = aWebhookDelivery(s.id, { state: 'retrying', nextAttemptAt: at(600) });
    await queue([...stuck, retrying]);
    const now = at(60);
    expect(await store.transaction((tx) => tx.webhooks.requeueStale(now))).toBe(2);
    for (const x of stuck)
      expect(await store.webhooks.getDelivery(x.id)).toMatchObject({
        state: 'pending',
        nextAttemptAt: now,
        updatedAt: now,
      });
    expect(await store.webhooks.getDelivery(retrying.id)).toEqual(retrying);
    expect(await store.transaction((tx) => tx.webhooks.requeueStale(now))).toBe(0);
  });

  it('deletes a subscription with its deliveries, and only those', async () => {
    const s = await newSubscription();
    const keep = await newSubscription();
    const gone = [aWebhookDelivery(s.id), aWebhookDelivery(s.id, { state: 'dead' })];
    const kept = aWebhookDelivery(keep.id);
    await queue([...gone, kept]);
    expect(await store.transaction((tx) => tx.webhooks.deleteSubscription(s.id))).toBe(true);
    expect(await store.transaction((tx) => tx.webhooks.deleteSubscription(s.id))).toBe(false);
    expect(await store.webhooks.getSubscription(s.id)).toBeNull();
    for (const d of gone) expect(await store.webhooks.getDelivery(d.id)).toBeNull();
    expect((await store.webhooks.listDeliveries(s.id, {}, { limit: 10, offset: 0 })).total).toBe(0);
    expect(await store.webhooks.getDelivery(kept.id)).toEqual(kept);
  });

  it('locks a subscription and a delivery: a second reader waits and sees the first one’s write', async () => {
    const s = await newSubscription();
    const d = aWebhookDelivery(s.id);
    await queue([d]);
    const sub = await secondWaitsForFirst(
      store,
      async (tx) => {
        const cur = await tx.webhooks.getSubscriptionForUpdate(s.id);
        if (!cur) throw new Error('missing');
        await tx.webhooks.updateSubscription({ ...cur, consecutiveDead: cur.consecutiveDead + 1 });
      },
      (tx) => tx.webhooks.getSubscriptionForUpdate(s.id),
    );
    expect(sub.order).toEqual(waited);
    expect(sub.seen?.consecutiveDead).toBe(1);

    const del = await secondWaitsForFirst(
      store,
      async (tx) => {
        const cur = await tx.webhooks.getDeliveryForUpdate(d.id);
        if (!cur) throw new Error('missing');
        await tx.webhooks.updateDelivery({ ...cur, state: 'dead', nextAttemptAt: null });
      },
      (tx) => tx.webhooks.getDeliveryForUpdate(d.id),
    );
    expect(del.order).toEqual(waited);
    expect(del.seen?.state).toBe('dead');
    expect(
      await store.transaction((tx) => tx.webhooks.getSubscriptionForUpdate(randomUUID())),
    ).toBeNull();
    expect(await store.transaction((tx) => tx.webhooks.getDeliveryForUpdate(randomUUID()))).toBe(
      null,
    );
  });

  it('commits the dispatcher cursor together with the deliveries it queued, or neither', async () => {
    const name = `webhooks-${randomUUID()}`;
    expect(await store.stats.cursor(name)).toBeNull();
    await store.transaction((tx) => tx.stats.saveCursor(name, { seq: 10, state: {} }));
    const s = await newSubscription();
    const lost = aWebhookDelivery(s.id);
    await expect(
      store.transaction(async (tx) => {
        await tx.webhooks.queue([lost]);
        await tx.stats.saveCursor(name, { seq: 20, state: {} });
        throw new Error('stopped');
      }),
    ).rejects.toThrow('stopped');
    expect(await store.stats.cursor(name)).toEqual({ seq: 10, state: {} });
    expect(await store.webhooks.getDelivery(lost.id)).toBeNull();

    const kept = aWebhookDelivery(s.id);
    await store.transaction(async (tx) => {
      await tx.webhooks.queue([kept]);
      await tx.stats.saveCursor(name, { seq: 20, state: { note: '游标' } });
    });
    expect(await store.stats.cursor(name)).toEqual({ seq: 20, state: { note: '游标' } });
    expect(await store.webhooks.getDelivery(kept.id)).toEqual(kept);
  });
});
