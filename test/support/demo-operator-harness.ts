/**
 * Two API harnesses for the operator-system tests: one whose connectors reach the demo operator
 * backend over real HTTP (its own clock moves orders and tickets on), and one with no operator
 * systems configured at all.
 */
import { MetricsRegistry } from '../../src/app/metrics/metrics-registry.ts';
import { ManualClock } from '../../src/app/ports/clock.ts';
import {
  startDemoOperator,
  type DemoOperator,
} from '../../src/connectors/demo/demo-operator-server.ts';
import { httpConnectors } from '../../src/connectors/http/http-connectors.ts';
import { makeHarness, type Harness } from './api-harness.ts';
import type { StoreKind } from '../../src/app/ports/store.ts';

export interface DemoOperatorHarness {
  readonly demo: DemoOperator;
  /** The operator's own time: orders and tickets progress as it is advanced. */
  readonly opClock: ManualClock;
  readonly h: Harness;
  /** A center without operator systems. */
  readonly bare: Harness;
  close(): Promise<void>;
}

export async function demoOperatorHarness(kind: StoreKind): Promise<DemoOperatorHarness> {
  const opClock = new ManualClock(Date.parse('2026-12-01T02:00:00Z'));
  const demo = await startDemoOperator({
    apiKey: 'k',
    clock: opClock,
    timings: { order: [2000, 5000], ticket: [3000, 9000] },
  });
  const h = await makeHarness(kind, {
    connectors: httpConnectors({
      bossUrl: demo.bossUrl,
      billingUrl: demo.billingUrl,
      nmsUrl: demo.nmsUrl,
      apiKey: 'k',
      timeoutMs: 2000,
      retries: 0,
      metrics: new MetricsRegistry(),
    }),
  });
  const bare = await makeHarness(kind);
  return {
    demo,
    opClock,
    h,
    bare,
    async close() {
      await h.close();
      await bare.close();
      await demo.close();
    },
  };
}
