/**
 * The operator systems through the API: a customer's account (plan, balance, services) read
 * over HTTP from the demo operator backend, partial answers when a system fails, and the
 * connectors' health for administrators.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/app/app-context.ts';
import type { DemoOperator } from '../../src/connectors/demo/demo-operator-server.ts';
import {
  demoBalance,
  demoBills,
  demoPayments,
  demoProfile,
  demoTopUps,
} from '../../src/connectors/demo/demo-subscribers.ts';
import type { Harness } from '../support/api-harness.ts';
import { demoOperatorHarness, type DemoOperatorHarness } from '../support/demo-operator-harness.ts';
import { storeKinds } from '../support/test-stores.ts';

describe.each(storeKinds)('connectors API on %s', (kind) => {
  let demo: DemoOperator;
  let h: Harness;
  let bare: Harness;
  let operator: DemoOperatorHarness | undefined;

  beforeAll(async () => {
    operator = await demoOperatorHarness(kind);
    ({ demo, h, bare } = operator);
  }, 60_000);
  afterAll(async () => operator?.close());

  it(
    'shows the plan, balance and services of the customer on the screen pop',
    { timeout: 15_000 },
    async () => {
      const r = await h.json('GET', `/api/customers/${h.customerId}/account`, { as: 'agent' });
      expect(r.status).toBe(200);
      const n = '8613900139000';
      expect(r.body).toMatchObject({
        msisdn: n,
        profile: { area: demoProfile(n).area, plan: { name: demoProfile(n).plan.name } },
        balance: demoBalance(n),
        errors: [],
      });
      expect(r.body.services.map((s: { code: string }) => s.code)).toContain('VOLTE');
    },
  );

  it(
    'reads bills of a month with items, payments and top-ups for the agent',
    { timeout: 15_000 },
    async () => {
      const r = await h.json('GET', `/api/customers/${h.customerId}/billing?month=2026-11`, {
        as: 'agent',
      });
      expect(r.status).toBe(200);
      const n = '8613900139000';
      expect(r.body).toMatchObject({ msisdn: n, month: '2026-11', errors: [] });
      expect(r.body.bills).toEqual(demoBills(n, '2026-11'));
      expect(r.body.payments).toEqual(demoPayments(n));
      expect(r.body.topUps).toEqual(demoTopUps(n));
      const bad = await h.json('GET', `/api/customers/${h.customerId}/billing?month=2026-13`, {
        as: 'agent',
      });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('validation.failed');
      const none = await bare.json(
        'GET',
        `/api/customers/${bare.customerId}/billing?month=2026-11`,
        { as: 'agent' },
      );
      expect(none.status).toBe(200);
      expect(none.body).toMatchObject({ bills: null, payments: null, topUps: null });
      expect(none.body.errors).toHaveLength(3);
    },
  );

  it(
    'answers null for a customer without a phone number, 404 for no customer',
    { timeout: 15_000 },
    async () => {
      const c = await h.services.customers.create(systemActor, {
        name: 'Mail only',
        email: 'm@example.cn',
      });
      expect(
        (await h.json('GET', `/api/customers/${c.id}/account`, { as: 'agent' })).body,
      ).toBeNull();
      const missing = await h.json(
        'GET',
        '/api/customers/00000000-0000-4000-8000-000000000000/account',
        { as: 'agent' },
      );
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('not_found');
    },
  );

  it(
    'still answers when no operator system is configured, naming each failed part',
    { timeout: 15_000 },
    async () => {
      const r = await bare.json('GET', `/api/customers/${bare.customerId}/account`, {
        as: 'agent',
      });
      expect(r.status).toBe(200);
      expect(r.body).toMatchObject({ profile: null, balance: null, services: null });
      expect(
        r.body.errors.map((e: { part: string; code: string }) => `${e.part}:${e.code}`).sort(),
      ).toEqual([
        'balance:connector.unavailable',
        'profile:connector.unavailable',
        'services:connector.unavailable',
      ]);
    },
  );

  it(
    'reports each connector to administrators: breaker, calls, failures, latency',
    { timeout: 15_000 },
    async () => {
      await h.services.connectors.connectors.nms.outages('SH-PD');
      const r = await h.json('GET', '/api/connectors/status', { as: 'admin' });
      expect(r.status).toBe(200);
      const by = Object.fromEntries(r.body.map((s: { connector: string }) => [s.connector, s]));
      expect(Object.keys(by).sort()).toEqual(['billing', 'boss', 'nms']);
      expect(by['boss']).toMatchObject({
        breaker: 'closed',
        failures: 0,
        baseUrl: `${demo.bossUrl}/`,
      });
      expect(by['boss'].calls).toBeGreaterThanOrEqual(2);
      expect(by['boss'].p50Ms).toBeGreaterThan(0);
      expect(by['nms'].calls).toBeGreaterThanOrEqual(1);
      expect(by['nms'].failures).toBe(0);
      expect((await bare.json('GET', '/api/connectors/status', { as: 'admin' })).body).toEqual([]);
      expect((await h.json('GET', '/api/connectors/status', { as: 'supervisor' })).status).toBe(
        403,
      );
    },
  );
});
