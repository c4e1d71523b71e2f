import { describe, expect, it } from 'vitest';
import {
  checkRequest,
  parseMessage,
  type CheckRequestOptions,
  type SipRequest,
} from '../../../../src/voice/sip/message/index.ts';

const options: CheckRequestOptions = {
  supportedExtensions: ['100rel', 'timer'],
  acceptedBodyTypes: ['application/sdp'],
};
const sdp =
  'v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n';

const base: Record<string, string> = {
  Via: 'SIP/2.0/UDP 192.0.2.1:5060;branch=z9hG4bK74bf9',
  'Max-Forwards': '70',
  From: '<sip:13800138000@carrier.example.cn>;tag=9fxced76sl',
  To: '<sip:1001@kefu.example.cn>',
  'Call-ID': 'c@192.0.2.1',
  CSeq: '1 INVITE',
  Contact: '<sip:13800138000@192.0.2.1:5060>',
  'Content-Type': 'application/sdp',
};

/** A request built as text (so it goes through the parser), with headers replaced or removed. */
function req(
  o: {
    method?: string;
    uri?: string;
    version?: string;
    set?: Record<string, string | null>;
    extra?: string[];
    body?: string;
  } = {},
): SipRequest {
  const method = o.method ?? 'INVITE';
  const headers = { ...base, CSeq: `1 ${method}`, ...o.set };
  const body = o.body ?? sdp;
  const lines = Object.entries(headers)
    .filter((e): e is [string, string] => e[1] !== null)
    .map(([k, v]) => `${k}: ${v}`);
  const text = [
    `${method} ${o.uri ?? 'sip:1001@kefu.example.cn'} ${o.version ?? 'SIP/2.0'}`,
    ...lines,
    ...(o.extra ?? []),
    '',
    body,
  ].join('\r\n');
  const m = parseMessage(Buffer.from(text));
  if (m.kind !== 'request') throw new Error('not a request');
  return m;
}

const status = (r: SipRequest, o: Partial<CheckRequestOptions> = {}) =>
  checkRequest(r, { ...options, ...o })?.status ?? null;

describe('checkRequest (RFC 3261 §8.2, §16.3)', () => {
  it('passes a well-formed INVITE, a tel Request-URI, and an RFC 2543 request without Max-Forwards', () => {
    expect(checkRequest(req(), options)).toBeNull();
    expect(status(req({ uri: 'tel:+861088881234' }))).toBeNull();
    expect(status(req({ uri: 'sips:1001@kefu.example.cn' }))).toBeNull();
    expect(status(req({ set: { 'Max-Forwards': null } }))).toBeNull();
  });

  it('505 for another SIP version', () => {
    expect(checkRequest(req({ version: 'SIP/3.0' }), options)).toEqual({
      status: 505,
      reason: 'Version Not Supported',
    });
    expect(status(req({ version: 'sip/2.0' }))).toBeNull();
  });

  it.each([
    [{ set: { 'Call-ID': null } }, 'Missing Call-ID'],
    [{ set: { From: null } }, 'Missing From'],
    [{ set: { To: null } }, 'Missing To'],
    [{ set: { CSeq: null } }, 'Missing CSeq'],
    [{ set: { Via: null } }, 'Missing Via'],
    [{ extra: ['To: <sip:other@example.net>'] }, 'Duplicate To'],
    [{ extra: ['i: other'] }, 'Duplicate Call-ID'],
    [{ extra: ['Max-Forwards: 5'] }, 'Duplicate Max-Forwards'],
    [{ extra: ['Content-Length: 5', 'l: 6'] }, 'Duplicate Content-Length'],
    [{ set: { 'Max-Forwards': '300' } }, 'Bad Max-Forwards'],
    [{ set: { 'Max-Forwards': 'x' } }, 'Bad Max-Forwards'],
    [{ set: { CSeq: '1 BYE' } }, 'CSeq Method Mismatch'],
    [{ set: { Contact: 'sip:user@example.com?Route=%3Csip:sip.example.com%3E' } }, 'Bad Contact'],
    [{ set: { Contact: '*' } }, 'Bad Contact'],
    [{ extra: ['Expires: 10000000000000'] }, 'Bad Expires'],
    [{ extra: ['Require: 100rel, bad/tag'] }, 'Bad Require'],
    [{ set: { 'Content-Type': 'sdp' } }, 'Bad Content-Type'],
    [{ set: { 'Content-Type': null } }, 'Missing Content-Type'],
    [{ uri: 'sip:1001@kefu.example.cn?Route=%3Csip:x%3E' }, 'Bad Request-URI'],
  ])('400 for %j: %s', (o, reason) => {
    expect(checkRequest(req(o), options)).toEqual({ status: 400, reason });
  });

  it('400 when Content-Length and a programmatically set body disagree (§18.3)', () => {
    const r = req({ extra: [`Content-Length: ${Buffer.byteLength(sdp)}`] });
    expect(status(r)).toBeNull();
    r.body = Buffer.from('short');
    expect(checkRequest(r, options)).toEqual({ status: 400, reason: 'Bad Content-Length' });
  });

  it('400 for a REGISTER whose To is not a SIP URI; allows Contact: * there', () => {
    const reg = (to: string, contact: string) =>
      req({
        method: 'REGISTER',
        uri: 'sip:kefu.example.cn',
        body: '',
        set: { To: to, Contact: contact, 'Content-Type': null },
        extra: ['Expires: 0'],
      });
    expect(status(reg('<sip:1001@kefu.example.cn>', '*'))).toBeNull();
    expect(checkRequest(reg('tel:+861088881234', '*'), options)?.status).toBe(400);
  });

  it('416 for Request-URI schemes other than sip, sips, tel', () => {
    expect(checkRequest(req({ uri: 'http://example.com/' }), options)).toEqual({
      status: 416,
      reason: 'Unsupported URI Scheme',
    });
    expect(status(req({ uri: 'urn:service:sos' }))).toBe(416);
  });

  it('483 for Max-Forwards 0 unless the element terminates the request', () => {
    const r = req({ set: { 'Max-Forwards': '0' } });
    expect(checkRequest(r, options)).toEqual({ status: 483, reason: 'Too Many Hops' });
    expect(status(r, { role: 'proxy' })).toBe(483);
    expect(status(r, { role: 'uas' })).toBeNull();
  });

  it('420 listing the unknown Require tags, case-insensitively known ones pass; not for ACK or CANCEL', () => {
    expect(
      checkRequest(req({ extra: ['Require: 100REL, foo', 'Require: bar, foo'] }), options),
    ).toEqual({
      status: 420,
      reason: 'Bad Extension',
      unsupported: ['foo', 'bar'],
    });
    expect(status(req({ extra: ['Require: timer, 100rel'] }))).toBeNull();
    expect(status(req({ method: 'ACK', extra: ['Require: foo'] }))).toBeNull();
    expect(
      status(
        req({ method: 'CANCEL', body: '', set: { 'Content-Type': null }, extra: ['Require: foo'] }),
      ),
    ).toBeNull();
    expect(status(req({ extra: ['Proxy-Require: foo'] }))).toBeNull();
    expect(status(req({ extra: ['Proxy-Require: foo'] }), { role: 'proxy' })).toBe(420);
  });

  it('415 for a body type or coding not accepted; wildcards in the accepted list work', () => {
    expect(
      checkRequest(req({ set: { 'Content-Type': 'application/unknownformat' } }), options),
    ).toEqual({
      status: 415,
      reason: 'Unsupported Media Type',
    });
    expect(status(req({ set: { 'Content-Type': 'Application/SDP; charset=x' } }))).toBeNull();
    expect(
      status(req({ set: { 'Content-Type': 'text/plain' } }), { acceptedBodyTypes: ['text/*'] }),
    ).toBeNull();
    expect(
      status(req({ set: { 'Content-Type': 'text/plain' } }), { acceptedBodyTypes: ['*/*'] }),
    ).toBeNull();
    expect(status(req({ extra: ['Content-Encoding: gzip'] }))).toBe(415);
    expect(
      status(req({ set: { 'Content-Type': 'application/unknownformat' } }), { role: 'proxy' }),
    ).toBeNull();
    expect(
      status(req({ body: '', set: { 'Content-Type': 'application/unknownformat' } })),
    ).toBeNull();
  });

  it('406 for an INVITE whose Accept excludes application/sdp (RFC 4475 §3.3.15)', () => {
    expect(checkRequest(req({ extra: ['Accept: text/nobodyKnowsThis'] }), options)).toEqual({
      status: 406,
      reason: 'Not Acceptable',
    });
    expect(status(req({ extra: ['Accept: application/*'] }))).toBeNull();
    expect(status(req({ extra: ['Accept: text/plain, application/sdp;level=1'] }))).toBeNull();
    expect(status(req({ method: 'OPTIONS', extra: ['Accept: text/plain'] }))).toBeNull();
  });
});
