import { createConnection, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { TcpTransport } from '../../../../src/voice/sip/transport/tcp-transport.ts';
import type { Destination } from '../../../../src/voice/sip/transport/destination.ts';

const options = (n: number) =>
  [
    `OPTIONS sip:kefu@127.0.0.1 SIP/2.0`,
    `Via: SIP/2.0/TCP 127.0.0.1:5999;branch=z9hG4bK-${n}`,
    `From: <sip:a@127.0.0.1>;tag=${n}`,
    `To: <sip:kefu@127.0.0.1>`,
    `Call-ID: tcp-${n}`,
    `CSeq: 1 OPTIONS`,
    `Max-Forwards: 70`,
    `Content-Length: 0`,
    ``,
    ``,
  ].join('\r\n');

describe('SIP over TCP', () => {
  let t: TcpTransport | undefined;
  let client: Socket | undefined;
  afterEach(async () => {
    client?.destroy();
    await t?.close();
  });

  const open = async () => {
    const got: { text: string; source: Destination }[] = [];
    t = await TcpTransport.listen('127.0.0.1', 0, (data, source) =>
      got.push({ text: data.toString('latin1'), source }),
    );
    const c = createConnection({ host: '127.0.0.1', port: t.port });
    await new Promise((r) => c.once('connect', r));
    client = c;
    const received: Buffer[] = [];
    c.on('data', (d) => received.push(d));
    return { got, c, received: () => Buffer.concat(received).toString('latin1') };
  };
  const until = async (f: () => boolean) => {
    for (let i = 0; i < 100 && !f(); i++) await new Promise((r) => setTimeout(r, 10));
    expect(f()).toBe(true);
  };

  it('frames messages split across and packed into segments', async () => {
    const { got, c } = await open();
    const two = options(1) + options(2);
    c.write(two.slice(0, 37));
    await new Promise((r) => setTimeout(r, 20));
    c.write(two.slice(37));
    await until(() => got.length === 2);
    expect(got.map((g) => g.text)).toEqual([options(1), options(2)]);
  });

  it('answers a CRLFCRLF ping with a CRLF pong (RFC 5626 §4.4.1)', async () => {
    const { got, c, received } = await open();
    c.write('\r\n\r\n');
    await until(() => received() === '\r\n');
    c.write(options(3));
    await until(() => got.length === 1);
  });

  it('replies on the connection the request came on', async () => {
    const { got, c, received } = await open();
    c.write(options(4));
    await until(() => got.length === 1);
    await t!.send(Buffer.from('SIP/2.0 200 OK\r\nContent-Length: 0\r\n\r\n'), got[0]!.source);
    await until(() => received().startsWith('SIP/2.0 200 OK'));
  });

  it('drops a connection whose framing is broken (RFC 3261 §18.3)', async () => {
    const { c } = await open();
    const closed = new Promise((r) => c.once('close', r));
    c.write('INVITE sip:x SIP/2.0\r\nVia: SIP/2.0/TCP h\r\n\r\n'); // no Content-Length
    await closed;
  });
});
