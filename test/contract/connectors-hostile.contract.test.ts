/**
 * The HTTP connector client against a hostile server that fails, stalls and talks nonsense:
 * timeouts, retries (counted at the server), the circuit breaker and the coded errors.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConnectorClient } from '../../src/connectors/http/connector-client.ts';
import { HttpBillingConnector } from '../../src/connectors/http/http-billing-connector.ts';
import { codeOf } from './connector-errors.ts';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe('HTTP connector client against a hostile server', () => {
  let server: Server;
  let url: string;
  let handler: Handler = (_q, s) => s.end();
  let hits: IncomingMessage[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      hits.push(req);
      handler(req, res);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/billing`;
  });
  afterEach(() => {
    hits = [];
  });
  afterAll(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );

  const json =
    (status: number, body: unknown): Handler =>
    (_q, s) => {
      s.writeHead(status, { 'content-type': 'application/json' });
      s.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
  const good = json(200, { amount: '12.30', currency: 'CNY', planName: 'P' });
  let t = 0;
  const client = (o: Partial<ConstructorParameters<typeof ConnectorClient>[0]> = {}) =>
    new ConnectorClient({
      name: 'billing',
      baseUrl: url,
      timeoutMs: 300,
      retries: 2,
      backoff: { baseMs: 10, maxMs: 40 },
      breaker: { failureThreshold: 100, windowMs: 60_000, cooldownMs: 1000 },
      now: () => t,
      ...o,
    });
  const balanceOf = (c: ConnectorClient) => new HttpBillingConnector(c).balance('8613800000000');

  it(
    'retries a GET on 500 with backoff, then fails with connector.unavailable',
    { timeout: 10_000 },
    async () => {
      handler = json(500, { code: 'boom', message: 'database down' });
      const logged: { msg: string; extra: Record<string, unknown> }[] = [];
      const c = client({ log: (msg, extra) => logged.push({ msg, extra }) });
      const e = await codeOf(balanceOf(c));
      expect(e.code).toBe('connector.unavailable');
      expect(e.details).toMatchObject({
        connector: 'billing',
        operation: 'balance',
        status: 500,
        operatorCode: 'boom',
      });
      expect(hits).toHaveLength(3);
      expect(c.status()).toMatchObject({ calls: 1, failures: 1, retries: 2 });
      // One log line for the failed call, not one per attempt.
      expect(logged).toEqual([
        {
          msg: 'connector call failed',
          extra: expect.objectContaining({
            connector: 'billing',
            code: 'connector.unavailable',
            attempts: 3,
          }),
        },
      ]);
    },
  );

  it('succeeds when a retry gets through after a 503', { timeout: 10_000 }, async () => {
    let n = 0;
    handler = (q, s) => (++n === 1 ? json(503, 'busy')(q, s) : good(q, s));
    const c = client();
    expect((await balanceOf(c)).amount).toBe('12.30');
    expect(hits).toHaveLength(2);
    expect(c.status()).toMatchObject({ calls: 1, failures: 0, retries: 1 });
  });

  it(
    'times out slow answers on every attempt with connector.timeout',
    { timeout: 10_000 },
    async () => {
      handler = (q, s) => setTimeout(() => good(q, s), 1500);
      const started = Date.now();
      const e = await codeOf(balanceOf(client({ timeoutMs: 200 })));
      expect(e.code).toBe('connector.timeout');
      expect(e.details).toMatchObject({ timeoutMs: 200 });
      expect(hits).toHaveLength(3);
      // Three attempts of 200 ms plus backoff, far from the server's 1.5 s.
      expect(Date.now() - started).toBeLessThan(1400);
    },
  );

  it(
    'does not retry malformed JSON or a body of the wrong shape: connector.bad_response',
    { timeout: 10_000 },
    async () => {
      handler = json(200, '{"amount": 12.3');
      expect((await codeOf(balanceOf(client()))).code).toBe('connector.bad_response');
      expect(hits).toHaveLength(1);
      hits = [];
      handler = json(200, { amount: 12.3, currency: 'CNY', planName: 'P' });
      const c = client();
      const e = await codeOf(balanceOf(c));
      expect(e.code).toBe('connector.bad_response');
      expect(hits).toHaveLength(1);
      await expect(balanceOf(c)).rejects.toThrow(/amount/);
    },
  );

  it(
    'retries a POST only when it carries an Idempotency-Key, and repeats the same key',
    { timeout: 10_000 },
    async () => {
      handler = json(500, { code: 'x', message: 'y' });
      const schema = z.object({ id: z.string() });
      const c = client();
      await codeOf(
        c.request({ operation: 'post', method: 'POST', path: 'things', body: {}, schema }),
      );
      expect(hits).toHaveLength(1);
      hits = [];
      await codeOf(
        c.request({
          operation: 'post',
          method: 'POST',
          path: 'things',
          body: {},
          idempotencyKey: 'abc',
          schema,
        }),
      );
      expect(hits.map((h) => h.headers['idempotency-key'])).toEqual(['abc', 'abc', 'abc']);
    },
  );

  it(
    'does not retry or count business errors against the breaker (404, 422)',
    { timeout: 10_000 },
    async () => {
      handler = json(404, { code: 'no_subscriber', message: 'no such number' });
      const c = client({ breaker: { failureThreshold: 1, windowMs: 60_000, cooldownMs: 1000 } });
      expect((await codeOf(balanceOf(c))).code).toBe('connector.not_found');
      handler = json(422, { code: 'bad', message: 'nope' });
      expect((await codeOf(balanceOf(c))).code).toBe('connector.rejected');
      expect(hits).toHaveLength(2);
      expect(c.status().breaker).toBe('closed');
    },
  );

  it(
    'opens the breaker: no request reaches the server until the cooldown, then one probe',
    { timeout: 10_000 },
    async () => {
      handler = json(500, { code: 'down', message: 'down' });
      t = 1_000_000;
      const c = client({
        retries: 0,
        breaker: { failureThreshold: 3, windowMs: 10_000, cooldownMs: 5000 },
      });
      for (let i = 0; i < 3; i++)
        expect((await codeOf(balanceOf(c))).code).toBe('connector.unavailable');
      expect(hits).toHaveLength(3);
      expect(c.status().breaker).toBe('open');
      const refused = await codeOf(balanceOf(c));
      expect(refused).toMatchObject({
        code: 'connector.unavailable',
        details: { breaker: 'open' },
      });
      expect(hits).toHaveLength(3);
      // After the cooldown one probe goes through; it fails, so the breaker opens again.
      t += 5000;
      await codeOf(balanceOf(c));
      expect(hits).toHaveLength(4);
      expect(c.status().breaker).toBe('open');
      await codeOf(balanceOf(c));
      expect(hits).toHaveLength(4);
      // The next probe finds the system healthy: closed again, calls flow.
      t += 5000;
      handler = good;
      expect((await balanceOf(c)).amount).toBe('12.30');
      expect(c.status().breaker).toBe('closed');
      expect((await balanceOf(c)).amount).toBe('12.30');
      expect(hits).toHaveLength(6);
    },
  );

  it('a retrying call stops retrying once the breaker opens', { timeout: 10_000 }, async () => {
    handler = json(503, { code: 'down', message: 'down' });
    const c = client({
      retries: 5,
      breaker: { failureThreshold: 2, windowMs: 10_000, cooldownMs: 60_000 },
    });
    const e = await codeOf(balanceOf(c));
    expect(e).toMatchObject({ code: 'connector.unavailable', details: { breaker: 'open' } });
    expect(hits).toHaveLength(2);
  });

  it('says a refused connection is connector.unavailable', { timeout: 10_000 }, async () => {
    const c = new ConnectorClient({
      name: 'nms',
      baseUrl: 'http://127.0.0.1:9/nms',
      retries: 1,
      backoff: { baseMs: 1, maxMs: 2 },
    });
    const e = await codeOf(
      c.request({ operation: 'outages', method: 'GET', path: 'outages', schema: z.object({}) }),
    );
    expect(e.code).toBe('connector.unavailable');
    expect(c.status()).toMatchObject({ connector: 'nms', calls: 1, failures: 1, retries: 1 });
    expect(c.status().p50Ms).not.toBeNull();
  });
});
