/**
 * The store contract (src/app/ports/store.ts), run against PGlite and PostgreSQL alike.
 * No mocks: each kind gets a fresh database.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Store } from '../../src/app/ports/store.ts';
import {
  adminOnlyScope,
  type DomainEvent,
  type LoggedEvent,
} from '../../src/domain/events/domain-event.ts';
import { caseAccess } from '../../src/domain/access/viewer.ts';
import { standardCaseTypes } from '../../src/domain/case/case-type.ts';
import { aCase, aCustomer, aUser, t0 } from '../support/fixtures.ts';
import { openTestStore, storeKinds } from '../support/test-stores.ts';

const ev = (type: string, subjectId = 'x', scope = adminOnlyScope): DomainEvent => ({
  type,
  subjectType: 'test',
  subjectId,
  payload: { n: 1 },
  scope,
});
const meta = { actorId: null, at: t0 };

describe.each(storeKinds)('store contract on %s', (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await openTestStore(kind);
    for (const t of standardCaseTypes) await store.transaction((tx) => tx.caseTypes.insert(t));
  });
  afterAll(async () => {
    await store?.close();
  });

  it('keeps nothing of a transaction that throws: rows, events, notifications', async () => {
    const seen: LoggedEvent[] = [];
    const off = store.onCommit((e) => seen.push(...e));
    const before = await store.events.lastSeq();
    const c = aCustomer({ msisdn: '8613800000001' });
    await expect(
      store.transaction(async (tx) => {
        await tx.customers.insert(c);
        tx.append([ev('test.rolled_back')], meta);
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    off();
    expect(await store.customers.get(c.id)).toBeNull();
    expect(await store.events.lastSeq()).toBe(before);
    expect(seen).toHaveLength(0);
  });

  it('numbers events without gaps, in commit order, across concurrent transactions', async () => {
    const start = await store.events.lastSeq();
    const delivered: number[] = [];
    const off = store.onCommit((e) => delivered.push(...e.map((x) => x.seq)));
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        store.transaction(async (tx) => {
          await tx.settings.set(`k${i}`, { i });
          tx.append([ev('test.a', `s${i}`), ev('test.b', `s${i}`), ev('test.c', `s${i}`)], meta);
        }),
      ),
    );
    // A failing transaction in the middle must not leave a hole.
    await store.transaction(async (tx) => tx.append([ev('test.ok')], meta));
    await expect(
      store.transaction(async (tx) => {
        tx.append([ev('test.lost')], meta);
        await tx.customers.insert(aCustomer({ id: 'dup' }));
        await tx.customers.insert(aCustomer({ id: 'dup' }));
      }),
    ).rejects.toThrow();
    await store.transaction(async (tx) => tx.append([ev('test.ok2')], meta));
    off();
    const events = await store.events.after(start, 1000, null);
    expect(events.map((e) => e.seq)).toEqual(Array.from({ length: 38 }, (_, i) => start + 1 + i));
    expect(delivered).toEqual(events.map((e) => e.seq));
    // The three events of one transaction are contiguous and in order.
    for (let i = 0; i < 36; i += 3)
      expect(events.slice(i, i + 3).map((e) => e.type)).toEqual(['test.a', 'test.b', 'test.c']);
    expect(events.some((e) => e.type === 'test.lost')).toBe(false);
  });

  it('filters events by who may see them, with the case access rule', async () => {
    const start = await store.events.lastSeq();
    const u = randomUUID();
    const scope = (p: Partial<DomainEvent['scope']>) => ({
      userIds: [],
      teamIds: [],
      dispatchTeamIds: [],
      customerId: null,
      ...p,
    });
    await store.transaction(async (tx) =>
      tx.append(
        [
          ev('test.admin'),
          ev('test.user', 'x', scope({ userIds: [u] })),
          ev('test.team', 'x', scope({ teamIds: ['team-a'] })),
          ev('test.dispatched', 'x', scope({ dispatchTeamIds: ['team-a'] })),
          ev('test.customer', 'x', scope({ teamIds: ['team-b'], customerId: 'cust-1' })),
        ],
        meta,
      ),
    );
    const types = async (v: Parameters<Store['events']['after']>[2]) =>
      (await store.events.after(start, 100, v)).map((e) => e.type);
    expect(await types(null)).toEqual([
      'test.admin',
      'test.user',
      'test.team',
      'test.dispatched',
      'test.customer',
    ]);
    expect(await types({ id: u, role: 'agent', teamIds: [], customerId: null })).toEqual([
      'test.user',
    ]);
    // Agents see their owning team's events, back-office users what was dispatched to them.
    expect(await types({ id: 'a', role: 'agent', teamIds: ['team-a'], customerId: null })).toEqual([
      'test.team',
    ]);
    expect(
      await types({ id: 'b', role: 'backoffice', teamIds: ['team-a'], customerId: null }),
    ).toEqual(['test.dispatched']);
    expect(
      await types({
        id: 'other',
        role: 'supervisor',
        teamIds: ['team-a', 'team-b'],
        customerId: null,
      }),
    ).toEqual(['test.team', 'test.dispatched', 'test.customer']);
    expect(await types({ id: 'c', role: 'customer', teamIds: [], customerId: 'cust-1' })).toEqual([
      'test.customer',
    ]);
    expect(await types({ id: 'c', role: 'customer', teamIds: [], customerId: null })).toEqual([]);
    expect((await store.events.forSubject('test', 'x', 10)).length).toBeGreaterThanOrEqual(5);
  });

  it('turns unique violations into coded errors', async () => {
    const u = aUser({ username: 'dup-user' });
    await store.transaction((tx) => tx.users.insert(u, 'h'));
    await expect(
      store.transaction((tx) => tx.users.insert(aUser({ username: 'dup-user' }), 'h')),
    ).rejects.toMatchObject({
      code: 'user.username_taken',
    });
    await store.transaction((tx) => tx.customers.insert(aCustomer({ msisdn: '8613911112222' })));
    await expect(
      store.transaction((tx) => tx.customers.insert(aCustomer({ msisdn: '8613911112222' }))),
    ).rejects.toMatchObject({
      code: 'customer.msisdn_taken',
    });
    await store.transaction((tx) =>
      tx.teams.insert({ id: randomUUID(), name: 'Dup team', kind: 'front', description: '' }),
    );
    await expect(
      store.transaction((tx) =>
        tx.teams.insert({ id: randomUUID(), name: 'Dup team', kind: 'front', description: '' }),
      ),
    ).rejects.toMatchObject({ code: 'team.name_taken' });
    await expect(
      store.transaction((tx) => tx.caseTypes.insert(standardCaseTypes[0]!)),
    ).rejects.toMatchObject({
      code: 'case_type.code_taken',
    });
    await store.transaction((tx) =>
      tx.calendars.insert({
        id: 'cal',
        name: 'c',
        timeZone: 'UTC',
        weekly: { mon: [{ start: '09:00', end: '17:00' }] },
        holidays: [],
        specialDays: [],
      }),
    );
    const policy = {
      id: randomUUID(),
      caseType: 'query',
      priority: null,
      calendarId: 'cal',
      stageMinutes: {},
      totalMinutes: 60,
      warnPercent: 10,
    };
    await store.transaction((tx) => tx.slaPolicies.insert(policy));
    await expect(
      store.transaction((tx) => tx.slaPolicies.insert({ ...policy, id: randomUUID() })),
    ).rejects.toMatchObject({
      code: 'sla.policy_taken',
    });
    // A priority-specific policy beside the any-priority one is fine, and reads back as such.
    await store.transaction((tx) =>
      tx.slaPolicies.insert({ ...policy, id: 'p-high', priority: 'high' }),
    );
    expect((await store.slaPolicies.get('p-high'))?.priority).toBe('high');
    expect((await store.slaPolicies.get(policy.id))?.priority).toBeNull();
  });

  it('stores users with their teams and skills, and replaces them on update', async () => {
    const t1 = { id: randomUUID(), name: `T1-${kind}`, kind: 'front' as const, description: '' };
    const t2 = {
      id: randomUUID(),
      name: `T2-${kind}`,
      kind: 'backoffice' as const,
      description: '',
    };
    const sk = { id: randomUUID(), name: `billing-${kind}`, description: '' };
    await store.transaction(async (tx) => {
      await tx.teams.insert(t1);
      await tx.teams.insert(t2);
      await tx.skills.insert(sk);
    });
    const u = aUser({ teamIds: [t1.id], skills: [{ skillId: sk.id, level: 3 }] });
    await store.transaction((tx) => tx.users.insert(u, 'hash'));
    expect(await store.users.get(u.id)).toEqual(u);
    expect((await store.users.getCredentials(u.username))?.passwordHash).toBe('hash');
    await store.transaction((tx) => tx.users.update({ ...u, teamIds: [t2.id], skills: [] }));
    expect(await store.users.get(u.id)).toMatchObject({ teamIds: [t2.id], skills: [] });
    expect(await store.teams.memberIds(t2.id)).toEqual([u.id]);
    const listed = await store.users.list({ teamId: t2.id }, { limit: 10, offset: 0 });
    expect(listed.items.map((x) => x.id)).toEqual([u.id]);
    expect(listed.total).toBe(1);
  });

  it('searches customers by phone, e-mail, name, tag and free text', async () => {
    const a = aCustomer({
      name: '王小明',
      msisdn: '8613712345678',
      email: 'wxm@example.cn',
      tags: ['vip', 'roaming'],
    });
    const b = aCustomer({
      name: 'Grace Lee',
      msisdn: '8613787654321',
      email: 'grace@example.com',
      tags: ['prepaid'],
    });
    await store.transaction(async (tx) => {
      await tx.customers.insert(a);
      await tx.customers.insert(b);
    });
    const ids = async (f: Parameters<Store['customers']['search']>[0]) =>
      (await store.customers.search(f, { limit: 50, offset: 0 })).items.map((c) => c.id);
    expect(await ids({ msisdn: '8613712345678' })).toEqual([a.id]);
    expect(await ids({ email: 'grace@example.com' })).toEqual([b.id]);
    expect(await ids({ name: '小明' })).toEqual([a.id]);
    expect(await ids({ tag: 'roaming' })).toEqual([a.id]);
    expect(await ids({ q: 'grace' })).toEqual([b.id]);
    expect(await ids({ q: '87654' })).toEqual([b.id]);
    expect(await ids({ q: '100%_' })).toEqual([]);
    expect((await store.customers.getByMsisdn('8613787654321'))?.id).toBe(b.id);
  });

  it('lists cases through the access rule and filters', async () => {
    const teamA = randomUUID();
    const teamB = randomUUID();
    const agent = randomUUID();
    const cust = aCustomer();
    await store.transaction((tx) => tx.customers.insert(cust));
    const mine = aCase({ assigneeId: agent, title: 'Roaming bill 漫游' });
    const teamCase = aCase({ teamId: teamA, stage: 'verifying' });
    const dispatched = aCase({ teamId: teamB, dispatchTeamId: teamA, stage: 'dispatched' });
    const custCase = aCase({ customerId: cust.id, dueAt: new Date(t0.getTime() - 1000) });
    const closedLate = aCase({
      customerId: cust.id,
      stage: 'closed',
      dueAt: new Date(t0.getTime() - 1000),
    });
    await store.transaction(async (tx) => {
      for (const c of [mine, teamCase, dispatched, custCase, closedLate]) await tx.cases.insert(c);
    });
    const ids = async (v: Parameters<typeof caseAccess>[0], f = {}) =>
      (await store.cases.list(f, caseAccess(v), { limit: 100, offset: 0 })).items
        .map((c) => c.id)
        .sort();
    const sorted = (...c: { id: string }[]) => c.map((x) => x.id).sort();
    expect(await ids({ id: agent, role: 'agent', teamIds: [teamA], customerId: null })).toEqual(
      sorted(mine, teamCase),
    );
    expect(await ids({ id: 'bo', role: 'backoffice', teamIds: [teamA], customerId: null })).toEqual(
      sorted(dispatched),
    );
    expect(await ids({ id: 'sv', role: 'supervisor', teamIds: [teamA], customerId: null })).toEqual(
      sorted(teamCase, dispatched),
    );
    expect(await ids({ id: 'c', role: 'customer', teamIds: [], customerId: cust.id })).toEqual(
      sorted(custCase, closedLate),
    );
    expect(await ids({ id: 'nobody', role: 'agent', teamIds: [], customerId: null })).toEqual([]);
    const admin = { id: 'a', role: 'admin' as const, teamIds: [], customerId: null };
    expect(await ids(admin, { customerId: cust.id, overdueAt: t0 })).toEqual(sorted(custCase));
    expect(await ids(admin, { stage: 'dispatched', teamId: teamA })).toEqual(sorted(dispatched));
    expect(await ids(admin, { q: '漫游' })).toEqual(sorted(mine));
  });

  it('refuses a stale case update and reads cases back unchanged', async () => {
    const c = aCase({ dueAt: new Date('2026-12-01T00:00:00Z') });
    await store.transaction((tx) => tx.cases.insert(c));
    expect(await store.cases.get(c.id)).toEqual(c);
    expect(await store.cases.getByNumber(c.number)).toEqual(c);
    await store.transaction((tx) => tx.cases.update({ ...c, urgeCount: 1, version: 2 }));
    await expect(
      store.transaction((tx) => tx.cases.update({ ...c, urgeCount: 5, version: 2 })),
    ).rejects.toMatchObject({
      code: 'case.version_conflict',
    });
    expect((await store.cases.get(c.id))?.urgeCount).toBe(1);
  });

  it('gives each case number once per day, also concurrently', async () => {
    const ns = await Promise.all(
      Array.from({ length: 20 }, () =>
        store.transaction((tx) => tx.cases.nextNumber('2026-11-30')),
      ),
    );
    expect([...ns].sort((a, b) => a - b)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(await store.transaction((tx) => tx.cases.nextNumber('2026-12-01'))).toBe(1);
  });

  it('serialises concurrent changes to one case with row locks', async () => {
    const c = aCase();
    await store.transaction((tx) => tx.cases.insert(c));
    await Promise.all(
      Array.from({ length: 8 }, () =>
        store.transaction(async (tx) => {
          const cur = await tx.cases.getForUpdate(c.id);
          if (!cur) throw new Error('missing');
          await tx.cases.update({ ...cur, urgeCount: cur.urgeCount + 1, version: cur.version + 1 });
        }),
      ),
    );
    expect(await store.cases.get(c.id)).toMatchObject({ urgeCount: 8, version: 9 });
  });

  it('stores notes, replies, contacts, sessions, audit entries and settings', async () => {
    const c = aCase();
    await store.transaction((tx) => tx.cases.insert(c));
    await store.transaction(async (tx) => {
      await tx.cases.addNote({
        id: randomUUID(),
        caseId: c.id,
        authorId: 'a',
        body: 'internal',
        internal: true,
        createdAt: t0,
      });
      await tx.cases.addNote({
        id: randomUUID(),
        caseId: c.id,
        authorId: 'a',
        body: 'public',
        internal: false,
        createdAt: new Date(t0.getTime() + 1),
      });
      await tx.cases.addReply({
        id: randomUUID(),
        caseId: c.id,
        authorId: 'a',
        channel: 'sms',
        to: '8613800000000',
        subject: null,
        body: 'hi',
        status: 'recorded',
        createdAt: t0,
      });
    });
    expect((await store.cases.notes(c.id, true)).map((n) => n.body)).toEqual([
      'internal',
      'public',
    ]);
    expect((await store.cases.notes(c.id, false)).map((n) => n.body)).toEqual(['public']);
    expect(await store.cases.replies(c.id)).toMatchObject([
      { channel: 'sms', to: '8613800000000', status: 'recorded' },
    ]);

    const contact = {
      id: randomUUID(),
      channel: 'voice' as const,
      direction: 'inbound' as const,
      from: '8613800000000',
      to: '10086',
      subject: null,
      startedAt: t0,
      endedAt: null,
      ivrData: { menu: '2', lang: 'zh' },
      wrapUpCode: null,
      customerId: null,
      caseId: c.id,
      agentId: null,
      teamId: null,
      taskId: null,
      queuedAt: new Date(t0.getTime() + 1000),
      offeredAt: null,
      answeredAt: null,
      recordingId: null,
      createdAt: t0,
      updatedAt: t0,
    };
    await store.transaction((tx) => tx.contacts.insert(contact));
    expect(await store.contacts.get(contact.id)).toEqual(contact);
    expect(
      (await store.contacts.list({ caseId: c.id }, { limit: 10, offset: 0 })).items,
    ).toHaveLength(1);

    const u = aUser();
    await store.transaction((tx) => tx.users.insert(u, 'h'));
    await store.sessions.insert({
      tokenHash: 'old',
      userId: u.id,
      createdAt: t0,
      expiresAt: new Date(t0.getTime() - 1),
      ip: null,
    });
    await store.sessions.insert({
      tokenHash: 'new',
      userId: u.id,
      createdAt: t0,
      expiresAt: new Date(t0.getTime() + 1000),
      ip: '127.0.0.1',
    });
    expect(await store.sessions.deleteExpired(t0)).toBe(1);
    expect(await store.sessions.get('new')).toMatchObject({ userId: u.id, ip: '127.0.0.1' });

    await store.audit.insert({
      at: t0,
      actorId: u.id,
      actorName: u.username,
      action: 'test.action',
      targetType: null,
      targetId: null,
      ip: null,
      outcome: 'ok',
      details: { a: 1 },
    });
    expect(
      (await store.audit.list({ action: 'test.action' }, { limit: 5, offset: 0 })).items,
    ).toMatchObject([{ details: { a: 1 } }]);

    await store.settings.set('center', { tz: 'Asia/Shanghai' });
    await store.settings.set('center', { tz: 'UTC' });
    expect(await store.settings.get('center')).toEqual({ tz: 'UTC' });
    expect(await store.settings.get('missing')).toBeNull();
  });
});
