/**
 * The Recordings page in Chromium: two recorded calls (real recorder and media clock, one with
 * a paused stretch), supervisor Li Na filters by the customer's number, plays the call — the
 * <audio> loads it with its duration and seeks where the waveform is clicked (Range requests) —
 * sees the grey paused span on the waveform, and downloads the file; the administrator sets
 * the retention and runs it. Screenshots in zh-CN and en; no console errors.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MediaClock } from '../../src/voice/rtp/media-clock.ts';
import { recordCall } from '../support/recorded-contact.ts';
import { startWebApp, type WebApp } from '../support/web-app.ts';

const step = { timeout: 10_000 };

describe('the Recordings page', () => {
  let w: WebApp;
  let dir: string;
  let pausedId = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kefu-e2e-rec-'));
    w = await startWebApp({ dataDir: dir });
    const s = w.center.services;
    const idOf = async (username: string) =>
      (await s.store.users.getCredentials(username))!.user.id;
    const customer = (await s.store.customers.getByMsisdn('8613900139000'))!;
    const media = new MediaClock();
    const today = new Date().toISOString();
    const [paused] = await Promise.all([
      recordCall(s, media, {
        agentId: await idOf('zhangwei'),
        startedAt: today,
        from: '8613900139000',
        customerId: customer.id,
        pause: [800, 1600],
        lengthMs: 2400,
      }),
      recordCall(s, media, {
        agentId: await idOf('wangfang'),
        startedAt: new Date(Date.now() - 60_000).toISOString(),
        from: '8613700137000',
        lengthMs: 600,
      }),
    ]);
    pausedId = paused.id;
  }, 60_000);
  afterAll(async () => {
    await w?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const rows = (page: Page) => page.locator('[data-testid^="rec-row-"]');

  it('filters, plays with a waveform and its paused span, seeks and downloads', async () => {
    const lina = await w.open('lina', 'zh-CN');
    lina.setDefaultTimeout(step.timeout);
    await lina.getByTestId('nav-quality').getByText('质检').click();
    await lina.getByTestId('tab-recordings').getByText('通话录音').click();
    await lina.getByTestId('rec-table').waitFor();
    await expect.poll(() => rows(lina).count(), step).toBe(2);

    await lina.getByTestId('rec-filter-customer').fill('13900139000');
    await lina.getByTestId('rec-search').click();
    await expect.poll(() => rows(lina).count(), step).toBe(1);
    await lina.getByTestId(`rec-row-${pausedId}`).waitFor();

    await lina.getByTestId(`rec-play-${pausedId}`).click();
    await lina.getByTestId('waveform').waitFor();
    expect(await lina.getByTestId('paused-span').count()).toBe(1);
    const audio = lina.getByTestId('rec-audio');
    await lina.waitForFunction(
      `document.querySelector('[data-testid="rec-audio"]').duration > 2`,
      undefined,
      step,
    );
    const duration = await audio.evaluate((a) => (a as unknown as { duration: number }).duration);
    expect(duration).toBeGreaterThan(2);
    expect(duration).toBeLessThan(3.5);

    // A click three quarters along the waveform moves the audio there (a Range request).
    const box = (await lina.getByTestId('waveform').boundingBox())!;
    await lina.mouse.click(box.x + box.width * 0.75, box.y + box.height / 2);
    await expect
      .poll(
        () => audio.evaluate((a) => (a as unknown as { currentTime: number }).currentTime),
        step,
      )
      .toBeCloseTo(duration * 0.75, 1);
    // The paused span sits where the recording was paused (0.8 s – 1.6 s of ~2.4 s).
    const span = (await lina.getByTestId('paused-span').boundingBox())!;
    expect((span.x - box.x) / box.width).toBeGreaterThan(0.2);
    expect((span.x + span.width - box.x) / box.width).toBeLessThan(0.8);
    await w.shot(lina, 'recordings-zh');

    const [download] = await Promise.all([
      lina.waitForEvent('download'),
      lina.getByTestId('rec-download').click(),
    ]);
    expect(download.suggestedFilename()).toBe(`${pausedId}.wav`);
    const saved = await readFile((await download.path())!);
    const file = await readFile(
      w.center.services.recordings.pathFor(
        `${new Date().toISOString().slice(0, 10)}/${pausedId}.wav`,
      ),
    );
    expect(saved.equals(file)).toBe(true);

    const admin = await w.open('admin', 'en');
    admin.setDefaultTimeout(step.timeout);
    await admin.getByTestId('nav-quality').getByText('Quality').click();
    await admin.getByTestId('tab-recordings').getByText('Recordings').click();
    await expect.poll(() => rows(admin).count(), step).toBe(2);
    await admin.getByTestId(`rec-play-${pausedId}`).click();
    await admin.getByTestId('paused-span').waitFor();
    // The administrator keeps recordings 30 days and runs the deletion: these are recent.
    await admin
      .locator('input[data-testid="rec-retention-days"], [data-testid="rec-retention-days"] input')
      .fill('30');
    await admin.getByTestId('rec-retention-save').click();
    await admin.getByText('Retention saved').waitFor();
    expect(await w.center.services.recordingRetention.policy()).toEqual({ days: 30 });
    await admin.getByTestId('rec-retention-run').click();
    await admin.getByText('Deleted 0 expired recording(s)').waitFor();
    expect(await rows(admin).count()).toBe(2);
    await w.shot(admin, 'recordings-en');

    // Agents open Quality for their own evaluations, but have no Recordings there.
    const agent = await w.open('zhangwei', 'en');
    await agent.getByTestId('nav-quality').click();
    await agent.getByTestId('my-evaluations').waitFor();
    expect(await agent.getByTestId('tab-recordings').count()).toBe(0);

    expect(w.problems).toEqual([]);
  }, 90_000);
});
