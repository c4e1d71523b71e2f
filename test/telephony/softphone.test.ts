/**
 * The browser softphone end to end: headless Chromium (fake microphone) runs kefu's softphone
 * script logged in as an agent without a desk phone; SIPp calls 10086 and queues; the router
 * picks the agent, the page rings and answers over WebRTC; audio flows both ways, the agent's
 * DTMF reaches the customer, a page reload keeps the call, and the agent hangs up from the page.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { systemActor } from '../../src/app/app-context.ts';
import type { Store } from '../../src/app/ports/store.ts';
import { bootstrapCenter } from '../../src/app/seed/bootstrap.ts';
import { startCenter, type Center } from '../../src/main.ts';
import { InboundLeg } from '../../src/voice/switch/inbound-leg.ts';
import { hostAddress } from '../support/baresip.ts';
import { launchChromium } from '../support/chromium.ts';
import { openAllDay, waitForEvent, complaintCaller, apiToken } from '../support/telephony.ts';
import { openTestStore } from '../support/test-stores.ts';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const script = new URL('../../web/public/softphone.js', import.meta.url).pathname;

describe('browser softphone', () => {
  const host = hostAddress();
  let store: Store;
  let center: Center;
  let browser: Browser;
  let token: string;

  beforeAll(async () => {
    browser = await launchChromium();
    store = await openTestStore('pglite');
    await bootstrapCenter(store);
    center = await startCenter({
      store,
      port: 0,
      host: '127.0.0.1',
      demo: true,
      voice: {
        sipPort: 0,
        publicAddress: host,
        bindAddress: '0.0.0.0',
        rtpPorts: { min: 38_000, max: 38_498 },
        announceEverySeconds: 60,
      },
    });
    const s = center.services;
    await openAllDay(center);
    await s.routingConfig.createQueue(systemActor, {
      name: 'Complaints (test)',
      targetExpression: 'true',
      reservationTimeoutSeconds: 20,
      wrapUpSeconds: 5,
    });
    await s.org.createUser(systemActor, {
      username: 'web-agent',
      password: 'web-password',
      role: 'agent',
    });
    token = await apiToken(center, 'web-agent', 'web-password');
    const session = await fetch(`${center.url}/api/agent/session`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ softphone: true }),
    });
    expect(session.status, await session.text()).toBeLessThan(300);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await center?.close();
    await store?.close();
  });

  const openPhone = async (page: Page, as = token) => {
    await page.goto(center.url);
    await page.addScriptTag({ path: script });
    await page.evaluate(
      `(async () => {
        window.phone = new KefuSoftphone({ token: ${JSON.stringify(as)}, autoAnswer: true });
        await window.phone.connect();
      })()`,
    );
  };
  const stats = (page: Page) =>
    page.evaluate(`window.phone.stats()`) as Promise<{
      packetsReceived: number;
      packetsSent: number;
      audioEnergy: number;
    }>;

  it('rings the page, talks both ways, sends DTMF, survives a reload, hangs up', async () => {
    const sw = center.voice!.sw;
    const page = await browser.newPage();
    await openPhone(page);
    const fromCustomer: number[] = [];
    const customerDigits: string[] = [];
    const unwatch = sw.onLeg((leg) => {
      if (!(leg instanceof InboundLeg)) return;
      leg.on('dtmf', (d) => customerDigits.push(d));
      leg.media.endpoint.onAudio((p) => {
        if (p.some((b) => b !== 0xff && b !== 0x7f)) fromCustomer.push(Date.now());
      });
    });
    const startSeq = await store.events.lastSeq();
    const caller = complaintCaller(center, host, '8613900139000', 60_000);
    const callId = String(
      (await waitForEvent(store, startSeq, 'call.established')).payload['callId'],
    );
    const established = Date.now();
    await sleep(3000);
    const first = await stats(page);
    expect(first.packetsReceived).toBeGreaterThan(100); // the customer (echoing the agent)
    expect(first.packetsSent).toBeGreaterThan(100);
    expect(first.audioEnergy).toBeGreaterThan(0);
    // The customer heard the agent's microphone (SIPp echoes it back to us).
    expect(fromCustomer.filter((t) => t > established).length).toBeGreaterThan(20);

    await page.evaluate(`window.phone.sendDtmf('7')`);
    await sleep(1500);
    expect(customerDigits).toContain('7');

    // A reload: the page comes back and the call goes on over a new peer connection.
    await page.reload();
    await page.addScriptTag({ path: script });
    await page.evaluate(
      `(async () => {
        window.phone = new KefuSoftphone({ token: ${JSON.stringify(token)} });
        await window.phone.connect();
      })()`,
    );
    await sleep(3000);
    const again = await stats(page);
    expect(again.packetsReceived).toBeGreaterThan(50);
    const call = await fetch(`${center.url}/api/calls/${callId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(((await call.json()) as { state: string }).state).toBe('established');

    await page.evaluate(`window.phone.hangup()`);
    const r = await caller;
    expect(r.code, r.out.slice(-1500)).toBe(0);
    unwatch();
    const types = (await store.events.after(startSeq, 500, null))
      .filter((e) => e.subjectType === 'call')
      .map((e) => e.type);
    expect(types).toEqual(
      expect.arrayContaining(['call.offered', 'call.established', 'call.released']),
    );
    await page.close();
  }, 90_000);

  it('rings a supervisor’s browser softphone to listen in, then whisper', async () => {
    await center.services.org.createUser(systemActor, {
      username: 'web-sup',
      password: 'web-password',
      role: 'supervisor',
    });
    const sup = await apiToken(center, 'web-sup', 'web-password');
    const call = (method: string, path: string, body?: unknown, as = sup) =>
      fetch(`${center.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${as}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    expect((await call('POST', '/api/agent/session', { softphone: true })).status).toBeLessThan(
      300,
    );
    // Away, so the router does not offer the supervisor customer calls.
    const reasons = (await (await call('GET', '/api/reason-codes')).json()) as {
      code: string;
      requiresApproval: boolean;
      systemOnly: boolean;
      active: boolean;
    }[];
    const reason = reasons.find((r) => r.active && !r.requiresApproval && !r.systemOnly)!;
    expect(
      (await call('PUT', '/api/agent/state', { state: 'away', reason: reason.code })).status,
    ).toBe(200);
    const agentPage = await browser.newPage();
    await openPhone(agentPage);
    const supPage = await browser.newPage();
    await openPhone(supPage, sup);
    const startSeq = await store.events.lastSeq();
    const caller = complaintCaller(center, host, '8613900139001', 60_000);
    const callId = String(
      (await waitForEvent(store, startSeq, 'call.established')).payload['callId'],
    );
    const mon = await call('POST', `/api/calls/${callId}/monitor`, { mode: 'listen' });
    expect(mon.status, await mon.text()).toBe(200);
    const supervisorLeg = async () => {
      const v = (await (await call('GET', `/api/calls/${callId}`)).json()) as {
        legs: { role: string; state: string; monitor: string | null }[];
      };
      return v.legs.find((l) => l.role === 'supervisor' && l.state !== 'released');
    };
    for (let i = 0; i < 100 && (await supervisorLeg())?.state !== 'established'; i++)
      await sleep(100);
    expect(await supervisorLeg()).toMatchObject({ state: 'established', monitor: 'listen' });
    await sleep(2000);
    // The supervisor's page hears the call.
    expect((await stats(supPage)).packetsReceived).toBeGreaterThan(50);
    expect((await call('POST', `/api/calls/${callId}/monitor`, { mode: 'whisper' })).status).toBe(
      200,
    );
    expect(await supervisorLeg()).toMatchObject({ monitor: 'whisper' });
    await agentPage.evaluate(`window.phone.hangup()`);
    expect((await caller).code).toBe(0);
    await agentPage.close();
    await supPage.close();
  }, 90_000);
});
