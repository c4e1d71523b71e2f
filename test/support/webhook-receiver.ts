/**
 * A real HTTP receiver for webhook tests. It checks each request's signature with its own
 * HMAC code (written from docs/webhooks.md, not kefu's signer) and answers with the statuses
 * planned per path (200 when nothing is planned; '/fail' always 500; '/hang' never answers).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import {
  createServer,
  type IncomingHttpHeaders,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
  readonly eventId: string;
  readonly type: string;
}

export interface WebhookReceiver {
  readonly url: string;
  readonly received: Received[];
  /** Statuses to answer next on a path, in order. */
  plan(path: string, statuses: number[]): void;
  close(): Promise<void>;
}

export async function startWebhookReceiver(): Promise<WebhookReceiver> {
  const received: Received[] = [];
  const plans = new Map<string, number[]>();
  const hanging = new Set<ServerResponse>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const path = req.url ?? '/';
      received.push({
        path,
        headers: req.headers,
        body,
        eventId: String(req.headers['kefu-event-id']),
        type: String(req.headers['kefu-event-type']),
      });
      if (path === '/hang') {
        hanging.add(res);
        return;
      }
      const status = path === '/fail' ? 500 : (plans.get(path)?.shift() ?? 200);
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status === 200 ? 'ok' : `planned ${status} ` + 'x'.repeat(3000));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    plan: (path, statuses) => plans.set(path, [...statuses]),
    close: async () => {
      for (const r of hanging) r.destroy();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
    },
  };
}

/**
 * The receiver's check, as docs/webhooks.md tells integrators to write it: HMAC-SHA256 of
 * `${t}.${body}`, constant-time compare, and the timestamp within 5 minutes of `nowSec`.
 */
export function receiverVerifies(
  secret: string,
  header: string | string[] | undefined,
  body: string,
  nowSec: number,
): boolean {
  if (typeof header !== 'string') return false;
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=') as [string, string]));
  const t = Number(parts['t']);
  const v1 = parts['v1'];
  if (!Number.isInteger(t) || !v1 || Math.abs(nowSec - t) > 300) return false;
  const mac = createHmac('sha256', secret).update(`${t}.${body}`).digest();
  const got = Buffer.from(v1, 'hex');
  return got.length === mac.length && timingSafeEqual(got, mac);
}
