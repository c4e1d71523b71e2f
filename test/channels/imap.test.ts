/**
 * Mailbox polling against a real Dovecot: mail already waiting is read on connect, new mail is
 * picked up while the connection idles (IDLE), each message is stored once and flagged \Seen,
 * and a reply threads into the case its first message opened.
 */
import { ImapFlow } from 'imapflow';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmail, type EmailChannel } from '../../src/channels/email/start-email.ts';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { startDovecot, type Dovecot } from '../support/dovecot.ts';
import { until } from '../support/mail-peers.ts';

const mail = (id: string, subject: string, extra = '') =>
  [
    'From: Li Lei <li.lei@example.cn>',
    'To: center@kefu.local',
    `Subject: ${subject}`,
    `Message-ID: <${id}>`,
    extra,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    '请帮我查一下套餐余量。',
    '',
  ]
    .filter((l, i) => l !== '' || i > 4)
    .join('\r\n');

describe('IMAP mailbox (Dovecot)', () => {
  let h: Harness;
  let dovecot: Dovecot;
  let email: EmailChannel;
  let provider: ImapFlow;

  beforeAll(async () => {
    h = await makeHarness('pglite');
    dovecot = await startDovecot();
    // The provider side: mail delivered into the center's mailbox before kefu connects.
    provider = new ImapFlow({
      host: dovecot.host,
      port: dovecot.port,
      secure: false,
      auth: { user: dovecot.user, pass: dovecot.password },
      logger: false,
    });
    await provider.connect();
    await provider.append('INBOX', mail('waiting-1@example.cn', '套餐余量查询'));
  }, 60_000);
  afterAll(async () => {
    await email?.stop();
    await provider?.logout().catch(() => undefined);
    dovecot?.stop();
    await h?.close();
  });

  it(
    'reads waiting mail, then new mail through IDLE, each once, and threads replies',
    { timeout: 30_000 },
    async () => {
      email = await startEmail(
        { inbox: h.services.inbox, outbox: h.services.outbox, clock: h.clock, log: () => {} },
        {
          config: {
            address: 'center@kefu.local',
            ownAddresses: ['center@kefu.local'],
            loopToken: 'kefu.local',
            caseType: 'consultation',
            acknowledge: false,
          },
          imap: [
            {
              host: dovecot.host,
              port: dovecot.port,
              user: dovecot.user,
              password: dovecot.password,
              pollMs: 60_000,
            },
          ],
        },
      );
      const poller = email.imap[0]!;
      await until('first mail', () => poller.ingested >= 1);
      const cases = async () =>
        (await h.json('GET', '/api/cases?type=consultation', { as: 'admin' })).body.items as {
          id: string;
          title: string;
        }[];
      const [first] = await until('case', async () => ((await cases()).length ? cases() : null));
      expect(first!.title).toBe('套餐余量查询');

      // New mail while idling arrives without waiting for the 60 s pass.
      const t0 = Date.now();
      await provider.append(
        'INBOX',
        mail('reply-2@example.cn', 'Re: 套餐余量查询', 'In-Reply-To: <waiting-1@example.cn>'),
      );
      await until('idle pickup', () => poller.ingested >= 2, 10_000);
      expect(Date.now() - t0).toBeLessThan(10_000);
      await poller.settled();
      expect(await cases()).toHaveLength(1);
      const msgs = (await h.json('GET', `/api/cases/${first!.id}/messages`, { as: 'admin' })).body
        .items;
      expect(msgs).toHaveLength(2);

      // Both are flagged seen; a full pass stores nothing twice.
      await provider.mailboxOpen('INBOX');
      expect(await provider.search({ seen: false }, { uid: true })).toEqual([]);
      poller.pass();
      await poller.settled();
      expect(poller.ingested).toBe(2);
    },
  );
});
