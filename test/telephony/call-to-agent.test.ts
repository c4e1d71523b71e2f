/**
 * A call end to end with real peers: SIPp calls 10086, hears the IVR, presses 2 (RFC 4733),
 * waits in the complaints queue; the router picks the agent, whose baresip phone (registered
 * with digest auth) rings and answers; audio flows both ways and is recorded in two channels;
 * the caller hangs up; the contact, the events and the agent's wrap-up are right.
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/app/app-context.ts';
import type { Store } from '../../src/app/ports/store.ts';
import { DeviceService } from '../../src/app/voice/device-service.ts';
import { bootstrapCenter } from '../../src/app/seed/bootstrap.ts';
import { readWav } from '../../src/voice/media/wav.ts';
import { startCenter, type Center } from '../../src/main.ts';
import { hostAddress, startBaresip, type Baresip } from '../support/baresip.ts';
import { listenToCallers } from '../support/leg-listener.ts';
import { runSipp, scenarioPath } from '../support/sipp.ts';
import { openAllDay, apiToken, waitForEvent } from '../support/telephony.ts';
import { openTestStore } from '../support/test-stores.ts';

const rms = (x: Int16Array) => Math.sqrt(x.reduce((s, v) => s + v * v, 0) / Math.max(1, x.length));

/** Longest run of samples where both channels are exactly zero. */
const longestSilence = (a: Int16Array, b: Int16Array): number => {
  let best = 0;
  let run = 0;
  for (let i = 0; i < a.length; i++) {
    run = a[i] === 0 && b[i] === 0 ? run + 1 : 0;
    best = Math.max(best, run);
  }
  return best;
};

describe('a call from the trunk to an agent’s phone', () => {
  let store: Store;
  let center: Center;
  let phone: Baresip | undefined;
  let agentId: string;
  let recordings: string;
  const host = hostAddress();

  beforeAll(async () => {
    store = await openTestStore('pglite');
    await bootstrapCenter(store);
    recordings = mkdtempSync(join(tmpdir(), 'kefu-rec-'));
    center = await startCenter({
      store,
      port: 0,
      host: '127.0.0.1',
      demo: true,
      voice: {
        sipPort: 0,
        publicAddress: host,
        bindAddress: '0.0.0.0',
        rtpPorts: { min: 34_000, max: 34_998 },
        recordingsDir: recordings,
        digestAlgorithms: ['MD5'],
        announceEverySeconds: 20,
      },
    });
    const s = center.services;
    // The demo office calendar follows Shanghai office hours; the test must not depend on the clock.
    await openAllDay(center);
    await s.routingConfig.createQueue(systemActor, {
      name: 'Complaints (test)',
      targetExpression: 'true',
      reservationTimeoutSeconds: 20,
      wrapUpSeconds: 60,
    });
    const agent = await s.org.createUser(systemActor, {
      username: 'phone-agent',
      password: 'agent-password',
      role: 'agent',
    });
    agentId = agent.id;
    await new DeviceService({
      store,
      clock: s.clock,
      ids: { newId: () => 'x' },
      config: { timeZone: 'Asia/Shanghai', defaultCountryCode: '86' },
    }).upsert(systemActor, { extension: '8001', password: 'phone-8001-pass' });
  }, 60_000);

  const tokenOf = (username: string, password: string) => apiToken(center, username, password);

  afterAll(async () => {
    await phone?.stop();
    await center?.close();
    await store?.close();
    rmSync(recordings, { recursive: true, force: true });
  });

  it('rings the agent the router picked, bridges, records, and wraps up', async () => {
    const s = center.services;
    const sw = center.voice!.sw;
    phone = await startBaresip({
      extension: '8001',
      password: 'phone-8001-pass',
      registrar: `${host}:${sw.sipPort}`,
    });
    expect(await sw.phoneOf('8001')).not.toBeNull();
    // The phone answers the switch's OPTIONS probe; the device list shows where it registered.
    await sw.qualifier.run();
    const devices = await fetch(`${center.url}/api/devices`, {
      headers: { authorization: `Bearer ${await tokenOf('admin', 'kefu-demo')}` },
    });
    const list = (await devices.json()) as {
      extension: string;
      registrations: { reachable: boolean; userAgent: string; source: string }[];
    }[];
    const reg = list.find((d) => d.extension === '8001')!.registrations;
    expect(reg).toHaveLength(1);
    expect(reg[0]).toMatchObject({ reachable: true, source: expect.stringContaining(host) });
    expect(reg[0]!.userAgent).toMatch(/baresip/i);
    const agent = {
      id: agentId,
      username: 'phone-agent',
      role: 'agent' as const,
      teamIds: [],
      customerId: null,
      ip: null,
    };
    await s.router.login(agent, { extension: '8001' });
    // The demo center knows this caller (刘洋 Liu Yang).
    const customer = (await store.customers.getByMsisdn('8613900139000'))!;
    const startSeq = await store.events.lastSeq();

    const heard = listenToCallers(sw);
    const running = runSipp({
      target: `${host}:${sw.sipPort}`,
      host,
      scenario: scenarioPath('caller-complaint.xml'),
      extra: ['-rtp_echo'],
      timeoutMs: 40_000,
    });
    // Once the agent has answered, the agent pauses the recording (a card number is being read
    // out) and the supervisor resumes it 1.5 s later.
    const agentToken = await tokenOf('phone-agent', 'agent-password');
    const supervisorToken = await tokenOf('lina', 'kefu-demo');
    await waitForEvent(store, startSeq, 'call.answered');
    const contactOfCall = (
      await store.contacts.list({ customerId: customer.id }, { limit: 1, offset: 0 })
    ).items[0]!.id;
    const control = (token: string, action: string) =>
      fetch(`${center.url}/api/contacts/${contactOfCall}/recording/${action}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}` },
      });
    expect((await control(agentToken, 'pause')).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1500));
    expect((await control(supervisorToken, 'resume')).status).toBe(200);

    const call = await running;
    expect(call.code, call.out.slice(-2000)).toBe(0);
    heard.stop();
    // The caller heard the welcome prompt before pressing 2 (2 s in): ≥ 1 s of non-silent packets.
    expect(heard.between(0, 2)).toBeGreaterThan(50);
    // Nothing to pause once the call is over.
    const late = await control(agentToken, 'pause');
    expect(late.status).toBe(409);
    expect(((await late.json()) as { code: string }).code).toBe('call.not_active');
    // Let the hang-up settle (wrap-up, recording header).
    await new Promise((r) => setTimeout(r, 1500));

    const contacts = await store.contacts.list(
      { customerId: customer.id },
      { limit: 5, offset: 0 },
    );
    const contact = contacts.items[0]!;
    expect(contact).toMatchObject({
      channel: 'voice',
      direction: 'inbound',
      from: '8613900139000',
      to: '10086',
      agentId,
    });
    for (const t of ['queuedAt', 'offeredAt', 'answeredAt', 'endedAt'] as const)
      expect(contact[t], t).toBeInstanceOf(Date);
    expect(contact.queuedAt!.getTime()).toBeLessThanOrEqual(contact.offeredAt!.getTime());
    expect(contact.offeredAt!.getTime()).toBeLessThanOrEqual(contact.answeredAt!.getTime());
    expect(contact.answeredAt!.getTime()).toBeLessThanOrEqual(contact.endedAt!.getTime());
    expect(contact.ivrData['ivr.path']).toContain('complaint');

    const events = (await store.events.after(startSeq, 500, null)).filter(
      (e) => e.subjectId === contact.taskId || e.subjectType === 'call',
    );
    const types = events.map((e) => e.type);
    for (const t of [
      'task.created',
      'task.reserved',
      'call.offered',
      'task.assigned',
      'call.answered',
      'call.ended',
      'task.wrapping',
    ])
      expect(types, t).toContain(t);
    const pop = events.find((e) => e.type === 'call.offered')!;
    expect(pop.payload).toMatchObject({
      customer: { id: customer.id, name: customer.name },
      caller: '8613900139000',
    });
    expect(pop.scope.userIds).toEqual([agentId]);
    expect(s.router.agentSession(agentId)).toMatchObject({ state: 'wrapup' });

    // Two-channel recording: the caller (echoing what it heard) and the agent's 440 Hz tone.
    const file = center.services.recordings.pathFor(contact.recordingId!);
    expect(existsSync(file)).toBe(true);
    const wav = readWav(readFileSync(file));
    expect(wav.channels).toBe(2);
    expect(wav.samples[0]!.length).toBeGreaterThan(8000 * 2);
    expect(rms(wav.samples[0]!)).toBeGreaterThan(100);
    expect(rms(wav.samples[1]!)).toBeGreaterThan(100);
    // The paused stretch is silent on both channels and as long as the pause (±0.3 s).
    const silentRun = longestSilence(wav.samples[0]!, wav.samples[1]!);
    expect(silentRun / 8000).toBeGreaterThan(1.2);
    expect(silentRun / 8000).toBeLessThan(1.8);
    const pauses = events.filter((e) => e.type.startsWith('call.recording_'));
    expect(pauses.map((e) => e.type)).toEqual(['call.recording_paused', 'call.recording_resumed']);

    // The recording downloads through the API.
    const dl = await fetch(`${center.url}/api/contacts/${contact.id}/recording`, {
      headers: { authorization: `Bearer ${supervisorToken}` },
    });
    expect(dl.status).toBe(200);
    expect(dl.headers.get('content-type')).toBe('audio/wav');
    expect(Buffer.from(await dl.arrayBuffer()).equals(readFileSync(file))).toBe(true);

    // The recordings search finds the call with its queue, length, size and the paused span,
    // and the waveform is flat over that span.
    const found = await fetch(`${center.url}/api/recordings?customer=${customer.id}`, {
      headers: { authorization: `Bearer ${supervisorToken}` },
    });
    const rows = ((await found.json()) as { items: Record<string, unknown>[] }).items;
    expect(rows).toHaveLength(1);
    const row = rows[0] as {
      contactId: string;
      queueId: string | null;
      durationMs: number;
      sizeBytes: number;
      pauses: { fromMs: number; toMs: number }[];
    };
    expect(row).toMatchObject({ contactId: contact.id, agentId, sizeBytes: statSync(file).size });
    expect(row.queueId).not.toBeNull();
    expect(row.durationMs).toBe((wav.samples[0]!.length / 8000) * 1000);
    expect(row.pauses).toHaveLength(1);
    const span = row.pauses[0]!;
    expect((span.toMs - span.fromMs) / 1000).toBeGreaterThan(1.2);
    expect((span.toMs - span.fromMs) / 1000).toBeLessThan(1.8);
    const points = Math.round(row.durationMs / 20); // one point per 20 ms frame
    const wave = await fetch(
      `${center.url}/api/recordings/${contact.id}/waveform?points=${points}`,
      {
        headers: { authorization: `Bearer ${supervisorToken}` },
      },
    );
    const { peaks } = (await wave.json()) as { peaks: number[][] };
    const inSpan = (ch: number[]) => ch.slice(span.fromMs / 20 + 1, span.toMs / 20 - 1);
    expect(Math.max(...inSpan(peaks[0]!), ...inSpan(peaks[1]!))).toBe(0);
    expect(Math.max(...peaks[1]!)).toBeGreaterThan(0.01);
  }, 60_000);
});
