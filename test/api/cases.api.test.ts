import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, password, type Harness } from '../support/api-harness.ts';
import { storeKinds } from '../support/test-stores.ts';

describe.each(storeKinds)('cases API on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(kind);
  });
  afterAll(async () => h?.close());

  const eventsOf = async (caseId: string) =>
    (await h.json('GET', `/api/cases/${caseId}/timeline`)).body.map(
      (e: { type: string }) => e.type,
    );

  it('opens a case with a number, stage accepted and SLA due times', async () => {
    const r = await h.json('POST', '/api/cases', {
      as: 'agent',
      body: {
        type: 'complaint',
        title: '漫游费用异常',
        description: 'charged abroad',
        customerId: h.customerId,
      },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({
      stage: 'accepted',
      type: 'complaint',
      priority: 'high',
      assigneeId: h.users.agent.id,
      teamId: h.teams.front,
    });
    // 2026-11-30T02:00Z is 10:00 on 30 November in Shanghai.
    expect(r.body.number).toMatch(/^C-20261130-\d{6}$/);
    // bootstrap policy: complaint total 48 h, accepted stage 1 h, on a 24×7 calendar.
    expect(r.body.dueAt).toBe('2026-12-02T02:00:00.000Z');
    expect(r.body.stageDueAt).toBe('2026-11-30T03:00:00.000Z');
    const got = await h.json('GET', `/api/cases/${r.body.id}`, { as: 'agent' });
    expect(got.body).toEqual(r.body);
    const byNumber = await h.json('GET', `/api/cases/by-number/${r.body.number}`, { as: 'agent' });
    expect(byNumber.body.id).toBe(r.body.id);
  });

  it('numbers cases per day in the center time zone', async () => {
    const a = await h.json('POST', '/api/cases', {
      as: 'agent',
      body: { type: 'query', title: 'a' },
    });
    const b = await h.json('POST', '/api/cases', {
      as: 'agent',
      body: { type: 'query', title: 'b' },
    });
    const na = Number(a.body.number.slice(-6));
    expect(Number(b.body.number.slice(-6))).toBe(na + 1);
    h.clock.set('2026-11-30T16:30:00Z'); // 00:30 on 1 December in Shanghai
    try {
      // Sessions last 12 hours, so log in again at the later time.
      const { token } = await h.services.auth.login('agent', password, null);
      const c = await h.json('POST', '/api/cases', {
        as: null,
        headers: { authorization: `Bearer ${token}` },
        body: { type: 'query', title: 'c' },
      });
      expect(c.body.number).toBe('C-20261201-000001');
    } finally {
      h.clock.set('2026-11-30T02:00:00Z');
    }
  });

  it('walks a complaint through every stage with back-office dispatch', async () => {
    const { body: c } = await h.json('POST', '/api/cases', {
      as: 'agent',
      body: { type: 'complaint', title: 'double charge', customerId: h.customerId },
    });
    const move = (
      to: string,
      as: Parameters<Harness['call']>[2] extends infer O
        ? O extends { as?: infer A }
          ? A
          : never
        : never = 'agent',
      extra = {},
    ) => h.json('POST', `/api/cases/${c.id}/transition`, { as, body: { to, ...extra } });

    // The plan requires verification, dispatch and supervision before replying.
    const early = await move('replied');
    expect(early.status).toBe(409);
    expect(early.body).toMatchObject({
      code: 'case.stage_required',
      details: { missing: ['verifying', 'dispatched', 'supervising'] },
    });

    expect((await move('verifying')).body.stage).toBe('verifying');
    // Back office of another team cannot see it yet; the billing back office neither.
    expect((await h.json('GET', `/api/cases/${c.id}`, { as: 'backoffice' })).status).toBe(404);
    const d = await h.json('POST', `/api/cases/${c.id}/dispatch`, {
      as: 'agent',
      body: { teamId: h.teams.backoffice, note: '请核实' },
    });
    expect(d.body).toMatchObject({ stage: 'dispatched', dispatchTeamId: h.teams.backoffice });
    expect((await h.json('GET', `/api/cases/${c.id}`, { as: 'backoffice' })).status).toBe(200);
    expect((await h.json('GET', `/api/cases/${c.id}`, { as: 'backoffice2' })).status).toBe(404);
    const boList = await h.json('GET', '/api/cases?stage=dispatched', { as: 'backoffice' });
    expect(boList.body.items.map((x: { id: string }) => x.id)).toContain(c.id);

    // The back office finishes and hands over to supervision.
    const note = await h.json('POST', `/api/cases/${c.id}/notes`, {
      as: 'backoffice',
      body: { body: 'refund issued 已退费' },
    });
    expect(note.status).toBe(201);
    expect((await move('supervising', 'backoffice')).body.stage).toBe('supervising');
    // No SMS channel is configured here: the reply is refused, nothing is recorded and the case
    // does not move (the channels' own tests send replies through real SMSCs and mail servers).
    const refused = await h.json('POST', `/api/cases/${c.id}/replies`, {
      as: 'agent',
      body: { channel: 'sms', body: '您好，已为您退费。', to: '8613900139000' },
    });
    expect(refused.status).toBe(503);
    expect(refused.body.code).toBe('channel.unavailable');
    expect((await h.json('GET', `/api/cases/${c.id}`, { as: 'agent' })).body.stage).toBe(
      'supervising',
    );
    // A reply given by phone is recorded as such.
    const reply = await h.json('POST', `/api/cases/${c.id}/replies`, {
      as: 'agent',
      body: { channel: 'voice', body: '电话告知客户已退费。', to: '8613900139000' },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({
      reply: { status: 'recorded', channel: 'voice' },
      case: { stage: 'replied' },
      message: null,
    });

    const badScore = await h.json('POST', `/api/cases/${c.id}/close`, {
      as: 'agent',
      body: { satisfaction: 9 },
    });
    expect(badScore.body.code).toBe('case.invalid_satisfaction');
    const closed = await h.json('POST', `/api/cases/${c.id}/close`, {
      as: 'agent',
      body: { satisfaction: 5 },
    });
    expect(closed.body).toMatchObject({ stage: 'closed', satisfaction: 5 });
    expect(closed.body.closedAt).not.toBeNull();

    const urgeClosed = await h.json('POST', `/api/cases/${c.id}/urge`, { as: 'agent', body: {} });
    expect(urgeClosed.body.code).toBe('case.closed');

    const reopened = await h.json('POST', `/api/cases/${c.id}/reopen`, {
      as: 'supervisor',
      body: { note: 'customer called back' },
    });
    expect(reopened.body).toMatchObject({
      stage: 'accepted',
      reopenCount: 1,
      satisfaction: null,
      closedAt: null,
    });

    expect(await eventsOf(c.id)).toEqual([
      'case.created',
      'case.stage_changed',
      'case.dispatched',
      'case.stage_changed',
      'case.note_added',
      'case.stage_changed',
      'case.stage_changed',
      'case.reply_recorded',
      'case.stage_changed',
      'case.stage_changed',
    ]);
    const details = await h.json('GET', `/api/cases/${c.id}/details`, { as: 'agent' });
    expect(details.body.notes).toHaveLength(1);
    expect(details.body.replies).toHaveLength(1);
    expect(details.body.sla.total.state).toBe('ok');
  });

  it('rejects an illegal transition and changes nothing', async () => {
    const { body: c } = await h.json('POST', '/api/cases', {
      as: 'agent',
      body: { type: 'consultation', title: 'plans?' },
    });
    const before = await eventsOf(c.id);
    const r = await h.json('POST', `/api/cases/${c.id}/transition`, {
      as: 'agent',
      body: { to: 'supervising' },
    });
    expect(r.status).toBe(409);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(r.body).toMatchObject({
      code: 'case.illegal_transition',
      details: { from: 'accepted', to: 'supervising' },
    });
    const after = await h.json('GET', `/api/cases/${c.id}`, { as: 'agent' });
    expect(after.body.version).toBe(c.version);
    expect(await eventsOf(c.id)).toEqual(before);
    const unknownStage = await h.json('POST', `/api/cases/${c.id}/transition`, {
      as: 'agent',
      body: { to: 'done' },
    });
    expect(unknownStage.body.code).toBe('validation.failed');
    // A reply that would advance illegally records nothing.
    const cancel = await h.json('POST', `/api/cases/${c.id}/transition`, {
      as: 'agent',
      body: { to: 'canceled' },
    });
    expect(cancel.body.stage).toBe('canceled');
    const reply = await h.json('POST', `/api/cases/${c.id}/replies`, {
      as: 'agent',
      body: { channel: 'email', body: 'hi' },
    });
    expect(reply.body.code).toBe('case.illegal_transition');
    expect(
      (await h.json('GET', `/api/cases/${c.id}/details`, { as: 'agent' })).body.replies,
    ).toEqual([]);
  });

  it('hides other people’s cases as not found, for reads and writes', async () => {
    const { body: c } = await h.json('POST', '/api/cases', {
      as: 'agent',
      body: { type: 'query', title: 'mine', customerId: h.customerId },
    });
    for (const who of ['agent2', 'backoffice', 'backoffice2'] as const) {
      expect((await h.json('GET', `/api/cases/${c.id}`, { as: who })).status).toBe(404);
      expect(
        (
          await h.json('POST', `/api/cases/${c.id}/transition`, {
            as: who,
            body: { to: 'verifying' },
          })
        ).body.code,
      ).toBe('not_found');
      expect(
        (await h.json('POST', `/api/cases/${c.id}/notes`, { as: who, body: { body: 'x' } })).status,
      ).toBe(404);
    }
    expect((await h.json('GET', `/api/cases/${c.id}`, { as: 'supervisor' })).status).toBe(200);
    const list = await h.json('GET', '/api/cases?limit=500', { as: 'agent2' });
    expect(list.body.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
  });

  it('lets customers open, read, urge and comment on only their own cases', async () => {
    const r = await h.json('POST', '/api/cases', {
      as: 'customer',
      body: { type: 'fault_report', title: '家里没信号', customerId: h.otherCustomerId },
    });
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ customerId: h.customerId, assigneeId: null, teamId: null });
    const other = await h.json('POST', '/api/cases', {
      as: 'agent',
      body: { type: 'query', title: 'not yours', customerId: h.otherCustomerId },
    });
    expect((await h.json('GET', `/api/cases/${other.body.id}`, { as: 'customer' })).status).toBe(
      404,
    );
    const list = await h.json('GET', '/api/cases', { as: 'customer' });
    expect(
      list.body.items.every((x: { customerId: string }) => x.customerId === h.customerId),
    ).toBe(true);
    const note = await h.json('POST', `/api/cases/${r.body.id}/notes`, {
      as: 'customer',
      body: { body: 'please hurry', internal: true },
    });
    expect(note.body.internal).toBe(false);
    expect(
      (
        await h.json('POST', `/api/cases/${r.body.id}/urge`, {
          as: 'customer',
          body: { note: '催办' },
        })
      ).body.urgeCount,
    ).toBe(1);
    expect(
      (
        await h.json('POST', `/api/cases/${r.body.id}/transition`, {
          as: 'customer',
          body: { to: 'canceled' },
        })
      ).body.code,
    ).toBe('auth.forbidden');
    // Internal staff notes and staff-only events stay hidden from the customer.
    await h.json('POST', `/api/cases/${r.body.id}/notes`, {
      as: 'admin',
      body: { body: 'internal remark', internal: true },
    });
    const details = await h.json('GET', `/api/cases/${r.body.id}/details`, { as: 'customer' });
    expect(details.body.notes.map((n: { body: string }) => n.body)).toEqual(['please hurry']);
    const timeline = await h.json('GET', `/api/cases/${r.body.id}/timeline`, { as: 'customer' });
    expect(timeline.body.map((e: { type: string }) => e.type)).toEqual([
      'case.created',
      'case.note_added',
      'case.urged',
    ]);
    expect((await h.json('GET', `/api/customers/${h.customerId}`, { as: 'customer' })).status).toBe(
      200,
    );
    expect(
      (await h.json('GET', `/api/customers/${h.otherCustomerId}`, { as: 'customer' })).status,
    ).toBe(404);
  });

  it('assigns, reprioritises, urges, links contacts and filters the list', async () => {
    const { body: c } = await h.json('POST', '/api/cases', {
      as: 'supervisor',
      body: { type: 'service_request', title: 'plan change', customerId: h.customerId },
    });
    const assigned = await h.json('POST', `/api/cases/${c.id}/assign`, {
      as: 'supervisor',
      body: { assigneeId: h.users.agent2.id, teamId: h.teams.other },
    });
    expect(assigned.body).toMatchObject({ assigneeId: h.users.agent2.id, teamId: h.teams.other });
    expect((await h.json('GET', `/api/cases/${c.id}`, { as: 'agent2' })).status).toBe(200);
    const badAssignee = await h.json('POST', `/api/cases/${c.id}/assign`, {
      as: 'admin',
      body: { assigneeId: h.users.customer.id },
    });
    expect(badAssignee.body.code).toBe('validation.failed');
    const p = await h.json('POST', `/api/cases/${c.id}/priority`, {
      as: 'admin',
      body: { priority: 'urgent' },
    });
    expect(p.body.priority).toBe('urgent');
    await h.json('POST', `/api/cases/${c.id}/urge`, { as: 'agent2', body: {} });
    const urged = await h.json('POST', `/api/cases/${c.id}/urge`, {
      as: 'agent2',
      body: { note: 'again' },
    });
    expect(urged.body.urgeCount).toBe(2);

    const contact = await h.json('POST', '/api/contacts', {
      as: 'agent2',
      body: {
        channel: 'voice',
        direction: 'inbound',
        from: '+86 139 0013 9000',
        to: '10086',
        ivrData: { menu: '2', lang: 'zh' },
      },
    });
    expect(contact.status).toBe(201);
    expect(contact.body.customerId).toBe(h.customerId); // found from the caller number
    expect(
      (
        await h.json('POST', `/api/cases/${c.id}/contacts`, {
          as: 'agent2',
          body: { contactId: contact.body.id },
        })
      ).status,
    ).toBe(200);
    const details = await h.json('GET', `/api/cases/${c.id}/details`, { as: 'agent2' });
    expect(details.body.contacts.map((x: { id: string }) => x.id)).toEqual([contact.body.id]);
    const missing = await h.json('POST', `/api/cases/${c.id}/contacts`, {
      as: 'agent2',
      body: { contactId: 'nope' },
    });
    expect(missing.body.code).toBe('not_found');

    const q = (s: string) =>
      h
        .json('GET', `/api/cases?${s}`, { as: 'admin' })
        .then((r) => r.body.items.map((x: { id: string }) => x.id));
    expect(await q(`assignee=${h.users.agent2.id}&type=service_request`)).toEqual([c.id]);
    expect(await q(`team=${h.teams.other}`)).toContain(c.id);
    expect(await q(`customer=${h.customerId}&stage=accepted`)).toContain(c.id);
    expect(
      await h
        .json('GET', '/api/cases?assignee=me', { as: 'agent2' })
        .then((r) => r.body.items.map((x: { id: string }) => x.id)),
    ).toContain(c.id);
    expect(await q('overdue=true')).not.toContain(c.id);
    // Three days on (sessions last 12 h, so read through the use cases directly).
    h.clock.advance(3 * 24 * 3600_000);
    try {
      const admin = {
        id: h.users.admin.id,
        username: 'admin',
        role: 'admin' as const,
        teamIds: [],
        customerId: null,
        ip: null,
      };
      const overdue = await h.services.cases.list(
        admin,
        { overdueAt: h.clock.now() },
        { limit: 500, offset: 0 },
      );
      expect(overdue.items.map((x) => x.id)).toContain(c.id);
      const sla = await h.services.cases.sla(admin, c.id);
      expect(sla.total.state).toBe('breached');
      expect(sla.total.remainingMinutes).toBeLessThan(0);
    } finally {
      h.clock.set('2026-11-30T02:00:00Z');
    }
  });

  it('re-dispatches a dispatched case to another back-office team without a stage move', async () => {
    const { body: c } = await h.json('POST', '/api/cases', {
      as: 'agent',
      body: { type: 'fault_report', title: 'no signal' },
    });
    await h.json('POST', `/api/cases/${c.id}/dispatch`, {
      as: 'agent',
      body: { teamId: h.teams.backoffice },
    });
    const again = await h.json('POST', `/api/cases/${c.id}/dispatch`, {
      as: 'agent',
      body: { teamId: h.teams.otherBackoffice, note: 'network issue, not billing' },
    });
    expect(again.body).toMatchObject({
      stage: 'dispatched',
      dispatchTeamId: h.teams.otherBackoffice,
    });
    expect((await h.json('GET', `/api/cases/${c.id}`, { as: 'backoffice' })).status).toBe(404);
    expect((await h.json('GET', `/api/cases/${c.id}`, { as: 'backoffice2' })).status).toBe(200);
  });

  it('finds customers by phone number in any written form', async () => {
    const us = await h.json('POST', '/api/customers', {
      as: 'agent',
      body: { name: 'Oliver Smith', msisdn: '+1 (415) 555-0100' },
    });
    expect(us.body.msisdn).toBe('14155550100');
    for (const typed of ['+1 415 555 0100', '0014155550100', '14155550100']) {
      const r = await h.json('GET', `/api/customers?msisdn=${encodeURIComponent(typed)}`, {
        as: 'agent',
      });
      expect(r.body.items.map((x: { id: string }) => x.id)).toEqual([us.body.id]);
    }
    for (const typed of ['13900139000', '+8613900139000', '139-0013-9000']) {
      const r = await h.json('GET', `/api/customers?msisdn=${encodeURIComponent(typed)}`, {
        as: 'agent',
      });
      expect(r.body.items.map((x: { id: string }) => x.id)).toEqual([h.customerId]);
    }
    // A contact from the stored international form is linked to the customer.
    const contact = await h.json('POST', '/api/contacts', {
      as: 'agent',
      body: { channel: 'sms', direction: 'inbound', from: '14155550100', to: '10086' },
    });
    expect(contact.body.customerId).toBe(us.body.id);
  });

  it('counts concurrent urges exactly (row locks, no lost updates)', async () => {
    const { body: c } = await h.json('POST', '/api/cases', {
      as: 'agent',
      body: { type: 'query', title: 'busy' },
    });
    const rs = await Promise.all(
      Array.from({ length: 10 }, () =>
        h.json('POST', `/api/cases/${c.id}/urge`, { as: 'agent', body: {} }),
      ),
    );
    expect(rs.every((r) => r.status === 200)).toBe(true);
    expect((await h.json('GET', `/api/cases/${c.id}`, { as: 'agent' })).body).toMatchObject({
      urgeCount: 10,
      version: 11,
    });
  });
});
