/**
 * The web chat end to end over a real center: visitors on real WebSockets (`/chat/ws`), agents
 * over HTTP and their event stream. Two visitors and two agents with chat capacity 1 each: each
 * chat goes to a different agent, messages flow both ways with delivery status, typing reaches
 * the other side, a chat is transferred and continues on the same contact, the visitor ends it
 * and the transcript arrives at a real SMTP server. With no agent logged in the visitor leaves a
 * message that becomes a case (also through the widget in headless Chromium). Bad frames get an
 * error frame and the socket stays open.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pino from 'pino';
import WebSocket from 'ws';
import { systemActor } from '../../src/app/app-context.ts';
import type { Store } from '../../src/app/ports/store.ts';
import { SmtpSender } from '../../src/channels/email/smtp-sender.ts';
import { ChatSender } from '../../src/channels/webchat/chat-sender.ts';
import type { Message } from '../../src/domain/message/message.ts';
import { startCenter, type Center } from '../../src/main.ts';
import { launchChromium } from '../support/chromium.ts';
import { startSink, type Sink } from '../support/mail-peers.ts';
import { openTestStore, storeKinds } from '../support/test-stores.ts';

type Frame = Record<string, unknown> & { type?: string; kind?: string };
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked by assertions
type Body = any;

async function until<T>(
  what: string,
  probe: () => Promise<T | null | undefined | false>,
  ms = 10_000,
) {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** A WebSocket peer that keeps every JSON frame it receives; `next` takes them in order. */
class Peer {
  readonly frames: Frame[] = [];
  private readonly taken = new Set<number>();
  private constructor(readonly ws: WebSocket) {
    ws.on('message', (d) => {
      const f = JSON.parse(String(d)) as Frame;
      this.frames.push(f);
      // The widget acknowledges every agent message it shows.
      if (f.type === 'message' && this.autoAck) this.send({ type: 'delivered', id: f['id'] });
    });
  }
  autoAck = true;

  static async open(url: string): Promise<Peer> {
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return new Peer(ws);
  }

  send(f: unknown): void {
    this.ws.send(typeof f === 'string' ? f : JSON.stringify(f));
  }

  next(match: (f: Frame) => boolean, what: string, ms = 10_000): Promise<Frame> {
    return until(
      what,
      async () => {
        const i = this.frames.findIndex((f, n) => !this.taken.has(n) && match(f));
        if (i < 0) return null;
        this.taken.add(i);
        return this.frames[i] as Frame;
      },
      ms,
    );
  }

  type(t: string, ms?: number): Promise<Frame> {
    return this.next((f) => f.type === t, `a ${t} frame`, ms);
  }

  close(): void {
    this.ws.close();
  }
}

describe.each(storeKinds)('web chat on %s', (kind) => {
  let store: Store;
  let center: Center;
  let sink: Sink;
  let chatUrl: string;
  const tokens: Record<'admin' | 'wang' | 'li', string> = { admin: '', wang: '', li: '' };
  const ids: Record<'wang' | 'li', string> = { wang: '', li: '' };

  const api = async (
    who: keyof typeof tokens,
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Body }> => {
    const r = await fetch(`${center.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${tokens[who]}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  };

  beforeAll(async () => {
    store = await openTestStore(kind);
    center = await startCenter({
      store,
      port: 0,
      host: '127.0.0.1',
      tickMs: 200,
      logger: pino({ level: 'silent' }),
    });
    sink = await startSink();
    center.services.outbox.register(
      'email',
      new SmtpSender({ url: `smtp://127.0.0.1:${sink.port}` }),
    );
    chatUrl = `${center.url.replace('http', 'ws')}/chat/ws`;
    const s = center.services;
    await s.routingConfig.upsertCapacityProfile(systemActor, {
      id: 'chat-one',
      name: 'One chat at a time',
      limits: { webchat: 1, voice: 1 },
      voiceBlocksOthers: true,
      maxTotal: null,
    });
    await s.org.createUser(systemActor, {
      username: 'boss',
      password: 'chat-password',
      role: 'admin',
    });
    for (const [key, displayName] of [
      ['wang', '王芳'],
      ['li', '李明'],
    ] as const) {
      const u = await s.org.createUser(systemActor, {
        username: key,
        password: 'chat-password',
        role: 'agent',
        displayName,
      });
      ids[key] = u.id;
      await s.routingConfig.setAgentSettings(systemActor, u.id, { capacityProfileId: 'chat-one' });
    }
    for (const [key, user] of [
      ['admin', 'boss'],
      ['wang', 'wang'],
      ['li', 'li'],
    ] as const) {
      const r = await fetch(`${center.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: user, password: 'chat-password' }),
      });
      tokens[key] = ((await r.json()) as { token: string }).token;
    }
    await s.router.reload();
  }, 30_000);

  afterAll(async () => {
    await center?.close();
    await sink?.stop();
    await store?.close();
  }, 30_000);

  it('answers bad frames with an error and keeps the socket open', async () => {
    const v = await Peer.open(chatUrl);
    v.send('this is not json');
    expect(await v.type('error')).toMatchObject({ code: 'request.malformed_json' });
    v.send({ type: 'message', text: 'hi', clientId: 'x1' });
    expect(await v.type('error')).toMatchObject({ code: 'auth.required', ref: 'x1' });
    v.send({ type: 'launch_missiles' });
    expect(await v.type('error')).toMatchObject({ code: 'validation.failed' });
    v.send([1, 2]);
    expect(await v.type('error')).toMatchObject({ code: 'validation.failed' });
    v.send({ type: 'hello', email: 'not-an-address' });
    expect(await v.type('error')).toMatchObject({
      code: 'validation.failed',
      details: { field: 'email' },
    });
    v.send({ type: 'hello', name: 42 });
    expect(await v.type('error')).toMatchObject({
      code: 'validation.failed',
      details: { field: 'name' },
    });
    v.send({ type: 'hello', name: 'Tester' });
    const w = await v.type('welcome');
    expect(w).toMatchObject({ name: 'Tester', available: false, ended: false, history: [] });
    expect(String(w['token'])).toMatch(/^[A-Za-z0-9_-]{22}$/);
    v.send({ type: 'message', text: '   ', clientId: 'x2' });
    expect(await v.type('error')).toMatchObject({ code: 'message.invalid', ref: 'x2' });
    v.send({ type: 'message', text: '长'.repeat(4001), clientId: 'x3' });
    expect(await v.type('error')).toMatchObject({ code: 'message.too_large', ref: 'x3' });
    v.send({ type: 'leave_message', text: 'call me' });
    expect(await v.type('error')).toMatchObject({
      code: 'validation.failed',
      details: { field: 'email' },
    });
    v.send({ type: 'ping' });
    await v.type('pong');
    expect(v.ws.readyState).toBe(WebSocket.OPEN);
    v.close();
  }, 20_000);

  it('offers to leave a message when no agent is available; it becomes a case', async () => {
    const v = await Peer.open(chatUrl);
    v.send({ type: 'hello', name: '赵雷' });
    expect(await v.type('welcome')).toMatchObject({ available: false });
    v.send({
      type: 'leave_message',
      email: 'zhao@example.cn',
      text: '宽带断了，请回电 13800138000',
    });
    const left = await v.type('message_left');
    expect(String(left['caseNumber'])).toMatch(/^C-\d{8}-\d+$/);
    const cases = await api('admin', 'GET', `/api/cases?q=${left['caseNumber']}`);
    expect(cases.status).toBe(200);
    const kase = cases.body.items.find((c: { number: string }) => c.number === left['caseNumber']);
    expect(kase).toMatchObject({ type: 'query', title: expect.stringContaining('赵雷') });
    const msgs = await api('admin', 'GET', `/api/cases/${kase.id}/messages`);
    expect(msgs.body.items).toMatchObject([
      {
        channel: 'webchat',
        direction: 'inbound',
        from: 'zhao@example.cn',
        body: expect.stringContaining('宽带'),
      },
    ]);
    // The left message is not a live chat: its contact is closed and no task was routed.
    const contact = await api('admin', 'GET', `/api/contacts/${msgs.body.items[0].contactId}`);
    expect(contact.body.endedAt).not.toBeNull();
    expect(center.services.router.openTasks().filter((t) => t.channel === 'webchat')).toEqual([]);
    v.close();
  }, 20_000);

  it.runIf(kind === 'pglite')(
    'the widget loads from the center and leaves a message from a browser',
    async () => {
      const browser = await launchChromium();
      try {
        const page = await browser.newPage({ locale: 'en-US' });
        await page.goto(`${center.url}/chat-demo.html`);
        await page.locator('[data-kefu-chat] .fab').click();
        await page.locator('.start [name=name]').fill('Browser Visitor');
        await page.locator('.start [name=email]').fill('browser@example.com');
        await page.locator('.start button').click();
        await page.locator('.leave [name=text]').fill('Please call me back about my bill');
        await page.locator('.leave button').click();
        await page
          .locator('.status', { hasText: 'we got your message' })
          .waitFor({ timeout: 5000 });
        // The session token is kept for a reload, under the chat endpoint's URL.
        const token = await page.evaluate(
          "Object.keys(localStorage).find((k) => k.startsWith('kefu-chat:'))",
        );
        expect(token).toBe(`kefu-chat:${chatUrl}`);
      } finally {
        await browser.close();
      }
      const cases = await api('admin', 'GET', '/api/cases?q=Browser');
      expect(cases.body.items).toHaveLength(1);
    },
    25_000,
  );

  it('routes two visitors to two agents by chat capacity, transfers, and mails the transcript', async () => {
    const wsBase = center.url.replace('http', 'ws');
    const streams: Record<'wang' | 'li', Peer> = {
      wang: await Peer.open(`${wsBase}/api/stream?token=${tokens.wang}`),
      li: await Peer.open(`${wsBase}/api/stream?token=${tokens.li}`),
    };
    for (const who of ['wang', 'li'] as const)
      expect((await api(who, 'POST', '/api/agent/session', {})).status).toBe(200);

    /** The agent whose offer for `contactId` shows in /api/agent/me; accepts it. */
    const acceptOffer = async (contactId: string, only?: 'wang' | 'li') => {
      const [who, task] = await until(`an offer for ${contactId}`, async () => {
        for (const w of only ? [only] : (['wang', 'li'] as const)) {
          const me = await api(w, 'GET', '/api/agent/me');
          const t = me.body.tasks.find(
            (x: { attributes: { contactId?: string }; reservation: unknown }) =>
              x.attributes.contactId === contactId && x.reservation,
          );
          if (t) return [w, t] as const;
        }
        return null;
      });
      const r = await api(who, 'POST', `/api/reservations/${task.reservation.id}/accept`);
      expect(r.status).toBe(200);
      return { who, taskId: task.id as string };
    };
    const contactOf = async (visitorMessageId: string) =>
      (await center.services.store.messages.get(visitorMessageId))!.contactId;

    // Visitor A, identified by e-mail, is matched to the customer on file.
    const customer = await center.services.customers.create(systemActor, {
      name: '张三',
      email: 'zhang@example.cn',
    });
    const a = await Peer.open(chatUrl);
    a.send({ type: 'hello', name: '张三', email: 'Zhang@Example.cn' });
    const wa = await a.type('welcome');
    expect(wa['available']).toBe(true);
    a.send({ type: 'message', text: '你好，我的话费不对', clientId: 'a1' });
    const ackA = await a.type('ack');
    expect(ackA).toMatchObject({ clientId: 'a1', id: expect.any(String) });
    const contactA = await contactOf(String(ackA['id']));
    const first = await acceptOffer(contactA);
    const other = first.who === 'wang' ? 'li' : 'wang';
    const names = { wang: '王芳', li: '李明' };
    expect(await a.type('agent_joined')).toEqual({ type: 'agent_joined', name: names[first.who] });
    expect((await api('admin', 'GET', `/api/contacts/${contactA}`)).body).toMatchObject({
      channel: 'webchat',
      customerId: customer.id,
      agentId: ids[first.who],
    });

    // Visitor B goes to the other agent: the first one holds one chat, their capacity.
    const b = await Peer.open(chatUrl);
    b.send({ type: 'hello', name: 'Bob' });
    expect(await b.type('welcome')).toMatchObject({ available: true });
    b.send({ type: 'message', text: 'Hello, is anyone there?', clientId: 'b1' });
    const contactB = await contactOf(String((await b.type('ack'))['id']));
    const second = await acceptOffer(contactB);
    expect(second.who).toBe(other);
    expect(await b.type('agent_joined')).toMatchObject({ name: names[other] });
    // Both agents are full now: a third visitor is offered to leave a message.
    const c = await Peer.open(chatUrl);
    c.send({ type: 'hello', name: 'Carol' });
    expect(await c.type('welcome')).toMatchObject({ available: false });
    c.close();

    // Messages both ways, the agent's marked delivered once the widget acknowledged it.
    const reply = await api(first.who, 'POST', `/api/contacts/${contactA}/messages`, {
      body: '您好，我来查一下',
    });
    expect(reply.status).toBe(201);
    expect(await a.type('message')).toMatchObject({
      id: reply.body.id,
      from: 'agent',
      name: names[first.who],
      text: '您好，我来查一下',
    });
    await until('the reply delivered', async () => {
      const m = await api(first.who, 'GET', `/api/contacts/${contactA}/messages`);
      return m.body.items.find(
        (x: { id: string; status: string }) => x.id === reply.body.id && x.status === 'delivered',
      );
    });
    const toB = await api(other, 'POST', `/api/contacts/${contactB}/messages`, { body: 'Hi Bob!' });
    expect(await b.type('message')).toMatchObject({ id: toB.body.id, text: 'Hi Bob!' });

    // Typing reaches the other side, and only the agent holding the chat may say so.
    a.send({ type: 'typing' });
    expect(
      await streams[first.who].next(
        (f) => f.kind === 'chat' && f.type === 'typing',
        'visitor typing',
      ),
    ).toEqual({ kind: 'chat', type: 'typing', contactId: contactA });
    expect((await api(first.who, 'POST', `/api/contacts/${contactA}/typing`)).status).toBe(200);
    await a.type('typing');
    const notMine = await api(other, 'POST', `/api/contacts/${contactA}/typing`);
    expect({ status: notMine.status, code: notMine.body.code }).toEqual({
      status: 404,
      code: 'not_found',
    });

    // The second agent ends B's chat, then finishes wrap-up.
    expect((await api(other, 'POST', `/api/contacts/${contactB}/end`)).status).toBe(200);
    expect(await b.type('ended')).toMatchObject({ by: 'agent' });
    const again = await api(other, 'POST', `/api/contacts/${contactB}/end`);
    expect({ status: again.status, code: again.body.code }).toEqual({
      status: 409,
      code: 'chat.closed',
    });
    expect((await api(other, 'POST', `/api/tasks/${second.taskId}/complete`, {})).status).toBe(200);

    // The first agent transfers A's chat to them; the conversation goes on on the same contact.
    const moved = await api(first.who, 'POST', `/api/tasks/${first.taskId}/transfer`, {
      agentId: ids[other],
    });
    expect(moved.status).toBe(201);
    const taken = await acceptOffer(contactA, other);
    expect(taken.taskId).toBe(moved.body.id);
    expect(await a.type('agent_joined')).toMatchObject({ name: names[other] });
    await until('the contact handed over', async () => {
      const ct = await api('admin', 'GET', `/api/contacts/${contactA}`);
      return ct.body.agentId === ids[other] && ct.body.endedAt === null;
    });
    a.send({ type: 'message', text: '好的，谢谢', clientId: 'a2' });
    const ackA2 = await a.type('ack');
    expect(await contactOf(String(ackA2['id']))).toBe(contactA);
    const reply2 = await api(other, 'POST', `/api/contacts/${contactA}/messages`, {
      body: '已为您退还 10 元',
    });
    expect(reply2.status).toBe(201);
    await a.type('message');
    const transcript = await until('every message delivered', async () => {
      const m = await api(other, 'GET', `/api/contacts/${contactA}/messages`);
      return (
        m.body.items.every((x: { direction: string; status: string }) =>
          x.direction === 'inbound' ? x.status === 'received' : x.status === 'delivered',
        ) && m.body.items
      );
    });
    expect(
      transcript.map((x: { direction: string; body: string }) => [x.direction, x.body]),
    ).toEqual([
      ['inbound', '你好，我的话费不对'],
      ['outbound', '您好，我来查一下'],
      ['inbound', '好的，谢谢'],
      ['outbound', '已为您退还 10 元'],
    ]);

    // The visitor ends the chat and asks for the transcript by e-mail.
    a.send({ type: 'end', transcriptTo: 'zhang@example.cn' });
    expect(await a.type('ended')).toMatchObject({ by: 'visitor', transcript: 'queued' });
    const mail = await until('the transcript mail', async () => sink.to('zhang@example.cn')[0]);
    expect(mail.parsed.subject).toContain('transcript');
    expect(mail.parsed.text).toContain('张三: 你好，我的话费不对');
    expect(mail.parsed.text).toContain(`${names[other]}: 已为您退还 10 元`);
    const ended = await api('admin', 'GET', `/api/contacts/${contactA}`);
    expect(ended.body.endedAt).not.toBeNull();
    // A resumed session shows the history and that it is over.
    const again2 = await Peer.open(chatUrl);
    again2.send({ type: 'hello', token: wa['token'] });
    const resumed = await again2.type('welcome');
    expect(resumed).toMatchObject({ token: wa['token'], resumed: true, ended: true });
    expect((resumed['history'] as unknown[]).length).toBe(4);
    for (const p of [a, b, again2, streams.wang, streams.li]) p.close();
  }, 30_000);

  it('counts an agent message as delivered only when the visitor acknowledges it', async () => {
    const v = await Peer.open(chatUrl);
    v.autoAck = false;
    v.send({ type: 'hello', name: 'Dora' });
    const welcome = await v.type('welcome');
    v.send({ type: 'message', text: 'hello?', clientId: 'd1' });
    const contactId = (await center.services.store.messages.get(
      String((await v.type('ack'))['id']),
    ))!.contactId;
    const sender = new ChatSender(center.services.chat, 300);
    const m = {
      id: 'm-test-1',
      contactId,
      authorId: ids.wang,
      body: 'are you there?',
      createdAt: new Date(),
    };
    const silent = sender.send(m as Message);
    await expect(silent).rejects.toMatchObject({ name: 'SendFailure', permanent: false });
    expect(await v.type('message')).toMatchObject({ id: 'm-test-1', name: '王芳' });
    // Someone else's acknowledgement does not count; the visitor's does (the socket hands the
    // widget's `delivered` frame to its own sender the same way; the scenario above covers that).
    const acked = sender.send(m as Message);
    await v.type('message');
    expect(sender.acked('someone-else', 'm-test-1')).toBe(false);
    expect(sender.acked(String(welcome['token']), 'm-test-1')).toBe(true);
    await expect(acked).resolves.toEqual({ delivered: true });
    v.close();
    await until('the visitor gone', async () => v.ws.readyState === WebSocket.CLOSED);
    await expect(sender.send(m as Message)).rejects.toMatchObject({ permanent: false });
  }, 15_000);

  it('limits new chat sessions per address and minute', async () => {
    const v = await Peer.open(chatUrl);
    let code: unknown = null;
    for (let i = 0; i < 25 && code === null; i++) {
      v.send({ type: 'hello', name: `Flood ${i}` });
      const f = await v.next((x) => x.type === 'welcome' || x.type === 'error', 'an answer');
      if (f.type === 'error') code = f['code'];
    }
    expect(code).toBe('rate_limited');
    v.send({ type: 'ping' });
    await v.type('pong');
    v.close();
  }, 15_000);
});
