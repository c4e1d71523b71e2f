/**
 * The HTTP connectors over mutual TLS: an operator endpoint that demands a client certificate
 * signed by its CA answers kefu with one, and refuses kefu without one (connector.unavailable).
 * Certificates are made for the test with openssl.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { TLSSocket } from 'node:tls';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MetricsRegistry } from '../../src/app/metrics/metrics-registry.ts';
import { ConnectorError } from '../../src/app/ports/connectors.ts';
import { connectorOptions } from '../../src/cli/connector-flags.ts';
import { httpConnectors } from '../../src/connectors/http/http-connectors.ts';

describe('connectors over mTLS', () => {
  let dir: string;
  let server: Server;
  let base: string;
  const seen: unknown[] = [];
  const f = (name: string) => join(dir, name);

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kefu-mtls-'));
    const ssl = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
    ssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      'ca.key',
      '-out',
      'ca.pem',
      '-days',
      '2',
      '-subj',
      '/CN=operator test CA',
    );
    // Node checks the server's name against subjectAltName, so the server certificate names the IP.
    writeFileSync(f('server.ext'), 'subjectAltName=IP:127.0.0.1\n');
    for (const [name, cn] of [
      ['server', '127.0.0.1'],
      ['client', 'kefu'],
    ] as const) {
      ssl(
        'req',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        `${name}.key`,
        '-out',
        `${name}.csr`,
        '-subj',
        `/CN=${cn}`,
      );
      ssl(
        'x509',
        '-req',
        '-in',
        `${name}.csr`,
        '-CA',
        'ca.pem',
        '-CAkey',
        'ca.key',
        '-CAcreateserial',
        '-out',
        `${name}.pem`,
        '-days',
        '2',
        ...(name === 'server' ? ['-extfile', 'server.ext'] : []),
      );
    }
    server = createServer(
      {
        key: readFileSync(f('server.key')),
        cert: readFileSync(f('server.pem')),
        ca: readFileSync(f('ca.pem')),
        requestCert: true,
        rejectUnauthorized: true,
      },
      (req, res) => {
        const peer = (req.socket as TLSSocket).getPeerCertificate();
        seen.push(peer.subject?.CN);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ amount: '8.00', currency: 'CNY', planName: 'P58' }));
      },
    );
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }, 30_000);
  afterAll(async () => {
    if (server)
      await new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      });
    rmSync(dir, { recursive: true, force: true });
  });

  const flags = (extra: Record<string, string>) => ({
    'boss-url': `${base}/boss`,
    'billing-url': `${base}/billing`,
    'nms-url': `${base}/nms`,
    'connector-ca': f('ca.pem'),
    ...extra,
  });

  it('presents the client certificate named by the CLI flags', { timeout: 15_000 }, async () => {
    const o = connectorOptions(
      flags({ 'connector-cert': f('client.pem'), 'connector-key': f('client.key') }),
    );
    const set = httpConnectors({ ...o!, metrics: new MetricsRegistry(), retries: 0 });
    expect(await set.connectors.billing.balance('8613800000000')).toMatchObject({ amount: '8.00' });
    expect(seen).toEqual(['kefu']);
  });

  it(
    'is refused without a client certificate: connector.unavailable',
    { timeout: 15_000 },
    async () => {
      const o = connectorOptions(flags({}));
      const set = httpConnectors({ ...o!, metrics: new MetricsRegistry(), retries: 0 });
      const e = await set.connectors.billing.balance('8613800000000').catch((x: unknown) => x);
      expect(e).toBeInstanceOf(ConnectorError);
      expect((e as ConnectorError).code).toBe('connector.unavailable');
      expect(seen).toEqual(['kefu']);
    },
  );

  it('checks the flags before anything starts', () => {
    expect(connectorOptions({})).toBeUndefined();
    expect(() => connectorOptions({ 'boss-url': base })).toThrow(/together/);
    expect(() => connectorOptions(flags({ 'connector-cert': f('client.pem') }))).toThrow(/both/);
    expect(() => connectorOptions(flags({ 'connector-ca': f('missing.pem') }))).toThrow(
      /cannot read --connector-ca/,
    );
    expect(() => connectorOptions({ ...flags({}), 'nms-url': 'ftp://x' })).toThrow(
      /bad connector URL/,
    );
    expect(() => connectorOptions(flags({ 'connector-timeout-ms': '5' }))).toThrow(/50–60000/);
  });
});
