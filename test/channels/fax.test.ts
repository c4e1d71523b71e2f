/**
 * Fax over mail (T.37): a fax gateway's mail with TIFF-F pages becomes a fax contact whose pages
 * are PNG images through the API; a fax reply leaves as mail to FAX=<number>@<gateway>.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startEmail, type EmailChannel } from '../../src/channels/email/start-email.ts';
import { renderFaxPages } from '../../src/channels/fax/fax-pages.ts';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { sendTo, startSink, until, type Sink } from '../support/mail-peers.ts';
import { storeKinds } from '../support/test-stores.ts';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/fax/${name}`, import.meta.url));

describe.each(storeKinds)('fax channel on %s', (kind) => {
  let h: Harness;
  let sink: Sink;
  let email: EmailChannel;

  beforeAll(async () => {
    h = await makeHarness(kind);
    sink = await startSink();
    email = await startEmail(
      { inbox: h.services.inbox, outbox: h.services.outbox, clock: h.clock, log: () => {} },
      {
        config: {
          address: 'support@kefu.local',
          ownAddresses: ['support@kefu.local'],
          loopToken: 'kefu.local',
          caseType: 'query',
          acknowledge: true,
        },
        smtp: { port: 0, host: '127.0.0.1', domains: ['kefu.local'], maxBytes: 5_000_000 },
        relay: { url: `smtp://127.0.0.1:${sink.port}` },
        fax: {
          gatewaySenders: ['fax.gw.example'],
          gatewayDomain: 'fax.gw.example',
          centerNumber: '+862088880000',
          caseType: 'fault_report',
        },
      },
    );
  }, 60_000);
  afterAll(async () => {
    await email?.stop();
    await sink?.stop();
    await h?.close();
  });

  it(
    'renders a received two-page TIFF-F fax to PNG pages and replies through the gateway',
    { timeout: 30_000 },
    async () => {
      await sendTo(email.smtp!.port, {
        from: 'FAX=+8641112345678@fax.gw.example',
        to: 'fax@kefu.local',
        subject: 'Fax from +86 411 1234 5678',
        messageId: '<fax-1@fax.gw.example>',
        text: 'You have received a 2 page fax.',
        attachments: [
          { filename: 'fax.tif', content: fixture('g3-fine-2page.tif'), contentType: 'image/tiff' },
        ],
      });
      const kase = await until('fax case', async () => {
        const r = await h.json('GET', '/api/cases?type=fault_report', { as: 'admin' });
        return (r.body.items as { id: string; title: string }[])[0];
      });
      expect(kase.title).toBe('Fax +8641112345678');
      const msgs = (await h.json('GET', `/api/cases/${kase.id}/messages`, { as: 'admin' })).body
        .items as {
        channel: string;
        from: string;
        body: string;
        meta: Record<string, unknown>;
        attachments: { filename: string; contentType: string; url: string }[];
      }[];
      const fax = msgs[0]!;
      expect(fax.channel).toBe('fax');
      expect(fax.from).toBe('+8641112345678');
      expect(fax.meta['pages']).toBe(2);
      const pngs = fax.attachments.filter((a) => a.contentType === 'image/png');
      expect(pngs.map((p) => p.filename)).toEqual(['fax-page-1.png', 'fax-page-2.png']);
      const page = await h.call('GET', `${pngs[0]!.url}?inline=1`, { as: 'admin' });
      expect(page.headers.get('content-disposition')).toMatch(/^inline/);
      const png = Buffer.from(await page.arrayBuffer());
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      expect(png.readUInt32BE(16)).toBe(1728); // IHDR width: an A4 fax line
      // No acknowledgement mail goes back to a fax gateway.
      expect(sink.to('FAX=+8641112345678@fax.gw.example')).toHaveLength(0);

      const r = await h.json('POST', `/api/cases/${kase.id}/replies`, {
        as: 'admin',
        body: { channel: 'fax', body: 'Fault C-1 repaired. Thank you.', advance: false },
      });
      expect(r.status).toBe(201);
      const out = await until('fax reply', async () => {
        const got = sink.to('FAX=+8641112345678@fax.gw.example')[0];
        if (!got) {
          const m = (await h.json('GET', `/api/messages/${r.body.message.id}`, { as: 'admin' }))
            .body;
          if (m.status === 'failed' || m.error)
            throw new Error(`fax reply ${m.status}: ${m.error}`);
        }
        return got;
      });
      const cover = out.parsed.attachments.find((a) => a.filename === 'cover.tif')!;
      expect(cover.contentType).toBe('image/tiff');
      const rendered = await renderFaxPages(cover.content, 'image/tiff');
      expect(rendered.pageCount).toBe(1);
      expect(out.parsed.inReplyTo).toBe('<fax-1@fax.gw.example>');
    },
  );

  it('keeps an unreadable fax as its original file and says why', { timeout: 30_000 }, async () => {
    await sendTo(email.smtp!.port, {
      from: 'FAX=+8641199990000@fax.gw.example',
      to: 'fax@kefu.local',
      subject: 'Fax from +86 411 9999 0000',
      text: 'fax',
      attachments: [
        { filename: 'broken.tif', content: Buffer.from('II*\0garbage'), contentType: 'image/tiff' },
      ],
    });
    const kase = await until('case', async () => {
      const r = await h.json('GET', '/api/cases?q=Fax %2B8641199990000', { as: 'admin' });
      return (r.body.items as { id: string }[])[0];
    });
    const msgs = (await h.json('GET', `/api/cases/${kase.id}/messages`, { as: 'admin' })).body
      .items as { body: string; attachments: { filename: string }[] }[];
    expect(msgs[0]!.attachments.map((a) => a.filename)).toEqual(['broken.tif']);
    expect(msgs[0]!.body).toContain('fax.unreadable');
  });
});
