/**
 * The resources part of the store contract (src/app/ports/resource-repo.ts, device-repo.ts):
 * seats, stored trunks, kefu nodes and the devices bound to seats, run against PGlite and
 * PostgreSQL alike. No mocks: each kind gets a fresh database; each test its own names.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SipDevice } from '../../src/app/ports/device-repo.ts';
import type { KefuNode } from '../../src/app/ports/resource-repo.ts';
import type { Store } from '../../src/app/ports/store.ts';
import type { Seat } from '../../src/domain/resource/seat.ts';
import type { TrunkDef } from '../../src/domain/resource/trunk.ts';
import { t0 } from '../support/fixtures.ts';
import { openTestStore, storeKinds } from '../support/test-stores.ts';

const at = (seconds: number, base = t0) => new Date(base.getTime() + seconds * 1000);
const unique = (prefix: string) => `${prefix}-${randomUUID().slice(0, 8)}`;

const aSeat = (p: Partial<Seat> = {}): Seat => ({
  id: randomUUID(),
  name: unique('A'),
  teamId: null,
  floor: '3F',
  zone: 'A区',
  createdAt: t0,
  ...p,
});

const aTrunk = (p: Partial<TrunkDef> = {}): TrunkDef => ({
  id: randomUUID(),
  name: unique('trunk'),
  provider: 'China Mobile',
  addresses: ['10.0.0.1', '2001:db8::1'],
  outbound: { transport: 'UDP', address: '10.0.0.1', port: 5060 },
  channelLimit: 30,
  numbers: ['+861010086', '10086'],
  callerId: '+861010086',
  probe: true,
  enabled: true,
  source: 'stored',
  createdAt: t0,
  ...p,
});

const aNode = (p: Partial<KefuNode> = {}): KefuNode => ({
  id: randomUUID(),
  name: unique('node'),
  roles: ['api', 'voice'],
  address: '10.0.0.5:8080',
  pid: 4242,
  version: '0.1.0',
  startedAt: t0,
  heartbeatAt: t0,
  health: { eventLoopLagMs: 1.5, openCalls: 3, status: 'ok' },
  ...p,
});

const aDevice = (p: Partial<SipDevice> = {}): SipDevice => ({
  extension: String(Math.floor(1000 + Math.random() * 8_999_000)),
  displayName: '坐席电话',
  realm: 'kefu',
  ha1Md5: 'a'.repeat(32),
  ha1Sha256: 'b'.repeat(64),
  enabled: true,
  createdAt: t0,
  kind: 'desk_phone',
  seatId: null,
  ...p,
});

describe.each(storeKinds)('resource store contract on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
  });
  afterAll(async () => {
    await store?.close();
  });

  it('saves a seat by id, replaces it, lists seats by zone then name, and deletes it', async () => {
    const team = {
      id: randomUUID(),
      name: unique('Seats team'),
      kind: 'front' as const,
      description: '',
    };
    await store.transaction((tx) => tx.teams.insert(team));
    // Letters and digits only, one common prefix: the order is the same in every collation.
    const k = randomUUID().slice(0, 8);
    const b = aSeat({ zone: `z${k}b`, name: `s${k}b`, teamId: team.id, floor: '' });
    const a = aSeat({ zone: `z${k}b`, name: `s${k}a` });
    const c = aSeat({ zone: `z${k}a`, name: `s${k}c` });
    await store.transaction(async (tx) => {
      for (const s of [b, a, c]) await tx.resources.saveSeat(s);
    });
    expect(await store.resources.getSeat(b.id)).toEqual(b);
    const moved = { ...b, name: `s${k}d`, floor: '5F', teamId: null };
    await store.transaction((tx) => tx.resources.saveSeat(moved));
    expect(await store.resources.getSeat(b.id)).toEqual(moved);

    const mine = (await store.resources.listSeats()).filter((s) => s.name.startsWith(`s${k}`));
    expect(mine).toEqual([c, a, moved]);

    expect(await store.transaction((tx) => tx.resources.deleteSeat(a.id))).toBe(true);
    expect(await store.transaction((tx) => tx.resources.deleteSeat(a.id))).toBe(false);
    expect(await store.resources.getSeat(a.id)).toBeNull();
  });

  it('refuses a second seat or trunk of the same name, on insert and on rename', async () => {
    const seat = aSeat();
    const other = aSeat();
    await store.transaction(async (tx) => {
      await tx.resources.saveSeat(seat);
      await tx.resources.saveSeat(other);
    });
    await expect(
      store.transaction((tx) => tx.resources.saveSeat(aSeat({ name: seat.name }))),
    ).rejects.toMatchObject({ code: 'resource.name_taken' });
    await expect(
      store.transaction((tx) => tx.resources.saveSeat({ ...other, name: seat.name })),
    ).rejects.toMatchObject({ code: 'resource.name_taken' });
    expect(await store.resources.getSeat(other.id)).toEqual(other);

    const trunk = aTrunk();
    const second = aTrunk();
    await store.transaction(async (tx) => {
      await tx.resources.saveTrunk(trunk);
      await tx.resources.saveTrunk(second);
    });
    await expect(
      store.transaction((tx) => tx.resources.saveTrunk(aTrunk({ name: trunk.name }))),
    ).rejects.toMatchObject({ code: 'resource.name_taken' });
    await expect(
      store.transaction((tx) => tx.resources.saveTrunk({ ...second, name: trunk.name })),
    ).rejects.toMatchObject({ code: 'resource.name_taken' });
    expect(await store.resources.getTrunk(second.id)).toEqual(second);
  });

  it('unbinds seats from a deleted team', async () => {
    const team = {
      id: randomUUID(),
      name: unique('Gone team'),
      kind: 'front' as const,
      description: '',
    };
    await store.transaction((tx) => tx.teams.insert(team));
    const seat = aSeat({ teamId: team.id });
    await store.transaction((tx) => tx.resources.saveSeat(seat));
    await store.transaction((tx) => tx.teams.delete(team.id));
    expect(await store.resources.getSeat(seat.id)).toEqual({ ...seat, teamId: null });
  });

  it('reads a stored trunk back field for field, replaces it by id, lists by name, deletes it', async () => {
    const k = randomUUID().slice(0, 8);
    const t = aTrunk({ name: `t${k}m` });
    await store.transaction((tx) => tx.resources.saveTrunk(t));
    expect(await store.resources.getTrunk(t.id)).toEqual(t);
    const bare = {
      ...t,
      name: `t${k}b`,
      addresses: [],
      outbound: null,
      channelLimit: null,
      numbers: [],
      callerId: null,
      probe: false,
      enabled: false,
    };
    await store.transaction((tx) => tx.resources.saveTrunk(bare));
    expect(await store.resources.getTrunk(t.id)).toEqual(bare);
    const tcp = {
      ...bare,
      outbound: { transport: 'TCP' as const, address: 'sbc.example.cn', port: 5080 },
    };
    await store.transaction((tx) => tx.resources.saveTrunk(tcp));
    expect(await store.resources.getTrunk(t.id)).toEqual(tcp);

    const first = aTrunk({ name: `t${k}a` });
    const last = aTrunk({ name: `t${k}c` });
    await store.transaction(async (tx) => {
      await tx.resources.saveTrunk(last);
      await tx.resources.saveTrunk(first);
    });
    const mine = (await store.resources.listTrunks()).filter((x) => x.name.startsWith(`t${k}`));
    expect(mine).toEqual([first, tcp, last]);

    expect(await store.transaction((tx) => tx.resources.deleteTrunk(t.id))).toBe(true);
    expect(await store.transaction((tx) => tx.resources.deleteTrunk(t.id))).toBe(false);
    expect(await store.resources.getTrunk(t.id)).toBeNull();
  });

  it('registers a node, refreshes its heartbeat and health, lists by name, forgets stale ones', async () => {
    // Long before every other test's nodes, so that the stale sweep below touches only these.
    const base = new Date('2018-01-01T00:00:00Z');
    const k = randomUUID().slice(0, 8);
    const n = aNode({ name: `n${k}b`, startedAt: base, heartbeatAt: base });
    await store.transaction((tx) => tx.resources.saveNode(n));
    expect((await store.resources.listNodes()).filter((x) => x.id === n.id)).toEqual([n]);
    const beat = {
      ...n,
      heartbeatAt: at(15, base),
      health: { eventLoopLagMs: 40, openCalls: 0, status: 'degraded', 内存: '1.2G' },
      roles: ['router'],
    };
    await store.transaction((tx) => tx.resources.saveNode(beat));
    expect((await store.resources.listNodes()).filter((x) => x.id === n.id)).toEqual([beat]);

    const stale = aNode({ name: `n${k}c`, startedAt: base, heartbeatAt: at(5, base) });
    const fresh = aNode({ name: `n${k}a`, startedAt: base, heartbeatAt: at(20, base) });
    await store.transaction(async (tx) => {
      await tx.resources.saveNode(stale);
      await tx.resources.saveNode(fresh);
    });
    const mine = (await store.resources.listNodes()).filter((x) => x.name.startsWith(`n${k}`));
    expect(mine).toEqual([fresh, beat, stale]);

    // Older than `before` goes; exactly at it stays.
    expect(await store.transaction((tx) => tx.resources.deleteStaleNodes(at(15, base)))).toBe(1);
    const left = (await store.resources.listNodes()).map((x) => x.id);
    expect(left).not.toContain(stale.id);
    expect(left).toEqual(expect.arrayContaining([n.id, fresh.id]));
    expect(await store.transaction((tx) => tx.resources.deleteStaleNodes(at(15, base)))).toBe(0);
  });

  it('keeps a device’s kind and seat, replaces it on upsert, and unbinds it from a deleted seat', async () => {
    const seat = aSeat();
    await store.transaction((tx) => tx.resources.saveSeat(seat));
    const d = aDevice({ kind: 'softphone', seatId: seat.id, enabled: false });
    await store.devices.upsert(d);
    expect(await store.devices.get(d.extension)).toEqual(d);
    const desk = { ...d, kind: 'desk_phone' as const, displayName: 'Desk 12', enabled: true };
    await store.devices.upsert(desk);
    expect(await store.devices.get(d.extension)).toEqual(desk);
    const listed = await store.devices.list();
    expect(listed.filter((x) => x.extension === d.extension)).toEqual([desk]);
    const exts = listed.map((x) => x.extension);
    expect(exts).toEqual([...exts].sort());

    await store.transaction((tx) => tx.resources.deleteSeat(seat.id));
    expect(await store.devices.get(d.extension)).toEqual({ ...desk, seatId: null });
    expect(await store.devices.delete(d.extension)).toBe(true);
    expect(await store.devices.delete(d.extension)).toBe(false);
    expect(await store.devices.get(d.extension)).toBeNull();
  });
});
