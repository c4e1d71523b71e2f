/**
 * Builds the three HTTP connectors from one configuration (the CLI's --boss-url … flags) and
 * answers for their health: breaker state, calls, failures and latency per system.
 */
import type { MetricsRegistry } from '../../app/metrics/metrics-registry.ts';
import type { ConnectorSet } from '../../app/ports/connectors.ts';
import type { BreakerPolicy } from '../../domain/connector/circuit-breaker.ts';
import { ConnectorClient } from './connector-client.ts';
import { HttpBillingConnector } from './http-billing-connector.ts';
import { HttpBossConnector } from './http-boss-connector.ts';
import type { TlsMaterial } from './http-exchange.ts';
import { HttpNmsConnector } from './http-nms-connector.ts';

export interface HttpConnectorsConfig {
  readonly bossUrl: string;
  readonly billingUrl: string;
  readonly nmsUrl: string;
  readonly apiKey?: string | undefined;
  readonly tls?: TlsMaterial | undefined;
  readonly timeoutMs?: number;
  readonly retries?: number;
  readonly backoff?: { readonly baseMs: number; readonly maxMs: number };
  readonly breaker?: BreakerPolicy;
  readonly metrics: MetricsRegistry;
  readonly log?: (msg: string, extra: Record<string, unknown>) => void;
}

export function httpConnectors(c: HttpConnectorsConfig): ConnectorSet {
  const client = (name: string, baseUrl: string) =>
    new ConnectorClient({
      name,
      baseUrl,
      apiKey: c.apiKey,
      tls: c.tls,
      metrics: c.metrics,
      ...(c.timeoutMs !== undefined ? { timeoutMs: c.timeoutMs } : {}),
      ...(c.retries !== undefined ? { retries: c.retries } : {}),
      ...(c.backoff ? { backoff: c.backoff } : {}),
      ...(c.breaker ? { breaker: c.breaker } : {}),
      ...(c.log ? { log: c.log } : {}),
    });
  const clients = [
    client('boss', c.bossUrl),
    client('billing', c.billingUrl),
    client('nms', c.nmsUrl),
  ] as const;
  return {
    connectors: {
      boss: new HttpBossConnector(clients[0]),
      billing: new HttpBillingConnector(clients[1]),
      nms: new HttpNmsConnector(clients[2]),
    },
    status: () => clients.map((x) => x.status()),
  };
}
