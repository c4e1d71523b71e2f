/**
 * More calls with real peers through the demo IVR: balance self-service, abandon while waiting,
 * a call-back request from the queue, and RONA (the first agent's phone does not answer, the
 * call goes to a second agent).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../src/app/app-context.ts';
import type { Store } from '../../src/app/ports/store.ts';
import { bootstrapCenter } from '../../src/app/seed/bootstrap.ts';
import { DeviceService } from '../../src/app/voice/device-service.ts';
import { demoBalance, demoOutageSubscriber } from '../../src/connectors/demo/demo-subscribers.ts';
import { startCenter, type Center } from '../../src/main.ts';
import { hostAddress, startBaresip, type Baresip } from '../support/baresip.ts';
import { callerScenario } from '../support/sipp-caller.ts';
import { listenToCallers } from '../support/leg-listener.ts';
import { runSipp } from '../support/sipp.ts';
import { openAllDay, apiToken, waitForEvent } from '../support/telephony.ts';
import { openTestStore } from '../support/test-stores.ts';

describe('calls through the demo IVR', () => {
  const host = hostAddress();
  let store: Store;
  let center: Center;
  let queueId: string;
  let recordings: string;
  const phones: Baresip[] = [];
  const agents: Actor[] = [];
  const caller = '8613800138000';

  beforeAll(async () => {
    store = await openTestStore('pglite');
    await bootstrapCenter(store);
    recordings = mkdtempSync(join(tmpdir(), 'kefu-rec-'));
    center = await startCenter({
      store,
      port: 0,
      host: '127.0.0.1',
      voice: {
        sipPort: 0,
        publicAddress: host,
        bindAddress: '0.0.0.0',
        rtpPorts: { min: 35_000, max: 35_998 },
        recordingsDir: recordings,
        digestAlgorithms: ['MD5'],
        announceEverySeconds: 3,
      },
      demo: true,
    });
    const s = center.services;
    // The demo office calendar follows Shanghai office hours; the test must not depend on the clock.
    await openAllDay(center);
    queueId = (
      await s.routingConfig.createQueue(systemActor, {
        name: 'Complaints (test)',
        targetExpression: 'true',
        reservationTimeoutSeconds: 4,
        wrapUpSeconds: 0,
      })
    ).id;
    const devices = new DeviceService({
      store,
      clock: s.clock,
      ids: { newId: () => 'x' },
      config: { timeZone: 'Asia/Shanghai', defaultCountryCode: '86' },
    });
    for (const [i, ext] of ['8011', '8012'].entries()) {
      const u = await s.org.createUser(systemActor, {
        username: `ivr-agent-${i}`,
        password: 'agent-password',
        role: 'agent',
      });
      agents.push({
        id: u.id,
        username: u.username,
        role: 'agent',
        teamIds: [],
        customerId: null,
        ip: null,
      });
      await devices.upsert(systemActor, { extension: ext, password: `phone-${ext}-pass` });
    }
  }, 60_000);

  afterAll(async () => {
    for (const p of phones) await p.stop();
    await center?.close();
    await store?.close();
    rmSync(recordings, { recursive: true, force: true });
  });

  const call = (
    steps: Parameters<typeof callerScenario>[0]['steps'],
    end: 'hangup' | 'await_bye' = 'hangup',
    from = caller,
  ) =>
    runSipp({
      target: `${host}:${center.voice!.sw.sipPort}`,
      host,
      scenario: callerScenario({ caller: from, steps, end }),
      extra: ['-rtp_echo'],
      timeoutMs: 60_000,
    });
  const lastContact = async () =>
    (await store.contacts.list({}, { limit: 1, offset: 0 })).items[0]!;
  const settle = () => new Promise((r) => setTimeout(r, 1500));

  it('reads the balance to the caller (self-service through the HTTP billing connector)', async () => {
    const r = await call([{ pause: 1500 }, { dtmf: '1' }, { pause: 7000 }]);
    expect(r.code, r.out.slice(-1500)).toBe(0);
    await settle();
    const c = await lastContact();
    // Looked up over HTTP at the demo operator backend that `demo: true` starts.
    const expected = demoBalance(caller);
    expect(c.ivrData['balance.amount']).toBe(expected.amount);
    expect(c.ivrData['ivr.path']).toContain('balance-say');
    expect(c.queuedAt).toBeNull();
    // The IVR logs the run for the node-visit report: key 1 at the welcome menu, then the lookup.
    const left = (await store.events.after(0, 10_000, null)).filter(
      (e) => e.type === 'ivr.left' && e.payload['contactId'] === c.id,
    );
    expect(left).toHaveLength(1);
    expect(left[0]!.payload).toMatchObject({ outcome: 'caller_hangup', segment: 1 });
    expect((left[0]!.payload['visits'] as unknown[]).slice(0, 3)).toEqual([
      { node: 'welcome', exit: '1' },
      { node: 'balance', exit: 'ok' },
      { node: 'balance-say', exit: 'next' },
    ]);
    expect(c.endedAt).toBeInstanceOf(Date);
  }, 60_000);

  it('announces an outage in the caller’s area (BOSS area, NMS outages) before queueing', async () => {
    // This demo customer lives in the demo operator's outage area; the usual caller does not.
    const r = await call(
      [{ pause: 1500 }, { dtmf: '2' }, { pause: 11_000 }],
      'hangup',
      demoOutageSubscriber,
    );
    expect(r.code, r.out.slice(-1500)).toBe(0);
    await settle();
    const c = await lastContact();
    expect(c.ivrData['outage.area']).toBe('SH-PD');
    expect(c.ivrData['outage.count']).toBe('1');
    expect(c.ivrData['ivr.path']).toContain('complaint-outage-say');
    expect(c.queuedAt).toBeInstanceOf(Date);
    const plain = await call([{ pause: 1500 }, { dtmf: '2' }, { pause: 6000 }]);
    expect(plain.code, plain.out.slice(-1500)).toBe(0);
    await settle();
    const d = await lastContact();
    expect(d.ivrData['outage.count']).toBe('0');
    expect(d.ivrData['ivr.path']).not.toContain('complaint-outage-say');
  }, 60_000);

  it('counts a caller who hangs up while waiting as abandoned', async () => {
    const heard = listenToCallers(center.voice!.sw);
    const r = await call([{ pause: 1500 }, { dtmf: '2' }, { pause: 9000 }]);
    heard.stop();
    expect(r.code, r.out.slice(-1500)).toBe(0);
    // No agent is logged in: after the IVR's queue prompt, music on hold and position
    // announcements keep playing (non-silent) until the caller gives up.
    for (let s = 6; s < 10; s++) expect(heard.between(s, s + 1), `second ${s}`).toBeGreaterThan(25);
    await settle();
    const c = await lastContact();
    expect(c.queuedAt).toBeInstanceOf(Date);
    expect(c.answeredAt).toBeNull();
    const task = await store.routing.getTask(c.taskId!);
    expect(task).toMatchObject({ state: 'canceled', reason: 'caller_hung_up', queueId });
    const live = center.services.realtime.snapshot().queues.find((q) => q.queueId === queueId);
    expect(live?.abandoned).toBeGreaterThanOrEqual(1);
  }, 60_000);

  it('leaves the queue for a call-back when the caller presses 1, using the calling number', async () => {
    const r = await call(
      [
        { pause: 1500 },
        { dtmf: '2' },
        { pause: 7000 },
        { dtmf: '1' },
        { pause: 3000 },
        { info: '#' },
      ],
      'await_bye',
    );
    expect(r.code, r.out.slice(-1500)).toBe(0);
    await settle();
    const callbacks = center.services.router.openTasks().filter((t) => t.channel === 'callback');
    expect(callbacks.map((t) => t.attributes['number'])).toContain(caller);
    const c = await lastContact();
    const queued = await store.routing.getTask(c.taskId!);
    expect(queued).toMatchObject({ state: 'canceled', reason: 'caller_chose_callback' });
  }, 90_000);

  it('re-offers to a second agent when the first agent’s phone does not answer (RONA)', async () => {
    const sw = center.voice!.sw;
    phones.push(
      await startBaresip({
        extension: '8011',
        password: 'phone-8011-pass',
        registrar: `${host}:${sw.sipPort}`,
        answer: 'manual',
      }),
    );
    phones.push(
      await startBaresip({
        extension: '8012',
        password: 'phone-8012-pass',
        registrar: `${host}:${sw.sipPort}`,
        answer: 'auto',
      }),
    );
    const [first, second] = agents as [Actor, Actor];
    // Earlier tests left a call-back task waiting; it would be offered to the agents first.
    for (const t of center.services.router.openTasks())
      await center.services.router.cancel(systemActor, t.id, 'test cleanup');
    await center.services.router.login(first, { extension: '8011' });
    await new Promise((r) => setTimeout(r, 50)); // the first agent has waited longest
    await center.services.router.login(second, { extension: '8012' });
    const r = await call([{ pause: 1500 }, { dtmf: '2' }, { pause: 14_000 }]);
    expect(r.code, r.out.slice(-1500)).toBe(0);
    await settle();
    const c = await lastContact();
    expect(c).toMatchObject({ agentId: second.id });
    expect(c.answeredAt).toBeInstanceOf(Date);
    expect(center.services.router.agentSession(first.id)).toMatchObject({
      state: 'away',
      reason: 'no_answer',
    });
    const types = (await store.events.forSubject('task', c.taskId!, 50)).map(
      (e) => `${e.type}:${String(e.payload['agentId'] ?? '')}`,
    );
    expect(types).toContain(`task.offer_timed_out:${first.id}`);
    expect(types).toContain(`task.assigned:${second.id}`);
  }, 60_000);

  it('a supervisor routes a ringing call to another agent: the first phone stops ringing', async () => {
    const sw = center.voice!.sw;
    const s = center.services;
    const [first, second] = agents as [Actor, Actor];
    // The phones from the RONA test: 8011 rings without answering, 8012 answers by itself.
    for (const t of s.router.openTasks()) await s.router.cancel(systemActor, t.id, 'test cleanup');
    await s.router.setState(first, first.id, { state: 'available' }, 'supervisor');
    await s.router.setState(second, second.id, { state: 'away', reason: 'break' }, 'supervisor');
    const token = await apiToken(center, 'lina', 'kefu-demo');
    const startSeq = await store.events.lastSeq();
    const running = call([{ pause: 1500 }, { dtmf: '2' }, { pause: 9000 }]);
    const offered = {
      contactId: String((await waitForEvent(store, startSeq, 'call.offered')).payload['contactId']),
    };
    await new Promise((r) => setTimeout(r, 1000)); // the first phone is ringing
    await s.router.setState(second, second.id, { state: 'available' }, 'supervisor');
    const routed = await fetch(`${center.url}/api/calls/${offered.contactId}/route`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ agentId: second.id }),
    });
    expect(routed.status, await routed.clone().text()).toBe(200);
    const r = await running;
    expect(r.code, r.out.slice(-1500)).toBe(0);
    await settle();
    const c = (await store.contacts.get(offered.contactId))!;
    expect(c).toMatchObject({ agentId: second.id });
    expect(c.answeredAt).toBeInstanceOf(Date);
    const types = (await store.events.forSubject('task', c.taskId!, 50)).map(
      (e) => `${e.type}:${String(e.payload['agentId'] ?? '')}`,
    );
    expect(types).toContain(`task.offer_canceled:${first.id}`);
    expect(types).toContain(`task.assigned:${second.id}`);
    // The first agent was not penalised (no RONA): still available.
    expect(s.router.agentSession(first.id)?.state).toBe('available');
    expect(sw.activeLegs).toBe(0);
  }, 60_000);
});
