/**
 * Hostile and malformed mail through kefu's SMTP server: each is stored or refused with a clear
 * SMTP code, within a few seconds and bounded memory, and the server keeps working. The shapes
 * follow mailparser's own hostile-input cases (cid inlining bomb, too many MIME parts, oversized
 * header block, quadratic encoded-word names, prototype-named headers, the "out of memory" HTML)
 * plus our own (deep MIME nesting, deeply nested HTML, binary garbage, broken base64).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmail, type EmailChannel } from '../../src/channels/email/start-email.ts';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { sendTo } from '../support/mail-peers.ts';

const crlf = (lines: string[]) => lines.join('\r\n');
const b64 = (b: Buffer) => b.toString('base64').replace(/.{76}/g, '$&\r\n');
const head = (subject: string, type: string) => [
  'From: hostile@example.cn',
  'To: support@kefu.local',
  `Subject: ${subject}`,
  'MIME-Version: 1.0',
  `Content-Type: ${type}`,
];

const samples: [string, () => string][] = [
  [
    'cid bomb: 1500 references to a 300 KB inline image',
    () =>
      crlf([
        ...head('cid bomb', 'multipart/related; boundary=rel'),
        '',
        '--rel',
        'Content-Type: text/html',
        '',
        '<p>' + '<img src="cid:img1">'.repeat(1500) + '</p>',
        '--rel',
        'Content-Type: image/png',
        'Content-ID: <img1>',
        'Content-Transfer-Encoding: base64',
        '',
        b64(Buffer.alloc(300 * 1024, 7)),
        '--rel--',
        '',
      ]),
  ],
  [
    'too many MIME parts (1100)',
    () => {
      const l = [...head('parts', 'multipart/mixed; boundary=b'), ''];
      for (let i = 0; i < 1100; i++) l.push('--b', 'Content-Type: text/plain', '', `part${i}`);
      return crlf([...l, '--b--', '']);
    },
  ],
  [
    'oversized header block (1.1 MB)',
    () => crlf([...head('big', 'text/plain'), `X-Big: ${'a'.repeat(1100 * 1024)}`, '', 'body', '']),
  ],
  [
    'encoded-word display name "<a@@@…" (200k)',
    () =>
      crlf([
        `From: =?utf-8?B?${Buffer.from('<a' + '@'.repeat(200_000)).toString('base64')}?= <x@example.cn>`,
        'To: support@kefu.local',
        'Subject: names',
        '',
        'hi',
        '',
      ]),
  ],
  [
    'prototype-named list headers',
    () =>
      crlf([
        ...head('proto', 'text/plain'),
        'List-__proto__: <mailto:a@example.com>',
        'List-Constructor: <mailto:b@example.com>',
        '',
        'x',
        '',
      ]),
  ],
  [
    'the "out of memory" HTML: a title of 4000 lines of punctuation soup',
    () =>
      crlf([
        ...head('oom', 'text/html; charset=us-ascii'),
        '',
        '<a href="http://198.51.100.7/x"><h2>Offer</h2></a><title>',
        ...Array.from(
          { length: 4000 },
          (_, i) =>
            `%^^%*^*(()*^%^^**(*)*()()**(***}}){**\\:}!{/(-{{}|<><<>?<?<>??${i}[]}^|%/*!?[{{#*_^*}|{}*<[{>|%}}`,
        ),
        '</title>',
        '',
      ]),
  ],
  [
    'HTML nested 100,000 levels deep',
    () => crlf([...head('deep html', 'text/html'), '', '<div>'.repeat(100_000) + 'x', '']),
  ],
  [
    'MIME nested 300 levels deep',
    () => {
      const l = [...head('deep mime', 'multipart/mixed; boundary=b0'), ''];
      for (let i = 1; i <= 300; i++)
        l.push(`--b${i - 1}`, `Content-Type: multipart/mixed; boundary=b${i}`, '');
      l.push('--b300', 'Content-Type: text/plain', '', 'core');
      for (let i = 300; i >= 0; i--) l.push(`--b${i}--`);
      return crlf([...l, '']);
    },
  ],
  [
    'broken base64 and a missing closing boundary',
    () =>
      crlf([
        ...head('broken', 'multipart/mixed; boundary=b'),
        '',
        '--b',
        'Content-Type: application/pdf; name="a.pdf"',
        'Content-Transfer-Encoding: base64',
        '',
        '!!!not base64 at all!!!' + '@'.repeat(5000),
        '',
      ]),
  ],
  [
    'binary garbage with NUL bytes and no headers',
    () =>
      Buffer.from(Array.from({ length: 200_000 }, (_, i) => (i * 7919) % 256)).toString('latin1'),
  ],
  [
    '200 tiny attachments',
    () => {
      const l = [...head('many files', 'multipart/mixed; boundary=b'), ''];
      for (let i = 0; i < 200; i++)
        l.push(
          '--b',
          `Content-Type: text/plain; name="f${i}.txt"`,
          'Content-Disposition: attachment',
          '',
          'x',
        );
      return crlf([...l, '--b--', '']);
    },
  ],
];

describe('hostile mail', () => {
  let h: Harness;
  let email: EmailChannel;

  beforeAll(async () => {
    h = await makeHarness('pglite');
    email = await startEmail(
      { inbox: h.services.inbox, outbox: h.services.outbox, clock: h.clock, log: () => {} },
      {
        config: {
          address: 'support@kefu.local',
          ownAddresses: ['support@kefu.local'],
          loopToken: 'kefu.local',
          caseType: 'query',
          acknowledge: false,
        },
        smtp: { port: 0, host: '127.0.0.1', domains: ['kefu.local'], maxBytes: 10 * 1024 * 1024 },
      },
    );
  }, 60_000);
  afterAll(async () => {
    await email?.stop();
    await h?.close();
  });

  it(
    'stores or refuses each one quickly, in bounded memory, and keeps serving',
    { timeout: 120_000 },
    async () => {
      const results: { name: string; outcome: string; ms: number }[] = [];
      let peak = 0;
      const base = process.memoryUsage().rss;
      const sampler = setInterval(() => {
        peak = Math.max(peak, process.memoryUsage().rss - base);
      }, 20);
      try {
        for (const [name, make] of samples) {
          const t0 = Date.now();
          let outcome: string;
          try {
            const r = await sendTo(email.smtp!.port, {
              envelope: { from: 'hostile@example.cn', to: 'support@kefu.local' },
              raw: make(),
            });
            outcome = r.response.slice(0, 3);
          } catch (e) {
            outcome = String((e as { responseCode?: number }).responseCode ?? e);
          }
          results.push({ name, outcome, ms: Date.now() - t0 });
        }
      } finally {
        clearInterval(sampler);
      }
      console.log(
        results.map((r) => `${r.outcome} ${String(r.ms).padStart(5)} ms  ${r.name}`).join('\n'),
      );
      console.log(`peak RSS growth ${(peak / 1048576).toFixed(0)} MB`);
      for (const r of results) {
        // Stored (250) or refused for good (5xx); never a temporary failure that invites retries.
        expect(r.outcome, r.name).toMatch(/^(250|55\d)$/);
        expect(r.ms, r.name).toBeLessThan(15_000);
      }
      expect(results.find((r) => r.name.startsWith('too many MIME'))?.outcome).toBe('554');
      expect(results.find((r) => r.name.startsWith('oversized header'))?.outcome).toBe('554');
      expect(peak).toBeLessThan(768 * 1024 * 1024);

      // The 200-attachment mail kept only the first 50.
      const cases = await h.json('GET', '/api/cases?q=many files', { as: 'admin' });
      const msgs = await h.json('GET', `/api/cases/${cases.body.items[0].id}/messages`, {
        as: 'admin',
      });
      expect(msgs.body.items[0].attachments).toHaveLength(50);
      expect(msgs.body.items[0].meta.droppedAttachments).toBe(150);

      // Still serving ordinary mail.
      const ok = await sendTo(email.smtp!.port, {
        from: 'calm@example.cn',
        to: 'support@kefu.local',
        subject: 'after the storm',
        text: 'hello',
      });
      expect(ok.response).toMatch(/^250/);
    },
  );
});
