/**
 * The e-mail channel against real SMTP peers: customers' mail enters through kefu's SMTP server,
 * replies and acknowledgements leave through an SMTP relay (the customer's provider here), and
 * the headers a mail client threads by are checked on what arrives.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { SmtpInbound } from '../../src/channels/email/smtp-inbound.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmail, type EmailChannel } from '../../src/channels/email/start-email.ts';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { sendTo, startSink, until, type Sink } from '../support/mail-peers.ts';
import { storeKinds } from '../support/test-stores.ts';

const T = { timeout: 30_000 };

describe.each(storeKinds)('e-mail channel on %s', (kind) => {
  let h: Harness;
  let sink: Sink;
  let email: EmailChannel;
  let port: number;
  const log: { level: string; msg: string; extra?: Record<string, unknown> }[] = [];

  beforeAll(async () => {
    h = await makeHarness(kind);
    sink = await startSink();
    email = await startEmail(
      {
        inbox: h.services.inbox,
        outbox: h.services.outbox,
        clock: h.clock,
        log: (level, msg, extra) => log.push({ level, msg, ...(extra ? { extra } : {}) }),
      },
      {
        config: {
          address: 'support@kefu.local',
          ownAddresses: ['support@kefu.local', 'bounces@kefu.local'],
          loopToken: 'kefu.local',
          caseType: 'query',
          acknowledge: true,
        },
        smtp: { port: 0, host: '127.0.0.1', domains: ['kefu.local'], maxBytes: 2 * 1024 * 1024 },
        relay: { url: `smtp://127.0.0.1:${sink.port}`, bounceAddress: 'bounces@kefu.local' },
      },
    );
    port = email.smtp!.port;
  }, 60_000);
  afterAll(async () => {
    await email?.stop();
    await sink?.stop();
    await h?.close();
  });

  const messagesOf = async (caseId: string) =>
    (await h.json('GET', `/api/cases/${caseId}/messages`, { as: 'admin' })).body.items as {
      id: string;
      direction: string;
      status: string;
      subject: string;
      html: string | null;
      error: string | null;
      attachments: { id: string; filename: string; url: string }[];
      meta: Record<string, unknown>;
    }[];

  it(
    'opens a case for a new mail, acknowledges it once, threads the reply both ways',
    T,
    async () => {
      await sendTo(port, {
        from: '"Wang Fang" <wang.fang@example.cn>',
        to: 'support@kefu.local',
        subject: '话费异常',
        messageId: '<first-1@example.cn>',
        text: '我的话费本月突然增加了。',
        html: '<p>我的话费<b>本月</b>突然增加了。</p><script>alert(1)</script><img src="http://track.example/x.gif" onerror="x()">',
        attachments: [{ filename: 'bill.pdf', content: Buffer.from('%PDF-1.4 fake bill') }],
      });
      const ack = await until('acknowledgement', () => sink.to('wang.fang@example.cn')[0]);
      const number = /C-\d{8}-\d{6}/.exec(ack.parsed.subject ?? '')?.[0];
      expect(number).toBeTruthy();
      expect(ack.parsed.inReplyTo).toBe('<first-1@example.cn>');
      expect(ack.parsed.headers.get('auto-submitted')).toBe('auto-replied');
      expect(ack.parsed.headers.get('x-loop')).toBe('kefu.local');
      expect(ack.envelopeFrom).toBe('bounces@kefu.local');
      expect(ack.parsed.text).toContain(number!);

      const kase = (await h.json('GET', `/api/cases?q=${number}`, { as: 'admin' })).body.items[0];
      expect(kase.type).toBe('query');
      expect(kase.title).toBe('话费异常');
      const inbound = (await messagesOf(kase.id)).find((m) => m.direction === 'inbound');
      expect(inbound!.html).toContain('<b>本月</b>');
      expect(inbound!.html).not.toMatch(/script|onerror|track\.example/);
      const file = await h.call('GET', inbound!.attachments[0]!.url, { as: 'admin' });
      expect(file.status).toBe(200);
      expect(file.headers.get('content-disposition')).toContain('attachment');
      expect(Buffer.from(await file.arrayBuffer()).toString()).toBe('%PDF-1.4 fake bill');
      expect((await h.call('GET', inbound!.attachments[0]!.url, { as: 'customer' })).status).toBe(
        404,
      );

      // The agent answers from the case; the customer's client can thread it.
      const r = await h.json('POST', `/api/cases/${kase.id}/replies`, {
        as: 'admin',
        body: { channel: 'email', body: '已为您核查，本月包含国际漫游费用。', advance: false },
      });
      expect(r.status).toBe(201);
      expect(r.body.message.status).toBe('queued');
      const replies = await until('reply', () =>
        sink.to('wang.fang@example.cn').length >= 2 ? sink.to('wang.fang@example.cn') : null,
      );
      const reply = replies[1]!;
      expect(reply.parsed.inReplyTo).toBe('<first-1@example.cn>');
      expect(reply.parsed.references).toBe('<first-1@example.cn>');
      expect(reply.parsed.subject).toBe(`Re: 话费异常 [${number}]`);
      expect(reply.parsed.headers.get('auto-submitted')).toBeUndefined();
      await until('reply status sent', async () =>
        (await messagesOf(kase.id)).some(
          (m) => m.direction === 'outbound' && m.status === 'sent' && m.meta['kind'] === 'reply',
        ),
      );

      // The customer answers the reply: it joins the case, and no second acknowledgement goes out.
      await sendTo(port, {
        from: 'wang.fang@example.cn',
        to: 'support@kefu.local',
        subject: `Re: ${reply.parsed.subject}`,
        messageId: '<second-2@example.cn>',
        inReplyTo: reply.parsed.messageId,
        references: ['<first-1@example.cn>', reply.parsed.messageId!],
        text: '明白了，谢谢。',
      });
      await until('answer threaded', async () => (await messagesOf(kase.id)).length >= 4);
      const all = await messagesOf(kase.id);
      expect(all.filter((m) => m.direction === 'inbound')).toHaveLength(2);
      await new Promise((r) => setTimeout(r, 300));
      expect(sink.to('wang.fang@example.cn')).toHaveLength(2);
    },
  );

  it('offers STARTTLS when given a certificate, and takes mail over it', T, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kefu-tls-'));
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-days',
        '1',
        '-subj',
        '/CN=kefu.local',
        '-keyout',
        join(dir, 'key.pem'),
        '-out',
        join(dir, 'cert.pem'),
      ],
      { stdio: 'ignore' },
    );
    const secure = new SmtpInbound(
      {
        port: 0,
        host: '127.0.0.1',
        domains: ['kefu.local'],
        maxBytes: 1_000_000,
        tls: { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) },
      },
      email.ingest,
      () => {},
    );
    await secure.start();
    try {
      const t = nodemailer.createTransport({
        host: '127.0.0.1',
        port: secure.port,
        requireTLS: true,
        tls: { rejectUnauthorized: false },
      });
      const r = await t.sendMail({
        from: 'tls@example.cn',
        to: 'support@kefu.local',
        subject: 'over TLS',
        text: 'secret',
      });
      t.close();
      expect(r.response).toMatch(/^250/);
      // Without a certificate STARTTLS is not offered, so a client that insists gets nowhere.
      await expect(
        nodemailer
          .createTransport({ host: '127.0.0.1', port, requireTLS: true })
          .sendMail({ from: 'a@example.cn', to: 'support@kefu.local', text: 'x' }),
      ).rejects.toThrow(/STARTTLS/);
    } finally {
      await secure.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses relaying and oversized mail with the right SMTP codes', T, async () => {
    await expect(
      sendTo(port, { from: 'a@example.cn', to: 'someone@elsewhere.example', text: 'x' }),
    ).rejects.toMatchObject({ responseCode: 550 });
    await expect(
      sendTo(port, {
        from: 'a@example.cn',
        to: 'support@kefu.local',
        text: 'x'.repeat(3 * 1024 * 1024),
      }),
    ).rejects.toMatchObject({ responseCode: 552 });
    expect(log.some((l) => l.msg === 'smtp relay refused')).toBe(true);
  });

  it('never acknowledges automatic, bulk, looped or bounce mail', T, async () => {
    const cases: [string, Record<string, string>, string?][] = [
      ['auto@example.cn', { 'Auto-Submitted': 'auto-replied' }],
      ['bulk@example.cn', { Precedence: 'bulk' }],
      ['list@example.cn', { 'List-Id': '<news.example.cn>' }],
      ['loop@example.cn', { 'X-Loop': 'kefu.local' }],
      ['nullsender@example.cn', {}, ''],
    ];
    for (const [from, headers, envelopeFrom] of cases)
      await sendTo(port, {
        from,
        to: 'support@kefu.local',
        subject: `hello from ${from}`,
        text: 'hi',
        headers,
        ...(envelopeFrom !== undefined ? { envelope: { from: '', to: 'support@kefu.local' } } : {}),
      });
    await new Promise((r) => setTimeout(r, 500));
    for (const [from] of cases) expect([from, sink.to(from).length]).toEqual([from, 0]);
    const reasons = log
      .filter((l) => l.msg === 'no acknowledgement')
      .map((l) => l.extra?.['reason']);
    expect(reasons).toEqual(
      expect.arrayContaining(['auto_submitted', 'precedence', 'list', 'loop', 'bounce']),
    );
  });

  it('two auto-responders stop after one message each', T, async () => {
    // A naive responder: answers every mail with a fresh "out of office", no headers at all.
    let answered = 0;
    sink.onMail = (m) => {
      if (!m.to.includes('bot@example.cn') || answered >= 20) return;
      answered++;
      void sendTo(port, {
        from: 'bot@example.cn',
        to: 'support@kefu.local',
        subject: `Out of office #${answered}`,
        text: 'I am away.',
      });
    };
    await sendTo(port, {
      from: 'bot@example.cn',
      to: 'support@kefu.local',
      subject: 'Question',
      text: 'Do you ship abroad?',
    });
    await until('first acknowledgement', () => sink.to('bot@example.cn')[0]);
    await new Promise((r) => setTimeout(r, 1500));
    sink.onMail = null;
    expect(sink.to('bot@example.cn')).toHaveLength(1);
    expect(answered).toBe(1);
  });

  it('a refused recipient and a delivery report mark the reply failed', T, async () => {
    const open = async (from: string) => {
      await sendTo(port, {
        from,
        to: 'support@kefu.local',
        subject: 'Please call me',
        text: 'hi',
        headers: { 'Auto-Submitted': 'auto-generated' },
      });
      return until('case', async () => {
        const r = await h.json('GET', `/api/cases?q=Please call me`, { as: 'admin' });
        const items = r.body.items as { id: string }[];
        for (const k of items) {
          const ms = await messagesOf(k.id);
          if (ms.some((m) => (m as { from?: string }).from === from)) return k;
        }
        return null;
      });
    };
    const gone = await open('gone@example.cn');
    sink.refuse.add('gone@example.cn');
    await h.json('POST', `/api/cases/${gone.id}/replies`, {
      as: 'admin',
      body: { channel: 'email', body: 'hello', advance: false },
    });
    const failed = await until('refused reply failed', async () =>
      (await messagesOf(gone.id)).find((m) => m.direction === 'outbound' && m.status === 'failed'),
    );
    expect(failed.error).toMatch(/550|no such user/);

    const later = await open('later@example.cn');
    await h.json('POST', `/api/cases/${later.id}/replies`, {
      as: 'admin',
      body: { channel: 'email', body: 'hello', advance: false },
    });
    const sent = await until('sent', async () =>
      (await messagesOf(later.id)).find((m) => m.direction === 'outbound' && m.status === 'sent'),
    );
    const messageId = sink.to('later@example.cn').at(-1)!.parsed.messageId!;
    // The provider accepted it but could not deliver: a DSN (RFC 3464) comes back, sender <>.
    const dsn = [
      'From: MAILER-DAEMON@example.cn',
      'To: bounces@kefu.local',
      'Subject: Undelivered Mail Returned to Sender',
      'MIME-Version: 1.0',
      'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"',
      '',
      '--b1',
      'Content-Type: text/plain',
      '',
      'Your message could not be delivered.',
      '--b1',
      'Content-Type: message/delivery-status',
      '',
      'Reporting-MTA: dns; mx.example.cn',
      '',
      'Final-Recipient: rfc822; later@example.cn',
      'Action: failed',
      'Status: 5.2.2',
      'Diagnostic-Code: smtp; 552 5.2.2 mailbox full',
      '--b1',
      'Content-Type: text/rfc822-headers',
      '',
      `Message-ID: ${messageId}`,
      'From: support@kefu.local',
      'Subject: Re: Please call me',
      '--b1--',
      '',
    ].join('\r\n');
    await sendTo(port, { envelope: { from: '', to: 'bounces@kefu.local' }, raw: dsn });
    const bounced = await until('bounced', async () =>
      (await messagesOf(later.id)).find((m) => m.id === sent.id && m.status === 'failed'),
    );
    expect(bounced.error).toContain('mailbox full');
  });
});
