/**
 * SMS submit rate: single-part messages through SmsChannel.send over one SMPP transceiver
 * link to the test SMSC on loopback, all handed over at once so the link's window (10
 * unanswered submit_sm) is the limit. Measures the channel and the link, not the outbox.
 *
 *   npx tsx bench/sms.ts [--messages 5000] [--window 10]
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { SmppLink } from '../src/channels/sms/smpp-link.ts';
import { SmsChannel } from '../src/channels/sms/sms-channel.ts';
import type { Message } from '../src/domain/message/message.ts';
import { TestSmsc } from '../test/support/test-smsc.ts';

const { values: v } = parseArgs({
  options: {
    messages: { type: 'string', default: '5000' },
    window: { type: 'string', default: '10' },
  },
});
const total = Number(v.messages);
const window = Number(v.window);

const smsc = await TestSmsc.start({ password: 'bench' });
const link = new SmppLink({
  url: smsc.url,
  systemId: 'kefu',
  password: 'bench',
  window,
  log: (level, msg, extra) => {
    if (level !== 'info') console.error(level, msg, extra ?? '');
  },
});
link.start();
await link.bound(5000);
const channel = new SmsChannel(link, {
  inbox: { receive: () => Promise.reject(new Error('the bench receives nothing')) },
  outbox: { delivered: async () => null, failed: async () => null },
  sourceAddr: '10086',
  log: () => {},
});

const message = (i: number): Message => {
  const now = new Date();
  return {
    id: randomUUID(),
    contactId: randomUUID(),
    caseId: null,
    customerId: null,
    channel: 'sms',
    direction: 'outbound',
    from: '10086',
    to: `86138${String(i % 100_000_000).padStart(8, '0')}`,
    subject: null,
    body: `Your verification code is ${String(i).padStart(6, '0')}.`,
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
};

const run = (n: number, from: number) =>
  Promise.all(Array.from({ length: n }, (_, i) => channel.send(message(from + i))));

await run(Math.min(500, total), 0); // warm-up: JIT, socket buffers
const t0 = performance.now();
await run(total, 1_000_000);
const seconds = (performance.now() - t0) / 1000;
console.log(
  `sms submit: ${Math.round(total / seconds)} msg/s (window ${window}, ${total} messages)`,
);

channel.close();
await link.close();
await smsc.stop();
