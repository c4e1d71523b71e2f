/**
 * Picks the operator connectors at start: the configured HTTP systems; in demo mode without
 * them, the demo operator backend on 127.0.0.1, reached over real HTTP so the IVR, the screen
 * pop and the case flows exercise the same adapters as production; otherwise none (every call
 * answers connector.unavailable).
 */
import type { MetricsRegistry } from '../app/metrics/metrics-registry.ts';
import { unconfiguredConnectors, type ConnectorSet } from '../app/ports/connectors.ts';
import { startDemoOperator, type DemoOperator } from './demo/demo-operator-server.ts';
import { httpConnectors, type HttpConnectorsConfig } from './http/http-connectors.ts';

export type ConnectorsOptions = Omit<HttpConnectorsConfig, 'metrics' | 'log'>;

/** The key the demo operator backend asks for, so the demo exercises API-key auth too. */
const demoOperatorKey = 'kefu-demo-operator';

export const noConnectors: ConnectorSet = {
  connectors: unconfiguredConnectors(),
  status: () => [],
};

export interface StartedConnectors {
  readonly set: ConnectorSet;
  /** The demo operator backend's address, when it was started. */
  readonly demoOperatorUrl: string | null;
  stop(): Promise<void>;
}

export async function startConnectors(o: {
  readonly demo: boolean;
  readonly config?: ConnectorsOptions | undefined;
  readonly demoOperatorPort?: number | undefined;
  readonly metrics: MetricsRegistry;
  readonly log: (msg: string, extra: Record<string, unknown>) => void;
}): Promise<StartedConnectors> {
  const demo: DemoOperator | null =
    o.demo && !o.config
      ? await startDemoOperator({ apiKey: demoOperatorKey, port: o.demoOperatorPort ?? 0 })
      : null;
  const config = demo
    ? {
        bossUrl: demo.bossUrl,
        billingUrl: demo.billingUrl,
        nmsUrl: demo.nmsUrl,
        apiKey: demoOperatorKey,
      }
    : o.config;
  return {
    set: config ? httpConnectors({ ...config, metrics: o.metrics, log: o.log }) : noConnectors,
    demoOperatorUrl: demo?.url ?? null,
    stop: async () => demo?.close(),
  };
}
