/**
 * CTI with real peers: SIPp is the customer (echoing what it hears), baresip phones are agent A
 * (700 Hz "voice"), agent B (1100 Hz) and supervisor Li Na (1700 Hz). Through the API the agent
 * holds and retrieves, the supervisor listens, whispers and barges, the agent consults B and
 * makes a conference, and the supervisor releases the call. Who hears whom is checked by the
 * tones in what each party received; the events are checked in order.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { systemActor, type Actor } from '../../src/app/app-context.ts';
import type { Store } from '../../src/app/ports/store.ts';
import { bootstrapCenter } from '../../src/app/seed/bootstrap.ts';
import { DeviceService } from '../../src/app/voice/device-service.ts';
import { startCenter, type Center } from '../../src/main.ts';
import { decodeMulaw } from '../../src/voice/media/g711.ts';
import { readWav } from '../../src/voice/media/wav.ts';
import { InboundLeg } from '../../src/voice/switch/inbound-leg.ts';
import { hostAddress, startBaresip, type Baresip } from '../support/baresip.ts';
import { openAllDay, waitForEvent, complaintCaller, apiToken } from '../support/telephony.ts';
import { openTestStore } from '../support/test-stores.ts';
import { rmsOf, toneShare } from '../support/tone.ts';

const A = 700;
const B = 1100;
const S = 1700;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('call control from the desktop, with real phones', () => {
  const host = hostAddress();
  let store: Store;
  let center: Center;
  const phones: Record<string, Baresip> = {};
  const users: Record<string, Actor> = {};

  beforeAll(async () => {
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
        rtpPorts: { min: 37_000, max: 37_998 },
        digestAlgorithms: ['MD5'],
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
    const devices = new DeviceService({
      store,
      clock: s.clock,
      ids: { newId: () => 'x' },
      config: { timeZone: 'Asia/Shanghai', defaultCountryCode: '86' },
    });
    for (const [name, ext, role] of [
      ['cti-a', '8031', 'agent'],
      ['cti-b', '8032', 'agent'],
      ['cti-s', '8033', 'supervisor'],
    ] as const) {
      const u = await s.org.createUser(systemActor, {
        username: name,
        password: 'cti-password',
        role,
      });
      users[name] = { id: u.id, username: name, role, teamIds: [], customerId: null, ip: null };
      await devices.upsert(systemActor, { extension: ext, password: `phone-${ext}-pass` });
    }
    const sw = center.voice!.sw;
    for (const [name, ext, hz] of [
      ['cti-a', '8031', A],
      ['cti-b', '8032', B],
      ['cti-s', '8033', S],
    ] as const)
      phones[name] = await startBaresip({
        extension: ext,
        password: `phone-${ext}-pass`,
        registrar: `${host}:${sw.sipPort}`,
        toneHz: hz,
      });
  }, 90_000);

  afterAll(async () => {
    for (const p of Object.values(phones)) await p.stop();
    await center?.close();
    await store?.close();
  });

  const token = (username: string) => apiToken(center, username, 'cti-password');
  const post = async (tok: string, path: string, body?: unknown) => {
    const r = await fetch(`${center.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tok}`, 'content-type': 'application/json' },
      ...(body ? { body: JSON.stringify(body) } : {}),
    });
    return { status: r.status, body: (await r.json()) as Record<string, unknown> };
  };

  it('hold, monitor (listen, whisper, barge), consult, conference and release', async () => {
    const s = center.services;
    const sw = center.voice!.sw;
    await s.router.login(users['cti-a']!, { extension: '8031' });
    // What the customer heard comes back from SIPp's echo: keep it with arrival times.
    const customerHeard: { t: number; pcm: Int16Array }[] = [];
    const customerDigits: string[] = [];
    const unwatch = sw.onLeg((leg) => {
      if (!(leg instanceof InboundLeg)) return;
      leg.media.endpoint.onAudio((p) => customerHeard.push({ t: Date.now(), pcm: decodeMulaw(p) }));
      leg.on('dtmf', (d) => customerDigits.push(d));
    });
    const caller = complaintCaller(center, host, '8613900139000', 90_000);
    const startSeq = await store.events.lastSeq();
    const callId = String(
      (await waitForEvent(store, startSeq, 'call.established')).payload['callId'],
    );
    const answeredAt = Date.now();
    const at = (sec: number) => sleep(Math.max(0, answeredAt + sec * 1000 - Date.now()));
    const tA = await token('cti-a');
    const tS = await token('cti-s');
    const tB = await token('cti-b');
    await s.router.login(users['cti-b']!, { extension: '8032' });
    await s.router.login(users['cti-s']!, { extension: '8033' });
    await s.router.setState(
      users['cti-s']!,
      users['cti-s']!.id,
      { state: 'away', reason: 'training' },
      'agent',
    );

    // Illegal commands change nothing and say why.
    expect((await post(tA, `/api/calls/${callId}/retrieve`)).body['code']).toBe(
      'call.illegal_command',
    );
    expect((await post(tB, `/api/calls/${callId}/hold`)).body['code']).toBe('call.not_yours');
    expect((await post(tA, `/api/calls/${callId}/monitor`, { mode: 'listen' })).status).toBe(403);

    await at(2);
    expect((await post(tA, `/api/calls/${callId}/hold`)).body['state']).toBe('held');
    // The desktop can also send commands on its event stream.
    const ws = new WebSocket(`${center.url.replace('http', 'ws')}/api/stream?token=${tA}`);
    const replies: Record<string, unknown>[] = [];
    ws.on('message', (d) => {
      const m = JSON.parse(String(d)) as Record<string, unknown>;
      if (m['kind'] === 'result') replies.push(m);
    });
    await new Promise((r) => ws.once('open', r));
    const wsCommand = async (msg: Record<string, unknown> | string) => {
      const n = replies.length;
      ws.send(typeof msg === 'string' ? msg : JSON.stringify({ kind: 'command', ...msg }));
      for (let i = 0; i < 50 && replies.length === n; i++) await sleep(20);
      return replies[n] as { call?: { state: string }; problem?: { code: string } };
    };
    expect((await wsCommand('not json')).problem?.code).toBe('request.malformed_json');
    expect(
      (await wsCommand({ id: 'm', command: 'monitor', callId, mode: 'listen' })).problem?.code,
    ).toBe('auth.forbidden');
    await at(4);
    expect((await wsCommand({ id: 'r', command: 'retrieve', callId })).call?.state).toBe(
      'established',
    );
    ws.close();
    // The agent keys digits to the customer's side (SIPp echoes the RFC 4733 events back).
    expect((await post(tA, `/api/calls/${callId}/dtmf`, { digits: '9' })).status).toBe(200);
    await at(6);
    expect((await post(tS, `/api/calls/${callId}/monitor`, { mode: 'listen' })).status).toBe(200);
    await at(9);
    await post(tS, `/api/calls/${callId}/monitor`, { mode: 'whisper' });
    await at(11.5);
    await post(tS, `/api/calls/${callId}/monitor`, { mode: 'barge' });
    await at(14);
    expect((await post(tS, `/api/calls/${callId}/hangup`)).body['state']).toBe('established');
    const consult = await post(tA, `/api/calls/${callId}/consult`, { agentId: users['cti-b']!.id });
    expect(consult.body['state'], JSON.stringify(consult.body)).toBe('consulting');
    await at(16);
    // B is busy for the router while consulted: another call would not ring B's phone.
    const bTasks = () =>
      s.router.agentTasks(users['cti-b']!.id).filter((t) => t.state === 'assigned');
    expect(bTasks()).toHaveLength(1);
    await at(17);
    const conf = await post(tA, `/api/calls/${callId}/conference`);
    expect(conf.body['state'], JSON.stringify(conf.body)).toBe('conferenced');
    await at(20);
    // A drops B from the conference: back to a two-party call.
    const legs = (conf.body['legs'] as { id: string; party: { userId?: string } }[]) ?? [];
    const bLeg = legs.find((l) => l.party.userId === users['cti-b']!.id)!;
    const two = await post(tA, `/api/calls/${callId}/remove-party`, { legId: bLeg.id });
    expect(two.body['state'], JSON.stringify(two.body)).toBe('established');
    expect(bTasks()).toHaveLength(0); // free again once off the call
    await at(22);
    expect((await post(tS, `/api/calls/${callId}/release`)).status).toBe(200);
    const r = await caller;
    expect(r.code, r.out.slice(-1500)).toBe(0);
    unwatch();
    await sleep(1000);
    expect(customerDigits).toContain('9');
    // A released call takes no more commands.
    expect((await post(tA, `/api/calls/${callId}/hold`)).body['code']).toBe('call.not_active');

    // ── who heard whom ──
    const heardBy = (name: string) => {
      const wav = readWav(readFileSync(phones[name]!.heardWavs()[0]!));
      const ch = wav.samples[0]!;
      return (from: number, to: number) =>
        ch.subarray(Math.floor(from * wav.sampleRate), Math.floor(to * wav.sampleRate));
    };
    const customer = (from: number, to: number) => {
      const parts = customerHeard.filter(
        (p) => p.t >= answeredAt + from * 1000 && p.t < answeredAt + to * 1000,
      );
      const out = new Int16Array(parts.length * 160);
      parts.forEach((p, i) => out.set(p.pcm.subarray(0, 160), i * 160));
      return out;
    };
    const rateOf = (name: string) =>
      readWav(readFileSync(phones[name]!.heardWavs()[0]!)).sampleRate;
    const a = heardBy('cti-a');
    const ra = rateOf('cti-a');
    if (process.env['CTI_DEBUG'])
      for (let t = 0; t < 21; t += 0.5)
        console.log(
          t,
          Math.round(rmsOf(a(t, t + 0.5))),
          [A, B, S].map((f) => toneShare(a(t, t + 0.5), ra, f).toFixed(2)).join(' '),
          '| customer',
          Math.round(rmsOf(customer(t, t + 0.5))),
          [A, B, S].map((f) => toneShare(customer(t, t + 0.5), 8000, f).toFixed(2)).join(' '),
        );
    // Agent A's phone started hearing at the answer; allow for ringing/setup skew with margins.
    expect(rmsOf(a(0.5, 1.8))).toBeGreaterThan(200); // the customer (echoing A's voice)
    expect(rmsOf(a(2.6, 3.8))).toBeLessThan(60); // on hold: nothing from the customer
    expect(rmsOf(a(4.6, 5.8))).toBeGreaterThan(200); // retrieved
    expect(toneShare(customer(2.6, 3.8), 8000, A)).toBeLessThan(0.05); // customer heard music, not A
    expect(toneShare(customer(4.6, 5.8), 8000, A)).toBeGreaterThan(0.3);
    // Listen: the supervisor hears, nobody hears the supervisor.
    expect(toneShare(a(7, 8.8), ra, S)).toBeLessThan(0.02);
    expect(toneShare(customer(7, 8.8), 8000, S)).toBeLessThan(0.02);
    // Whisper: agent hears the supervisor, the customer does not.
    expect(toneShare(a(9.8, 11.3), ra, S)).toBeGreaterThan(0.1);
    expect(toneShare(customer(9.8, 11.3), 8000, S)).toBeLessThan(0.02);
    // Barge: the customer hears the supervisor too.
    expect(toneShare(customer(12.3, 13.8), 8000, S)).toBeGreaterThan(0.1);
    // Consult: A and B talk, the customer hears neither.
    expect(toneShare(a(15.2, 16.8), ra, B)).toBeGreaterThan(0.1);
    expect(
      toneShare(customer(15.2, 16.8), 8000, A) + toneShare(customer(15.2, 16.8), 8000, B),
    ).toBeLessThan(0.05);
    // B's phone (answered at ~14.3 s) heard A while consulting; the supervisor's (at ~6.3 s)
    // heard A's voice and the customer while listening.
    const b = heardBy('cti-b');
    expect(toneShare(b(0.7, 2.3), rateOf('cti-b'), A)).toBeGreaterThan(0.3);
    const sup = heardBy('cti-s');
    expect(toneShare(sup(0.7, 2.3), rateOf('cti-s'), A)).toBeGreaterThan(0.3);
    // Conference: the customer hears both agents.
    expect(toneShare(customer(18, 19.8), 8000, A)).toBeGreaterThan(0.1);
    expect(toneShare(customer(18, 19.8), 8000, B)).toBeGreaterThan(0.1);
    // B removed: the customer hears A again, and no longer B.
    expect(toneShare(customer(20.6, 21.8), 8000, A)).toBeGreaterThan(0.3);
    expect(toneShare(customer(20.6, 21.8), 8000, B)).toBeLessThan(0.05);

    // ── events, in order ──
    const types = (await store.events.after(startSeq, 1000, null))
      .filter((e) => e.subjectType === 'call' && e.type !== 'call.leg_released')
      .map((e) => e.type);
    const expected = [
      'call.established',
      'call.held',
      'call.retrieved',
      'call.ringing', // supervisor
      'call.established',
      'call.monitor_changed',
      'call.monitor_changed',
      'call.held', // consult
      'call.consulting',
      'call.ringing',
      'call.established',
      'call.conferenced',
      'call.established', // B removed
      'call.released',
    ];
    let i = 0;
    for (const t of types) if (t === expected[i]) i++;
    expect(types.slice(types.indexOf('call.established')), 'events in order').toEqual(
      expect.arrayContaining(expected),
    );
    expect(i, `in order: ${types.join(', ')}`).toBe(expected.length);
    // Everyone's phone was hung up; the agents go to wrap-up or become free again.
    await sleep(500);
    expect(sw.activeLegs).toBe(0);
  }, 120_000);

  it('blind transfer to an agent, consult and complete, consult and cancel', async () => {
    const s = center.services;
    const sw = center.voice!.sw;
    const [a, b, sup] = [users['cti-a']!, users['cti-b']!, users['cti-s']!];
    await s.router.setState(b, b.id, { state: 'away', reason: 'training' }, 'agent');
    await s.router.setState(a, a.id, { state: 'available' }, 'agent').catch(() => undefined);
    const customerHeard: { t: number; pcm: Int16Array }[] = [];
    const unwatch = sw.onLeg((leg) => {
      if (leg instanceof InboundLeg)
        leg.media.endpoint.onAudio((p) =>
          customerHeard.push({ t: Date.now(), pcm: decodeMulaw(p) }),
        );
    });
    const startSeq = await store.events.lastSeq();
    const caller = complaintCaller(center, host, '8613800138000', 90_000);
    const callId = String(
      (await waitForEvent(store, startSeq, 'call.established')).payload['callId'],
    );
    const t0 = Date.now();
    const at = (sec: number) => sleep(Math.max(0, t0 + sec * 1000 - Date.now()));
    const [tA, tB, tS] = [await token('cti-a'), await token('cti-b'), await token('cti-s')];
    await s.router.setState(b, b.id, { state: 'available' }, 'agent');

    await at(2);
    const blind = await post(tA, `/api/calls/${callId}/transfer`, { agentId: b.id });
    expect(blind.status, JSON.stringify(blind.body)).toBe(200);
    // A is off the call at once; the transfer target is not A's to command any more.
    expect((await post(tA, `/api/calls/${callId}/hold`)).body['code']).toBe('call.not_yours');
    await at(5);
    await s.router.setState(sup, sup.id, { state: 'available' }, 'agent');
    expect(
      (await post(tB, `/api/calls/${callId}/consult`, { agentId: sup.id })).body['state'],
    ).toBe('consulting');
    await at(7);
    const done = await post(tB, `/api/calls/${callId}/complete-transfer`);
    expect(done.body['state'], JSON.stringify(done.body)).toBe('established');
    await at(9);
    expect((await post(tS, `/api/calls/${callId}/consult`, { agentId: a.id })).body['state']).toBe(
      'consulting',
    );
    await at(11);
    expect((await post(tS, `/api/calls/${callId}/cancel-consult`)).body['state']).toBe(
      'established',
    );
    await at(13);
    expect((await post(tS, `/api/calls/${callId}/hangup`)).status).toBe(200);
    const r = await caller;
    expect(r.code, r.out.slice(-1500)).toBe(0);
    unwatch();

    const heard = (from: number, to: number) => {
      const parts = customerHeard.filter((p) => p.t >= t0 + from * 1000 && p.t < t0 + to * 1000);
      const out = new Int16Array(parts.length * 160);
      parts.forEach((p, i) => out.set(p.pcm.subarray(0, 160), i * 160));
      return out;
    };
    const share = (from: number, to: number, hz: number) => toneShare(heard(from, to), 8000, hz);
    expect(share(0.3, 1.8, A)).toBeGreaterThan(0.3); // agent A
    expect(share(3.2, 4.8, B)).toBeGreaterThan(0.3); // B after the blind transfer
    expect(share(5.5, 6.8, B) + share(5.5, 6.8, S)).toBeLessThan(0.05); // on hold while B consults
    expect(share(7.5, 8.8, S)).toBeGreaterThan(0.3); // the supervisor took the call
    expect(share(9.5, 10.8, S) + share(9.5, 10.8, A)).toBeLessThan(0.05); // on hold again
    expect(share(11.5, 12.8, S)).toBeGreaterThan(0.3); // back with the supervisor

    const events = (await store.events.after(startSeq, 1000, null)).filter(
      (e) =>
        e.subjectType === 'call' && e.type.startsWith('call.') && e.type !== 'call.leg_released',
    );
    const types = events.map((e) => e.type);
    const expected = [
      'call.established',
      'call.transferred',
      'call.ringing',
      'call.established',
      'call.held',
      'call.consulting',
      'call.ringing',
      'call.established',
      'call.transferred',
      'call.held',
      'call.consulting',
      'call.ringing',
      'call.established',
      'call.consult_canceled',
      'call.retrieved',
      'call.released',
    ];
    let i = 0;
    for (const t of types) if (t === expected[i]) i++;
    expect(i, `in order: ${types.join(', ')}`).toBe(expected.length);
    const transfers = events
      .filter((e) => e.type === 'call.transferred')
      .map((e) => e.payload['mode']);
    expect(transfers).toEqual(['router', 'consult']);
    // The router's view follows: B's task went to the supervisor, who now wraps up.
    await sleep(500);
    expect(s.router.agentSession(sup.id)?.state).toBe('wrapup');
    expect(sw.activeLegs).toBe(0);
  }, 120_000);

  it('reconciles: a voice task with no call behind it stops holding its agent', async () => {
    const s = center.services;
    const [b, sup] = [users['cti-b']!, users['cti-s']!];
    if (!s.router.agentSession(b.id)) await s.router.login(b, { extension: '8032' });
    if (!s.router.agentSession(sup.id)) await s.router.login(sup, { extension: '8033' });
    await s.router.setState(b, b.id, { state: 'available' }, 'agent').catch(() => undefined);
    await s.router.setState(sup, sup.id, { state: 'away', reason: 'training' }, 'agent');
    // As if the switch had crashed mid-call: the router still has B on a call nobody has.
    const ghost = await s.router.submit(systemActor, {
      channel: 'voice',
      attributes: { callId: 'ghost-call@lost' },
      agentId: b.id,
    });
    expect(ghost.state).toBe('reserved');
    await s.router.accept(b, ghost.reservationId!);
    const waiting = await s.router.submit(systemActor, {
      channel: 'voice',
      attributes: { callId: 'gone-caller@lost' },
      agentId: sup.id, // away: the task waits
    });
    expect(waiting.state).toBe('pending');
    const repairs = await center.voice!.center.reconcile(0);
    expect(repairs).toEqual(
      expect.arrayContaining([
        { kind: 'stale_task_wrapped', taskId: ghost.id, agentId: b.id },
        { kind: 'orphan_task_canceled', taskId: waiting.id, agentId: null },
      ]),
    );
    // B no longer holds the ghost call (wrap-up, then free by the queue's wrap-up setting).
    expect(s.router.agentTasks(b.id).find((t) => t.id === ghost.id)?.state ?? 'gone').not.toBe(
      'assigned',
    );
    expect(['wrapup', 'available']).toContain(s.router.agentSession(b.id)?.state);
    expect(s.router.openTasks().find((t) => t.id === waiting.id)).toBeUndefined();
    // Nothing left to repair.
    expect(await center.voice!.center.reconcile(0)).toEqual([]);
  }, 30_000);
});
