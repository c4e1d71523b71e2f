/**
 * Out through a trunk: a stored IVR flow (mapped to a number) transfers the caller to an outside
 * number; the switch calls it through the carrier trunk presenting the trunk's caller ID, and
 * bridges the two. SIPp plays both the caller (from the trunk) and the carrier.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/app/app-context.ts';
import type { Store } from '../../src/app/ports/store.ts';
import { bootstrapCenter } from '../../src/app/seed/bootstrap.ts';
import { startCenter, type Center } from '../../src/main.ts';
import { DeviceService } from '../../src/app/voice/device-service.ts';
import { decodeMulaw } from '../../src/voice/media/g711.ts';
import { hostAddress, startBaresip, type Baresip } from '../support/baresip.ts';
import { toneShare } from '../support/tone.ts';
import { callerScenario } from '../support/sipp-caller.ts';
import { runSipp, scenarioPath } from '../support/sipp.ts';
import { waitForEvent, complaintCaller, apiToken } from '../support/telephony.ts';
import { openTestStore } from '../support/test-stores.ts';

describe('transfer out through a carrier trunk', () => {
  const host = hostAddress();
  const carrierPort = 5096;
  let store: Store;
  let center: Center;

  beforeAll(async () => {
    store = await openTestStore('pglite');
    await bootstrapCenter(store);
    center = await startCenter({
      store,
      port: 0,
      host: '127.0.0.1',
      voice: {
        sipPort: 0,
        publicAddress: host,
        bindAddress: '0.0.0.0',
        rtpPorts: { min: 36_000, max: 36_998 },
        digestAlgorithms: ['MD5'], // baresip 1.0 answers MD5 challenges only
        trunks: [
          {
            name: 'carrier',
            addresses: [host],
            outbound: { transport: 'UDP', address: host, port: carrierPort },
            callerId: '4008001000',
          },
        ],
      },
    });
    const flows = center.services.ivrFlows;
    await flows.publish(systemActor, {
      id: 'xfer',
      name: 'Transfer to the branch office',
      language: 'zh',
      start: 'out',
      nodes: {
        out: { type: 'transfer', number: '13700001111', next: 'bye' },
        bye: { type: 'hangup' },
      },
    });
    await flows.setNumber(systemActor, '4009', 'xfer');
  }, 60_000);

  let phone: Baresip | undefined;
  afterAll(async () => {
    await phone?.stop();
    await center?.close();
    await store?.close();
  });

  it('calls the outside number with the trunk’s caller ID and bridges the caller to it', async () => {
    const sw = center.voice!.sw;
    const carrier = runSipp({
      target: '',
      scenario: scenarioPath('carrier-uas.xml'),
      host,
      localPort: carrierPort,
      extra: ['-rtp_echo'],
      timeoutMs: 40_000,
      calls: 1,
    });
    await new Promise((r) => setTimeout(r, 500));
    const caller = await runSipp({
      target: `${host}:${sw.sipPort}`,
      host,
      service: '4009',
      scenario: callerScenario({
        caller: '8613500135000',
        steps: [{ pause: 3000 }],
        end: 'hangup',
      }),
      extra: ['-rtp_echo'],
      timeoutMs: 30_000,
    });
    expect(caller.code, caller.out.slice(-1500)).toBe(0);
    const c = await carrier;
    expect(c.code, c.out.slice(-1500)).toBe(0);
    const events = await store.events.after(0, 1000, null);
    expect(events.find((e) => e.type === 'call.transferred')?.payload).toMatchObject({
      number: '13700001111',
      trunk: 'carrier',
    });
  }, 60_000);

  it('click-to-dial: rings the agent’s phone, calls the customer through the trunk, records, wraps up', async () => {
    const s = center.services;
    const sw = center.voice!.sw;
    const u = await s.org.createUser(systemActor, {
      username: 'dialer-agent',
      password: 'agent-password',
      role: 'agent',
    });
    const agent = {
      id: u.id,
      username: u.username,
      role: 'agent' as const,
      teamIds: [],
      customerId: null,
      ip: null,
    };
    await new DeviceService({
      store,
      clock: s.clock,
      ids: { newId: () => 'x' },
      config: { timeZone: 'Asia/Shanghai', defaultCountryCode: '86' },
    }).upsert(systemActor, { extension: '8041', password: 'phone-8041-pass' });
    phone = await startBaresip({
      extension: '8041',
      password: 'phone-8041-pass',
      registrar: `${host}:${sw.sipPort}`,
      toneHz: 700,
    });
    await s.router.login(agent, { extension: '8041' });
    const token = await apiToken(center, 'dialer-agent', 'agent-password');
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${center.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const carrier = runSipp({
      target: '',
      scenario: scenarioPath('carrier-uas.xml'),
      host,
      localPort: carrierPort,
      extra: ['-rtp_echo'],
      timeoutMs: 40_000,
      calls: 1,
    });
    await new Promise((r) => setTimeout(r, 500));
    const startSeq = await store.events.lastSeq();
    // What the called party heard comes back from SIPp's echo on the trunk leg.
    const heard: Int16Array[] = [];
    const unwatch = sw.onLeg((leg) => {
      if (leg.peer.port === carrierPort)
        leg.media.endpoint.onAudio((p) => heard.push(decodeMulaw(p)));
    });
    const made = await api('POST', '/api/calls', {
      number: '13700001111',
      campaignId: 'renewals-q4',
    });
    expect(made.status, await made.clone().text()).toBe(201);
    const { id } = (await made.json()) as { id: string };
    // A second call while on this one: the agent is not free.
    expect(
      (
        (await (await api('POST', '/api/calls', { number: '13700002222' })).json()) as {
          code: string;
        }
      ).code,
    ).toBe('agent.busy');
    let state = '';
    for (let i = 0; i < 100 && state !== 'established'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const got = await api('GET', `/api/calls/${id}`);
      if (got.status === 200) state = ((await got.json()) as { state: string }).state;
    }
    expect(state).toBe('established');
    await new Promise((r) => setTimeout(r, 2000));
    expect((await api('POST', `/api/calls/${id}/hangup`)).status).toBe(200);
    const c = await carrier;
    expect(c.code, c.out.slice(-1500)).toBe(0);
    unwatch();
    const pcm = new Int16Array(heard.length * 160);
    heard.forEach((h, i) => pcm.set(h.subarray(0, 160), i * 160));
    expect(toneShare(pcm.subarray(8000, 24000), 8000, 700)).toBeGreaterThan(0.3); // the agent's voice
    await new Promise((r) => setTimeout(r, 500));
    const contact = (await store.contacts.get(id))!;
    expect(contact).toMatchObject({
      direction: 'outbound',
      to: '13700001111',
      from: '4008001000',
      agentId: u.id,
    });
    expect(contact.answeredAt).toBeInstanceOf(Date);
    expect(contact.ivrData['campaignId']).toBe('renewals-q4');
    expect(contact.endedAt).toBeInstanceOf(Date);
    expect(contact.recordingId).toBeTruthy();
    // The outbound call is catalogued like an inbound one: finished, with its length and size.
    const rec = (await store.recordings.get(id))!;
    expect(rec).toMatchObject({
      recordingId: contact.recordingId,
      direction: 'outbound',
      pauses: [],
    });
    expect(rec.endedAt).toBeInstanceOf(Date);
    expect(rec.durationMs).toBeGreaterThan(1000);
    expect(rec.sizeBytes).toBe(44 + (rec.durationMs! / 20) * 640);
    expect(s.router.agentSession(u.id)?.state).toBe('wrapup');
    const types = (await store.events.after(startSeq, 500, null))
      .filter((e) => e.subjectType === 'call' && e.type !== 'call.leg_released')
      .map((e) => e.type);
    expect(types).toEqual(['call.established', 'call.released']);
  }, 60_000);

  it('blind transfer of a customer to an outside number through the trunk', async () => {
    const s = center.services;
    const day = [{ start: '00:00', end: '24:00' }];
    await s.caseConfig.createCalendar(systemActor, {
      name: 'office (test, 24x7)',
      timeZone: 'Asia/Shanghai',
      weekly: { mon: day, tue: day, wed: day, thu: day, fri: day, sat: day, sun: day },
      holidays: [],
      specialDays: [],
    });
    await s.routingConfig.createQueue(systemActor, {
      name: 'Complaints (test)',
      targetExpression: 'true',
      reservationTimeoutSeconds: 20,
      wrapUpSeconds: 5,
    });
    const agent = (await store.users.getCredentials('dialer-agent'))!.user;
    const actor = {
      id: agent.id,
      username: agent.username,
      role: 'agent' as const,
      teamIds: [],
      customerId: null,
      ip: null,
    };
    await s.router
      .setState(actor, agent.id, { state: 'available' }, 'agent')
      .catch(() => undefined);
    const token = await apiToken(center, 'dialer-agent', 'agent-password');
    const carrier = runSipp({
      target: '',
      scenario: scenarioPath('carrier-uas.xml'),
      host,
      localPort: carrierPort,
      extra: ['-rtp_echo'],
      timeoutMs: 60_000,
      calls: 1,
    });
    await new Promise((r) => setTimeout(r, 500));
    const startSeq = await store.events.lastSeq();
    const caller = complaintCaller(center, host, '8613500135000', 60_000);
    const callId = String(
      (await waitForEvent(store, startSeq, 'call.established')).payload['callId'],
    );
    const xfer = await fetch(`${center.url}/api/calls/${callId}/transfer`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ number: '13700001111' }),
    });
    expect(xfer.status, await xfer.clone().text()).toBe(200);
    let state = '';
    for (let i = 0; i < 50 && state !== 'established'; i++) {
      await new Promise((r) => setTimeout(r, 100));
      const m = await s.calls.get(systemActor, callId!).catch(() => null);
      state = m?.state ?? '';
    }
    expect(state).toBe('established');
    const model = await s.calls.get(systemActor, callId!);
    expect(model.legs.find((l) => l.state === 'established' && l.role === 'agent')?.party).toEqual({
      kind: 'number',
      number: '13700001111',
    });
    // The agent is done with it: wrap-up, while customer and outside party talk on.
    expect(s.router.agentSession(agent.id)?.state).toBe('wrapup');
    await new Promise((r) => setTimeout(r, 1000));
    await s.calls.forceRelease(systemActor, callId!);
    expect((await caller).code).toBe(0);
    const c = await carrier;
    expect(c.code, c.out.slice(-1500)).toBe(0);
    const transferred = (await store.events.after(startSeq, 500, null)).find(
      (e) => e.type === 'call.transferred',
    );
    expect(transferred?.payload).toMatchObject({ mode: 'blind' });
  }, 60_000);

  it('a blind transfer to a busy outside number puts the customer back in the queue', async () => {
    const s = center.services;
    const agent = (await store.users.getCredentials('dialer-agent'))!.user;
    const actor = {
      id: agent.id,
      username: agent.username,
      role: 'agent' as const,
      teamIds: [],
      customerId: null,
      ip: null,
    };
    await s.router
      .setState(actor, agent.id, { state: 'available' }, 'agent')
      .catch(() => undefined);
    const carrier = runSipp({
      target: '',
      scenario: scenarioPath('carrier-busy.xml'),
      host,
      localPort: carrierPort,
      timeoutMs: 30_000,
      calls: 1,
    });
    await new Promise((r) => setTimeout(r, 500));
    const startSeq = await store.events.lastSeq();
    const caller = complaintCaller(center, host, '8613500135000', 60_000);
    const callId = String(
      (await waitForEvent(store, startSeq, 'call.established')).payload['callId'],
    );
    await s.calls.transfer(actor, callId, { number: '13700009999' });
    expect((await carrier).code).toBe(0);
    // The agent wrapped up; free them so the router can give the call back.
    await new Promise((r) => setTimeout(r, 500));
    await s.router
      .setState(actor, agent.id, { state: 'available' }, 'agent')
      .catch(() => undefined);
    await waitForEvent(store, startSeq, 'call.established', { count: 2, timeoutMs: 30_000 });
    const model = await s.calls.get(systemActor, callId);
    expect(model.state).toBe('established');
    expect(model.legs.find((l) => l.role === 'agent' && l.state === 'established')?.party).toEqual({
      kind: 'user',
      userId: agent.id,
    });
    // The new task carries the mark of the failed transfer, for reports.
    const second = (await store.contacts.get(callId))!.taskId!;
    const open = s.router.openTasks().find((t) => t.id === second);
    expect(open?.attributes).toMatchObject({ transferFailed: true });
    await s.calls.forceRelease(systemActor, callId);
    expect((await caller).code).toBe(0);
  }, 60_000);
});
