/**
 * The web app in a real browser against a real center: a demo center on a fresh PGlite store
 * (with its switch or text channels when a test asks),
 * Chromium at 1366×768, a page per user with every console error and page error collected (the
 * tests require none), and screenshots written to test-results/screenshots (CI keeps them).
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startCenter, type Center, type CenterOptions } from '../../src/main.ts';
import pino from 'pino';
import type { VoiceOptions } from '../../src/voice/center/start-voice.ts';
import { hostAddress } from './baresip.ts';
import { launchChromium } from './chromium.ts';
import { openAllDay } from './telephony.ts';
import { openTestStore } from './test-stores.ts';

export const screenshotDir = join(import.meta.dirname, '../../test-results/screenshots');

export interface WebApp {
  readonly center: Center;
  readonly browser: Browser;
  /** Console errors and page errors seen so far, per page label. */
  readonly problems: string[];
  /** A logged-in page for a demo user, in the given language. */
  open(username: string, lang?: 'zh-CN' | 'en'): Promise<Page>;
  shot(page: Page, name: string): Promise<void>;
  close(): Promise<void>;
}

/** With `voice`, the center runs its switch too (open all day) for tests with real calls. */
export async function startWebApp(
  o: {
    voice?: Pick<VoiceOptions, 'rtpPorts' | 'digestAlgorithms'>;
    /** Text channels (SMTP, SMPP, fax gateway) for tests with real mail and SMS peers. */
    channels?: CenterOptions['channels'];
    addresses?: CenterOptions['addresses'];
    /** Where recordings go (default ./data, the working directory's). */
    dataDir?: string;
  } = {},
): Promise<WebApp> {
  mkdirSync(screenshotDir, { recursive: true });
  const store = await openTestStore('pglite');
  const center = await startCenter({
    store,
    port: 0,
    host: '127.0.0.1',
    demo: true,
    ...(o.channels ? { channels: o.channels } : {}),
    ...(o.addresses ? { addresses: o.addresses } : {}),
    ...(o.dataDir ? { dataDir: o.dataDir } : {}),
    ...(o.voice
      ? {
          logger: pino({ level: 'silent' }),
          voice: {
            sipPort: 0,
            publicAddress: hostAddress(),
            bindAddress: '0.0.0.0',
            announceEverySeconds: 60,
            ...o.voice,
          },
        }
      : {}),
  });
  if (o.voice) await openAllDay(center);
  const browser = await launchChromium();
  const contexts: BrowserContext[] = [];
  const problems: string[] = [];
  const app: WebApp = {
    center,
    browser,
    problems,
    async open(username, lang = 'zh-CN') {
      const ctx = await browser.newContext({
        viewport: { width: 1366, height: 768 },
        locale: lang,
      });
      contexts.push(ctx);
      // The first visit starts in `lang`; a switch made on the page survives reloads.
      await ctx.addInitScript(
        `if (!localStorage.getItem('kefu.lang')) localStorage.setItem('kefu.lang', ${JSON.stringify(lang)});`,
      );
      const page = await ctx.newPage();
      page.on('console', (m) => {
        if (m.type() === 'error') problems.push(`${username}: console: ${m.text()}`);
      });
      page.on('pageerror', (e) => problems.push(`${username}: page error: ${e.message}`));
      await page.goto(`${center.url}/login`);
      await page.getByTestId('login-username').fill(username);
      await page.getByTestId('login-password').fill('kefu-demo');
      await page.getByTestId('login-submit').click();
      await page.getByTestId('whoami').waitFor({ timeout: 15_000 });
      return page;
    },
    async shot(page, name) {
      await page.screenshot({ path: join(screenshotDir, `${name}.png`) });
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await center.close();
      await store.close();
    },
  };
  return app;
}
