/**
 * Resource management over HTTP on both stores: seats, devices bound to seats, stored and
 * configured trunks, nodes, agent login bound to a seat's phone, a phone in use refused and
 * handed over with a supervisor's approval, and the live board's seat map and alarms.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCenterConfig } from '../../src/app/app-context.ts';
import { NodeHeartbeat } from '../../src/app/resources/node-heartbeat.ts';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { storeKinds } from '../support/test-stores.ts';

describe.each(storeKinds)('resources on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(kind);
    h.services.resourceMonitor.start();
  });
  afterAll(async () => {
    h?.services.resourceMonitor.stop();
    await h?.services.resourceMonitor.flushed();
    await h?.close();
  });

  let seatA = '';
  let seatB = '';

  it('keeps seats by zone, refuses bad and duplicate ones, and only admins change them', async () => {
    const a = await h.json('POST', '/api/resources/seats', {
      body: { name: 'A-01', zone: 'North', floor: '3F', teamId: h.teams.front },
    });
    expect(a.status).toBe(201);
    expect(a.body).toMatchObject({
      name: 'A-01',
      zone: 'North',
      floor: '3F',
      teamId: h.teams.front,
    });
    seatA = a.body.id;
    const b = await h.json('POST', '/api/resources/seats', {
      body: { name: 'B-01', zone: 'South' },
    });
    expect(b.body).toMatchObject({ floor: '', teamId: null });
    seatB = b.body.id;
    expect(
      (await h.json('POST', '/api/resources/seats', { body: { name: 'A-01', zone: 'X' } })).body
        .code,
    ).toBe('resource.name_taken');
    expect(
      (await h.json('POST', '/api/resources/seats', { body: { name: 'Z', zone: '  ' } })).body.code,
    ).toBe('validation.failed');
    expect(
      (
        await h.json('POST', '/api/resources/seats', {
          body: { name: 'Z-9', zone: 'North', teamId: 'no-such-team' },
        })
      ).body.code,
    ).toBe('resource.invalid');
    expect(
      (
        await h.json('POST', '/api/resources/seats', {
          as: 'supervisor',
          body: { name: 'S', zone: 'N' },
        })
      ).status,
    ).toBe(403);
    const moved = await h.json('PUT', `/api/resources/seats/${seatB}`, {
      body: { name: 'B-01', zone: 'South', floor: '2F' },
    });
    expect(moved.body.floor).toBe('2F');
    const list = await h.json('GET', '/api/resources/seats', { as: 'supervisor' });
    expect(list.body.map((s: { name: string }) => s.name)).toEqual(['A-01', 'B-01']);
    const tmp = await h.json('POST', '/api/resources/seats', { body: { name: 'tmp', zone: 'Z' } });
    expect((await h.json('DELETE', `/api/resources/seats/${tmp.body.id}`)).status).toBe(200);
    expect((await h.json('DELETE', `/api/resources/seats/${tmp.body.id}`)).body.code).toBe(
      'not_found',
    );
  });

  it('binds devices to seats with a kind, and unbinds them when the seat goes', async () => {
    const put = await h.json('PUT', '/api/devices/8201', {
      body: { password: 'desk-phone-1', seatId: seatA },
    });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({ extension: '8201', kind: 'desk_phone', seatId: seatA });
    await h.json('PUT', '/api/devices/8202', { body: { password: 'desk-phone-2' } });
    const patched = await h.json('PATCH', '/api/devices/8202', {
      body: { seatId: seatB, kind: 'desk_phone' },
    });
    expect(patched.body).toMatchObject({ seatId: seatB, kind: 'desk_phone' });
    // The password survived the patch: the digest hashes did not change.
    const before = await h.services.store.devices.get('8202');
    await h.json('PATCH', '/api/devices/8202', { body: { displayName: 'Desk B' } });
    expect((await h.services.store.devices.get('8202'))?.ha1Md5).toBe(before?.ha1Md5);
    expect(
      (await h.json('PATCH', '/api/devices/8202', { body: { seatId: 'nope' } })).body.code,
    ).toBe('resource.invalid');
    expect(
      (await h.json('PATCH', '/api/devices/8999', { body: { kind: 'softphone' } })).status,
    ).toBe(404);
    await h.json('PUT', '/api/devices/8203', {
      body: { password: 'soft-phone-3', kind: 'softphone' },
    });
    const tmp = await h.json('POST', '/api/resources/seats', { body: { name: 'gone', zone: 'Z' } });
    await h.json('PATCH', '/api/devices/8203', { body: { seatId: tmp.body.id } });
    await h.json('DELETE', `/api/resources/seats/${tmp.body.id}`);
    expect((await h.services.store.devices.get('8203'))?.seatId).toBeNull();
  });

  it('stores trunks, validates them, and lists them', async () => {
    const t = await h.json('POST', '/api/resources/trunks', {
      body: {
        name: 'carrier-a',
        provider: 'China Mobile',
        addresses: ['192.0.2.10'],
        outbound: { address: '192.0.2.10', port: 5060 },
        channelLimit: 30,
        numbers: ['+861012345678', '10086'],
      },
    });
    expect(t.status).toBe(201);
    expect(t.body).toMatchObject({
      name: 'carrier-a',
      source: 'stored',
      channelLimit: 30,
      enabled: true,
      outbound: { transport: 'UDP', address: '192.0.2.10', port: 5060 },
      callerId: null,
      probe: true,
    });
    const bad = await h.json('POST', '/api/resources/trunks', {
      body: { name: 'x', addresses: ['not-an-ip'] },
    });
    expect(bad.body).toMatchObject({ code: 'resource.invalid', details: { field: 'addresses' } });
    expect(
      (await h.json('POST', '/api/resources/trunks', { body: { name: 'empty' } })).body.code,
    ).toBe('resource.invalid');
    expect(
      (
        await h.json('POST', '/api/resources/trunks', {
          body: { name: 'carrier-a', addresses: ['192.0.2.11'] },
        })
      ).body.code,
    ).toBe('resource.name_taken');
    const upd = await h.json('PUT', `/api/resources/trunks/${t.body.id}`, {
      body: { name: 'carrier-a', addresses: ['192.0.2.10'], channelLimit: null, enabled: false },
    });
    expect(upd.body).toMatchObject({ channelLimit: null, enabled: false, outbound: null });
    const list = await h.json('GET', '/api/resources/trunks', { as: 'supervisor' });
    expect(list.body.map((x: { name: string }) => x.name)).toEqual(['carrier-a']);
    expect((await h.json('GET', '/api/resources/trunks', { as: 'agent' })).status).toBe(403);
    const events = (await h.json('GET', '/api/events?limit=500')).body.events.map(
      (e: { type: string }) => e.type,
    );
    expect(events).toEqual(expect.arrayContaining(['seat.saved', 'seat.deleted', 'trunk.saved']));
  });

  it('logs an agent in at a seat and refuses a phone another agent is using', async () => {
    const login = await h.json('POST', '/api/agent/session', {
      as: 'agent',
      body: { seatId: seatA },
    });
    expect(login.status).toBe(200);
    expect(login.body).toMatchObject({ extension: '8201', softphone: false });
    const taken = await h.json('POST', '/api/agent/session', {
      as: 'agent2',
      body: { extension: '8201' },
    });
    expect(taken.status).toBe(409);
    // The refusal names the holder, so the desktop can say whom the phone is with.
    const holder = await h.services.store.users.get(h.users.agent.id);
    expect(taken.body).toMatchObject({
      code: 'device.in_use',
      details: {
        extension: '8201',
        agentId: h.users.agent.id,
        agentName: holder!.displayName,
      },
    });
    const bySeat = await h.json('POST', '/api/agent/session', {
      as: 'agent2',
      body: { seatId: seatA },
    });
    expect(bySeat.body.code).toBe('device.in_use');
    // The refused agent is not logged in; the holder still has the phone.
    expect(h.services.router.agentSession(h.users.agent2.id)).toBeNull();
    expect(h.services.router.agentSession(h.users.agent.id)?.extension).toBe('8201');
    // Logging in again on your own phone is fine.
    expect(
      (await h.json('POST', '/api/agent/session', { as: 'agent', body: { extension: '8201' } }))
        .status,
    ).toBe(200);
    expect(
      (await h.json('POST', '/api/agent/session', { as: 'agent', body: { seatId: 'nope' } }))
        .status,
    ).toBe(404);
  });

  it('hands a phone over only with a supervisor’s approval', async () => {
    const byAgent = await h.json('POST', '/api/devices/8201/takeover', {
      as: 'agent2',
      body: { agentId: h.users.agent2.id },
    });
    expect(byAgent.status).toBe(403);
    const ok = await h.json('POST', '/api/devices/8201/takeover', {
      as: 'supervisor',
      body: { agentId: h.users.agent2.id },
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ agentId: h.users.agent2.id, extension: '8201' });
    const previous = h.services.router.agentSession(h.users.agent.id);
    expect(previous).toMatchObject({ extension: null, softphone: false });
    expect(
      (await h.services.store.routing.getAgentSession(h.users.agent.id))?.extension,
    ).toBeNull();
    const events = (await h.json('GET', '/api/events?limit=500')).body.events;
    expect(events).toContainEqual(
      expect.objectContaining({
        type: 'agent.device_taken_over',
        subjectId: h.users.agent.id,
        payload: { extension: '8201', takenBy: h.users.agent2.id },
      }),
    );
    expect(
      (
        await h.json('POST', '/api/devices/8999/takeover', {
          as: 'supervisor',
          body: { agentId: h.users.agent.id },
        })
      ).status,
    ).toBe(404);
  });

  it('draws the seat map with who sits where, and alarms on a logged-in agent’s silent phone', async () => {
    await h.services.resourceMonitor.flushed();
    const board = await h.json('GET', '/api/resources/board', { as: 'supervisor' });
    expect(board.status).toBe(200);
    const a = board.body.seats.find((s: { name: string }) => s.name === 'A-01');
    expect(a).toMatchObject({
      extensions: ['8201'],
      agent: { agentId: h.users.agent2.id, state: 'available' },
      phoneState: 'unregistered',
    });
    expect(board.body.seats.find((s: { name: string }) => s.name === 'B-01').agent).toBeNull();
    // agent2 is logged in with 8201, which no switch has seen register: an alarm.
    expect(board.body.alarms).toContainEqual(
      expect.objectContaining({
        kind: 'phone_unregistered',
        subjectId: '8201',
        agentId: h.users.agent2.id,
      }),
    );
    expect(
      board.body.phones.find((p: { extension: string }) => p.extension === '8201'),
    ).toMatchObject({ state: 'unregistered', agentId: h.users.agent2.id, seatId: seatA });
    // The phone registers: the alarm clears, and both changes are in the log.
    h.services.resourceMonitor.phoneRegistered('8201', true);
    await h.services.resourceMonitor.flushed();
    expect(h.services.resourceMonitor.activeAlarms()).toEqual([]);
    const types = (await h.json('GET', '/api/events?limit=500')).body.events.map(
      (e: { type: string }) => e.type,
    );
    expect(types).toEqual(
      expect.arrayContaining([
        'resource.alarm_raised',
        'resource.phone_registered',
        'resource.alarm_cleared',
      ]),
    );
    // The wallboard carries the active alarms.
    h.services.resourceMonitor.phoneProbed('8201', false, null);
    const rt = await h.json('GET', '/api/realtime', { as: 'supervisor' });
    expect(rt.body.alarms).toEqual([
      expect.objectContaining({ kind: 'phone_unreachable', subjectId: '8201' }),
    ]);
    expect((await h.json('GET', '/api/resources/board', { as: 'agent' })).status).toBe(403);
  });

  it('lists this node once it beats', async () => {
    const hb = new NodeHeartbeat(
      {
        store: h.services.store,
        clock: h.services.clock,
        ids: { newId: () => 'x' },
        config: defaultCenterConfig,
      },
      h.services.resourceMonitor,
      {
        id: 'node-test',
        name: 'test-host',
        roles: ['api', 'router'],
        address: '127.0.0.1:0',
        version: '0.1.0',
      },
      60_000,
    );
    await hb.start();
    await hb.stop();
    const nodes = await h.json('GET', '/api/resources/nodes', { as: 'supervisor' });
    expect(nodes.body).toEqual([
      expect.objectContaining({
        id: 'node-test',
        roles: ['api', 'router'],
        pid: process.pid,
        health: expect.objectContaining({ state: 'ok', rssBytes: expect.any(Number) }),
      }),
    ]);
  });
});
