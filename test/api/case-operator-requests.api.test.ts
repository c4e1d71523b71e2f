/**
 * Cases that use the operator's systems, through the API: a service-request case places a BOSS
 * order and a fault-report case opens an NMS ticket at the demo operator backend; the follower
 * brings their status changes into the case timeline and moves a dispatched case on.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCenterConfig, systemActor } from '../../src/app/app-context.ts';
import type { ManualClock } from '../../src/app/ports/clock.ts';
import { OperatorRequestFollower } from '../../src/app/cases/operator-request-follower.ts';
import type { Harness } from '../support/api-harness.ts';
import { demoOperatorHarness, type DemoOperatorHarness } from '../support/demo-operator-harness.ts';
import { storeKinds } from '../support/test-stores.ts';

describe.each(storeKinds)('operator requests from cases on %s', (kind) => {
  let h: Harness;
  let bare: Harness;
  let opClock: ManualClock;
  let operator: DemoOperatorHarness | undefined;

  beforeAll(async () => {
    operator = await demoOperatorHarness(kind);
    ({ h, bare, opClock } = operator);
  }, 60_000);
  afterAll(async () => operator?.close());

  const newCase = async (hh: Harness, type: string) => {
    const r = await hh.json('POST', '/api/cases', {
      as: 'agent',
      body: { type, title: `${type} for 刘洋`, customerId: hh.customerId },
    });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  const timeline = async (id: string) =>
    (await h.json('GET', `/api/cases/${id}/timeline`, { as: 'agent' })).body as {
      type: string;
      payload: Record<string, unknown>;
    }[];
  const ofType = (events: { type: string; payload: Record<string, unknown> }[], t: string) =>
    events.filter((e) => e.type === `case.operator_request_${t}`).map((e) => e.payload['status']);

  it(
    'a service-request case places a BOSS order, follows it and moves on when it completes',
    { timeout: 20_000 },
    async () => {
      const id = await newCase(h, 'service_request');
      const r = await h.json('POST', `/api/cases/${id}/boss-orders`, {
        as: 'agent',
        body: { kind: 'open_service', serviceCode: 'ROAM' },
      });
      expect(r.status).toBe(201);
      expect(r.body).toMatchObject({
        msisdn: '8613900139000',
        kind: 'open_service',
        status: 'pending',
      });
      expect(ofType(await timeline(id), 'opened')).toEqual(['pending']);
      // The back office works the case while the operator processes the order.
      await h.services.cases.transition(systemActor, id, 'verifying');
      await h.services.cases.dispatch(systemActor, id, { teamId: h.teams.backoffice });
      const follower = h.services.operatorRequestFollower;
      await follower.poll();
      expect(ofType(await timeline(id), 'updated')).toEqual([]);
      opClock.advance(2500);
      await follower.poll();
      expect(ofType(await timeline(id), 'updated')).toEqual(['processing']);
      opClock.advance(3000);
      await follower.poll();
      const events = await timeline(id);
      expect(ofType(events, 'updated')).toEqual(['processing', 'completed']);
      expect(ofType(events, 'finished')).toEqual(['completed']);
      const details = await h.json('GET', `/api/cases/${id}`, { as: 'agent' });
      expect(details.body.case?.stage ?? details.body.stage).toBe('supervising');
      expect(follower.following.some((f) => f.requestId === r.body.id)).toBe(false);
    },
  );

  it(
    'a fault-report case opens an NMS ticket whose status changes flow into its timeline',
    { timeout: 20_000 },
    async () => {
      const id = await newCase(h, 'fault_report');
      const r = await h.json('POST', `/api/cases/${id}/nms-tickets`, {
        as: 'agent',
        body: { location: '浦东 张江 博云路', symptom: '无信号 no signal indoors' },
      });
      expect(r.status).toBe(201);
      expect(r.body.status).toBe('open');
      // A restarted center finds the open ticket again in the event log.
      const deps = {
        store: h.services.store,
        clock: h.clock,
        ids: { newId: () => crypto.randomUUID() },
        config: defaultCenterConfig,
      };
      const reborn = new OperatorRequestFollower(
        deps,
        h.services.cases,
        h.services.connectors.connectors,
      );
      await reborn.start(3_600_000);
      await reborn.stop();
      expect(reborn.following.map((f) => f.requestId)).toContain(r.body.id);
      opClock.advance(4000);
      await h.services.operatorRequestFollower.poll();
      opClock.advance(6000);
      await h.services.operatorRequestFollower.poll();
      const events = await timeline(id);
      expect(ofType(events, 'updated')).toEqual(['in_progress', 'resolved']);
      expect(ofType(events, 'finished')).toEqual(['resolved']);
      const notes = (await h.json('GET', `/api/cases/${id}/details`, { as: 'agent' })).body
        .notes as {
        body: string;
      }[];
      expect(notes.map((n) => n.body).join('\n')).toMatch(
        /in_progress → resolved \(cell site repaired/,
      );
    },
  );

  it('refuses requests the case cannot make, with coded errors', { timeout: 20_000 }, async () => {
    const complaint = await newCase(h, 'complaint');
    const wrong = await h.json('POST', `/api/cases/${complaint}/boss-orders`, {
      as: 'agent',
      body: { kind: 'report_lost_sim' },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.body).toMatchObject({ code: 'validation.failed' });
    const sr = await newCase(h, 'service_request');
    const noCode = await h.json('POST', `/api/cases/${sr}/boss-orders`, {
      as: 'agent',
      body: { kind: 'open_service' },
    });
    expect(noCode.status).toBe(400);
    expect(noCode.body.code).toBe('validation.failed');
    const bogus = await h.json('POST', `/api/cases/${sr}/boss-orders`, {
      as: 'agent',
      body: { kind: 'teleport' },
    });
    expect(bogus.status).toBe(400);
    const fault = await newCase(h, 'fault_report');
    const empty = await h.json('POST', `/api/cases/${fault}/nms-tickets`, {
      as: 'agent',
      body: { location: ' ', symptom: 'x' },
    });
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe('validation.failed');
  });

  it(
    'answers 503 connector.unavailable when no BOSS is configured, and records nothing',
    { timeout: 20_000 },
    async () => {
      const id = await newCase(bare, 'service_request');
      const r = await bare.json('POST', `/api/cases/${id}/boss-orders`, {
        as: 'agent',
        body: { kind: 'report_lost_sim' },
      });
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ code: 'connector.unavailable' });
      const events = (await bare.json('GET', `/api/cases/${id}/timeline`, { as: 'agent' }))
        .body as { type: string }[];
      expect(events.some((e) => e.type.startsWith('case.operator_request'))).toBe(false);
    },
  );
});
