/**
 * The HTTP webhook sender against a real local receiver: the answer and a bounded snippet,
 * redirects not followed, and the private-address guard (off by default) refusing loopback.
 */
import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HttpWebhookSender } from '../../../src/connectors/webhook/http-webhook-sender.ts';
import { isPrivateAddress } from '../../../src/domain/webhook/private-address.ts';
import { startWebhookReceiver, type WebhookReceiver } from '../../support/webhook-receiver.ts';

const req = (url: string) => ({
  url,
  headers: { 'content-type': 'application/json', 'kefu-event-id': 'evt_1' },
  body: '{"id":"evt_1"}',
  timeoutMs: 2000,
});

describe('HTTP webhook sender', () => {
  let rx: WebhookReceiver;
  beforeAll(async () => {
    rx = await startWebhookReceiver();
  });
  afterAll(async () => rx?.close());

  it('returns the status and at most the first N characters of the answer', async () => {
    rx.plan('/a', [503]);
    const r = await new HttpWebhookSender().post(req(`${rx.url}/a`), 100);
    expect(r).toMatchObject({ statusCode: 503, error: null });
    expect(r.response).toHaveLength(100);
    expect(rx.received.at(-1)?.body).toBe('{"id":"evt_1"}');
  }, 10_000);

  it('does not follow redirects', async () => {
    rx.plan('/r', [302]);
    const r = await new HttpWebhookSender().post(req(`${rx.url}/r`), 100);
    expect(r.statusCode).toBe(302);
    expect(rx.received.filter((x) => x.path === '/r')).toHaveLength(1);
  }, 10_000);

  it('refuses private addresses when told to, and sends nothing', async () => {
    const before = rx.received.length;
    const r = await new HttpWebhookSender({ blockPrivateAddresses: true }).post(
      req(`${rx.url}/b`),
      100,
    );
    expect(r.statusCode).toBeNull();
    expect(r.error).toMatch(/^refused: 127\.0\.0\.1 is the private address 127\.0\.0\.1/);
    expect(rx.received.length).toBe(before);
  }, 10_000);

  it('reports a refused connection as an error, not a throw', async () => {
    // A port that was just free (port 1 would be refused by fetch itself as a "bad port").
    const srv = createServer();
    await new Promise<void>((r) => srv.listen(0, '127.0.0.1', r));
    const port = (srv.address() as AddressInfo).port;
    await new Promise((r) => srv.close(r));
    const r = await new HttpWebhookSender().post(req(`http://127.0.0.1:${port}/x`), 100);
    expect(r.statusCode).toBeNull();
    expect(r.error).toMatch(/ECONNREFUSED/);
  }, 10_000);

  it('knows private, loopback and link-local addresses', () => {
    for (const a of ['10.1.2.3', '127.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.1.1'])
      expect(isPrivateAddress(a), a).toBe(true);
    for (const a of ['169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', 'fd00::1', 'fe80::1'])
      expect(isPrivateAddress(a), a).toBe(true);
    expect(isPrivateAddress('::ffff:10.0.0.1')).toBe(true);
    for (const a of ['8.8.8.8', '172.32.0.1', '100.128.0.1', '2001:db8::1', '::ffff:1.2.3.4'])
      expect(isPrivateAddress(a), a).toBe(false);
  });
});
