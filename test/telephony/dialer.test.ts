/**
 * The outbound dialer on real calls: SIPp plays the customers behind the carrier trunk
 * (answering, busy, not answering — by the number's last digit, see dialer-customers.xml) and
 * baresip phones are the agents. Progressive mode never has more customers on the line than
 * there are agents; busy and unanswered numbers are retried by the campaign's rules; a number
 * on the do-not-call list never reaches the carrier; an answered call with no agent in time
 * hears the abandon message and is counted; a campaign outside its hours dials nobody.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/app/app-context.ts';
import type { Store } from '../../src/app/ports/store.ts';
import { DeviceService } from '../../src/app/voice/device-service.ts';
import { bootstrapCenter } from '../../src/app/seed/bootstrap.ts';
import { decodeMulaw } from '../../src/voice/media/g711.ts';
import { startCenter, type Center } from '../../src/main.ts';
import { hostAddress, startBaresip, type Baresip } from '../support/baresip.ts';
import { runSipp, scenarioPath } from '../support/sipp.ts';
import { callerScenario } from '../support/sipp-caller.ts';
import { openTestStore } from '../support/test-stores.ts';

const allWeek = Object.fromEntries(
  (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((d) => [
    d,
    [{ start: '00:00', end: '24:00' }],
  ]),
);
const once = { maxAttempts: 1, retryAfterMinutes: 10 };

const waitFor = async (what: string, ok: () => Promise<boolean>, timeoutMs: number) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await ok())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
};

describe('outbound dialer through the switch', () => {
  const host = hostAddress();
  const carrierPort = 5197;
  let store: Store;
  let center: Center;
  const phones: Baresip[] = [];
  const agentIds: string[] = [];
  let queueId = '';
  let slowQueueId = '';
  let slowAgentId = '';
  const sippLog = join(mkdtempSync(join(tmpdir(), 'kefu-dialer-')), 'customers.log');
  /** Customer calls up at once on the carrier side, and the most seen. */
  let liveCustomers = 0;
  let mostCustomers = 0;

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
        rtpPorts: { min: 44_000, max: 44_998 },
        digestAlgorithms: ['MD5'],
        trunks: [
          {
            name: 'carrier',
            addresses: [host],
            outbound: { transport: 'UDP', address: host, port: carrierPort },
            callerId: '4008001000',
          },
        ],
      },
      dialer: { ringSeconds: 3, connectWithinMs: 2500, everyMs: 250 },
    });
    const s = center.services;
    const sw = center.voice!.sw;
    sw.onLeg((leg) => {
      if (leg.peer.port !== carrierPort) return;
      liveCustomers++;
      mostCustomers = Math.max(mostCustomers, liveCustomers);
      leg.once('ended', () => liveCustomers--);
    });
    queueId = (
      await s.routingConfig.createQueue(systemActor, {
        name: 'Outbound (test)',
        targetExpression: 'username != "slow-agent"',
        reservationTimeoutSeconds: 10,
        wrapUpSeconds: 0,
      })
    ).id;
    slowQueueId = (
      await s.routingConfig.createQueue(systemActor, {
        name: 'Outbound, slow agent (test)',
        targetExpression: 'username == "slow-agent"',
        reservationTimeoutSeconds: 10,
        wrapUpSeconds: 0,
      })
    ).id;
    // Call-backs go to the general queue: no wrap-up there either, so agents are free again.
    await s.routingConfig.updateQueue(systemActor, 'queue-general', { wrapUpSeconds: 0 });
    const devices = new DeviceService({
      store,
      clock: s.clock,
      ids: { newId: () => 'x' },
      config: { timeZone: 'Asia/Shanghai', defaultCountryCode: '86' },
    });
    for (const [i, username] of ['dial-a', 'dial-b', 'slow-agent'].entries()) {
      const u = await s.org.createUser(systemActor, {
        username,
        password: 'agent-password',
        role: 'agent',
      });
      const extension = `806${i}`;
      await devices.upsert(systemActor, { extension, password: `phone-${extension}-pass` });
      phones.push(
        await startBaresip({
          extension,
          password: `phone-${extension}-pass`,
          registrar: `${host}:${sw.sipPort}`,
          answer: username === 'slow-agent' ? 'manual' : 'auto',
        }),
      );
      const actor = {
        id: u.id,
        username,
        role: 'agent' as const,
        teamIds: [],
        customerId: null,
        ip: null,
      };
      await s.router.login(actor, { extension });
      await s.router.setState(actor, u.id, { state: 'available' }, 'agent');
      if (username === 'slow-agent') slowAgentId = u.id;
      else agentIds.push(u.id);
    }
  }, 60_000);

  /** SIPp as the customers behind the carrier trunk, for `calls` calls (echoing their audio). */
  const sippCustomers = (calls: number, timeoutMs: number, extra: string[] = []) =>
    runSipp({
      target: '',
      scenario: scenarioPath('dialer-customers.xml'),
      host,
      localPort: carrierPort,
      calls,
      timeoutMs,
      extra: ['-rtp_echo', ...extra],
    });

  const actorOf = (id: string) => ({
    id,
    username: id,
    role: 'agent' as const,
    teamIds: [],
    customerId: null,
    ip: null,
  });

  afterAll(async () => {
    for (const p of phones) await p.stop();
    await center?.close();
    await store?.close();
    rmSync(sippLog, { force: true });
  });

  it('progressive: never more customers on the line than agents; results and DNC honoured', async () => {
    const s = center.services;
    const c = await s.campaigns.create(systemActor.id, {
      name: 'Renewals (progressive)',
      mode: 'progressive',
      queueId,
      callerId: '+864008001000',
      timeZone: 'Asia/Shanghai',
      windows: allWeek,
      retry: { busy: once, no_answer: once, failed: once },
    });
    const answering = ['13900000010', '13900000020', '13900000030', '13900000040'];
    const report = await s.campaigns.importJson(systemActor.id, c.id, [
      ...answering.map((number, i) => ({ number, name: `Customer ${i}`, data: { plan: 'A' } })),
      { number: '13900000011', name: 'Busy' },
      { number: '13900000012', name: 'Never answers' },
      { number: '13900000050', name: 'Opted out' },
    ]);
    expect(report).toEqual({ accepted: 7, rejected: [] });
    // The customer opts out after the list was loaded: checked again before dialing.
    await s.campaigns.addDnc(systemActor.id, '+86 139-0000-0050', 'asked not to be called');
    const customers = sippCustomers(6, 90_000, ['-trace_logs', '-log_file', sippLog]);
    await new Promise((r) => setTimeout(r, 500));
    await s.campaigns.move(systemActor.id, c.id, 'running');
    await waitFor(
      'the campaign to complete',
      async () => (await s.campaigns.get(c.id)).state === 'completed',
      80_000,
    );
    const run = await customers;
    expect(run.code, run.out.slice(-2000)).toBe(0);

    // Two agents: at most two customers were ever called at once, and both agents were used.
    expect(mostCustomers).toBe(2);
    const records = (await s.campaigns.records(c.id, {}, { limit: 50, offset: 0 })).items;
    const byNumber = new Map(records.map((r) => [r.number, r]));
    for (const n of answering) {
      const r = byNumber.get(`86${n}`)!;
      expect(r.state, n).toBe('done');
      expect(r.attempts).toHaveLength(1);
      expect(r.attempts[0]).toMatchObject({ result: 'connected' });
      expect(agentIds).toContain(r.attempts[0]!.agentId);
    }
    expect(byNumber.get('8613900000011')).toMatchObject({ state: 'exhausted' });
    expect(byNumber.get('8613900000011')!.attempts.map((a) => a.result)).toEqual(['busy']);
    expect(byNumber.get('8613900000012')).toMatchObject({ state: 'exhausted' });
    expect(byNumber.get('8613900000012')!.attempts.map((a) => a.result)).toEqual(['no_answer']);
    expect(byNumber.get('8613900000050')).toMatchObject({ state: 'dnc_blocked', attempts: [] });
    // The carrier never saw the opted-out number.
    const invites = readFileSync(sippLog, 'utf8').match(/INVITE \d+/g) ?? [];
    expect(invites).toHaveLength(6);
    expect(invites.join(' ')).not.toContain('8613900000050');
    const used = new Set(
      answering.map((n) => byNumber.get(`86${n}`)!.attempts[0]!.agentId as string),
    );
    expect(used.size).toBe(2);

    const stats = await s.campaigns.stats(c.id);
    expect(stats).toMatchObject({ attempts: 6, connects: 4, abandoned: 0 });
    // The pacer now goes by this campaign's own times: customers talked ~5 s, answered at once.
    const measured = center.dialing!.lines.measured(c.id)!;
    expect(measured.handleSec).toBeGreaterThan(4.5);
    expect(measured.handleSec).toBeLessThan(8);
    expect(measured.ringSec).toBeLessThan(1);
    // Each answered call is an outbound contact of the campaign, answered by its agent.
    const contacts = await store.contacts.list({ channel: 'voice' }, { limit: 50, offset: 0 });
    const ours = contacts.items.filter((x) => x.ivrData['campaignId'] === c.id);
    expect(ours).toHaveLength(4);
    for (const x of ours) {
      expect(x.direction).toBe('outbound');
      expect(x.from).toBe('+864008001000');
      expect(agentIds).toContain(x.agentId);
      expect(x.answeredAt).toBeInstanceOf(Date);
      expect(answering.map((n) => `86${n}`)).toContain(x.to);
    }
  }, 120_000);

  it('an answered call with no agent in time hears the abandon message and is retried', async () => {
    const s = center.services;
    const sw = center.voice!.sw;
    const c = await s.campaigns.create(systemActor.id, {
      name: 'Win-back (predictive)',
      mode: 'predictive',
      queueId: slowQueueId,
      callerId: '+864008001000',
      timeZone: 'Asia/Shanghai',
      windows: allWeek,
    });
    await s.campaigns.importJson(systemActor.id, c.id, [
      { number: '13900000063', name: 'Patient' },
    ]);
    const heard: Int16Array[] = [];
    const unwatch = sw.onLeg((leg) => {
      if (leg.peer.port === carrierPort)
        leg.media.endpoint.onAudio((p) => heard.push(decodeMulaw(p)));
    });
    const customers = sippCustomers(1, 60_000);
    await new Promise((r) => setTimeout(r, 500));
    const from = await store.events.lastSeq();
    await s.campaigns.move(systemActor.id, c.id, 'running');
    const run = await customers;
    expect(run.code, run.out.slice(-2000)).toBe(0);
    unwatch();
    await s.campaigns.move(systemActor.id, c.id, 'paused');
    const events = await store.events.after(from, 1000, null);
    const abandoned = events.find((e) => e.type === 'call.dialer_abandoned');
    const ended = events.find(
      (e) => e.type === 'call.ended' && e.subjectId === abandoned?.subjectId,
    );
    expect(abandoned).toBeDefined();
    // The slow agent's phone rang: the call was offered, then taken back at the deadline.
    expect(
      events.some((e) => e.type === 'task.reserved' && e.payload['agentId'] === slowAgentId),
    ).toBe(true);
    // The center hung up after the whole message (zh: 6.8 s), not the customer.
    const played = ended!.at.getTime() - abandoned!.at.getTime();
    expect(played).toBeGreaterThan(6000);
    expect(ended!.payload['reason']).toBe('local');
    // The message was on the line (SIPp echoes what it heard).
    const pcm = Int16Array.from(heard.flatMap((h) => [...h]));
    const rms = Math.sqrt(pcm.reduce((a, v) => a + v * v, 0) / Math.max(1, pcm.length));
    expect(rms).toBeGreaterThan(300);
    const [r] = (await s.campaigns.records(c.id, {}, { limit: 5, offset: 0 })).items;
    expect(r!.attempts.map((a) => a.result)).toEqual(['abandoned']);
    expect(r!.state).toBe('pending'); // retried by the no-answer rule
    expect(r!.nextAt!.getTime()).toBeGreaterThan(Date.now() + 30 * 60_000);
    const stats = await s.campaigns.stats(c.id);
    expect(stats).toMatchObject({ attempts: 1, abandoned: 1, connects: 0 });
  }, 60_000);

  it('a call-back asked for on a case is dialed at its time and put through with the case', async () => {
    const s = center.services;
    // The slow agent leaves: call-backs go to the general queue, which takes every agent.
    await s.router.logout(systemActor, slowAgentId, true);
    const customer = await s.customers.create(systemActor, {
      name: 'Zhang Wei',
      msisdn: '13900000080',
    });
    const kase = await s.cases.create(systemActor, {
      type: 'query',
      title: 'Roaming charges',
      description: 'Please call me after my meeting',
      customerId: customer.id,
    });
    const customers = sippCustomers(1, 60_000);
    await new Promise((r) => setTimeout(r, 500));
    const at = new Date(Date.now() + 4000);
    const asked = await s.cases.requestCallback(systemActor, kase.id, { note: 'after 3 pm', at });
    expect(asked).toEqual({ number: '8613900000080', at });
    const run = await customers;
    expect(run.code, run.out.slice(-2000)).toBe(0);
    const campaign = (await s.campaigns.list()).find((c) => c.kind === 'callbacks')!;
    expect(campaign).toMatchObject({
      mode: 'progressive',
      state: 'running',
      callerId: '+864008001000',
    });
    let rec;
    await waitFor(
      'the call-back to be done',
      async () => {
        [rec] = (await s.campaigns.records(campaign.id, {}, { limit: 5, offset: 0 })).items;
        return rec?.state === 'done';
      },
      20_000,
    );
    const r = rec!;
    expect(r.data).toMatchObject({ caseId: kase.id, caseNumber: kase.number, note: 'after 3 pm' });
    expect(r.name).toBe('Zhang Wei');
    // Not dialed before the customer's time.
    expect(r.attempts[0]!.at.getTime()).toBeGreaterThanOrEqual(at.getTime());
    expect(agentIds).toContain(r.attempts[0]!.agentId);
    // The call is a contact of the case, answered by that agent.
    const contacts = await store.contacts.list({ caseId: kase.id }, { limit: 5, offset: 0 });
    expect(contacts.items).toHaveLength(1);
    expect(contacts.items[0]).toMatchObject({
      direction: 'outbound',
      to: '8613900000080',
      agentId: r.attempts[0]!.agentId,
    });
    const timeline = (await store.events.after(0, 5000, null)).filter(
      (e) => e.type === 'case.callback_requested' && e.subjectId === kase.id,
    );
    expect(timeline[0]!.payload).toMatchObject({ at: at.toISOString(), note: 'after 3 pm' });
  }, 60_000);

  it('preview: records go to agents as tasks, one per free agent; the call is the attempt; a skipped one is retried', async () => {
    const s = center.services;
    const calls = center.voice!.center;
    const c = await s.campaigns.create(systemActor.id, {
      name: 'Upgrades (preview)',
      mode: 'preview',
      queueId,
      callerId: '+864008001000',
      timeZone: 'Asia/Shanghai',
      windows: allWeek,
    });
    await s.campaigns.importJson(systemActor.id, c.id, [
      { number: '13900000090', name: 'Li Na', data: { plan: 'B' } },
      { number: '13900000091', name: 'Wang Fang' },
      { number: '13900000093', name: 'Not yet' },
    ]);
    const customers = sippCustomers(1, 60_000);
    await new Promise((r) => setTimeout(r, 500));
    await s.campaigns.move(systemActor.id, c.id, 'running');
    const offered = () =>
      s.router
        .openTasks()
        .filter((t) => t.channel === 'callback' && t.attributes['campaignId'] === c.id);
    await waitFor('two preview tasks', async () => offered().length === 2, 10_000);
    // Two free agents, two records: the third waits while the agents look at theirs.
    await new Promise((r) => setTimeout(r, 800));
    expect(offered()).toHaveLength(2);
    await waitFor(
      'both offers to reach agents',
      async () => offered().every((t) => t.state === 'reserved'),
      5_000,
    );
    const first = offered().find((t) => t.attributes['number'] === '8613900000090')!;
    const second = offered().find((t) => t.attributes['number'] === '8613900000091')!;
    expect(first.attributes).toMatchObject({ name: 'Li Na', plan: 'B', callerId: '+864008001000' });
    expect(first.agentId).not.toBe(second.agentId);
    const agent = actorOf(first.agentId!);
    await s.router.accept(agent, first.reservationId!);
    const recordId = String(first.attributes['recordId']);
    await calls.makeCall(agent, {
      number: String(first.attributes['number']),
      campaignId: c.id,
      recordId,
      taskId: first.id,
    });
    // The other agent skips theirs (closes the task without calling).
    const skipper = actorOf(second.agentId!);
    await s.router.accept(skipper, second.reservationId!);
    await s.router.complete(skipper, second.id, skipper.id, null);
    const run = await customers;
    expect(run.code, run.out.slice(-2000)).toBe(0);
    await waitFor(
      'the preview record to be done',
      async () => (await store.dialer.getRecord(recordId))?.state === 'done',
      15_000,
    );
    // The skipper is free again: the third record is offered to them.
    await waitFor(
      'the third record to be offered',
      async () => offered().some((t) => t.attributes['number'] === '8613900000093'),
      5_000,
    );
    const third = String(
      offered().find((t) => t.attributes['number'] === '8613900000093')!.attributes['recordId'],
    );
    // Pausing takes the offer nobody accepted back: the record waits, untried.
    await s.campaigns.move(systemActor.id, c.id, 'paused');
    await waitFor('the offer to be withdrawn', async () => offered().length === 0, 5_000);
    await waitFor(
      'the record to wait again',
      async () => (await store.dialer.getRecord(third))?.state === 'pending',
      5_000,
    );
    expect((await store.dialer.getRecord(third))!.attempts).toEqual([]);
    const done = (await store.dialer.getRecord(recordId))!;
    expect(done.attempts).toMatchObject([{ result: 'connected', agentId: agent.id }]);
    const contact = (
      await store.contacts.list({ agentId: agent.id }, { limit: 50, offset: 0 })
    ).items.find((x) => x.ivrData['recordId'] === recordId);
    expect(contact).toMatchObject({
      direction: 'outbound',
      to: '8613900000090',
      from: '+864008001000',
      taskId: first.id,
    });
    const skipped = (await store.dialer.getRecord(String(second.attributes['recordId'])))!;
    expect(skipped).toMatchObject({ state: 'pending', attempts: [{ result: 'failed' }] });
  }, 60_000);

  it('virtual hold: a caller who leaves the queue for a call-back is called back when an agent is free', async () => {
    const s = center.services;
    const sw = center.voice!.sw;
    // Nobody free: the caller waits in the queue.
    for (const [i, id] of agentIds.entries())
      await s.router.setState(
        { ...actorOf(id), username: ['dial-a', 'dial-b'][i]! },
        id,
        { state: 'away', reason: 'break' },
        'agent',
      );
    const caller = '8613900000110';
    const customers = sippCustomers(1, 90_000);
    // 10086, complaints (2), then 1 for a call-back and # for this phone's number.
    const call = await runSipp({
      target: `${host}:${sw.sipPort}`,
      host,
      scenario: callerScenario({
        caller,
        steps: [
          { pause: 1500 },
          { dtmf: '2' },
          { pause: 6000 },
          { dtmf: '1' },
          { pause: 3000 },
          { info: '#' },
        ],
        end: 'await_bye',
      }),
      extra: ['-rtp_echo'],
      timeoutMs: 60_000,
    });
    expect(call.code, call.out.slice(-1500)).toBe(0);
    const campaign = (await s.campaigns.list()).find((c) => c.kind === 'callbacks')!;
    let rec;
    await waitFor(
      'the call-back record',
      async () => {
        rec = (await s.campaigns.records(campaign.id, {}, { limit: 20, offset: 0 })).items.find(
          (r) => r.number === caller,
        );
        return !!rec;
      },
      5_000,
    );
    expect(rec!).toMatchObject({ state: 'pending', attempts: [] });
    expect(rec!.data).toMatchObject({ topic: 'complaint' });
    // An agent comes back: the dialer calls the customer and puts them through.
    const back = agentIds[0]!;
    await s.router.setState(
      { ...actorOf(back), username: 'dial-a' },
      back,
      { state: 'available' },
      'agent',
    );
    const run = await customers;
    expect(run.code, run.out.slice(-2000)).toBe(0);
    await waitFor(
      'the call-back to be done',
      async () => (await store.dialer.getRecord(rec!.id))?.state === 'done',
      15_000,
    );
    const done = (await store.dialer.getRecord(rec!.id))!;
    expect(done.attempts).toMatchObject([{ result: 'connected', agentId: back }]);
    // The call that asked for it left its queue for the call-back.
    const asked = (await store.contacts.get(String(done.data['contactId'])))!;
    expect(asked).toMatchObject({ direction: 'inbound', from: caller });
    expect(await store.routing.getTask(asked.taskId!)).toMatchObject({
      state: 'canceled',
      reason: 'caller_chose_callback',
    });
    await s.router.setState(
      { ...actorOf(agentIds[1]!), username: 'dial-b' },
      agentIds[1]!,
      { state: 'available' },
      'agent',
    );
  }, 120_000);

  it('outside its dialing hours a running campaign calls nobody and waits for the window', async () => {
    const s = center.services;
    // Every weekday but today's (in Shanghai).
    const today = new Intl.DateTimeFormat('en-US', { weekday: 'short', timeZone: 'Asia/Shanghai' })
      .format(new Date())
      .toLowerCase()
      .slice(0, 3);
    const windows = Object.fromEntries(Object.entries(allWeek).filter(([d]) => d !== today));
    const c = await s.campaigns.create(systemActor.id, {
      name: 'Not today',
      mode: 'progressive',
      queueId,
      callerId: '+864008001000',
      timeZone: 'Asia/Shanghai',
      windows,
    });
    await s.campaigns.importJson(systemActor.id, c.id, [{ number: '13900000070' }]);
    const before = mostCustomers;
    liveCustomers = 0;
    await s.campaigns.move(systemActor.id, c.id, 'running');
    await new Promise((r) => setTimeout(r, 2000));
    await s.campaigns.move(systemActor.id, c.id, 'paused');
    const [r] = (await s.campaigns.records(c.id, {}, { limit: 5, offset: 0 })).items;
    expect(r).toMatchObject({ state: 'pending', attempts: [] });
    // Parked until the next opening: tomorrow 00:00 in Shanghai at the latest.
    expect(r!.nextAt!.getTime()).toBeGreaterThan(Date.now());
    expect(r!.nextAt!.getTime()).toBeLessThanOrEqual(Date.now() + 24 * 3600_000);
    expect(liveCustomers).toBe(0);
    expect(mostCustomers).toBe(before);
  }, 30_000);
});
