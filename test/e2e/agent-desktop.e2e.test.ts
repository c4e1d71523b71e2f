/**
 * The agent desktop in Chromium against a demo center: an agent logs in to the router with the
 * browser softphone, a web-chat visitor on a real WebSocket writes, the offer pops up, the agent
 * accepts, answers (the visitor receives it), opens a complaint case from the chat, verifies and
 * dispatches it to the billing back office; a back-office member opens it from their team's
 * cases, records what they verified, hands it to supervision and replies into the chat (the
 * visitor receives that too). Then the agent ends the chat and finishes wrap-up. Screenshots in
 * zh-CN and en; no console errors anywhere.
 *
 * Then a call: SIPp dials the demo IVR (10086, 2 for complaints), the complaints agent's page
 * rings, the agent answers in the browser softphone, holds, retrieves and hangs up from the
 * softphone panel, whose buttons follow the call's state.
 */
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { Store } from '../../src/app/ports/store.ts';
import { startCenter, type Center } from '../../src/main.ts';
import { demoBalance, demoProfile } from '../../src/connectors/demo/demo-subscribers.ts';
import { hostAddress } from '../support/baresip.ts';
import { launchChromium } from '../support/chromium.ts';
import { complaintCaller, openAllDay } from '../support/telephony.ts';
import { openTestStore } from '../support/test-stores.ts';
import { startWebApp, screenshotDir, type WebApp } from '../support/web-app.ts';

type Frame = Record<string, unknown> & { type?: string };

/** A chat visitor: keeps every frame, acknowledges agent lines as the widget does. */
class Visitor {
  readonly frames: Frame[] = [];
  private readonly taken = new Set<number>();
  private constructor(private readonly ws: WebSocket) {
    ws.on('message', (d) => {
      const f = JSON.parse(String(d)) as Frame;
      this.frames.push(f);
      if (f.type === 'message') this.send({ type: 'delivered', id: f['id'] });
    });
  }

  static async open(url: string): Promise<Visitor> {
    const ws = new WebSocket(url);
    await new Promise((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('error', reject);
    });
    return new Visitor(ws);
  }

  send(f: unknown): void {
    this.ws.send(JSON.stringify(f));
  }

  /** The next frame (not taken before) that matches, within `ms`. */
  async next(match: (f: Frame) => boolean, what: string, ms = 10_000): Promise<Frame> {
    const end = Date.now() + ms;
    for (;;) {
      const i = this.frames.findIndex((f, n) => !this.taken.has(n) && match(f));
      if (i >= 0) {
        this.taken.add(i);
        return this.frames[i] as Frame;
      }
      if (Date.now() > end) throw new Error(`visitor: timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  close(): void {
    this.ws.close();
  }
}

/** Every browser step gets at most this long (pages get it as their default timeout too). */
const step = { timeout: 10_000 };

/** Picks an option of an Ant Design select (options carry their label as title). */
async function choose(page: Page, testId: string, option: string): Promise<void> {
  await page.getByTestId(testId).click();
  await page.locator('.ant-select-dropdown:visible').getByTitle(option).click(step);
}

async function stageIs(page: Page, stage: string): Promise<void> {
  await page.locator(`[data-testid="case-stage"][data-stage="${stage}"]`).waitFor(step);
}

describe('agent desktop', () => {
  let w: WebApp;
  let visitor: Visitor | undefined;
  beforeAll(async () => {
    w = await startWebApp();
  }, 90_000);
  afterAll(async () => {
    visitor?.close();
    await w?.close();
  });

  it(
    'takes a chat, answers it, opens and dispatches a complaint; the back office replies',
    { timeout: 90_000 },
    async () => {
      // ── the agent logs in to the router with the browser softphone ──────────────
      const agent = await w.open('wangfang', 'zh-CN');
      agent.setDefaultTimeout(step.timeout);
      await agent.getByTestId('agent-desktop').waitFor(step);
      await agent.getByTestId('agent-login').click();
      await agent.getByTestId('agent-login-submit').click();
      await agent.getByTestId('agent-state').getByText('就绪').waitFor(step);
      await agent.getByTestId('softphone-state').getByText('软电话就绪').waitFor(step);
      await agent.getByTestId('shortcut-help').click();
      await agent.getByTestId('shortcut-list').getByText('整理完成').waitFor(step);
      await agent.getByTestId('shortcut-help').click();

      // ── a visitor (a customer on file, by e-mail) starts a chat ─────────────────
      visitor = await Visitor.open(`${w.center.url.replace('http', 'ws')}/chat/ws`);
      visitor.send({ type: 'hello', name: '张先生', email: 'user1@example.cn' });
      expect(await visitor.next((f) => f.type === 'welcome', 'welcome')).toMatchObject({
        available: true,
      });
      visitor.send({ type: 'message', text: '我的漫游费扣了两次，请帮我查一下', clientId: 'v1' });
      await visitor.next((f) => f.type === 'ack', 'ack');

      // ── the offer pops up; accepting shows the chat and the customer ────────────
      await agent.getByTestId('offer').waitFor(step);
      await agent.getByTestId('offer').getByText('在线咨询').waitFor(step);
      await w.shot(agent, 'agent-offer.zh-CN');
      await agent.getByTestId('offer-accept').click();
      await visitor.next((f) => f.type === 'agent_joined', 'agent joined');
      const work = agent.getByTestId('task-workspace');
      await work.getByText('我的漫游费扣了两次').waitFor(step);
      await agent.getByTestId('customer-name').waitFor(step);

      // ── typing shows on both sides ──────────────────────────────────────────────
      visitor.send({ type: 'typing' });
      await work.getByText('对方正在输入…').waitFor(step);
      await agent.getByTestId('reply-input').fill('您好');
      await visitor.next((f) => f.type === 'typing', 'the agent typing');

      // ── the agent answers; the visitor receives it and it shows as delivered ────
      await agent.getByTestId('reply-input').fill('您好，我来为您查询漫游扣费记录。');
      await agent.getByTestId('reply-send').click();
      const answer = await visitor.next(
        (f) => f.type === 'message' && f['from'] === 'agent',
        "the agent's line",
      );
      expect(answer['text']).toBe('您好，我来为您查询漫游扣费记录。');
      await work
        .getByTestId('message')
        .filter({ hasText: '为您查询漫游' })
        .getByText('已送达')
        .waitFor(step);
      visitor.send({ type: 'message', text: '好的，我等您消息', clientId: 'v2' });
      await work.getByText('好的，我等您消息').waitFor(step);
      await w.shot(agent, 'agent-chat.zh-CN');

      // ── a complaint case from the chat, verified and dispatched to billing ──────
      await agent.getByTestId('case-create').click();
      await choose(agent, 'case-type', '投诉');
      await agent.getByTestId('case-title').fill('漫游费重复扣费投诉');
      await agent.getByTestId('case-create-submit').click();
      await agent.getByTestId('case-view').waitFor(step);
      const number = (await agent.getByTestId('case-number').textContent()) ?? '';
      expect(number).toMatch(/^C-\d{8}-\d+$/);
      await stageIs(agent, 'accepted');
      // The chat that led to the case is part of the case's conversation.
      await agent.getByTestId('case-view').getByText('我的漫游费扣了两次').waitFor(step);
      await agent.getByTestId('stage-verifying').click();
      await agent.getByTestId('stage-note').fill('客户确认 11 月漫游扣费两次');
      await agent.getByTestId('stage-confirm').click();
      await stageIs(agent, 'verifying');
      await agent.getByTestId('case-dispatch').click();
      await choose(agent, 'dispatch-team', '计费后台 Billing back office');
      await agent.getByTestId('dispatch-note').fill('请核实漫游扣费并退款');
      await agent.getByTestId('dispatch-confirm').click();
      await stageIs(agent, 'dispatched');
      await agent.getByTestId('sla').first().waitFor(step);
      await w.shot(agent, 'agent-case.zh-CN');

      // ── the back office (billing team) verifies, hands to supervision, replies ──
      const office = await w.open('zhaogang', 'en');
      office.setDefaultTimeout(step.timeout);
      await office.getByTestId('case-item').filter({ hasText: number }).click(step);
      await office.getByTestId('case-view').waitFor(step);
      await office.getByText('Dispatched').first().waitFor(step);
      await office.getByRole('tab', { name: /Notes/ }).click();
      await office
        .getByTestId('case-note-input')
        .fill('Verified: roaming fee charged twice on 20 Nov; refund of 30 yuan approved.');
      await office.getByTestId('case-note-add').click();
      await office.getByTestId('case-note').filter({ hasText: 'refund of 30 yuan' }).waitFor(step);
      await office.getByTestId('stage-supervising').click();
      await office.getByTestId('stage-confirm').click();
      await stageIs(office, 'supervising');
      await office.getByRole('tab', { name: 'Conversation' }).click();
      await office.getByTestId('case-reply-body').fill('已核实，重复扣除的 30 元已退回您的账户。');
      await office.getByTestId('case-reply-send').click();
      const reply = await visitor.next(
        (f) => f.type === 'message' && String(f['text']).includes('30 元'),
        "the back office's reply",
      );
      expect(reply['text']).toBe('已核实，重复扣除的 30 元已退回您的账户。');
      await stageIs(office, 'replied');
      await office.getByTestId('messages').getByText('30 元已退回').waitFor(step);
      await w.shot(office, 'backoffice-case.en');

      // ── the agent sees the reply, ends the chat and finishes wrap-up ────────────
      await agent.getByTestId('tab-inbox').click();
      await agent.getByTestId('inbox-item').first().click();
      await work.getByText('30 元已退回').waitFor(step);
      await agent.getByTestId('end-chat').click();
      await visitor.next((f) => f.type === 'ended', 'chat ended');
      await agent.getByTestId('wrapup-countdown').waitFor(step);
      await agent.getByTestId('wrapup-extend').click();
      await agent.getByTestId('wrapup-done').click();
      await agent.getByTestId('agent-state').getByText('就绪').waitFor(step);
      await agent.getByTestId('inbox').waitFor({ state: 'detached', ...step });

      // ── the desktop in English, away and ready again by keyboard ────────────────
      await agent.getByTestId('lang').click();
      await agent.getByTitle('English').click();
      await agent.getByTestId('tab-cases').click();
      await agent.getByTestId('case-item').filter({ hasText: number }).click(step);
      await agent.getByTestId('case-view').getByText('Replied').first().waitFor(step);
      await agent.keyboard.press('Alt+KeyN');
      await agent.getByTestId('agent-state').getByText('Away').waitFor(step);
      await agent.keyboard.press('Alt+KeyR');
      await agent.getByTestId('agent-state').getByText('Available').waitFor(step);
      await w.shot(agent, 'agent-desktop.en');

      expect(w.problems).toEqual([]);
    },
  );
});

describe('agent desktop: a call answered in the browser softphone', () => {
  const host = hostAddress();
  const problems: string[] = [];
  let store: Store;
  let center: Center;
  let browser: Browser;
  beforeAll(async () => {
    store = await openTestStore('pglite');
    center = await startCenter({
      store,
      port: 0,
      host: '127.0.0.1',
      demo: true,
      logger: pino({ level: 'silent' }),
      voice: {
        sipPort: 0,
        publicAddress: host,
        bindAddress: '0.0.0.0',
        rtpPorts: { min: 42_000, max: 42_498 },
        announceEverySeconds: 60,
      },
    });
    await openAllDay(center);
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await center?.close();
    await store?.close();
  });

  it('rings the page, answers, holds, retrieves and hangs up', { timeout: 60_000 }, async () => {
    const ctx = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'en' });
    await ctx.addInitScript(`localStorage.setItem('kefu.lang', 'en');`);
    const page = await ctx.newPage();
    page.setDefaultTimeout(step.timeout);
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    await page.goto(`${center.url}/login`);
    await page.getByTestId('login-username').fill('zhangwei');
    await page.getByTestId('login-password').fill('kefu-demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('agent-login').click(step);
    await page.getByTestId('agent-login-submit').click();
    await page.getByTestId('softphone-state').getByText('Softphone ready').waitFor(step);
    expect(await page.getByTestId('call-hold').isDisabled()).toBe(true);

    // Liu Yang calls the complaints line; the offer shows who calls and rings in the page.
    const caller = complaintCaller(center, host, '8613900139000', 45_000);
    const offer = page.getByTestId('offer');
    await offer.waitFor({ timeout: 20_000 });
    await offer.getByText('Phone').waitFor(step);
    await offer.getByText('刘洋 Liu Yang').waitFor(step);
    await page.getByTestId('offer-accept').click(step);

    // Talking: screen pop with the customer and the IVR data; the buttons follow the state.
    await page.getByTestId('call-state').getByText('Talking').waitFor(step);
    await page.getByTestId('customer-name').getByText('刘洋 Liu Yang').waitFor(step);
    await page.getByTestId('ivr-data').waitFor(step);
    // …and his account, read over HTTP from the demo operator's BOSS and billing.
    await page
      .getByTestId('account-plan')
      .getByText(demoProfile('8613900139000').plan.name)
      .waitFor(step);
    await page
      .getByTestId('account-balance')
      .getByText(`${demoBalance('8613900139000').amount} CNY`)
      .waitFor(step);
    expect(await page.getByTestId('call-retrieve').isDisabled()).toBe(true);
    expect(await page.getByTestId('call-complete-transfer').isDisabled()).toBe(true);
    await page.getByTestId('call-hold').click();
    await page.getByTestId('call-state').getByText('On hold').waitFor(step);
    expect(await page.getByTestId('call-hold').isDisabled()).toBe(true);
    await page.keyboard.press('Alt+KeyH');
    await page.getByTestId('call-state').getByText('Talking').waitFor(step);
    await page.getByTestId('call-transfer').click();
    await page.getByTestId('transfer-picker').getByText('Complaints 投诉').waitFor(step);
    await page.keyboard.press('Escape');
    await page.getByTestId('transfer-picker').waitFor({ state: 'hidden', ...step });
    await page.screenshot({ path: `${screenshotDir}/agent-call.en.png` });

    // Hanging up ends the customer's call and starts wrap-up.
    await page.getByTestId('call-hangup').click();
    await caller;
    await page.getByTestId('wrapup-countdown').waitFor(step);
    await page.keyboard.press('Alt+KeyD');
    await page.getByTestId('agent-state').getByText('Available').waitFor(step);
    await ctx.close();
    expect(problems).toEqual([]);
  });
});
