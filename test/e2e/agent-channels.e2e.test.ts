/**
 * The agent desktop's composers on the text channels, in Chromium against a demo center with its
 * real peers: kefu's SMTP server takes the customer's mail and replies go out through an SMTP
 * relay (a sink here) — quoted, threaded and with an attachment; an SMSC (the smpp package's
 * server) delivers an SMS and receives the reply in two UCS-2 parts, as the composer's counter
 * said; a fax arrives through the T.37 mail gateway, its page shows in the desktop, and the reply's
 * cover page — drawn in the browser with Chinese text and previewed as typed — leaves as a
 * TIFF-F page through the gateway. Screenshots in zh-CN and en; no console errors anywhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderFaxPages } from '../../src/channels/fax/fax-pages.ts';
import { decodePng } from '../../src/channels/fax/png-decoder.ts';
import { startSink, sendTo, until, type Sink } from '../support/mail-peers.ts';
import { TestSmsc } from '../support/test-smsc.ts';
import { startWebApp, type WebApp } from '../support/web-app.ts';

const step = { timeout: 10_000 };
const fixtures = join(import.meta.dirname, '../fixtures/fax');

describe('agent desktop: e-mail, SMS and fax composers', () => {
  let w: WebApp;
  let sink: Sink;
  let smsc: TestSmsc;
  let agent: Page;

  beforeAll(async () => {
    sink = await startSink();
    smsc = await TestSmsc.start({ password: 'secret' });
    w = await startWebApp({
      channels: {
        email: {
          config: {
            address: 'support@kefu.local',
            ownAddresses: ['support@kefu.local'],
            loopToken: 'kefu.local',
            caseType: 'query',
            acknowledge: false,
          },
          smtp: { port: 0, host: '127.0.0.1', domains: ['kefu.local'], maxBytes: 5_000_000 },
          relay: { url: `smtp://127.0.0.1:${sink.port}` },
          fax: {
            gatewaySenders: ['fax.gw.example'],
            gatewayDomain: 'fax.gw.example',
            centerNumber: '+862088880000',
            caseType: 'query',
          },
        },
        sms: { url: smsc.url, systemId: 'kefu', password: 'secret', sourceAddr: '10086' },
      },
      addresses: { fax: '+862088880000' },
    });
    await until('the SMSC bind', () => smsc.isBound || undefined, 15_000);
    agent = await w.open('wangfang', 'zh-CN');
    agent.setDefaultTimeout(step.timeout);
    await agent.getByTestId('agent-login').click();
    await agent.getByTestId('agent-login-submit').click();
    await agent.getByTestId('agent-state').getByText('就绪').waitFor(step);
  }, 90_000);
  afterAll(async () => {
    await w?.close();
    await smsc?.stop();
    await sink?.stop();
  });

  const smtpPort = () => w.center.channels!.email!.smtp!.port;

  /** Accepts the next offer and waits for `text` in the workspace. */
  async function take(text: string): Promise<void> {
    await agent.getByTestId('offer').waitFor({ timeout: 15_000 });
    await agent.getByTestId('offer-accept').click();
    await agent.getByTestId('task-workspace').getByText(text).first().waitFor(step);
  }

  /** Wraps the open task up and completes it, leaving the agent ready for the next. */
  async function finish(): Promise<void> {
    await agent.getByTestId('task-wrap').click();
    await agent.getByTestId('task-complete').click();
    await agent.getByTestId('task-workspace').waitFor({ state: 'detached', ...step });
  }

  it(
    'answers an e-mail with a quote, a subject and an attachment',
    { timeout: 60_000 },
    async () => {
      await sendTo(smtpPort(), {
        from: '张先生 <user1@example.cn>',
        to: 'support@kefu.local',
        subject: '套餐变更咨询',
        messageId: '<plan-1@example.cn>',
        text: '我想把套餐改成 5G 畅享 128 元，请问怎么办理？',
      });
      await take('我想把套餐改成');
      expect(await agent.getByRole('checkbox', { name: '引用原文' }).isChecked()).toBe(true);
      await agent.getByTestId('reply-subject').fill('关于 5G 畅享套餐的变更');
      await agent.getByTestId('attach-input').setInputFiles({
        name: 'tariff.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('5G 畅享 128 元：100 GB 国内流量，1000 分钟通话。'),
      });
      await agent.getByTestId('reply-composer').getByText('tariff.txt').waitFor(step);
      await agent.getByTestId('reply-input').fill('您好，可以在下月 1 日生效，资费说明见附件。');
      await w.shot(agent, 'agent-email.zh-CN');
      await agent.getByTestId('reply-send').click();

      const mail = await until('the reply at the relay', () => sink.to('user1@example.cn')[0]);
      expect(mail.parsed.subject).toBe('关于 5G 畅享套餐的变更');
      expect(mail.parsed.inReplyTo).toBe('<plan-1@example.cn>');
      expect(mail.parsed.text).toContain('您好，可以在下月 1 日生效');
      expect(mail.parsed.text).toContain('> 我想把套餐改成 5G 畅享 128 元');
      expect(mail.parsed.attachments.map((a) => a.filename)).toEqual(['tariff.txt']);
      await agent
        .getByTestId('message')
        .filter({ hasText: '下月 1 日生效' })
        .getByText(/已发送|已送达/)
        .waitFor(step);
      await finish();
    },
  );

  it('answers an SMS in two UCS-2 parts, as the counter says', { timeout: 60_000 }, async () => {
    await smsc.deliver('8613800138000', '10086', '请问我这个月还剩多少流量？');
    await take('还剩多少流量');
    const reply =
      '您好，截至今天您本月套餐内国内通用流量还剩 12.5 GB，定向流量还剩 20 GB，' +
      '月底清零。如需加油包请回复 JY，流量超出后按每 GB 5 元计费，谢谢！';
    expect(reply.length).toBeGreaterThan(70);
    await agent.getByTestId('reply-input').fill(reply);
    await agent.getByTestId('sms-counter').getByText(/2 条/).waitFor(step);
    await w.shot(agent, 'agent-sms.zh-CN');
    await agent.getByTestId('reply-send').click();
    const parts = await until('both parts at the SMSC', () =>
      smsc.submits.length >= 2 ? smsc.submits : undefined,
    );
    expect(parts).toHaveLength(2);
    expect(parts.every((p) => p.dataCoding === 8 && p.sourceAddr === '10086')).toBe(true);
    expect(parts.map((p) => p.text).join('')).toBe(reply);
    await finish();
  });

  it(
    'shows a received fax and replies with a Chinese cover page',
    { timeout: 60_000 },
    async () => {
      await agent.getByTestId('lang').click();
      await agent.getByTitle('English').click();
      await sendTo(smtpPort(), {
        from: 'FAX=+8641112345678@fax.gw.example',
        to: 'fax@kefu.local',
        subject: 'Fax from +86 411 1234 5678',
        messageId: '<fax-e2e@fax.gw.example>',
        text: 'You have received a 2 page fax.',
        attachments: [
          { filename: 'fax.tif', content: readFileSync(join(fixtures, 'g3-fine-2page.tif')) },
        ],
      });
      await take('You have received a 2 page fax.');
      const page = agent.getByTestId('message').first().locator('img').first();
      await page.waitFor(step);
      const width = () => page.evaluate((img: { naturalWidth: number }) => img.naturalWidth);
      expect(await until('the page image to load', async () => (await width()) || undefined)).toBe(
        1728,
      );

      const text = '您好，已收到您的传真。线路故障单已受理，维修人员将于今天 18 点前联系您。';
      await agent.getByTestId('reply-input').fill(text);
      await agent.getByTestId('fax-cover').click();
      await agent.getByTestId('fax-cover-large').waitFor(step);
      await w.shot(agent, 'agent-fax-cover.en');
      await agent.keyboard.press('Escape');
      await agent.getByTestId('fax-cover-large').waitFor({ state: 'hidden', ...step });
      await w.shot(agent, 'agent-fax.en');
      await agent.getByTestId('reply-send').click();

      const fax = await until('the fax at the gateway', () =>
        sink.mail.find((m) => m.to.includes('FAX=+8641112345678@fax.gw.example')),
      );
      const tiff = fax.parsed.attachments.find((a) => a.contentType === 'image/tiff');
      expect(tiff?.filename).toBe('fax.tif');
      const rendered = await renderFaxPages(new Uint8Array(tiff!.content), 'image/tiff');
      expect(rendered.pageCount).toBe(1);
      const img = decodePng(rendered.pages[0]!.png, 10_000_000);
      expect(img.width).toBe(1728);
      // Ink where the browser drew the title and the Chinese lines, none in the bottom margin.
      const ink = (top: number, bottom: number) => {
        let n = 0;
        for (let i = top * img.width; i < bottom * img.width; i++) if (img.gray[i]! < 128) n++;
        return n;
      };
      expect(ink(130, 230)).toBeGreaterThan(2000);
      expect(ink(515, 660)).toBeGreaterThan(2000);
      expect(ink(700, 900)).toBe(0);
      expect(ink(img.height - 120, img.height)).toBe(0);
      // Our message shows the cover page that was sent.
      await agent
        .getByTestId('message')
        .filter({ hasText: '线路故障单已受理' })
        .locator('img')
        .waitFor(step);
      await finish();
      expect(w.problems).toEqual([]);
    },
  );
});
