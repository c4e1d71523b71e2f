/**
 * Resource health with real peers. A SIPp "carrier" answers the trunk's OPTIONS probes and then
 * goes away (trunk up, then down, with an alarm); SIPp calls from the trunk's address while
 * its one channel is held and gets 503 (RFC 3261 §21.5.4), counted in /metrics, and an outbound
 * dial over the limit is refused; a baresip desk phone of a logged-in agent stops answering
 * OPTIONS (SIGSTOP: no unregistering, like a cut cable) and comes back — each change an event,
 * an alarm on the wallboard, and a webhook delivery. Ports: RTP 45_000–45_798, SIP 45_9xx.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor, type Actor } from '../../src/app/app-context.ts';
import type { Store } from '../../src/app/ports/store.ts';
import { bootstrapCenter } from '../../src/app/seed/bootstrap.ts';
import { DeviceService } from '../../src/app/voice/device-service.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { startCenter, type Center } from '../../src/main.ts';
import { hostAddress, startBaresip, type Baresip } from '../support/baresip.ts';
import { callerScenario } from '../support/sipp-caller.ts';
import { runSipp, scenarioPath } from '../support/sipp.ts';
import { waitForEvent } from '../support/telephony.ts';
import { openTestStore } from '../support/test-stores.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../support/webhook-receiver.ts';

/** Parses the Prometheus text exposition into `name{labels}` → value. */
function parseMetrics(text: string): Map<string, number> {
  const m = new Map<string, number>();
  for (const line of text.split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const at = line.lastIndexOf(' ');
    m.set(line.slice(0, at), Number(line.slice(at + 1)));
  }
  return m;
}

async function until(what: string, ok: () => boolean | Promise<boolean>, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('resource health with SIPp and baresip', () => {
  const host = hostAddress();
  const carrierPort = 45_950;
  let store: Store;
  let center: Center;
  let hooks: WebhookReceiver;

  const scrape = async () => {
    const r = await fetch(`${center.url}/metrics`, {
      headers: { authorization: 'Bearer scrape-token' },
    });
    expect(r.status).toBe(200);
    return parseMetrics(await r.text());
  };

  beforeAll(async () => {
    store = await openTestStore('pglite');
    await bootstrapCenter(store);
    hooks = await startWebhookReceiver();
    center = await startCenter({
      store,
      port: 0,
      host: '127.0.0.1',
      metricsToken: 'scrape-token',
      nodeHeartbeatMs: 500,
      voice: {
        sipPort: 0,
        publicAddress: host,
        bindAddress: '0.0.0.0',
        rtpPorts: { min: 45_000, max: 45_798 },
        digestAlgorithms: ['MD5'], // baresip 1.0 answers MD5 challenges only
        health: {
          qualifyEverySeconds: 1,
          qualifyTimeoutMs: 800,
          trunkProbeEverySeconds: 1,
          trunkProbeTimeoutMs: 800,
        },
        trunks: [
          {
            name: 'carrier',
            addresses: [host],
            outbound: { transport: 'UDP', address: host, port: carrierPort },
            channelLimit: 1,
            probe: true,
          },
        ],
      },
    });
    await center.services.webhooks.create({
      name: 'NOC',
      url: `${hooks.url}/noc`,
      eventTypes: ['resource.*'],
    });
  }, 60_000);

  let phone: Baresip | undefined;
  afterAll(async () => {
    if (phone?.proc.exitCode === null) phone.proc.kill('SIGCONT');
    await phone?.stop();
    await center?.close();
    await hooks?.close();
    await store?.close();
  });

  it('probes the trunk: up while the carrier answers OPTIONS, down (with an alarm) once it stops', async () => {
    const seq = await store.events.lastSeq();
    // The carrier answers three probes, then exits: later probes go unanswered.
    const carrier = await runSipp({
      target: '',
      scenario: scenarioPath('options-uas.xml'),
      host,
      localPort: carrierPort,
      calls: 3,
      timeoutMs: 20_000,
    });
    expect(carrier.code, carrier.out.slice(-1500)).toBe(0);
    await waitForEvent(store, seq, 'resource.trunk_up');
    const down = await waitForEvent(store, seq, 'resource.trunk_down');
    expect(down.payload).toMatchObject({ trunk: 'carrier' });
    const alarm = await waitForEvent(store, seq, 'resource.alarm_raised');
    expect(alarm.payload).toMatchObject({
      kind: 'trunk_down',
      trunk: 'carrier',
      severity: 'critical',
    });
    const m = await scrape();
    expect(m.get('kefu_trunk_up{trunk="carrier"}')).toBe(0);
    expect(m.get('kefu_trunk_failures_last_hour{trunk="carrier"}')).toBeGreaterThanOrEqual(2);
    expect(m.get('kefu_resource_alarms{kind="trunk_down"}')).toBe(1);
    const rt = center.services.realtime.snapshot();
    expect(rt.alarms.map((a) => a.kind)).toContain('trunk_down');
  }, 40_000);

  it('answers 503 to a call over the trunk’s channel limit, refuses an outbound dial, and counts both', async () => {
    const sw = center.voice!.sw;
    const seq = await store.events.lastSeq();
    // The first call holds the trunk's only channel for a few seconds.
    const first = runSipp({
      target: `${host}:${sw.sipPort}`,
      host,
      localPort: 45_960,
      mediaPort: 45_970,
      scenario: callerScenario({
        caller: '8613500135001',
        steps: [{ pause: 5000 }],
        end: 'hangup',
      }),
      extra: ['-rtp_echo'],
      timeoutMs: 30_000,
    });
    await until(
      'the first call to hold the channel',
      () => sw.trunkChannels.inUse('carrier') === 1,
    );
    const second = await runSipp({
      target: `${host}:${sw.sipPort}`,
      host,
      localPort: 45_930,
      mediaPort: 45_980,
      scenario: scenarioPath('uac-expect-503.xml'),
      timeoutMs: 15_000,
    });
    expect(second.code, second.out.slice(-1500)).toBe(0);
    const trunk = sw.outboundTrunk()!;
    const refused = await sw.dialTrunk(trunk, '13700001111', '').then(
      () => null,
      (e: unknown) => e,
    );
    expect(refused).toBeInstanceOf(DomainError);
    expect((refused as DomainError).code).toBe('trunk.channel_limit');
    const during = await scrape();
    expect(during.get('kefu_trunk_calls_in_use{trunk="carrier"}')).toBe(1);
    expect(during.get('kefu_trunk_channel_limit{trunk="carrier"}')).toBe(1);
    expect(during.get('kefu_trunk_calls_refused_total{direction="inbound",trunk="carrier"}')).toBe(
      1,
    );
    expect(during.get('kefu_trunk_calls_refused_total{direction="outbound",trunk="carrier"}')).toBe(
      1,
    );
    expect(
      during.get('kefu_node_open_calls{node="' + center.services.resourceMonitor.nodeId + '"}'),
    ).toBe(1);
    const near = await waitForEvent(store, seq, 'resource.alarm_raised');
    expect(near.payload).toMatchObject({ kind: 'trunk_near_limit', inUse: 1, limit: 1 });
    const done = await first;
    expect(done.code, done.out.slice(-1500)).toBe(0);
    await until('the channel to be released', () => sw.trunkChannels.inUse('carrier') === 0);
    const cleared = await waitForEvent(store, seq, 'resource.alarm_cleared');
    expect(cleared.payload).toMatchObject({ kind: 'trunk_near_limit' });
    const after = await scrape();
    expect(after.get('kefu_trunk_calls_in_use{trunk="carrier"}')).toBe(0);
    // The node figures are there too.
    const nodeLabel = `{node="${center.services.resourceMonitor.nodeId}"}`;
    expect(after.get(`kefu_node_resident_memory_bytes${nodeLabel}`)).toBeGreaterThan(10_000_000);
    expect(after.get(`kefu_node_event_loop_lag_seconds${nodeLabel}`)).toBeGreaterThanOrEqual(0);
    expect(after.get(`kefu_store_up${nodeLabel}`)).toBe(1);
  }, 60_000);

  it('raises an alarm, an event and a webhook when a logged-in agent’s phone stops answering OPTIONS', async () => {
    const s = center.services;
    const sw = center.voice!.sw;
    await new DeviceService({
      store,
      clock: s.clock,
      ids: { newId: () => 'x' },
      config: { timeZone: 'Asia/Shanghai', defaultCountryCode: '86' },
    }).upsert(systemActor, { extension: '8301', password: 'desk-phone-8301' });
    const u = await s.org.createUser(systemActor, {
      username: 'desk-agent',
      password: 'agent-password',
      role: 'agent',
    });
    const agent: Actor = {
      id: u.id,
      username: u.username,
      role: 'agent',
      teamIds: [],
      customerId: null,
      ip: null,
    };
    const seq = await store.events.lastSeq();
    phone = await startBaresip({
      extension: '8301',
      password: 'desk-phone-8301',
      registrar: `${host}:${sw.sipPort}`,
      sipPort: 45_910,
    });
    await waitForEvent(store, seq, 'resource.phone_registered');
    await s.router.login(agent, { extension: '8301', softphone: false });
    // Registered and answering: no alarm for this phone, and a round trip is measured.
    await until('a measured round trip', async () =>
      (await scrape()).has('kefu_phone_options_rtt_seconds{extension="8301"}'),
    );
    expect(s.resourceMonitor.activeAlarms().filter((a) => a.subjectType === 'phone')).toEqual([]);

    const frozen = await store.events.lastSeq();
    phone.proc.kill('SIGSTOP');
    const unreachable = await waitForEvent(store, frozen, 'resource.phone_unreachable', {
      timeoutMs: 5000,
    });
    expect(unreachable.payload).toMatchObject({ extension: '8301', agentId: u.id });
    const alarm = await waitForEvent(store, frozen, 'resource.alarm_raised', { timeoutMs: 5000 });
    expect(alarm.payload).toMatchObject({
      kind: 'phone_unreachable',
      extension: '8301',
      agentId: u.id,
    });
    expect(
      Date.parse(alarm.at.toISOString()) - Date.parse(unreachable.at.toISOString()),
    ).toBeLessThan(1000);
    const m = await scrape();
    expect(m.get('kefu_phones_registered')).toBe(1);
    expect(m.get('kefu_phones_reachable')).toBe(0);
    expect(m.get('kefu_resource_alarms{kind="phone_unreachable"}')).toBe(1);
    // Supervisors see it on the wallboard; the NOC's webhook gets it.
    expect(s.realtime.snapshot().alarms).toContainEqual(
      expect.objectContaining({ kind: 'phone_unreachable', subjectId: '8301', agentId: u.id }),
    );
    await until('the webhook delivery', () =>
      hooks.received.some(
        (r) => r.type === 'resource.alarm_raised' && r.body.includes('phone_unreachable'),
      ),
    );
    expect(hooks.received.some((r) => r.type === 'resource.phone_unreachable')).toBe(true);

    // The phone comes back: reachable again, the alarm clears.
    const thawed = await store.events.lastSeq();
    phone.proc.kill('SIGCONT');
    await waitForEvent(store, thawed, 'resource.phone_reachable', { timeoutMs: 5000 });
    const cleared = await waitForEvent(store, thawed, 'resource.alarm_cleared', {
      timeoutMs: 5000,
    });
    expect(cleared.payload).toMatchObject({ kind: 'phone_unreachable', extension: '8301' });
    expect((await scrape()).get('kefu_phones_reachable')).toBe(1);
  }, 60_000);

  it('serves a trunk stored through the API at once, and stops when it is deleted', async () => {
    const s = center.services;
    const sw = center.voice!.sw;
    const from = { target: `127.0.0.1:${sw.sipPort}`, host: '127.0.0.1', localPort: 45_940 };
    const refused = () =>
      runSipp({ ...from, scenario: scenarioPath('uac-expect-403.xml'), timeoutMs: 15_000 });
    const before = await refused();
    expect(before.code, before.out.slice(-1500)).toBe(0);
    const trunk = await s.inventory.saveTrunk(systemActor, null, {
      name: 'loopback-carrier',
      provider: 'test',
      addresses: ['127.0.0.1'],
      outbound: null,
      channelLimit: 2,
      numbers: [],
      callerId: null,
      probe: false,
      enabled: true,
    });
    expect(sw.trunkList().map((t) => t.name)).toEqual(['carrier', 'loopback-carrier']);
    const answered = await runSipp({
      ...from,
      mediaPort: 45_944,
      scenario: callerScenario({
        caller: '8613500135002',
        steps: [{ pause: 1000 }],
        end: 'hangup',
      }),
      timeoutMs: 20_000,
    });
    expect(answered.code, answered.out.slice(-1500)).toBe(0);
    expect((await scrape()).get('kefu_trunk_channel_limit{trunk="loopback-carrier"}')).toBe(2);
    await s.inventory.deleteTrunk(systemActor, trunk.id);
    expect(sw.trunkList().map((t) => t.name)).toEqual(['carrier']);
    const after = await refused();
    expect(after.code, after.out.slice(-1500)).toBe(0);
  }, 60_000);
});
