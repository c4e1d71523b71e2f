/**
 * The Webhooks admin section in Chromium against a demo center and a real local receiver: an
 * administrator subscribes the receiver, sees the secret once, sends a test event (the receiver
 * verifies its signature with that secret), sees it delivered in the log and replays it (same
 * event id again). Screenshots in en and zh-CN; no console errors.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startWebApp, type WebApp } from '../support/web-app.ts';
import {
  receiverVerifies,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../support/webhook-receiver.ts';

const step = { timeout: 10_000 };

/** A screenshot once the modal's opening animation has settled. */
async function settledShot(w: WebApp, page: Page, name: string): Promise<void> {
  await page.waitForTimeout(400);
  await w.shot(page, name);
}

async function until(what: string, ok: () => boolean, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!ok()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('webhooks admin section', () => {
  let w: WebApp;
  let rx: WebhookReceiver;
  let page: Page;

  async function openSection(p: Page): Promise<void> {
    await p.getByTestId('nav-admin').click();
    await p.getByTestId('admin-menu-webhooks').click();
    await p.getByTestId('section-webhooks').waitFor(step);
  }

  beforeAll(async () => {
    rx = await startWebhookReceiver();
    w = await startWebApp();
    page = await w.open('admin', 'en');
    page.setDefaultTimeout(10_000);
    await openSection(page);
  }, 90_000);
  afterAll(async () => {
    await w?.close();
    await rx?.close();
  });

  it('creates a webhook, shows its secret once, tests, logs and replays', async () => {
    await page.getByTestId('webhooks-create').click();
    await page.getByTestId('webhook-name').fill('BOSS e2e');
    // A mistake is shown at the field before anything is sent.
    await page.getByTestId('webhook-url').fill('ftp://boss.example/');
    await page.getByTestId('webhook-form-save').click();
    await page.getByText('Enter an http:// or https:// URL').waitFor(step);
    await page.getByTestId('webhook-url').fill(`${rx.url}/e2e`);
    await page.getByTestId('webhook-event-types').click();
    await page.keyboard.type('customer.*');
    await page.keyboard.press('Enter');
    await page.getByTestId('webhook-name').click(); // closes the picker
    await page.getByTestId('webhook-form-save').click();

    const secretEl = page.getByTestId('webhook-secret');
    await secretEl.waitFor(step);
    const secret = (await secretEl.textContent())?.trim() ?? '';
    expect(secret).toMatch(/^whsec_/);
    await settledShot(w, page, 'webhooks-secret-en');
    await page.getByTestId('webhook-secret-close').click();
    await secretEl.waitFor({ state: 'hidden', ...step });

    const hooks = await w.center.services.webhooks.list();
    const hook = hooks.find((h) => h.name === 'BOSS e2e')!;
    expect(hook).toMatchObject({ url: `${rx.url}/e2e`, eventTypes: ['case.*', 'customer.*'] });
    // Shown once: the list carries only a hint.
    expect(await page.getByTestId('section-webhooks').textContent()).not.toContain(secret);

    await page.getByTestId(`webhook-test-${hook.id}`).click();
    await until('the test event', () => rx.received.length === 1);
    const got = rx.received[0]!;
    expect(got.type).toBe('webhook.test');
    const nowSec = Math.floor(Date.now() / 1000);
    expect(receiverVerifies(secret, got.headers['kefu-signature'], got.body, nowSec)).toBe(true);

    await page.getByTestId(`webhook-log-${hook.id}`).click();
    const delivered = page.getByTestId('delivery-delivered');
    await delivered.first().waitFor(step);
    await delivered.first().locator('.ant-table-row-expand-icon').click();
    await page.getByText('Answer / error').waitFor(step);
    await settledShot(w, page, 'webhooks-log-en');

    const [d] = (await w.center.services.webhooks.deliveries(hook.id, {}, { limit: 5, offset: 0 }))
      .items;
    await page.getByTestId(`delivery-replay-${d!.id}`).click();
    await until('the replay', () => rx.received.length === 2);
    expect(rx.received[1]!.eventId).toBe(got.eventId);
    await page.getByTestId('delivery-delivered').nth(1).waitFor(step);
  }, 60_000);

  it('shows the section and the log in Chinese', async () => {
    const zh = await w.open('admin', 'zh-CN');
    await openSection(zh);
    await zh.getByText('Webhook 推送').first().waitFor(step);
    const hook = (await w.center.services.webhooks.list())[0]!;
    await zh.getByTestId(`webhook-log-${hook.id}`).click();
    await zh.getByText('已送达').first().waitFor(step);
    await settledShot(w, zh, 'webhooks-log-zh');
    expect(w.problems).toEqual([]);
  }, 60_000);
});
