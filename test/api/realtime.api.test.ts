/** The live snapshot: per queue, agent and team, over HTTP and pushed on the stream. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { RealtimeService } from '../../src/app/realtime/realtime-service.ts';
import { startCenter, type Center } from '../../src/main.ts';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { storeKinds } from '../support/test-stores.ts';

describe.each(storeKinds)('real-time snapshot on %s', (kind) => {
  let h: Harness;
  let queueId: string;
  beforeAll(async () => {
    h = await makeHarness(kind);
    await h.services.router.start();
    await h.services.realtime.start();
    const q = await h.json('POST', '/api/queues', {
      body: {
        name: 'Live queue',
        targetExpression: 'true',
        serviceLevelSeconds: 20,
        teamId: h.teams.front,
      },
    });
    queueId = q.body.id;
  });
  afterAll(async () => {
    h?.services.realtime.stop();
    await h?.services.router.stop();
    await h?.close();
  });

  const snap = async () => (await h.json('GET', '/api/realtime', { as: 'supervisor' })).body;
  const queueOf = (s: { queues: { queueId: string }[] }) =>
    s.queues.find((q) => q.queueId === queueId) as Record<string, unknown>;

  it('counts offered, answered within threshold, abandoned; shows waits and agent states', async () => {
    expect((await h.json('GET', '/api/realtime', { as: 'customer' })).status).toBe(403);
    await h.json('POST', '/api/agent/session', { as: 'agent', body: {} });
    await h.json('POST', '/api/tasks', {
      body: { channel: 'voice', queueId, attributes: {} },
    });
    await h.json('POST', '/api/tasks', {
      body: { channel: 'voice', queueId, attributes: {} },
    });
    const t3 = await h.json('POST', '/api/tasks', {
      body: { channel: 'voice', queueId, attributes: {} },
    });
    h.clock.advance(10_000);
    const me = await h.json('GET', '/api/agent/me', { as: 'agent' });
    const offer = me.body.tasks[0].reservation;
    await h.json('POST', `/api/reservations/${offer.id}/accept`, { as: 'agent' });
    h.clock.advance(25_000);
    await h.json('POST', `/api/tasks/${t3.body.id}/cancel`, { body: { reason: 'caller_hung_up' } });
    const s = await snap();
    expect(queueOf(s)).toMatchObject({
      waiting: 1,
      longestWaitSeconds: 35,
      offered: 3,
      answered: 1,
      abandoned: 1,
      serviceLevelPercent: 50,
      averageSpeedOfAnswerSeconds: 10,
    });
    expect(queueOf(s)['agents']).toMatchObject({ busy: 1 });
    expect(s.agents).toEqual([
      expect.objectContaining({
        agentId: h.users.agent.id,
        state: 'busy',
        tasks: 1,
        secondsInState: 35,
      }),
    ]);
    expect(s.teams.find((t: { teamId: string }) => t.teamId === h.teams.front)).toMatchObject({
      waiting: 1,
      offered: 3,
      answered: 1,
    });
    expect(s.center).toMatchObject({ offered: 3, answered: 1, abandoned: 1 });
    // A rebuilt aggregator (as after a restart) agrees with the running one.
    const rebuilt = new RealtimeService(
      {
        store: h.services.store,
        clock: h.clock,
        ids: { newId: () => 'x' },
        config: { timeZone: 'Asia/Shanghai', defaultCountryCode: '86' },
      },
      h.services.router,
    );
    await rebuilt.start();
    const again = rebuilt.snapshot();
    rebuilt.stop();
    expect(again.queues).toEqual(s.queues);
    expect(again.center).toEqual(s.center);
    // Each snapshot carries a newer version, so clients can drop stale ones.
    expect((await snap()).version).toBeGreaterThan(s.version);
  });

  it('pushes snapshots over the stream once a second to staff who ask', async () => {
    let center: Center | null = null;
    try {
      center = await startCenter({
        store: h.services.store,
        port: 0,
        host: '127.0.0.1',
        clock: h.clock,
      });
      const ws = new WebSocket(
        `${center.url.replace('http', 'ws')}/api/stream?realtime=1&token=${h.users.supervisor.token}`,
      );
      const got: { kind: string; snapshot?: { version: number } }[] = [];
      ws.on('message', (d) => got.push(JSON.parse(String(d))));
      await new Promise((r, j) => (ws.once('open', r), ws.once('error', j)));
      const start = Date.now();
      while (got.filter((m) => m.kind === 'realtime').length < 2 && Date.now() - start < 5000)
        await new Promise((r) => setTimeout(r, 100));
      ws.close();
      const pushes = got.filter((m) => m.kind === 'realtime');
      expect(pushes.length).toBeGreaterThanOrEqual(2);
      expect(pushes[1]!.snapshot!.version).toBeGreaterThan(pushes[0]!.snapshot!.version);
      // A customer's stream gets no figures.
      const cws = new WebSocket(
        `${center.url.replace('http', 'ws')}/api/stream?realtime=1&token=${h.users.customer.token}`,
      );
      const cgot: { kind: string }[] = [];
      cws.on('message', (d) => cgot.push(JSON.parse(String(d))));
      await new Promise((r, j) => (cws.once('open', r), cws.once('error', j)));
      await new Promise((r) => setTimeout(r, 1500));
      cws.close();
      expect(cgot.some((m) => m.kind === 'realtime')).toBe(false);
    } finally {
      await center?.close();
    }
  }, 20_000);
});
