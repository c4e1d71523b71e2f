/**
 * The HTTP connectors against the demo operator backend: the contract of docs/connectors.md end
 * to end — every operation, idempotent orders and tickets, status progress, coded errors, API
 * key. The hostile-server half is connectors-hostile.contract.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricsRegistry } from '../../src/app/metrics/metrics-registry.ts';
import { ManualClock } from '../../src/app/ports/clock.ts';
import type { ConnectorSet } from '../../src/app/ports/connectors.ts';
import {
  startDemoOperator,
  type DemoOperator,
} from '../../src/connectors/demo/demo-operator-server.ts';
import { demoOutageSubscriber } from '../../src/connectors/demo/demo-subscribers.ts';
import { httpConnectors } from '../../src/connectors/http/http-connectors.ts';
import { codeOf } from './connector-errors.ts';

describe('HTTP connectors against the demo operator backend', () => {
  const clock = new ManualClock(Date.parse('2026-12-01T02:00:00Z'));
  let demo: DemoOperator;
  let http: ConnectorSet;
  const liu = '8613900139000';

  beforeAll(async () => {
    demo = await startDemoOperator({
      apiKey: 'demo-key',
      clock,
      timings: { order: [2000, 5000], ticket: [3000, 9000] },
    });
    http = httpConnectors({
      bossUrl: demo.bossUrl,
      billingUrl: demo.billingUrl,
      nmsUrl: demo.nmsUrl,
      apiKey: 'demo-key',
      timeoutMs: 2000,
      metrics: new MetricsRegistry(),
    });
  });
  afterAll(() => demo?.close());

  it(
    'reads profile, services, balance, bills, payments and top-ups of a seed customer',
    { timeout: 10_000 },
    async () => {
      const { boss, billing } = http.connectors;
      const p = await boss.profile(liu);
      expect(p).toMatchObject({ msisdn: liu, area: expect.stringMatching(/^[A-Z]{2}-[A-Z]{2}$/) });
      expect(p.area).not.toBe('SH-PD');
      expect((await boss.profile(demoOutageSubscriber)).area).toBe('SH-PD');
      expect(p.plan.name).not.toBe('');
      expect((await boss.services(liu)).map((s) => s.code)).toContain('VOLTE');
      const b = await billing.balance('+' + liu);
      expect(b).toMatchObject({ currency: 'CNY', planName: p.plan.name });
      expect(b.amount).toMatch(/^\d+\.\d\d$/);
      const [bill] = await billing.bills(liu, '2026-11');
      expect(bill?.month).toBe('2026-11');
      const sum = bill!.items.reduce((s, i) => s + Math.round(Number(i.amount) * 100), 0);
      expect(Math.round(Number(bill!.total) * 100)).toBe(sum);
      expect(await billing.payments(liu)).toHaveLength(3);
      expect(await billing.topUps(liu)).toHaveLength(2);
      // The same number always gives the same account.
      expect(await billing.balance(liu)).toEqual(b);
    },
  );

  it(
    'answers unknown subscribers with connector.not_found and bad months with connector.rejected',
    { timeout: 10_000 },
    async () => {
      expect((await codeOf(http.connectors.boss.profile('12345'))).code).toBe(
        'connector.not_found',
      );
      expect((await codeOf(http.connectors.billing.bills(liu, '2026-13'))).code).toBe(
        'connector.rejected',
      );
    },
  );

  it(
    'places a BOSS order once per idempotency key and follows it to completion',
    { timeout: 10_000 },
    async () => {
      const { boss } = http.connectors;
      const o = await boss.placeOrder({
        msisdn: liu,
        kind: 'open_service',
        serviceCode: 'ROAM',
        idempotencyKey: 'k-1',
      });
      expect(o.status).toBe('pending');
      const again = await boss.placeOrder({
        msisdn: liu,
        kind: 'open_service',
        serviceCode: 'ROAM',
        idempotencyKey: 'k-1',
      });
      expect(again.id).toBe(o.id);
      clock.advance(2500);
      expect((await boss.order(o.id)).status).toBe('processing');
      clock.advance(3000);
      expect((await boss.order(o.id)).status).toBe('completed');
      const bad = await boss.placeOrder({
        msisdn: liu,
        kind: 'change_plan',
        planCode: 'NOPE',
        idempotencyKey: 'k-2',
      });
      clock.advance(6000);
      expect(await boss.order(bad.id)).toMatchObject({
        status: 'failed',
        reason: 'unknown plan NOPE',
      });
      expect(
        (
          await codeOf(
            boss.placeOrder({ msisdn: '999', kind: 'report_lost_sim', idempotencyKey: 'k-3' }),
          )
        ).code,
      ).toBe('connector.rejected');
      expect((await codeOf(boss.order('ORD-none'))).code).toBe('connector.not_found');
    },
  );

  it(
    'opens an NMS ticket that moves open → in_progress → resolved, and lists outages by area',
    { timeout: 10_000 },
    async () => {
      const { nms } = http.connectors;
      const t = await nms.openTicket({
        msisdn: liu,
        location: '浦东 张江',
        symptom: 'no signal',
        idempotencyKey: 't-1',
      });
      expect(t.status).toBe('open');
      clock.advance(4000);
      expect((await nms.ticket(t.id)).status).toBe('in_progress');
      clock.advance(6000);
      expect((await nms.ticket(t.id)).status).toBe('resolved');
      expect(await nms.outages('SH-PD')).toHaveLength(1);
      expect(await nms.outages('BJ-HD')).toEqual([]);
    },
  );

  it('is refused without the API key', { timeout: 10_000 }, async () => {
    const noKey = httpConnectors({
      bossUrl: demo.bossUrl,
      billingUrl: demo.billingUrl,
      nmsUrl: demo.nmsUrl,
      metrics: new MetricsRegistry(),
    });
    const e = await codeOf(noKey.connectors.billing.balance(liu));
    expect(e.code).toBe('connector.rejected');
    expect(e.details).toMatchObject({ status: 401, operatorCode: 'unauthorized' });
  });
});
