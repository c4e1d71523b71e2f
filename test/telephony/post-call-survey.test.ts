/**
 * The post-call IVR survey with real peers: SIPp calls 10086 and presses 2 (RFC 4733); the
 * agent's baresip phone answers; the agent hangs up from the desktop (CTI); the caller stays,
 * hears the survey question, presses 4; the switch thanks them and hangs up. The answer is in
 * the log with the contact and the agent, and the agent went to wrap-up when they hung up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../src/app/app-context.ts';
import type { Store } from '../../src/app/ports/store.ts';
import { bootstrapCenter } from '../../src/app/seed/bootstrap.ts';
import { DeviceService } from '../../src/app/voice/device-service.ts';
import { startCenter, type Center } from '../../src/main.ts';
import { hostAddress, startBaresip, type Baresip } from '../support/baresip.ts';
import { listenToCallers } from '../support/leg-listener.ts';
import { runSipp } from '../support/sipp.ts';
import { callerScenario } from '../support/sipp-caller.ts';
import { apiToken, openAllDay, waitForEvent } from '../support/telephony.ts';
import { openTestStore } from '../support/test-stores.ts';

describe('post-call IVR survey', () => {
  const host = hostAddress();
  let store: Store;
  let center: Center;
  let phone: Baresip | undefined;
  let agent: Actor;

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
        rtpPorts: { min: 39_000, max: 39_498 },
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
      wrapUpSeconds: 60,
    });
    const u = await s.org.createUser(systemActor, {
      username: 'survey-agent',
      password: 'agent-password',
      role: 'agent',
    });
    agent = {
      id: u.id,
      username: u.username,
      role: 'agent',
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
      registrar: `${host}:${center.voice!.sw.sipPort}`,
    });
  }, 90_000);

  afterAll(async () => {
    await phone?.stop();
    await center?.close();
    await store?.close();
  });

  it('asks the caller after the agent hangs up and records the key', async () => {
    const s = center.services;
    await s.ivrSurveys.setSettings({ enabled: true, queueIds: [], answerSeconds: 10 });
    await s.router.login(agent, { extension: '8041' });
    const startSeq = await store.events.lastSeq();
    const heard = listenToCallers(center.voice!.sw);
    const started = Date.now();
    // The caller presses 2, talks, and presses 4 well after the agent has hung up (~4 s in).
    const caller = runSipp({
      target: `${host}:${center.voice!.sw.sipPort}`,
      host,
      scenario: callerScenario({
        caller: '8613900139000',
        steps: [{ pause: 1500 }, { dtmf: '2' }, { pause: 9000 }, { dtmf: '4' }],
        end: 'await_bye',
      }),
      extra: ['-rtp_echo'],
      timeoutMs: 60_000,
    });
    const callId = String(
      (await waitForEvent(store, startSeq, 'call.established')).payload['callId'],
    );
    const r = await fetch(`${center.url}/api/calls/${callId}/hangup`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${await apiToken(center, 'survey-agent', 'agent-password')}`,
      },
    });
    expect(r.status).toBe(200);
    const hungUpAt = (Date.now() - started) / 1000;
    // The agent is done at once: wrap-up starts while the caller is still being asked.
    await waitForEvent(store, startSeq, 'task.wrapping', { timeoutMs: 5_000 });
    expect(s.router.agentSession(agent.id)).toMatchObject({ state: 'wrapup' });

    const run = await caller;
    expect(run.code, run.out.slice(-2000)).toBe(0);
    heard.stop();
    // The survey question was heard after the agent left (the caller echoes what it hears).
    const from = Math.ceil(hungUpAt);
    expect(heard.between(from, from + 3)).toBeGreaterThan(50);

    const answered = await waitForEvent(store, startSeq, 'survey.answered');
    // A call's id is its contact's id.
    expect(answered.payload).toMatchObject({
      channel: 'ivr',
      score: 4,
      contactId: callId,
      agentId: agent.id,
    });
    const ended = await waitForEvent(store, startSeq, 'call.ended');
    expect(ended.payload).toMatchObject({ phase: 'survey' });
    expect(ended.seq).toBeGreaterThan(answered.seq);
  }, 90_000);
});
