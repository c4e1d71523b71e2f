/** The IVR's connector lookups, over HTTP against the demo operator backend. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricsRegistry } from '../../src/app/metrics/metrics-registry.ts';
import type { ConnectorSet } from '../../src/app/ports/connectors.ts';
import {
  startDemoOperator,
  type DemoOperator,
} from '../../src/connectors/demo/demo-operator-server.ts';
import { demoBalance, demoOutageSubscriber } from '../../src/connectors/demo/demo-subscribers.ts';
import { httpConnectors } from '../../src/connectors/http/http-connectors.ts';
import { connectorLookup } from '../../src/voice/center/connector-lookup.ts';

describe('IVR connector lookups', () => {
  let demo: DemoOperator;
  let set: ConnectorSet;
  beforeAll(async () => {
    demo = await startDemoOperator();
    set = httpConnectors({
      bossUrl: demo.bossUrl,
      billingUrl: demo.billingUrl,
      nmsUrl: demo.nmsUrl,
      timeoutMs: 2000,
      metrics: new MetricsRegistry(),
    });
  });
  afterAll(() => demo?.close());

  it('reads the balance', { timeout: 10_000 }, async () => {
    const r = await connectorLookup(set.connectors, 'billing.balance', { msisdn: '8613800138000' });
    const b = demoBalance('8613800138000');
    expect(r).toEqual({ amount: b.amount, currency: 'CNY', plan: b.planName });
  });

  it(
    "finds outages in the caller's area through the BOSS profile",
    { timeout: 10_000 },
    async () => {
      const liu = await connectorLookup(set.connectors, 'nms.outages', {
        msisdn: demoOutageSubscriber,
      });
      expect(liu).toMatchObject({ area: 'SH-PD', count: '1' });
      expect(liu['description']).toMatch(/Pudong/);
      expect(liu['expected_end']).toMatch(/^\d{4}-/);
      const other = await connectorLookup(set.connectors, 'nms.outages', {
        msisdn: '8613800138000',
      });
      expect(other).toMatchObject({ count: '0', description: '' });
      expect(other['area']).not.toBe('SH-PD');
      expect(await connectorLookup(set.connectors, 'nms.outages', { area: 'SH-PD' })).toMatchObject(
        {
          count: '1',
        },
      );
    },
  );

  it('reads the BOSS profile', { timeout: 10_000 }, async () => {
    const r = await connectorLookup(set.connectors, 'boss.profile', {
      msisdn: demoOutageSubscriber,
    });
    expect(r).toMatchObject({ area: 'SH-PD', status: expect.any(String) });
  });

  it('rejects unknown connectors and unknown subscribers', { timeout: 10_000 }, async () => {
    await expect(connectorLookup(set.connectors, 'crm.vip', {})).rejects.toThrow(
      /no connector crm.vip/,
    );
    await expect(
      connectorLookup(set.connectors, 'nms.outages', { msisdn: '12' }),
    ).rejects.toMatchObject({ code: 'connector.not_found' });
  });
});
