/**
 * Text channel throughput, end to end through the store, on PGlite and PostgreSQL:
 *  - e-mail ingest: mails sent over SMTP (4 connections) to kefu's SMTP server, each parsed,
 *    threaded, stored with a new contact and case, until the last one is in the database;
 *  - SMS submit: replies queued in the outbox, dispatched over one SMPP link (window 10) to the
 *    test SMSC, until every message is `sent` in the database.
 *
 *   npx tsx bench/channels.ts [--mails 300] [--sms 1000]
 */
import { parseArgs } from 'node:util';
import nodemailer from 'nodemailer';
import { systemActor } from '../src/app/app-context.ts';
import type { Store } from '../src/app/ports/store.ts';
import { onEachStore } from './support/each-store.ts';
import { bootstrapCenter } from '../src/app/seed/bootstrap.ts';
import { startEmail } from '../src/channels/email/start-email.ts';
import { startSms } from '../src/channels/sms/start-sms.ts';
import { buildServices } from '../src/main.ts';
import { TestSmsc } from '../test/support/test-smsc.ts';

const { values: v } = parseArgs({
  options: { mails: { type: 'string', default: '300' }, sms: { type: 'string', default: '1000' } },
});
const mails = Number(v.mails);
const smsCount = Number(v.sms);
const quiet = () => {};

async function waitFor(what: string, fn: () => Promise<boolean>, timeoutMs = 300_000) {
  const end = Date.now() + timeoutMs;
  while (!(await fn())) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function run(label: string, store: Store) {
  await bootstrapCenter(store);
  const s = buildServices(store);
  await s.router.start();
  const email = await startEmail(
    { inbox: s.inbox, outbox: s.outbox, clock: s.clock, log: quiet },
    {
      config: {
        address: 'support@kefu.local',
        ownAddresses: ['support@kefu.local'],
        loopToken: 'kefu.local',
        caseType: 'query',
        acknowledge: false,
      },
      smtp: { port: 0, host: '127.0.0.1', domains: ['kefu.local'], maxBytes: 10_000_000 },
    },
  );
  const t = nodemailer.createTransport({
    host: '127.0.0.1',
    port: email.smtp!.port,
    ignoreTLS: true,
    pool: true,
    maxConnections: 4,
    maxMessages: Infinity,
  });
  const count = async () =>
    Number(
      (await store.cases.list({ type: 'query' }, { all: true }, { limit: 1, offset: 0 })).total,
    );
  const before = await count();
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: mails }, (_, i) =>
      t.sendMail({
        from: `customer${i}@example.cn`,
        to: 'support@kefu.local',
        subject: `宽带故障 #${i}`,
        messageId: `<bench-${label}-${i}@example.cn>`,
        text: '家里的宽带从昨晚开始无法连接，请尽快派人检修。'.repeat(5),
      }),
    ),
  );
  await waitFor('all mail stored', async () => (await count()) - before >= mails);
  const mailSeconds = (performance.now() - t0) / 1000;
  t.close();
  await email.stop();

  const smsc = await TestSmsc.start({ password: 'bench' });
  const sms = startSms({
    url: smsc.url,
    systemId: 'kefu',
    password: 'bench',
    sourceAddr: '10086',
    inbox: s.inbox,
    outbox: s.outbox,
    log: quiet,
  });
  await sms.link.bound(5000);
  const ids: string[] = [];
  for (let i = 0; i < smsCount; i++)
    ids.push(
      (
        await store.transaction((tx) =>
          s.outbox.enqueueIn(tx, systemActor, {
            channel: 'sms',
            to: `86139${String(i).padStart(8, '0')}`,
            body: `您的工单已受理，编号 ${i}。`,
          }),
        )
      ).id,
    );
  const t1 = performance.now();
  s.outbox.kick();
  await waitFor('all SMS sent', async () => (await store.messages.due(new Date(), 1)).length === 0);
  await s.outbox.flush();
  const last = await store.messages.get(ids.at(-1)!);
  if (last?.status !== 'sent') throw new Error(`last SMS is ${last?.status}`);
  const smsSeconds = (performance.now() - t1) / 1000;
  await sms.stop();
  await smsc.stop();
  await s.router.stop();
  console.log(
    `${label.padEnd(9)} e-mail ingest: ${(mails / mailSeconds).toFixed(0)} msg/s into cases (${mails} mails over SMTP, 4 connections)` +
      `   SMS submit: ${(smsCount / smsSeconds).toFixed(0)} msg/s through the outbox (${smsCount} UCS-2 SMS, window 10)`,
  );
}

await onEachStore(run);
