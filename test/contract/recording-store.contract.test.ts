/**
 * The recordings catalogue part of the store contract (src/app/ports/recording-repo.ts), run
 * against PGlite and PostgreSQL alike. No mocks: each kind gets a fresh database; each test its
 * own contacts.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordingFilter } from '../../src/app/ports/recording-repo.ts';
import type { Store } from '../../src/app/ports/store.ts';
import type { Contact } from '../../src/domain/contact/contact.ts';
import { aContact, aCustomer, aTask, t0 } from '../support/fixtures.ts';
import { openTestStore, storeKinds } from '../support/test-stores.ts';

const at = (minutes: number, base = t0) => new Date(base.getTime() + minutes * 60_000);

describe.each(storeKinds)('recording store contract on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store?.close();
  });

  /** A contact, recorded from `startedAt` (and finished when `endedAt` is given). */
  const recorded = async (
    p: Partial<Contact>,
    r: { startedAt?: Date; endedAt?: Date } = {},
  ): Promise<Contact & { recordingId: string }> => {
    const c = { ...aContact(p), recordingId: randomUUID() };
    const startedAt = r.startedAt ?? c.startedAt;
    await store.transaction(async (tx) => {
      await tx.contacts.insert(c);
      await tx.recordings.start({ contactId: c.id, recordingId: c.recordingId, startedAt });
      if (r.endedAt)
        await tx.recordings.finish(c.id, {
          endedAt: r.endedAt,
          durationMs: r.endedAt.getTime() - startedAt.getTime(),
          sizeBytes: 1000,
          pauses: [],
        });
    });
    return c;
  };

  it('reads a recording back with its contact and queue, while on and once finished', async () => {
    const customer = aCustomer();
    const queueId = randomUUID();
    const task = aTask(queueId);
    await store.transaction(async (tx) => {
      await tx.customers.insert(customer);
      await tx.routing.upsertTasks([task]);
    });
    const c = await recorded(
      {
        direction: 'outbound',
        from: '10086',
        to: '8613912345678',
        agentId: randomUUID(),
        customerId: customer.id,
        caseId: randomUUID(),
        taskId: task.id,
        startedAt: at(0),
      },
      { startedAt: at(1) },
    );
    expect(await store.recordings.get(c.id)).toEqual({
      contactId: c.id,
      recordingId: c.recordingId,
      startedAt: at(1),
      endedAt: null,
      durationMs: null,
      sizeBytes: null,
      pauses: [],
      deletedAt: null,
      deletedReason: null,
      agentId: c.agentId,
      customerId: customer.id,
      from: '10086',
      to: '8613912345678',
      direction: 'outbound',
      queueId,
      caseId: c.caseId,
      contactEndedAt: null,
    });

    const pauses = [
      { fromMs: 10_000, toMs: 25_500 },
      { fromMs: 60_000, toMs: 61_000 },
    ];
    await store.transaction(async (tx) => {
      await tx.recordings.finish(c.id, {
        endedAt: at(31),
        durationMs: 1_800_000,
        sizeBytes: 5_000_000_000, // past 32 bits: a long stereo WAV
        pauses,
      });
      await tx.contacts.update({ ...c, endedAt: at(32) });
    });
    expect(await store.recordings.get(c.id)).toMatchObject({
      endedAt: at(31),
      durationMs: 1_800_000,
      sizeBytes: 5_000_000_000,
      pauses,
      contactEndedAt: at(32),
    });
    const noSize = await recorded({});
    await store.transaction((tx) =>
      tx.recordings.finish(noSize.id, {
        endedAt: at(2),
        durationMs: 0,
        sizeBytes: null,
        pauses: [],
      }),
    );
    expect(await store.recordings.get(noSize.id)).toMatchObject({ sizeBytes: null, queueId: null });
    expect(await store.recordings.get(randomUUID())).toBeNull();
  });

  it('restarts the recording of a contact that starts it again, as a fresh row', async () => {
    const c = await recorded({}, { startedAt: at(0), endedAt: at(5) });
    await store.transaction((tx) => tx.recordings.markDeleted(c.id, at(5), 'manual'));
    const again = randomUUID();
    await store.transaction((tx) =>
      tx.recordings.start({ contactId: c.id, recordingId: again, startedAt: at(6) }),
    );
    expect(await store.recordings.get(c.id)).toMatchObject({
      recordingId: again,
      startedAt: at(6),
      endedAt: null,
      durationMs: null,
      sizeBytes: null,
      pauses: [],
      deletedAt: null,
      deletedReason: null,
    });
  });

  it('lists recordings newest first, by agent, customer, number, queue, case and time, in pages', async () => {
    const agent = randomUUID();
    const customer = aCustomer();
    const queueId = randomUUID();
    const task = aTask(queueId);
    await store.transaction(async (tx) => {
      await tx.customers.insert(customer);
      await tx.routing.upsertTasks([task]);
    });
    const caseId = randomUUID();
    const r0 = await recorded({ agentId: agent, from: '8613700000001', startedAt: at(0) });
    const r1 = await recorded({ agentId: agent, customerId: customer.id, startedAt: at(10) });
    const r2 = await recorded({ agentId: agent, taskId: task.id, startedAt: at(20) });
    const r3 = await recorded({ agentId: agent, caseId, to: '95_100%', startedAt: at(30) });
    const list = async (f: RecordingFilter, limit = 50, offset = 0) => {
      const p = await store.recordings.list(f, { limit, offset });
      return { ids: p.items.map((x) => x.contactId), total: p.total };
    };
    const ids = (...xs: { id: string }[]) => xs.map((x) => x.id);
    expect(await list({ agentId: agent })).toEqual({ ids: ids(r3, r2, r1, r0), total: 4 });
    expect(await list({ agentId: agent }, 2, 1)).toEqual({ ids: ids(r2, r1), total: 4 });
    expect(await list({ customer: customer.id })).toEqual({ ids: ids(r1), total: 1 });
    expect(await list({ agentId: agent, customer: '3700000' })).toEqual({ ids: ids(r0), total: 1 });
    // The number search is literal: '%' and '_' match only themselves.
    expect(await list({ agentId: agent, customer: '_100%' })).toEqual({ ids: ids(r3), total: 1 });
    expect(await list({ agentId: agent, customer: '5%1' })).toEqual({ ids: [], total: 0 });
    expect(await list({ queueId })).toEqual({ ids: ids(r2), total: 1 });
    expect(await list({ caseId })).toEqual({ ids: ids(r3), total: 1 });
    // from inclusive, to exclusive.
    expect(await list({ agentId: agent, from: at(10), to: at(30) })).toEqual({
      ids: ids(r2, r1),
      total: 2,
    });
    expect((await store.recordings.list({ queueId }, { limit: 1, offset: 0 })).items[0]).toEqual(
      await store.recordings.get(r2.id),
    );
  });

  it('marks a recording deleted once, keeps it as a tombstone, hidden unless asked for', async () => {
    const agent = randomUUID();
    const c = await recorded({ agentId: agent, endedAt: at(5) }, { endedAt: at(5) });
    expect(
      await store.transaction((tx) => tx.recordings.markDeleted(c.id, at(60), 'retention')),
    ).toBe(true);
    expect(await store.transaction((tx) => tx.recordings.markDeleted(c.id, at(61), 'manual'))).toBe(
      false,
    );
    expect(await store.recordings.get(c.id)).toMatchObject({
      recordingId: c.recordingId,
      deletedAt: at(60),
      deletedReason: 'retention',
    });
    expect((await store.recordings.list({ agentId: agent }, { limit: 5, offset: 0 })).total).toBe(
      0,
    );
    const withDeleted = await store.recordings.list(
      { agentId: agent, includeDeleted: true },
      { limit: 5, offset: 0 },
    );
    expect(withDeleted.items.map((x) => [x.contactId, x.deletedReason])).toEqual([
      [c.id, 'retention'],
    ]);
    expect(
      await store.transaction((tx) => tx.recordings.markDeleted(randomUUID(), at(61), 'manual')),
    ).toBe(false);
  });

  it('gives retention only finished, undeleted recordings started before the cut-off whose call is over, oldest first', async () => {
    // Long before every other test's recordings, so that `expired` sees only these.
    const base = new Date('2019-06-01T00:00:00Z');
    const agent = randomUUID();
    const over = { agentId: agent, endedAt: at(100, base) };
    const oldest = await recorded(over, { startedAt: at(0, base), endedAt: at(5, base) });
    const second = await recorded(over, { startedAt: at(10, base), endedAt: at(15, base) });
    const third = await recorded(over, { startedAt: at(20, base), endedAt: at(25, base) });
    const callOn = await recorded(
      { agentId: agent, endedAt: null },
      { startedAt: at(1, base), endedAt: at(2, base) },
    );
    const unfinished = await recorded(over, { startedAt: at(3, base) });
    const deleted = await recorded(over, { startedAt: at(4, base), endedAt: at(6, base) });
    await store.transaction((tx) => tx.recordings.markDeleted(deleted.id, at(50, base), 'manual'));
    const atCutOff = await recorded(over, { startedAt: at(30, base), endedAt: at(35, base) });
    // A recording whose contact was deleted still expires, with no agent.
    const orphan = await recorded(over, { startedAt: at(5, base), endedAt: at(8, base) });
    await store.transaction((tx) => tx.contacts.delete(orphan.id));

    const expired = await store.recordings.expired(at(30, base), 100);
    expect(expired).toEqual([
      { contactId: oldest.id, recordingId: oldest.recordingId, agentId: agent },
      { contactId: orphan.id, recordingId: orphan.recordingId, agentId: null },
      { contactId: second.id, recordingId: second.recordingId, agentId: agent },
      { contactId: third.id, recordingId: third.recordingId, agentId: agent },
    ]);
    expect((await store.recordings.expired(at(30, base), 2)).map((x) => x.contactId)).toEqual([
      oldest.id,
      orphan.id,
    ]);
    const ids = (await store.recordings.expired(at(60, base), 100)).map((x) => x.contactId);
    expect(ids).toContain(atCutOff.id);
    for (const x of [callOn, unfinished, deleted]) expect(ids).not.toContain(x.id);
  });
});
