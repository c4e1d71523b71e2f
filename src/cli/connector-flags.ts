/**
 * `kefu start` flags for the operator's systems: where BOSS, billing and NMS answer, the API key
 * they expect and the mTLS material (file paths, read once at start). All three URLs or none:
 * half an operator is a configuration mistake, reported before anything starts.
 */
import { readFileSync } from 'node:fs';
import type { HttpConnectorsConfig } from '../connectors/http/http-connectors.ts';

export const connectorFlagSpec = {
  'boss-url': { type: 'string' },
  'billing-url': { type: 'string' },
  'nms-url': { type: 'string' },
  'connector-api-key': { type: 'string' },
  'connector-cert': { type: 'string' },
  'connector-key': { type: 'string' },
  'connector-ca': { type: 'string' },
  'connector-timeout-ms': { type: 'string' },
  'demo-operator-port': { type: 'string' },
} as const;

export const connectorUsage = `[--boss-url URL --billing-url URL --nms-url URL] [--connector-api-key KEY]
             [--connector-cert FILE --connector-key FILE] [--connector-ca FILE]
             [--connector-timeout-ms 3000] [--demo-operator-port PORT]`;

type Values = Partial<Record<keyof typeof connectorFlagSpec, string | undefined>>;

const read = (flag: string, file: string | undefined) => {
  if (!file) return undefined;
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`cannot read --${flag} ${file}: ${(e as Error).message}`, { cause: e });
  }
};

export function connectorOptions(
  v: Values,
): Omit<HttpConnectorsConfig, 'metrics' | 'log'> | undefined {
  const urls = [v['boss-url'], v['billing-url'], v['nms-url']];
  if (urls.every((u) => !u)) return undefined;
  if (!urls.every(Boolean))
    throw new Error('give --boss-url, --billing-url and --nms-url together (or none of them)');
  for (const u of urls)
    if (!/^https?:\/\//.test(u ?? '')) throw new Error(`bad connector URL ${u} (use http(s)://…)`);
  if (Boolean(v['connector-cert']) !== Boolean(v['connector-key']))
    throw new Error('mTLS needs both --connector-cert and --connector-key');
  const timeout = v['connector-timeout-ms'] ? Number(v['connector-timeout-ms']) : undefined;
  if (timeout !== undefined && (!Number.isInteger(timeout) || timeout < 50 || timeout > 60_000))
    throw new Error(`bad --connector-timeout-ms ${v['connector-timeout-ms']} (50–60000)`);
  const tls = {
    cert: read('connector-cert', v['connector-cert']),
    key: read('connector-key', v['connector-key']),
    ca: read('connector-ca', v['connector-ca']),
  };
  return {
    bossUrl: urls[0] as string,
    billingUrl: urls[1] as string,
    nmsUrl: urls[2] as string,
    apiKey: v['connector-api-key'],
    ...(tls.cert || tls.ca ? { tls } : {}),
    ...(timeout !== undefined ? { timeoutMs: timeout } : {}),
  };
}

export function demoOperatorPort(v: Values): number | undefined {
  if (!v['demo-operator-port']) return undefined;
  const p = Number(v['demo-operator-port']);
  if (!Number.isInteger(p) || p < 0 || p > 65535)
    throw new Error(`bad --demo-operator-port ${v['demo-operator-port']}`);
  return p;
}
