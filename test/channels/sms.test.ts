/**
 * The SMS channel against a real SMPP server on loopback (test/support/test-smsc.ts): inbound
 * concatenated texts into the inbox, replies out through the outbox with receipts, re-binding
 * after the SMSC drops or restarts, over both stores. Link-level behaviour (bind refusal,
 * window, error statuses, dead-link detection) runs once, without a store.
 */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultCenterConfig, systemActor, type AppDeps } from '../../src/app/app-context.ts';
import { CaseService } from '../../src/app/cases/case-service.ts';
import { CustomerService } from '../../src/app/customers/customer-service.ts';
import { followContactTasks } from '../../src/app/messaging/contact-tasks.ts';
import { InboxService, type InboxResult } from '../../src/app/messaging/inbox-service.ts';
import { OutboxService } from '../../src/app/messaging/outbox-service.ts';
import { SendFailure } from '../../src/app/ports/channel-sender.ts';
import { ManualClock } from '../../src/app/ports/clock.ts';
import type { Store } from '../../src/app/ports/store.ts';
import { RouterService } from '../../src/app/routing/router-service.ts';
import { bootstrapCenter } from '../../src/app/seed/bootstrap.ts';
import { SmppLink, type SmsLog } from '../../src/channels/sms/smpp-link.ts';
import { SmsChannel } from '../../src/channels/sms/sms-channel.ts';
import { startSms, type SmsChannelHandle } from '../../src/channels/sms/start-sms.ts';
import type { Message } from '../../src/domain/message/message.ts';
import { decodeSmsPayload, parseUdh } from '../../src/domain/message/sms-text.ts';
import { TestSmsc } from '../support/test-smsc.ts';
import { openTestStore, storeKinds } from '../support/test-stores.ts';

const msisdn = '8613800138000';
/** `n` distinct CJK characters from `start`, so a part out of place shows in the text. */
const chinese = (n: number, start = 0) =>
  Array.from({ length: n }, (_, i) => String.fromCharCode(0x4e00 + ((start + i * 37) % 4000))).join(
    '',
  );

interface LogLine {
  level: string;
  msg: string;
  extra?: Record<string, unknown> | undefined;
}
const recorder = (lines: LogLine[]): SmsLog => {
  return (level, msg, extra) => void lines.push({ level, msg, extra });
};

async function waitFor(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Short timings: re-bind within a fraction of a second, probe every second. */
const fast = {
  enquireLinkSeconds: 1,
  responseTimeoutMs: 1000,
  backoff: { initialMs: 50, maxMs: 400 },
} as const;

describe.each(storeKinds)('SMS channel over SMPP on %s', (kind) => {
  let store: Store;
  let clock: ManualClock;
  let router: RouterService;
  let inbox: InboxService;
  let outbox: OutboxService;
  let stopFollow: () => void;
  let customerId: string;
  let smsc: TestSmsc;
  let sms: SmsChannelHandle;
  let received: InboxResult[];
  let logs: LogLine[];

  beforeEach(async () => {
    store = await openTestStore(kind);
    await bootstrapCenter(store);
    clock = new ManualClock();
    const deps: AppDeps = { store, clock, ids: { newId: randomUUID }, config: defaultCenterConfig };
    router = new RouterService(deps);
    await router.start();
    const customers = new CustomerService(deps);
    const cases = new CaseService(deps, router);
    inbox = new InboxService(deps, customers, cases, router);
    outbox = new OutboxService(deps, {
      email: 'support@kefu.test',
      sms: '10086',
      fax: '+862088880000',
      messageIdDomain: 'kefu.test',
    });
    cases.useOutbox(outbox);
    stopFollow = followContactTasks(store, clock);
    customerId = (await customers.create(systemActor, { name: '王芳', msisdn: '13800138000' })).id;
    received = [];
    inbox.onReceived((r) => void received.push(r));
    logs = [];
    smsc = await TestSmsc.start({ password: 'secret', systemId: 'kefu' });
    sms = startSms({
      url: smsc.url,
      systemId: 'kefu',
      password: 'secret',
      sourceAddr: '10086',
      inbox,
      outbox,
      log: recorder(logs),
      now: () => clock.now().getTime(),
      sweepEveryMs: 60_000,
      ...fast,
    });
    await sms.link.bound(5000);
  });
  afterEach(async () => {
    await sms?.stop();
    await smsc?.stop();
    stopFollow?.();
    await outbox?.stop();
    await router?.stop();
    await store?.close();
  });

  /** A first SMS from the customer, so replies have a conversation to go to. */
  const conversation = async () => {
    await smsc.deliver(msisdn, '10086', '你好');
    return received.at(-1)!.contact.id;
  };

  it('puts a 5-part Chinese SMS that arrives out of order into one routed message', async () => {
    const text = chinese(300);
    const statuses = await smsc.deliver(msisdn, '10086', text, { order: [3, 5, 1, 4, 2] });
    expect(statuses).toEqual([0, 0, 0, 0, 0]);
    expect(received).toHaveLength(1);
    const r = received[0]!;
    expect(r.message).toMatchObject({ body: text, from: msisdn, to: '10086', customerId });
    expect(r.message.meta).toMatchObject({ parts: 5, dataCoding: 8 });
    expect(r.newContact).toBe(true);
    const contact = await store.contacts.get(r.contact.id);
    expect(contact).toMatchObject({ channel: 'sms', customerId });
    expect(contact?.taskId).toBeTruthy();
    expect((await store.messages.ofContact(r.contact.id)).map((m) => m.body)).toEqual([text]);

    // Parts with a 16-bit reference, last first, join the same conversation.
    const more = chinese(120, 3);
    await smsc.deliver(msisdn, '10086', more, { order: [2, 1], ref16: 0x1234 });
    expect(received).toHaveLength(2);
    expect(received[1]!.message.body).toBe(more);
    expect(received[1]!.contact.id).toBe(r.contact.id);
  }, 20_000);

  it('stores an incomplete SMS with its gaps marked after the reassembly timeout', async () => {
    // A national-format sender (TON unknown) is stored in international form.
    await smsc.deliver('13800138000', '10086', chinese(300, 7), { order: [1, 2, 4] });
    expect(received).toHaveLength(0);
    clock.advance(11 * 60_000);
    await sms.channel.sweep();
    expect(received).toHaveLength(1);
    const m = received[0]!.message;
    expect(m).toMatchObject({ from: msisdn, to: '10086', customerId });
    expect(m.body).toBe(`${chinese(300, 7).slice(0, 134)}…${chinese(300, 7).slice(201, 268)}…`);
    expect(m.meta).toMatchObject({ incomplete: true, missingParts: [3, 5], dataCoding: 8 });
  }, 20_000);

  it('sends a 300-character Chinese reply as 5 UCS-2 parts and follows its receipts', async () => {
    const contactId = await conversation();
    const body = chinese(300, 11);
    const m = await outbox.enqueue(systemActor, { channel: 'sms', contactId, body });
    await outbox.flush();
    expect(smsc.submits).toHaveLength(5);
    const refs = new Set<number>();
    smsc.submits.forEach((s, i) => {
      expect(s).toMatchObject({
        dataCoding: 8,
        registeredDelivery: 1,
        destAddr: msisdn,
        destTon: 1,
        destNpi: 1,
        sourceAddr: '10086',
        sourceTon: 3,
        sourceNpi: 0,
      });
      expect(s.esmClass & 0x40).toBe(0x40);
      const concat = parseUdh(s.udh!).concat!;
      expect(concat).toMatchObject({ total: 5, seq: i + 1 });
      refs.add(concat.ref);
    });
    expect(refs.size).toBe(1);
    expect(smsc.submits.map((s) => decodeSmsPayload(8, s.payload)).join('')).toBe(body);
    const ids = smsc.submits.map((s) => s.messageId);
    let cur = (await store.messages.get(m.id))!;
    expect(cur).toMatchObject({ status: 'sent', externalId: ids[4] });
    expect(cur.meta).toMatchObject({ parts: 5, dataCoding: 8, partIds: ids });

    // Delivered once every part is: the last part's receipt alone is not enough.
    expect(await smsc.receipt(ids[4]!, 'DELIVRD')).toBe(0);
    expect((await store.messages.get(m.id))!.status).toBe('sent');
    for (const id of ids.slice(0, 4)) await smsc.receipt(id, 'DELIVRD');
    cur = (await store.messages.get(m.id))!;
    expect(cur.status).toBe('delivered');
    expect(cur.deliveredAt).not.toBeNull();

    // A text-only receipt (no TLVs) naming the first part of another message fails it.
    const other = await outbox.enqueue(systemActor, {
      channel: 'sms',
      contactId,
      body: chinese(100),
    });
    await outbox.flush();
    const otherIds = smsc.submits.slice(5).map((s) => s.messageId);
    expect(otherIds).toHaveLength(2);
    await smsc.receipt(otherIds[0]!, 'UNDELIV', { err: '001', tlvs: false });
    const failed = (await store.messages.get(other.id))!;
    expect(failed.status).toBe('failed');
    expect(failed.meta.error).toBe('SMSC receipt UNDELIV err:001');
    const events = await store.events.forSubject('message', other.id, 10);
    expect(events.map((e) => e.type)).toEqual(['message.queued', 'message.sent', 'message.failed']);
  }, 20_000);

  it('sends a 200-character English reply as 2 GSM 7-bit parts', async () => {
    const contactId = await conversation();
    const body = 'Your November bill is ready: 58.00 yuan, due on 15 December. '
      .repeat(4)
      .slice(0, 200);
    const m = await outbox.enqueue(systemActor, { channel: 'sms', contactId, body });
    await outbox.flush();
    expect(smsc.submits.map((s) => [s.dataCoding, s.payload.length])).toEqual([
      [0, 153],
      [0, 47],
    ]);
    expect(smsc.submits.map((s) => decodeSmsPayload(0, s.payload)).join('')).toBe(body);
    expect((await store.messages.get(m.id))!.meta).toMatchObject({ parts: 2, dataCoding: 0 });
  }, 20_000);

  it('binds again by itself after a drop, and sends what queued while the SMSC was down', async () => {
    const contactId = await conversation();
    expect(smsc.binds).toBe(1);
    smsc.kick();
    await waitFor(() => smsc.binds === 2 && sms.link.state === 'bound', 5000, 're-bind');
    expect(await smsc.enquireLink()).toBe(0);
    expect(logs.some((l) => l.level === 'warn' && l.msg === 'SMPP link down')).toBe(true);

    await smsc.stop();
    await waitFor(() => sms.link.state !== 'bound', 2000, 'link down');
    const body = 'We are looking into your complaint.';
    const m = await outbox.enqueue(systemActor, { channel: 'sms', contactId, body });
    await outbox.flush();
    let cur = (await store.messages.get(m.id))!;
    expect(cur).toMatchObject({ status: 'queued', attempts: 1 });
    expect(cur.meta.error).toBe('SMPP link is down');

    await smsc.restart();
    await sms.link.bound(5000);
    clock.advance(31_000);
    await outbox.flush();
    cur = (await store.messages.get(m.id))!;
    expect(cur).toMatchObject({ status: 'sent', attempts: 2 });
    expect(smsc.submits.at(-1)).toMatchObject({ destAddr: msisdn, text: body });
  }, 20_000);
});

describe('SMPP link', () => {
  let smsc: TestSmsc;
  let link: SmppLink;
  let logs: LogLine[];
  const start = (o: { password?: string; enquireLinkSeconds?: number } = {}) => {
    link = new SmppLink({
      url: smsc.url,
      systemId: 'kefu',
      log: recorder(logs),
      ...fast,
      password: o.password ?? 'secret',
      enquireLinkSeconds: o.enquireLinkSeconds ?? fast.enquireLinkSeconds,
    });
    link.start();
    return link;
  };

  beforeEach(async () => {
    logs = [];
    smsc = await TestSmsc.start({ password: 'secret' });
  });
  afterEach(async () => {
    await link?.close();
    await smsc?.stop();
  });

  it('keeps trying, without binding, when the password is wrong', async () => {
    start({ password: 'wrong' });
    await waitFor(() => smsc.bindFailures >= 2, 5000, 'two refused binds');
    expect(link.state).not.toBe('bound');
    expect(logs).toContainEqual({
      level: 'error',
      msg: 'SMPP bind refused',
      extra: { status: 'ESME_RBINDFAIL (0x0d)', systemId: 'kefu' },
    });
    await link.close();
    expect(link.state).toBe('down');
  }, 10_000);

  it('keeps at most 10 submit_sm outstanding and maps SMSC errors to send failures', async () => {
    await start().bound(5000);
    const channel = new SmsChannel(link, {
      inbox: { receive: () => Promise.reject(new Error('unused')) },
      outbox: { delivered: async () => null, failed: async () => null },
      sourceAddr: '10086',
      log: recorder(logs),
    });
    smsc.submitDelayMs = 20;
    const results = await Promise.all(
      Array.from({ length: 40 }, (_, i) => channel.send(message(`message ${i}`))),
    );
    expect(new Set(results.map((r) => r.externalId)).size).toBe(40);
    expect(smsc.maxOutstanding).toBe(10);

    const failure = async (status: number) => {
      smsc.failNext.push(status);
      const e: unknown = await channel.send(message('x')).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(SendFailure);
      return e as SendFailure;
    };
    expect(await failure(0x0b)).toMatchObject({
      permanent: true,
      message: 'SMSC refused submit_sm: ESME_RINVDSTADR (0x0b)',
    });
    expect((await failure(0x58)).permanent).toBe(false);
    expect((await failure(0x14)).permanent).toBe(false);
    channel.close();
    await link.close();
    expect(link.state).toBe('down');
    expect(smsc.unbinds).toBe(1);
  }, 15_000);

  it('finds a dead link by its unanswered enquire_link, and answers an unbind', async () => {
    await start({ enquireLinkSeconds: 0.2 }).bound(5000);
    expect(await smsc.unbind()).toBe(0);
    await waitFor(() => smsc.binds === 2 && link.state === 'bound', 5000, 'bind after unbind');
    smsc.answerEnquireLink = false;
    await waitFor(() => smsc.binds >= 3, 5000, 'bind after a dead link');
    expect(logs.map((l) => l.msg)).toContain(
      'enquire_link unanswered: SMPP link is dead, binding again',
    );
  }, 15_000);
});

function message(body: string): Message {
  const now = new Date();
  return {
    id: randomUUID(),
    contactId: randomUUID(),
    caseId: null,
    customerId: null,
    channel: 'sms',
    direction: 'outbound',
    from: '10086',
    to: msisdn,
    subject: null,
    body,
    status: 'sending',
    externalId: null,
    meta: {},
    authorId: null,
    attempts: 1,
    nextAttemptAt: null,
    createdAt: now,
    updatedAt: now,
    sentAt: null,
    deliveredAt: null,
    attachments: [],
  };
}
