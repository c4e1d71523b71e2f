/**
 * The public web form and the customer portal over the HTTP API, on both stores. Sign-in codes
 * really travel: the SMS through the SMS channel to a real SMSC on loopback (read back from its
 * submit_sm), the e-mail link through the e-mail channel to a real SMTP server.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/app/app-context.ts';
import { startEmail, type EmailChannel } from '../../src/channels/email/start-email.ts';
import { startSms, type SmsChannelHandle } from '../../src/channels/sms/start-sms.ts';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { startSink, until, type Sink } from '../support/mail-peers.ts';
import { TestSmsc } from '../support/test-smsc.ts';
import { storeKinds } from '../support/test-stores.ts';

const T = { timeout: 30_000 };
const caseNumber = /^C-\d{8}-\d{6}$/;

describe.each(storeKinds)('web form and customer portal on %s', (kind) => {
  let h: Harness;
  let smsc: TestSmsc;
  let sms: SmsChannelHandle;
  let sink: Sink;
  let email: EmailChannel;
  let nextIp = 10;
  /** A client address of its own for each use, so limits of one test do not touch another. */
  const freshIp = () => `203.0.113.${nextIp++}`;

  beforeAll(async () => {
    h = await makeHarness(kind);
    smsc = await TestSmsc.start({ password: 'secret', systemId: 'kefu' });
    sms = startSms({
      url: smsc.url,
      systemId: 'kefu',
      password: 'secret',
      sourceAddr: '10086',
      inbox: h.services.inbox,
      outbox: h.services.outbox,
      log: () => undefined,
    });
    await sms.link.bound(5000);
    sink = await startSink();
    email = await startEmail(
      { inbox: h.services.inbox, outbox: h.services.outbox, clock: h.clock, log: () => undefined },
      {
        config: {
          address: 'support@kefu.local',
          ownAddresses: [],
          loopToken: 'kefu.local',
          caseType: 'query',
          acknowledge: false,
        },
        relay: { url: `smtp://127.0.0.1:${sink.port}` },
      },
    );
  }, 60_000);
  afterAll(async () => {
    await email?.stop();
    await sink?.stop();
    await sms?.stop();
    await smsc?.stop();
    await h?.services.outbox.stop();
    await h?.close();
  });

  /** A request from a given client address (the TCP peer the API sees), with a session or not. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked by assertions
  async function call<T = any>(
    method: string,
    path: string,
    o: { ip?: string; body?: unknown; token?: string } = {},
  ): Promise<{ status: number; body: T; headers: Headers }> {
    const headers: Record<string, string> = {};
    let body: string | undefined;
    if (o.body !== undefined) {
      body = JSON.stringify(o.body);
      headers['content-type'] = 'application/json';
      headers['content-length'] = String(Buffer.byteLength(body));
    }
    if (o.token) headers['authorization'] = `Bearer ${o.token}`;
    const r = await h.app.request(
      path,
      { method, headers, ...(body !== undefined ? { body } : {}) },
      { incoming: { socket: { remoteAddress: o.ip ?? freshIp() } } },
    );
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null, headers: r.headers };
  }

  const form = (over: Record<string, unknown> = {}) => ({
    name: '刘洋',
    phone: '13900139000',
    subject: '宽带断线',
    message: '家里的宽带每天晚上断线好几次。',
    ...over,
  });

  /** The code in the newest SMS to `msisdn`, once it reached the SMSC after `before` others. */
  async function codeSentTo(msisdn: string, before: number): Promise<string> {
    const sm = await until('the sign-in SMS', () => {
      const to = smsc.submits.filter((s) => s.destAddr === msisdn);
      return to.length > before ? to.at(-1) : undefined;
    });
    const code = /\b(\d{6})\b/.exec(sm.text)?.[1];
    expect(code, sm.text).toBeTruthy();
    return code as string;
  }
  const smsCount = (msisdn: string) => smsc.submits.filter((s) => s.destAddr === msisdn).length;

  /** Signs in by SMS code as the customer with this phone; returns the session token. */
  async function signIn(phone: string, msisdn: string): Promise<{ token: string; userId: string }> {
    const ip = freshIp();
    const before = smsCount(msisdn);
    expect((await call('POST', '/api/portal/sms-code', { ip, body: { phone } })).status).toBe(202);
    const code = await codeSentTo(msisdn, before);
    const r = await call('POST', '/api/portal/sms-code/verify', { ip, body: { phone, code } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return { token: r.body.token, userId: r.body.user.id };
  }

  let phones = 0;
  /** A new customer with a phone number of its own. */
  async function newCustomer(o: { email?: string; language?: string } = {}) {
    const national = `1360000${String(1000 + phones++).padStart(4, '0')}`;
    const c = await h.services.customers.create(systemActor, {
      name: `客户${phones}`,
      msisdn: national,
      ...o,
    });
    return { id: c.id, phone: national, msisdn: `86${national}` };
  }

  it('a web form opens a case with a webform contact and message, linked by phone', T, async () => {
    const r = await call('POST', '/api/forms/cases', { body: form() });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(Object.keys(r.body).sort()).toEqual(['caseNumber', 'status']);
    expect(r.body.caseNumber).toMatch(caseNumber);
    expect(r.body.status).toBe('accepted');

    const kase = (await h.json('GET', `/api/cases/by-number/${r.body.caseNumber}`)).body;
    expect(kase).toMatchObject({ type: 'query', title: '宽带断线', customerId: h.customerId });
    const msgs = (await h.json('GET', `/api/cases/${kase.id}/messages`)).body.items;
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({
      channel: 'webform',
      direction: 'inbound',
      from: '8613900139000',
      body: '家里的宽带每天晚上断线好几次。',
    });
    expect(msgs[0].meta.fromName).toBe('刘洋');
    const contact = (await h.json('GET', `/api/contacts/${msgs[0].contactId}`)).body;
    expect(contact).toMatchObject({ channel: 'webform', direction: 'inbound', caseId: kase.id });
    expect(contact.taskId).toBeTruthy();
  });

  it('an unknown sender gets an unlinked case and no customer record', T, async () => {
    const before = (await h.json('GET', '/api/customers?limit=1')).body.total;
    const category = (
      await h.json('POST', '/api/case-categories', {
        as: 'admin',
        body: { name: 'Broadband', caseType: 'complaint' },
      })
    ).body;
    const r = await call('POST', '/api/forms/cases', {
      body: form({
        phone: null,
        email: 'Stranger@Example.org',
        type: 'complaint',
        category: category.id,
      }),
    });
    expect(r.status).toBe(201);
    const filed = (await h.json('GET', `/api/cases/by-number/${r.body.caseNumber}`)).body;
    expect(filed.categoryId).toBe(category.id);
    const kase = (await h.json('GET', `/api/cases/by-number/${r.body.caseNumber}`)).body;
    expect(kase).toMatchObject({ type: 'complaint', customerId: null });
    const msgs = (await h.json('GET', `/api/cases/${kase.id}/messages`)).body.items;
    expect(msgs[0].from).toBe('stranger@example.org');
    expect((await h.json('GET', '/api/customers?limit=1')).body.total).toBe(before);
  });

  it(
    'refuses a form without a way to answer, or with a bad type, naming the field',
    T,
    async () => {
      const cases = [
        [form({ phone: null }), 'phone'],
        [form({ phone: 'call me' }), 'phone'],
        [form({ phone: null, email: 'not-an-address' }), 'email'],
        [form({ type: 'no_such_type' }), 'type'],
        [form({ category: 'no-such-category' }), 'category'],
      ] as const;
      for (const [body, field] of cases) {
        const r = await call('POST', '/api/forms/cases', { body });
        expect(r.status, field).toBe(400);
        expect(r.body.code).toBe('validation.failed');
        expect(r.body.details.field).toBe(field);
      }
      const missing = await call('POST', '/api/forms/cases', { body: { name: 'x', phone: '1' } });
      expect(missing.status).toBe(400);
      expect(missing.body.errors.map((e: { path: string }) => e.path)).toContain('subject');
    },
  );

  it('a filled honeypot looks accepted but stores nothing, and is audited', T, async () => {
    const ip = freshIp();
    const total = async () => (await h.json('GET', '/api/cases?limit=1')).body.total as number;
    const cases = await total();
    const r = await call('POST', '/api/forms/cases', {
      ip,
      body: form({ website: 'http://spam.example', subject: 'Cheap pills' }),
    });
    expect(r.status).toBe(201);
    expect(r.body.caseNumber).toMatch(caseNumber);
    expect(r.body.status).toBe('accepted');
    expect(await total()).toBe(cases);
    const audit = (await h.json('GET', '/api/audit?action=form.honeypot')).body.items;
    expect(audit.some((a: { ip: string }) => a.ip === ip)).toBe(true);
  });

  it('the sixth form from one address within ten minutes is refused with 429', T, async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++)
      expect((await call('POST', '/api/forms/cases', { ip, body: form() })).status).toBe(201);
    const r = await call('POST', '/api/forms/cases', { ip, body: form() });
    expect(r.status).toBe(429);
    expect(r.body.code).toBe('rate_limited');
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await call('POST', '/api/forms/cases', { body: form() })).status).toBe(201);
    h.clock.advance(10 * 60_000 + 1000);
    expect((await call('POST', '/api/forms/cases', { ip, body: form() })).status).toBe(201);
  });

  it('documents the form and portal routes with who may call them', T, async () => {
    const doc = (await call('GET', '/api/openapi.json')).body;
    expect(doc.paths['/api/forms/cases'].post['x-roles']).toEqual(['public']);
    expect(doc.paths['/api/portal/sms-code/verify'].post['x-roles']).toEqual(['public']);
    expect(doc.paths['/api/portal/cases/{id}/satisfaction'].post['x-roles']).toEqual(['customer']);
  });

  it('offers the active case types to a form without a login', T, async () => {
    const r = await call('GET', '/api/forms/options');
    expect(r.status).toBe(200);
    expect(r.body.types.map((t: { code: string }) => t.code)).toContain('complaint');
  });

  it('signs a customer in with a code sent by SMS through the SMSC', T, async () => {
    const ip = freshIp();
    const before = smsCount('8613900139000');
    const asked = await call('POST', '/api/portal/sms-code', {
      ip,
      body: { phone: '139 0013 9000' },
    });
    expect(asked.status).toBe(202);
    expect(asked.body).toEqual({ ok: true, expiresInSeconds: 300 });
    const code = await codeSentTo('8613900139000', before);
    const r = await call('POST', '/api/portal/sms-code/verify', {
      ip,
      body: { phone: '+86 139 0013 9000', code },
    });
    expect(r.status).toBe(200);
    // The customer's existing login is used; the session is an ordinary one.
    expect(r.body.user).toMatchObject({ id: h.users.customer.id, role: 'customer' });
    expect(r.headers.get('set-cookie')).toMatch(/kefu_session=/);
    const me = await call('GET', '/api/auth/me', { token: r.body.token });
    expect(me.body).toMatchObject({ role: 'customer', customerId: h.customerId });
    // A code works once.
    const again = await call('POST', '/api/portal/sms-code/verify', {
      ip,
      body: { phone: '13900139000', code },
    });
    expect(again.status).toBe(401);
  });

  it('makes a customer login on the first sign-in and reuses it', T, async () => {
    const c = await newCustomer();
    const first = await signIn(c.phone, c.msisdn);
    const second = await signIn(c.phone, c.msisdn);
    expect(second.userId).toBe(first.userId);
    const me = await call('GET', '/api/auth/me', { token: second.token });
    expect(me.body).toMatchObject({ role: 'customer', customerId: c.id });
  });

  it('answers an unknown phone like a known one, sends nothing, accepts no code', T, async () => {
    const ip = freshIp();
    const submitted = smsc.submits.length;
    const r = await call('POST', '/api/portal/sms-code', { ip, body: { phone: '13500135000' } });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ ok: true, expiresInSeconds: 300 });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(smsc.submits.length).toBe(submitted);
    const v = await call('POST', '/api/portal/sms-code/verify', {
      ip,
      body: { phone: '13500135000', code: '123456' },
    });
    expect(v.status).toBe(401);
    expect(v.body.code).toBe('portal.invalid_code');
  });

  it('refuses wrong codes with 401 and locks the code at the sixth attempt', T, async () => {
    const c = await newCustomer();
    const ip = freshIp();
    await call('POST', '/api/portal/sms-code', { ip, body: { phone: c.phone } });
    const code = await codeSentTo(c.msisdn, 0);
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) {
      const r = await call('POST', '/api/portal/sms-code/verify', {
        ip,
        body: { phone: c.phone, code: wrong },
      });
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('portal.invalid_code');
    }
    const locked = await call('POST', '/api/portal/sms-code/verify', {
      ip,
      body: { phone: c.phone, code },
    });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe('rate_limited');
    // A new code starts afresh.
    await call('POST', '/api/portal/sms-code', { ip, body: { phone: c.phone } });
    const next = await codeSentTo(c.msisdn, 1);
    const ok = await call('POST', '/api/portal/sms-code/verify', {
      ip,
      body: { phone: c.phone, code: next },
    });
    expect(ok.status).toBe(200);
  });

  it('refuses a code after its five minutes', T, async () => {
    const c = await newCustomer();
    const ip = freshIp();
    await call('POST', '/api/portal/sms-code', { ip, body: { phone: c.phone } });
    const code = await codeSentTo(c.msisdn, 0);
    h.clock.advance(5 * 60_000 + 1000);
    const r = await call('POST', '/api/portal/sms-code/verify', {
      ip,
      body: { phone: c.phone, code },
    });
    expect(r.status).toBe(401);
    expect(r.body.code).toBe('portal.invalid_code');
  });

  it('limits code requests per phone and per client address', T, async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++)
      expect(
        (await call('POST', '/api/portal/sms-code', { ip, body: { phone: '13500135001' } })).status,
      ).toBe(202);
    const r = await call('POST', '/api/portal/sms-code', {
      body: { phone: '13500135001' },
    });
    expect(r.status).toBe(429);
    expect(Number(r.headers.get('retry-after'))).toBeGreaterThan(0);
    const busy = freshIp();
    for (let i = 0; i < 20; i++)
      await call('POST', '/api/portal/sms-code', {
        ip: busy,
        body: { phone: `1350014${String(i).padStart(4, '0')}` },
      });
    const fromBusy = await call('POST', '/api/portal/sms-code', {
      ip: busy,
      body: { phone: '13500149999' },
    });
    expect(fromBusy.status).toBe(429);
  });

  it('signs a customer in with a single-use link sent by e-mail', T, async () => {
    const c = await newCustomer({ email: 'mei@example.cn', language: 'en' });
    const ip = freshIp();
    const r = await call('POST', '/api/portal/email-link', {
      ip,
      body: { email: 'Mei@Example.cn' },
    });
    expect(r.status).toBe(202);
    expect(r.body).toEqual({ ok: true, expiresInSeconds: 900 });
    const mail = await until('the sign-in mail', () => sink.to('mei@example.cn')[0]);
    expect(mail.parsed.subject).toBe('Sign in to the customer portal');
    const token = /portal\.html#login=([\w-]+)/.exec(mail.parsed.text ?? '')?.[1];
    expect(token).toBeTruthy();
    const v = await call('POST', '/api/portal/email-link/verify', { ip, body: { token } });
    expect(v.status).toBe(200);
    expect(v.body.user).toMatchObject({ role: 'customer', customerId: c.id });
    const reuse = await call('POST', '/api/portal/email-link/verify', { ip, body: { token } });
    expect(reuse.status).toBe(401);
    const unknown = await call('POST', '/api/portal/email-link', {
      ip,
      body: { email: 'nobody@example.cn' },
    });
    expect(unknown.body).toEqual(r.body);
    const forged = await call('POST', '/api/portal/email-link/verify', {
      ip,
      body: { token: 'A'.repeat(43) },
    });
    expect(forged.status).toBe(401);
    expect(forged.body.code).toBe('portal.invalid_code');
  });

  it('lets a signed-in customer list their cases, read and write messages', T, async () => {
    const c = await newCustomer();
    const made = await call('POST', '/api/forms/cases', {
      body: form({ phone: c.phone, subject: '话费查询', message: '请帮我查一下上月话费。' }),
    });
    const { token } = await signIn(c.phone, c.msisdn);
    const list = await call('GET', '/api/portal/cases', { token });
    expect(list.status).toBe(200);
    expect(list.body.total).toBe(1);
    const mine = list.body.items[0];
    expect(mine).toMatchObject({
      number: made.body.caseNumber,
      stage: 'accepted',
      title: '话费查询',
      canRate: false,
    });
    expect(mine).not.toHaveProperty('assigneeId');
    expect(mine).not.toHaveProperty('dueAt');

    const detail = await call('GET', `/api/portal/cases/${mine.id}`, { token });
    expect(detail.body.messages.map((m: { body: string }) => m.body)).toEqual([
      '请帮我查一下上月话费。',
    ]);
    const reply = await call('POST', `/api/portal/cases/${mine.id}/replies`, {
      token,
      body: { body: '我的号码是 ' + c.phone },
    });
    expect(reply.status).toBe(201);
    expect(reply.body).toMatchObject({ direction: 'inbound', channel: 'webform' });
    const msgs = await call('GET', `/api/cases/${mine.id}/messages`, { token });
    expect(msgs.status).toBe(200);
    expect(msgs.body.items.map((m: { id: string }) => m.id)).toContain(reply.body.id);
    const events = (await h.json('GET', '/api/events?after=0&limit=1000')).body.events as {
      type: string;
      subjectId: string;
      payload: { caseId: string };
    }[];
    expect(
      events.find((e) => e.type === 'message.received' && e.subjectId === reply.body.id)?.payload
        .caseId,
    ).toBe(mine.id);
    // The reply is a contact of its own, offered to an agent.
    const contacts = (await h.json('GET', `/api/contacts?caseId=${mine.id}`)).body.items;
    expect(contacts.filter((x: { taskId: string | null }) => x.taskId)).toHaveLength(2);
  });

  it('rates a replied case (closing it) and refuses to rate an open one', T, async () => {
    const c = await newCustomer();
    const { token } = await signIn(c.phone, c.msisdn);
    const open = async () =>
      (
        await h.json('POST', '/api/cases', {
          body: { type: 'consultation', title: '套餐咨询', customerId: c.id },
        })
      ).body.id as string;
    const id = await open();
    const early = await call('POST', `/api/portal/cases/${id}/satisfaction`, {
      token,
      body: { score: 5 },
    });
    expect(early.status).toBe(409);
    await h.json('POST', `/api/cases/${id}/transition`, { body: { to: 'replied' } });
    expect((await call('GET', '/api/portal/cases', { token })).body.items[0].canRate).toBe(true);
    const bad = await call('POST', `/api/portal/cases/${id}/satisfaction`, {
      token,
      body: { score: 6 },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('case.invalid_satisfaction');
    const rated = await call('POST', `/api/portal/cases/${id}/satisfaction`, {
      token,
      body: { score: 4, comment: '回复很快' },
    });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({ stage: 'closed', satisfaction: 4, canRate: false });
    const stored = (await h.json('GET', `/api/cases/${id}/details`)).body;
    expect(stored.case).toMatchObject({ stage: 'closed', satisfaction: 4 });
    expect(stored.notes.map((n: { body: string }) => n.body)).toContain('回复很快');
    const twice = await call('POST', `/api/portal/cases/${id}/satisfaction`, {
      token,
      body: { score: 5 },
    });
    expect(twice.status).toBe(409);
    const tooLate = await call('POST', `/api/portal/cases/${id}/replies`, {
      token,
      body: { body: 'one more thing' },
    });
    expect(tooLate.status).toBe(409);
    expect(tooLate.body.code).toBe('case.closed');

    // Closed by the agent without a rating: the customer may still rate it, once.
    const other = await open();
    await h.json('POST', `/api/cases/${other}/transition`, { body: { to: 'replied' } });
    await h.json('POST', `/api/cases/${other}/close`, { body: {} });
    const late = await call('POST', `/api/portal/cases/${other}/satisfaction`, {
      token,
      body: { score: 3 },
    });
    expect(late.status).toBe(200);
    expect((await h.json('GET', `/api/cases/${other}`)).body.satisfaction).toBe(3);
  });

  it("never shows a customer another customer's case", T, async () => {
    const c = await newCustomer();
    const { token } = await signIn(c.phone, c.msisdn);
    const theirs = (
      await h.json('POST', '/api/cases', {
        body: { type: 'consultation', title: '别人的事件', customerId: h.otherCustomerId },
      })
    ).body.id as string;
    await h.json('POST', `/api/cases/${theirs}/transition`, { body: { to: 'replied' } });
    for (const [method, path, body] of [
      ['GET', `/api/portal/cases/${theirs}`, undefined],
      ['GET', `/api/cases/${theirs}`, undefined],
      ['GET', `/api/cases/${theirs}/messages`, undefined],
      ['POST', `/api/portal/cases/${theirs}/replies`, { body: 'hi' }],
      ['POST', `/api/portal/cases/${theirs}/satisfaction`, { score: 1 }],
    ] as const) {
      const r = await call(method, path, { token, body });
      expect(r.status, `${method} ${path}`).toBe(404);
    }
    const list = await call('GET', '/api/portal/cases', { token });
    expect(list.body.items.map((k: { id: string }) => k.id)).not.toContain(theirs);
    // The portal's views are for customers; staff use the case API.
    expect((await h.json('GET', '/api/portal/cases', { as: 'agent' })).status).toBe(403);
  });
});
