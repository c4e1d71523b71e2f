import { describe, expect, it } from 'vitest';
import {
  parseMessage,
  parseUri,
  serializeMessage,
  SipHeaders,
  type SipRequest,
  type SipResponse,
} from '../../../../src/voice/sip/message/index.ts';
import { messageShape } from './support/shape.ts';

function request(headers: [string, string][], body = ''): SipRequest {
  return {
    kind: 'request',
    method: 'MESSAGE',
    uri: parseUri('sip:agent1001@kefu.example.cn'),
    version: 'SIP/2.0',
    headers: new SipHeaders(headers),
    body: Buffer.from(body),
  };
}

describe('serializeMessage (RFC 3261 §7)', () => {
  it('writes CRLF lines, canonical names, and a Content-Length counting body bytes', () => {
    const out = serializeMessage(
      request(
        [
          ['v', 'SIP/2.0/TCP 192.0.2.9;branch=z9hG4bKq'],
          ['f', '<sip:a@b>;tag=1'],
          ['t', '<sip:agent1001@kefu.example.cn>'],
          ['i', 'x1'],
          ['cseq', '2 MESSAGE'],
          ['c', 'text/plain;charset=UTF-8'],
        ],
        '您好',
      ),
    ).toString();
    expect(out).toBe(
      'MESSAGE sip:agent1001@kefu.example.cn SIP/2.0\r\n' +
        'Via: SIP/2.0/TCP 192.0.2.9;branch=z9hG4bKq\r\n' +
        'From: <sip:a@b>;tag=1\r\n' +
        'To: <sip:agent1001@kefu.example.cn>\r\n' +
        'Call-ID: x1\r\n' +
        'CSeq: 2 MESSAGE\r\n' +
        'Content-Type: text/plain;charset=UTF-8\r\n' +
        'Content-Length: 6\r\n' +
        '\r\n' +
        '您好',
    );
  });

  it('replaces a wrong Content-Length in place and drops duplicates', () => {
    const out = serializeMessage(
      request([
        ['Content-Length', '99'],
        ['To', '<sip:a@b>'],
        ['l', '5'],
      ]),
    ).toString();
    expect(out).toBe(
      'MESSAGE sip:agent1001@kefu.example.cn SIP/2.0\r\nContent-Length: 0\r\nTo: <sip:a@b>\r\n\r\n',
    );
  });

  it('writes responses and keeps binary bodies intact', () => {
    const body = Buffer.from([0, 255, 13, 10, 13, 10, 1]);
    const res: SipResponse = {
      kind: 'response',
      status: 200,
      reason: 'OK',
      version: 'SIP/2.0',
      headers: new SipHeaders([['Content-Type', 'application/octet-stream']]),
      body,
    };
    const data = serializeMessage(res);
    expect(data.subarray(0, 17).toString()).toBe('SIP/2.0 200 OK\r\nC');
    expect(parseMessage(data).body.equals(body)).toBe(true);
  });

  it('round-trips: parse(serialize(parse(x))) equals parse(x)', () => {
    const x = Buffer.from(
      'INVITE sips:%E5%BC%A0@[2001:db8::1]:5061;transport=tls SIP/2.0\r\n' +
        'v: SIP/2.0/TLS [2001:db8::2]:5061;branch=z9hG4bKa, SIP/2.0/UDP p.example.com;branch=z9hG4bKb;received=192.0.2.7\r\n' +
        'f: "A, B" <sips:a@example.com>;tag=x\r\nt: sips:%E5%BC%A0@example.com\r\ni: rt@1\r\nCSeq: 7 INVITE\r\n' +
        'Subject: folded\r\n  value\r\nl: 4\r\n\r\nbody',
    );
    const m = parseMessage(x);
    const again = parseMessage(serializeMessage(m));
    expect(messageShape(again)).toEqual(messageShape(m));
    expect(again.kind === 'request' && again.uri.user).toBe('张');
  });

  it('refuses to write an invalid method, status or a reason with line breaks', () => {
    expect(() => serializeMessage({ ...request([]), method: 'BAD METHOD' })).toThrow(TypeError);
    const res: SipResponse = {
      kind: 'response',
      status: 99,
      reason: 'x',
      version: 'SIP/2.0',
      headers: new SipHeaders(),
      body: Buffer.alloc(0),
    };
    expect(() => serializeMessage(res)).toThrow(TypeError);
    expect(serializeMessage({ ...res, status: 400, reason: 'Bad\r\nVia: x' }).toString()).toBe(
      'SIP/2.0 400 Bad Via: x\r\nContent-Length: 0\r\n\r\n',
    );
  });
});
