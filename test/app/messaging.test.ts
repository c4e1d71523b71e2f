/** Inbox threading and the outbox over a real store (PGlite and PostgreSQL). */
import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultCenterConfig, systemActor, type AppDeps } from '../../src/app/app-context.ts';
import { CaseService } from '../../src/app/cases/case-service.ts';
import { CustomerService } from '../../src/app/customers/customer-service.ts';
import { followContactTasks } from '../../src/app/messaging/contact-tasks.ts';
import { InboxService } from '../../src/app/messaging/inbox-service.ts';
import { OutboxService } from '../../src/app/messaging/outbox-service.ts';
import { ManualClock } from '../../src/app/ports/clock.ts';
import { SendFailure, type ChannelSender } from '../../src/app/ports/channel-sender.ts';
import type { Store } from '../../src/app/ports/store.ts';
import { RouterService } from '../../src/app/routing/router-service.ts';
import { bootstrapCenter } from '../../src/app/seed/bootstrap.ts';
import type { Message } from '../../src/domain/message/message.ts';
import { openTestStore, storeKinds } from '../support/test-stores.ts';

/** A channel that records what it was given and fails on demand (the port, not a transport). */
class RecordingSender implements ChannelSender {
  sent: Message[] = [];
  failNext: SendFailure[] = [];
  async send(m: Message) {
    const f = this.failNext.shift();
    if (f) throw f;
    this.sent.push(m);
    return { externalId: m.channel === 'sms' ? `smsc-${this.sent.length}` : null };
  }
}

describe.each(storeKinds)('messaging on %s', (kind) => {
  let store: Store;
  let deps: AppDeps;
  let clock: ManualClock;
  let inbox: InboxService;
  let outbox: OutboxService;
  let cases: CaseService;
  let router: RouterService;
  let mail: RecordingSender;
  let sms: RecordingSender;
  let stopFollow: () => void;
  let customerId: string;

  beforeEach(async () => {
    store = await openTestStore(kind);
    await bootstrapCenter(store);
    clock = new ManualClock();
    deps = { store, clock, ids: { newId: randomUUID }, config: defaultCenterConfig };
    router = new RouterService(deps);
    await router.start();
    const customers = new CustomerService(deps);
    cases = new CaseService(deps, router);
    inbox = new InboxService(deps, customers, cases, router);
    outbox = new OutboxService(deps, {
      email: 'support@kefu.test',
      sms: '10086',
      fax: '+862088880000',
      messageIdDomain: 'kefu.test',
    });
    mail = new RecordingSender();
    sms = new RecordingSender();
    outbox.register('email', mail);
    outbox.register('sms', sms);
    cases.useOutbox(outbox);
    stopFollow = followContactTasks(store, clock);
    customerId = (
      await customers.create(systemActor, {
        name: '王芳',
        msisdn: '13800138000',
        email: 'wang.fang@example.cn',
      })
    ).id;
  });
  afterEach(async () => {
    stopFollow?.();
    await outbox?.stop();
    await router?.stop();
    await store?.close();
  });

  const email = (o: {
    id: string;
    subject: string;
    from?: string;
    inReplyTo?: string;
    references?: string[];
  }) => {
    clock.advance(1000);
    return inbox.receive({
      channel: 'email',
      from: o.from ?? 'wang.fang@example.cn',
      to: 'support@kefu.test',
      subject: o.subject,
      body: `body of ${o.id}`,
      externalId: o.id,
      meta: {
        messageId: o.id,
        ...(o.inReplyTo ? { inReplyTo: o.inReplyTo } : {}),
        references: o.references ?? [],
      },
      openCase: { type: 'query' },
      attachments: [{ filename: 'a.txt', contentType: 'text/plain', data: Buffer.from('hi') }],
    });
  };

  it('opens contact, case and task for a new e-mail; a reply threads and is sent with headers', async () => {
    const first = await email({ id: 'm1@client.example', subject: 'Bill too high' });
    expect(first.newContact && first.newCase).toBe(true);
    expect(first.case?.customerId).toBe(customerId);
    expect(first.contact.taskId).toBeTruthy();
    expect(first.message.attachments).toMatchObject([{ filename: 'a.txt', size: 2 }]);
    const file = await store.messages.attachment(first.message.attachments[0]!.id);
    expect(Buffer.from(file!.data).toString()).toBe('hi');

    clock.advance(1000);
    const { reply, message } = await cases.reply(systemActor, first.case!.id, {
      channel: 'email',
      body: 'We are checking your bill.',
      advance: false,
    });
    expect(reply.status).toBe('queued');
    await outbox.flush();
    expect(mail.sent).toHaveLength(1);
    const out = mail.sent[0]!;
    expect(out.to).toBe('wang.fang@example.cn');
    expect(out.subject).toBe(`Re: Bill too high [${first.case!.number}]`);
    expect(out.meta.inReplyTo).toBe('m1@client.example');
    expect(out.meta.references).toEqual(['m1@client.example']);
    expect(out.contactId).toBe(first.contact.id);
    expect((await store.cases.replies(first.case!.id))[0]!.status).toBe('sent');
    expect((await store.messages.get(message!.id))!.status).toBe('sent');

    // The customer answers our reply: same case, no new case.
    const second = await email({
      id: 'm2@client.example',
      subject: out.subject!,
      inReplyTo: out.externalId!,
      references: ['m1@client.example', out.externalId!],
    });
    expect(second.newCase).toBe(false);
    expect(second.case?.id).toBe(first.case!.id);
    const timeline = await store.messages.ofCase(first.case!.id);
    expect(timeline.map((m) => `${m.direction}:${m.status}`)).toEqual([
      'inbound:received',
      'outbound:sent',
      'inbound:received',
    ]);

    // The same Message-ID again (an SMTP retry, an IMAP re-poll) is not stored twice.
    const again = await email({ id: 'm2@client.example', subject: 'x' });
    expect(again.duplicate).toBe(true);
    expect(await store.messages.ofCase(first.case!.id)).toHaveLength(3);
  });

  it('threads by case number only for the case’s own customer', async () => {
    const first = await email({ id: 'a1@x', subject: 'Roaming' });
    const number = first.case!.number;
    const own = await email({ id: 'a2@x', subject: `About ${number} again` });
    expect(own.case?.id).toBe(first.case!.id);
    const stranger = await email({
      id: 'a3@x',
      subject: `About ${number}`,
      from: 'someone@else.example',
    });
    expect(stranger.case?.id).not.toBe(first.case!.id);
    expect(stranger.newCase).toBe(true);
  });

  it('retries transient send failures with backoff and fails permanent ones', async () => {
    const first = await email({ id: 'r1@x', subject: 'Retry me' });
    sms.failNext.push(new SendFailure('SMSC throttled', false));
    const m = await outbox.enqueue(systemActor, {
      channel: 'sms',
      caseId: first.case!.id,
      body: '您的问题已受理',
    });
    expect(m.to).toBe('8613800138000');
    await outbox.flush();
    let cur = (await store.messages.get(m.id))!;
    expect(cur.status).toBe('queued');
    expect(cur.attempts).toBe(1);
    expect(cur.meta.error).toBe('SMSC throttled');
    await outbox.flush();
    expect(sms.sent).toHaveLength(0); // not due yet
    clock.advance(31_000);
    await outbox.flush();
    cur = (await store.messages.get(m.id))!;
    expect(cur.status).toBe('sent');
    expect(cur.externalId).toBe('smsc-1');
    await outbox.delivered('sms', 'smsc-1');
    expect((await store.messages.get(m.id))!.status).toBe('delivered');

    mail.failNext.push(new SendFailure('550 no such user', true));
    const bad = await outbox.enqueue(systemActor, {
      channel: 'email',
      caseId: first.case!.id,
      body: 'hello',
    });
    await outbox.flush();
    const failed = (await store.messages.get(bad.id))!;
    expect(failed.status).toBe('failed');
    expect(failed.meta.error).toBe('550 no such user');
    const events = await store.events.forSubject('message', bad.id, 10);
    expect(events.map((e) => e.type)).toEqual(['message.queued', 'message.failed']);
  });

  it('a bounce fails a sent e-mail; an unconfigured channel is refused', async () => {
    const first = await email({ id: 'b1@x', subject: 'Bounce' });
    const m = await outbox.enqueue(systemActor, {
      channel: 'email',
      caseId: first.case!.id,
      body: 'hello',
    });
    await outbox.flush();
    await outbox.failed('email', m.externalId!, '5.1.1 user unknown');
    expect((await store.messages.get(m.id))!.status).toBe('failed');
    await expect(
      outbox.enqueue(systemActor, { channel: 'fax', caseId: first.case!.id, body: 'x' }),
    ).rejects.toMatchObject({ code: 'channel.unavailable' });
  });

  it('SMS join the sender’s open conversation, else their open case', async () => {
    const kase = await cases.create(systemActor, {
      type: 'complaint',
      title: 'Signal',
      description: 'no signal',
      customerId,
    });
    const one = await inbox.receive({
      channel: 'sms',
      from: '8613800138000',
      to: '10086',
      body: '还是没有信号',
    });
    expect(one.case?.id).toBe(kase.id);
    expect(one.newContact).toBe(true);
    const two = await inbox.receive({
      channel: 'sms',
      from: '8613800138000',
      to: '10086',
      body: '请尽快处理',
    });
    expect(two.newContact).toBe(false);
    expect(two.contact.id).toBe(one.contact.id);
  });

  it('files a conversation under the case it is linked to, for whoever works the case', async () => {
    const chat = await inbox.receive({
      channel: 'sms',
      from: '8613800138000',
      to: '10086',
      body: '漫游费扣了两次',
    });
    expect(chat.message.caseId).toBeNull();
    const kase = await cases.create(systemActor, {
      type: 'complaint',
      title: '漫游费重复扣费',
      description: '',
      customerId,
      contactId: chat.contact.id,
    });
    expect((await store.messages.ofCase(kase.id)).map((m) => m.body)).toEqual(['漫游费扣了两次']);
  });

  it('puts messages left sending by a crash back in the queue', async () => {
    const first = await email({ id: 's1@x', subject: 'Crash' });
    const m = await store.transaction((tx) =>
      outbox.enqueueIn(tx, systemActor, { channel: 'email', caseId: first.case!.id, body: 'hi' }),
    );
    await store.transaction(async (tx) => {
      const cur = (await tx.messages.get(m.id))!;
      await tx.messages.update({ ...cur, status: 'sending' });
    });
    const fresh = new OutboxService(deps, outbox.addresses);
    fresh.register('email', mail);
    await fresh.flush();
    expect((await store.messages.get(m.id))!.status).toBe('sent');
  });
});
