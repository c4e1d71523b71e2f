import { describe, expect, it } from 'vitest';
import {
  formatCSeq,
  formatVia,
  parseCSeq,
  parseVia,
  SipParseError,
} from '../../../../src/voice/sip/message/index.ts';

describe('parseVia / formatVia (RFC 3261 §20.42, RFC 3581)', () => {
  it('reads protocol, transport, sent-by and the typed parameters', () => {
    const v = parseVia(
      'SIP/2.0/UDP pc33.atlanta.com:5066;branch=z9hG4bK776asdhds;received=192.0.2.1;rport=5067;ttl=16',
    );
    expect(v).toMatchObject({
      protocol: 'SIP/2.0',
      transport: 'UDP',
      host: 'pc33.atlanta.com',
      port: 5066,
      branch: 'z9hG4bK776asdhds',
      received: '192.0.2.1',
      rport: 5067,
    });
    expect(v.params.get('ttl')).toBe('16');
  });

  it('tells an empty rport (please fill in) from a filled one and from none', () => {
    expect(parseVia('SIP/2.0/UDP a.example.com;rport;branch=z9hG4bK1').rport).toBe(true);
    expect(parseVia('SIP/2.0/UDP a.example.com;rport=5060;branch=z9hG4bK1').rport).toBe(5060);
    expect(parseVia('SIP/2.0/UDP a.example.com;branch=z9hG4bK1').rport).toBeNull();
    expect(() => parseVia('SIP/2.0/UDP a.example.com;rport=x')).toThrow(SipParseError);
    expect(() => parseVia('SIP/2.0/UDP a.example.com;rport=70000')).toThrow(SipParseError);
  });

  it('reads IPv6 sent-by and received, and uppercases protocol and transport', () => {
    const v = parseVia('sip/2.0/tcp [2001:db8::10]:5070;branch=z9hG4bKx;received=2001:db8::20');
    expect([v.protocol, v.transport, v.host, v.port, v.received]).toEqual([
      'SIP/2.0',
      'TCP',
      '2001:db8::10',
      5070,
      '2001:db8::20',
    ]);
    expect(formatVia(v)).toBe(
      'SIP/2.0/TCP [2001:db8::10]:5070;branch=z9hG4bKx;received=2001:db8::20',
    );
  });

  it('allows LWS around "/", ":", ";" and "=" (RFC 4475 §3.1.1.1)', () => {
    const v = parseVia('SIP  /   2.0 /UDP   192.0.2.2 : 5060   ; branch  =   z9hG4bK9ikj8 ;rport');
    expect([v.transport, v.host, v.port, v.branch, v.rport]).toEqual([
      'UDP',
      '192.0.2.2',
      5060,
      'z9hG4bK9ikj8',
      true,
    ]);
  });

  it('keeps branches that are not RFC 3261 style (RFC 4475 §3.2.1) and Vias without branch (§3.4.1)', () => {
    expect(parseVia('SIP/2.0/UDP 192.0.2.1;branch=z9hG4bK').branch).toBe('z9hG4bK');
    expect(parseVia('SIP/2.0/UDP iftgw.example.com').branch).toBeNull();
  });

  it.each([
    'SIP/2.0/UDP',
    'SIP/2.0/UDP ',
    'SIP/2.0 host.example.com',
    'SIP/2.0/UDPhost.example.com',
    'SIP/2.0/UDP host.example.com;;',
    'SIP/2.0/UDP 192.0.2.15;;,;,,',
    'SIP/2.0/UDP host.example.com;branch',
    'SIP/2.0/UDP host.example.com;branch="z9hG4bK1"',
    'SIP/2.0/UDP host.example.com;received=not-an-ip',
    'SIP/2.0/UDP host.example.com:99999',
    'SIP/2.0/UDP [::zz]',
    'SIP/2.0/UDP host.example.com junk',
    '',
  ])('rejects %j', (s) => {
    expect(() => parseVia(s)).toThrow(SipParseError);
  });

  it('formats with the typed fields winning over params (as a server stamps received/rport)', () => {
    const v = parseVia('SIP/2.0/UDP 10.0.0.5:5060;rport;branch=z9hG4bKabc;maddr=x');
    expect(formatVia(v)).toBe('SIP/2.0/UDP 10.0.0.5:5060;rport;branch=z9hG4bKabc;maddr=x');
    const stamped = { ...v, received: '203.0.113.9', rport: 40123 as const };
    expect(formatVia(stamped)).toBe(
      'SIP/2.0/UDP 10.0.0.5:5060;rport=40123;branch=z9hG4bKabc;maddr=x;received=203.0.113.9',
    );
    expect(formatVia({ ...v, branch: null, rport: null })).toBe(
      'SIP/2.0/UDP 10.0.0.5:5060;maddr=x',
    );
  });
});

describe('parseCSeq (RFC 3261 §20.16)', () => {
  it('reads the number and the method, with any LWS and leading zeros', () => {
    expect(parseCSeq('4711 INVITE')).toEqual({ seq: 4711, method: 'INVITE' });
    expect(parseCSeq('  0009 \t INVITE ')).toEqual({ seq: 9, method: 'INVITE' });
    expect(parseCSeq(`${2 ** 31 - 1} RE%47IST%45R`)).toEqual({
      seq: 2 ** 31 - 1,
      method: 'RE%47IST%45R',
    });
    expect(formatCSeq({ seq: 1, method: 'BYE' })).toBe('1 BYE');
  });

  it.each([
    '',
    'INVITE',
    '1',
    '1INVITE',
    '-1 INVITE',
    `${2 ** 31} INVITE`,
    '36893488147419103232 REGISTER',
    '1 INVITE extra',
    '1 INV;TE',
  ])('rejects %j', (s) => {
    expect(() => parseCSeq(s)).toThrow(SipParseError);
  });
});
