/**
 * The supervisor's call monitoring in Chromium with a real call: SIPp dials the demo IVR (10086,
 * 2 for complaints), agent Zhang Wei answers in the browser softphone; supervisor Li Na logs in
 * her monitoring phone (a baresip desk phone on extension 8004 that answers by itself) on the
 * Calls tab, sees the call with its agent, listens, whispers, barges in — each checked on the
 * call's legs through the API — and releases the call, which SIPp sees as a BYE. Then she
 * switches to the browser as her monitoring phone: on a second call her page answers the listen
 * ring by itself, and hanging up there ends only her leg. Screenshots in zh-CN and en; no
 * console errors anywhere.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Center } from '../../src/main.ts';
import { hostAddress, startBaresip, type Baresip } from '../support/baresip.ts';
import { apiToken, complaintCaller } from '../support/telephony.ts';
import { screenshotDir, startWebApp, type WebApp } from '../support/web-app.ts';

/** Every browser step gets at most this long (pages get it as their default timeout too). */
const step = { timeout: 10_000 };

interface Leg {
  role: string;
  state: string;
  monitor: string | null;
  party: { kind: string; userId?: string };
}
interface CallBody {
  id: string;
  state: string;
  legs: Leg[];
}

describe('supervisor monitoring a call', () => {
  const host = hostAddress();
  let w: WebApp;
  let center: Center;
  let phone: Baresip | undefined;

  beforeAll(async () => {
    w = await startWebApp({
      // baresip gives up on the SHA-256 challenge (docs/telephony.md).
      voice: { rtpPorts: { min: 43_000, max: 43_498 }, digestAlgorithms: ['MD5'] },
    });
    center = w.center;
    // Li Na's desk phone: demo extension 8004, answers by itself.
    phone = await startBaresip({
      extension: '8004',
      password: 'kefu-phone',
      registrar: `${host}:${center.voice!.sw.sipPort}`,
      toneHz: 1700,
    });
  }, 60_000);
  afterAll(async () => {
    await phone?.stop();
    await w?.close();
  });

  async function open(username: string, lang: 'zh-CN' | 'en'): Promise<Page> {
    const page = await w.open(username, lang);
    page.setDefaultTimeout(step.timeout);
    return page;
  }

  /** Polls `check` until it returns a value (not undefined), at most `ms`. */
  async function until<T>(what: string, check: () => Promise<T | undefined>, ms = 10_000) {
    const end = Date.now() + ms;
    for (;;) {
      const v = await check();
      if (v !== undefined) return v;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  it(
    'listens, whispers, barges in and releases a call from the Calls tab',
    { timeout: 150_000 },
    async () => {
      const token = await apiToken(center, 'lina', 'kefu-demo');
      const api = async (path: string) => {
        const r = await fetch(`${center.url}${path}`, {
          headers: { authorization: `Bearer ${token}` },
        });
        return { status: r.status, body: (await r.json()) as unknown };
      };
      const linaId = (await center.services.store.users.getCredentials('lina'))!.user.id;
      const supervisorLeg = (c: CallBody) =>
        c.legs.find(
          (l) => l.role === 'supervisor' && l.state !== 'released' && l.party.userId === linaId,
        );
      /** The call's supervisor leg once it is answered and in `mode`. */
      const legIn = (id: string, mode: string) =>
        until(`the supervisor leg in ${mode}`, async () => {
          const r = await api(`/api/calls/${id}`);
          const leg = r.status === 200 ? supervisorLeg(r.body as CallBody) : undefined;
          return leg?.state === 'established' && leg.monitor === mode ? leg : undefined;
        });

      // ── the agent logs in with the browser softphone ────────────────────────────
      const agent = await open('zhangwei', 'en');
      await agent.getByTestId('agent-login').click(step);
      await agent.getByTestId('agent-login-submit').click();
      await agent.getByTestId('softphone-state').getByText('Softphone ready').waitFor(step);

      // ── the supervisor opens the Calls tab and logs in her monitoring phone ─────
      const lina = await open('lina', 'zh-CN');
      await lina.getByTestId('nav-supervisor').click();
      await lina.getByTestId('tab-calls').click();
      await lina.getByTestId('call-table').waitFor(step);
      await lina.getByTestId('call-need-phone').waitFor(step);
      await lina.getByTestId('monitor-phone-input').fill('8004');
      await lina.getByTestId('monitor-phone-login').click();
      await lina.getByTestId('monitor-phone-extension').getByText('8004').waitFor(step);
      await lina.getByTestId('call-need-phone').waitFor({ state: 'detached', ...step });
      const me = (await api('/api/agent/me')).body as {
        session: { state: string; extension: string };
      };
      // Logged in for monitoring only: away, so the router offers her no calls.
      expect(me.session).toMatchObject({ extension: '8004', state: 'away' });

      // ── a customer calls the complaints line; the agent answers in the page ─────
      const caller = complaintCaller(center, host, '8613900139000', 60_000);
      await agent.getByTestId('offer').waitFor({ timeout: 20_000 });
      await agent.getByTestId('offer-accept').click(step);
      await agent.getByTestId('call-state').getByText('Talking').waitFor(step);
      const call = await until('the established call', async () => {
        const calls = (await api('/api/calls')).body as CallBody[];
        return calls.find((c) => c.state === 'established');
      });
      const id = call.id;

      // ── the call shows with its agent; monitoring buttons follow the state ──────
      const row = lina.locator(`tr[data-row-key="${id}"]`);
      await row.waitFor(step);
      await row.getByText('张伟 Zhang Wei').waitFor(step);
      await row.getByText('通话中').waitFor(step);
      expect(await lina.getByTestId(`call-listen-${id}`).isEnabled()).toBe(true);
      expect(await lina.getByTestId(`call-release-${id}`).isEnabled()).toBe(true);

      // ── listen: her phone rings and answers; her leg listens ────────────────────
      await lina.getByTestId(`call-listen-${id}`).click();
      await legIn(id, 'listen');
      await lina.locator(`[data-testid="call-mine-${id}"][data-mode="listen"]`).waitFor(step);
      await expectDisabled(lina, `call-listen-${id}`);
      await lina.screenshot({
        path: `${screenshotDir}/supervisor-calls.zh-CN.png`,
        animations: 'disabled',
      });

      // ── whisper, then barge in: the same leg changes mode ───────────────────────
      await lina.getByTestId(`call-whisper-${id}`).click();
      await legIn(id, 'whisper');
      await lina.locator(`[data-testid="call-mine-${id}"][data-mode="whisper"]`).waitFor(step);
      await lina.getByTestId('lang').click();
      await lina.getByTitle('English').click();
      await row.getByText('Talking').waitFor(step);
      await lina.getByTestId(`call-barge-${id}`).click();
      await legIn(id, 'barge');
      await lina.locator(`[data-testid="call-mine-${id}"][data-mode="barge"]`).waitFor(step);
      await expectDisabled(lina, `call-barge-${id}`);
      // Back to listening or whispering stays possible; the call's state allows monitoring.
      expect(await lina.getByTestId(`call-listen-${id}`).isEnabled()).toBe(true);
      expect(await lina.getByTestId(`call-whisper-${id}`).isEnabled()).toBe(true);
      const legs = ((await api(`/api/calls/${id}`)).body as CallBody).legs;
      expect(legs.filter((l) => l.role === 'supervisor' && l.state !== 'released')).toHaveLength(1);
      await lina.screenshot({
        path: `${screenshotDir}/supervisor-calls.en.png`,
        animations: 'disabled',
      });

      // ── release: the call ends for everyone; the caller gets a BYE ──────────────
      await lina.getByTestId(`call-release-${id}`).click();
      await lina.locator('.ant-modal-confirm').getByRole('button', { name: 'OK' }).click(step);
      const sipp = await Promise.race([
        caller,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('SIPp did not get its BYE')), 15_000),
        ),
      ]);
      expect(sipp.code).toBe(0);
      await until('the call to be gone', async () => {
        const r = await api(`/api/calls/${id}`);
        return r.status !== 200 || (r.body as CallBody).state === 'released' ? true : undefined;
      });
      await row.waitFor({ state: 'detached', ...step });
      await agent.getByTestId('wrapup-countdown').waitFor(step);
      await agent.getByTestId('wrapup-done').click();
      await agent.getByTestId('call-state').waitFor({ state: 'detached', ...step });

      // ── the browser as her monitoring phone: the listen ring answers itself ─────
      await lina.getByTestId('monitor-phone-logout').click();
      await lina.getByTestId('call-need-phone').waitFor(step);
      await lina.getByTestId('monitor-phone-browser').click();
      await lina
        .locator('[data-testid="monitor-phone-state"][data-state="idle"]')
        .waitFor({ timeout: 15_000 });
      await lina.getByTestId('call-need-phone').waitFor({ state: 'detached', ...step });
      const again = (await api('/api/agent/me')).body as {
        session: { softphone: boolean; state: string };
      };
      expect(again.session).toMatchObject({ softphone: true, state: 'away' });

      const second = complaintCaller(center, host, '8613900139000', 60_000);
      await agent.getByTestId('offer').waitFor({ timeout: 20_000 });
      await agent.getByTestId('offer-accept').click(step);
      await agent.getByTestId('call-state').getByText('Talking').waitFor(step);
      const call2 = await until('the second established call', async () => {
        const calls = (await api('/api/calls')).body as CallBody[];
        return calls.find((c) => c.state === 'established' && c.id !== id);
      });
      const row2 = lina.locator(`tr[data-row-key="${call2.id}"]`);
      await row2.waitFor(step);
      await lina.getByTestId(`call-listen-${call2.id}`).click();
      await legIn(call2.id, 'listen');
      await lina
        .locator('[data-testid="monitor-phone-state"][data-state="connected"]')
        .waitFor(step);
      await lina.screenshot({
        path: `${screenshotDir}/supervisor-softphone.en.png`,
        animations: 'disabled',
      });

      // Hanging up in her page ends only her leg; the customer and the agent talk on.
      await lina.getByTestId('monitor-phone-hangup').click();
      await until('her leg to be released', async () => {
        const c = (await api(`/api/calls/${call2.id}`)).body as CallBody;
        return c.state === 'established' && !supervisorLeg(c) ? true : undefined;
      });
      await agent.getByTestId('call-hangup').click();
      const sipp2 = await Promise.race([
        second,
        new Promise<never>((_, reject) =>
          setTimeout(() => reject(new Error('SIPp did not get its second BYE')), 15_000),
        ),
      ]);
      expect(sipp2.code).toBe(0);

      expect(w.problems).toEqual([]);
    },
  );
});

async function expectDisabled(page: Page, testId: string): Promise<void> {
  const end = Date.now() + step.timeout;
  while (!(await page.getByTestId(testId).isDisabled())) {
    if (Date.now() > end) throw new Error(`${testId} stays enabled`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
