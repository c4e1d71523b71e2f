import { describe, expect, it } from 'vitest';
import {
  parseMessage,
  SipParseError,
  type SipMessage,
} from '../../../../src/voice/sip/message/index.ts';

const sdp =
  'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=通话\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n';

function invite(extra: string[] = [], body = sdp, length = Buffer.byteLength(body)): Buffer {
  return Buffer.from(
    [
      'INVITE sip:1001@kefu.example.cn SIP/2.0',
      'Via: SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK74bf9;rport',
      'Max-Forwards: 70',
      'From: "李四" <sip:13800138000@carrier.example.cn>;tag=9fxced76sl',
      'To: <sip:1001@kefu.example.cn>',
      'Call-ID: 3848276298220188511@192.0.2.1',
      'CSeq: 1 INVITE',
      'Contact: <sip:13800138000@192.0.2.1:5060>',
      'Content-Type: application/sdp',
      ...(length >= 0 ? [`Content-Length: ${length}`] : []),
      ...extra,
      '',
      body,
    ].join('\r\n'),
  );
}

function rejection(data: Buffer, maxBytes?: number): SipParseError {
  try {
    parseMessage(data, maxBytes === undefined ? {} : { maxBytes });
  } catch (e) {
    expect(e).toBeInstanceOf(SipParseError);
    return e as SipParseError;
  }
  throw new Error('expected a SipParseError');
}

const req = (m: SipMessage) => {
  if (m.kind !== 'request') throw new Error('not a request');
  return m;
};

describe('parseMessage (RFC 3261 §7)', () => {
  it('parses a typical INVITE; the body is exact bytes and Content-Length counts bytes', () => {
    const m = req(parseMessage(invite()));
    expect([m.method, m.uri.user, m.uri.host, m.version]).toEqual([
      'INVITE',
      '1001',
      'kefu.example.cn',
      'SIP/2.0',
    ]);
    expect(m.body.equals(Buffer.from(sdp))).toBe(true);
    expect(m.body.length).toBeGreaterThan(sdp.length); // 通话 is 6 bytes in UTF-8
    expect(m.headers.get('From')).toBe(
      '"李四" <sip:13800138000@carrier.example.cn>;tag=9fxced76sl',
    );
  });

  it('parses responses, with or without a reason phrase, version case-insensitively', () => {
    const m = parseMessage(
      Buffer.from('sip/2.0 180 Ringing\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n\r\n'),
    );
    expect(m.kind === 'response' && [m.status, m.reason, m.version]).toEqual([
      180,
      'Ringing',
      'SIP/2.0',
    ]);
    const n = parseMessage(Buffer.from('SIP/2.0 100\r\n\r\n'));
    expect(n.kind === 'response' && [n.status, n.reason]).toEqual([100, '']);
    for (const code of ['100', '699'])
      expect(() => parseMessage(Buffer.from(`SIP/2.0 ${code} X\r\n\r\n`))).not.toThrow();
    for (const code of ['099', '700', '1000', '20', 'abc', '4294967301']) {
      expect(rejection(Buffer.from(`SIP/2.0 ${code} X\r\n\r\n`)).reason).toBe('Bad Status-Code');
    }
  });

  it('undoes header folding: CRLF + white space is one SP (§7.3.1)', () => {
    const m = parseMessage(
      invite(['Subject: I know you are there,', '     pick up the phone', '\tand talk to me!']),
    );
    expect(m.headers.get('Subject')).toBe(
      'I know you are there, pick up the phone and talk to me!',
    );
  });

  it('allows white space before the colon, none after the name, and empty values where the header allows', () => {
    const m = parseMessage(invite(['Subject   :', 'X-Empty:', 'Organization:   ']));
    expect(m.headers.get('Subject')).toBe('');
    expect(m.headers.get('X-Empty')).toBe('');
    expect(m.headers.get('Organization')).toBe('');
  });

  it('skips CRLFs before the start line (§7.5) and accepts bare LF line ends', () => {
    const crlf = invite();
    const m1 = parseMessage(Buffer.concat([Buffer.from('\r\n\r\n'), crlf]));
    expect(m1.headers.get('Call-ID')).toBe('3848276298220188511@192.0.2.1');
    const lfHead = crlf.subarray(0, crlf.indexOf('\r\n\r\n')).toString().replaceAll('\r\n', '\n');
    const m2 = parseMessage(Buffer.concat([Buffer.from(lfHead + '\n\n'), Buffer.from(sdp)]));
    expect(m2.body.equals(Buffer.from(sdp))).toBe(true);
  });

  it('truncates a datagram longer than Content-Length; rejects a shorter one (§18.3)', () => {
    expect(
      parseMessage(
        invite([], sdp + 'garbage after the body', Buffer.byteLength(sdp)),
      ).body.toString(),
    ).toBe(sdp);
    const short = rejection(invite([], sdp, Buffer.byteLength(sdp) + 1));
    expect(short.reason).toBe('Bad Content-Length');
    expect(short.isRequest).toBe(true);
  });

  it('takes the rest of the datagram as body when Content-Length is absent (RFC 4475 §3.4.1)', () => {
    expect(parseMessage(invite([], sdp, -1)).body.toString()).toBe(sdp);
  });

  it('keeps the whole datagram when Content-Lengths disagree, for checkRequest to answer 400', () => {
    const m = parseMessage(invite(['Content-Length: 3'], sdp));
    expect(m.body.toString()).toBe(sdp);
    expect(parseMessage(invite([`l: ${Buffer.byteLength(sdp)}`])).body.toString()).toBe(sdp);
  });

  it('enforces maxBytes (default 64 KiB)', () => {
    const big = invite([`X-Pad: ${'a'.repeat(70_000)}`]);
    expect(rejection(big).reason).toBe('Message Too Large');
    expect(rejection(invite(), 100).reason).toBe('Message Too Large');
    expect(() => parseMessage(big, { maxBytes: 100_000 })).not.toThrow();
  });

  it.each([
    ['', 'Empty Message'],
    ['\r\n\r\n', 'Empty Message'],
    ['INVITE sip:a@b SIP/2.0', 'Incomplete Message'],
    ['INVITE sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h\r\n', 'Missing Empty Line'],
    ['INVITE  sip:a@b SIP/2.0\r\n\r\n', 'Bad Request-Line'],
    ['INVITE sip:a@b SIP/2.0 \r\n\r\n', 'Bad Request-Line'],
    ['INVITE sip:a@b\r\n\r\n', 'Bad Request-Line'],
    ['INV(TE sip:a@b SIP/2.0\r\n\r\n', 'Bad Method'],
    ['INVITE sip:a@b SIP/2\r\n\r\n', 'Bad SIP-Version'],
    ['INVITE sip:a@b HTTP/1.1\r\n\r\n', 'Bad SIP-Version'],
    ['INVITE <sip:a@b> SIP/2.0\r\n\r\n', 'Bad Request-URI'],
    ['SIP/2.0\r\n\r\n', 'Bad Status-Line'],
    ['OPTIONS sip:a@b SIP/2.0\r\n folded start\r\n\r\n', 'Bad Header Line'],
    ['OPTIONS sip:a@b SIP/2.0\r\nNoColonHere\r\n\r\n', 'Bad Header Line'],
    ['OPTIONS sip:a@b SIP/2.0\r\nBad Name: x\r\n\r\n', 'Bad Header Name'],
    ['OPTIONS sip:a@b SIP/2.0\r\n: x\r\n\r\n', 'Bad Header Name'],
    ['OPTIONS sip:a@b SIP/2.0\r\nX-A: a\rVia: b\r\n\r\n', 'Bad Header Line'],
    ['OPTIONS sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP\r\n\r\n', 'Bad Via'],
    ['OPTIONS sip:a@b SIP/2.0\r\nCSeq: x OPTIONS\r\n\r\n', 'Bad CSeq'],
    ['OPTIONS sip:a@b SIP/2.0\r\nCall-ID: a b\r\n\r\n', 'Bad Call-ID'],
    ['OPTIONS sip:a@b SIP/2.0\r\nFrom: <sip:a@b\r\n\r\n', 'Bad From'],
    ['OPTIONS sip:a@b SIP/2.0\r\nt: "x\r\n\r\n', 'Bad To'],
    ['OPTIONS sip:a@b SIP/2.0\r\nContent-Length: -1\r\n\r\n', 'Bad Content-Length'],
    [
      'OPTIONS sip:a@b SIP/2.0\r\nContent-Length: 99999999999999999999\r\n\r\n',
      'Bad Content-Length',
    ],
  ])('rejects %j: %s', (text, reason) => {
    expect(rejection(Buffer.from(text)).reason).toBe(reason);
  });

  it('reports what it could read of a request it rejects, so a server can answer 400 (§8.2.6)', () => {
    const e = rejection(
      Buffer.from(
        'INVITE  sip:a@b SIP/2.0\r\nVia: SIP/2.0/UDP h1;branch=z9hG4bK1, SIP/2.0/UDP h2\r\nVia: SIP/2.0/UDP h3\r\n' +
          'From: <sip:x@y>;tag=1\r\nTo: <sip:a@b>\r\nCall-ID: c1\r\nCSeq: 5 INVITE\r\n\r\n',
      ),
    );
    expect(e.partial).toMatchObject({
      isRequest: true,
      method: 'INVITE',
      callId: 'c1',
      cseq: '5 INVITE',
      via: 'SIP/2.0/UDP h1;branch=z9hG4bK1, SIP/2.0/UDP h2, SIP/2.0/UDP h3',
      topVia: 'SIP/2.0/UDP h1;branch=z9hG4bK1',
      from: '<sip:x@y>;tag=1',
      to: '<sip:a@b>',
    });
    expect(e.partial?.headers?.get('Call-ID')).toBe('c1');
    expect([e.isRequest, e.method, e.callId, e.cseq]).toEqual([true, 'INVITE', 'c1', '5 INVITE']);
  });

  it('marks rejected responses and garbage as not requests', () => {
    expect(rejection(Buffer.from('SIP/2.0 999 X\r\nCall-ID: c\r\n\r\n')).isRequest).toBe(false);
    expect(rejection(Buffer.from('\x00\x01garbage\r\n\r\n')).isRequest).toBe(false);
  });

  it('throws only SipParseError for input that is not a Buffer; accepts a plain Uint8Array', () => {
    expect(() => parseMessage('INVITE' as unknown as Buffer)).toThrow(SipParseError);
    expect(() => parseMessage(undefined as unknown as Buffer)).toThrow(SipParseError);
    expect(parseMessage(new Uint8Array(invite()) as Buffer).kind).toBe('request');
  });

  it('copies the body out of the datagram', () => {
    const data = invite();
    const m = parseMessage(data);
    data.fill(0);
    expect(m.body.toString()).toBe(sdp);
  });
});
