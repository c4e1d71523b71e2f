import { describe, expect, it } from 'vitest';
import { formatUri, parseUri, SipParseError } from '../../../../src/voice/sip/message/index.ts';
import { uriShape } from './support/shape.ts';

describe('parseUri / formatUri (RFC 3261 §19.1)', () => {
  it('reads every part of a SIP URI', () => {
    const u = parseUri(
      'sip:alice:secret@atlanta.com:5070;transport=tcp;lr?subject=project%20x&priority=urgent',
    );
    expect(uriShape(u)).toEqual({
      scheme: 'sip',
      user: 'alice',
      password: 'secret',
      host: 'atlanta.com',
      port: 5070,
      params: [
        ['transport', 'tcp'],
        ['lr', null],
      ],
      headers: [
        ['subject', 'project x'],
        ['priority', 'urgent'],
      ],
      opaque: undefined,
    });
  });

  it('lowercases the scheme and parameter names but keeps values and the host as written', () => {
    const u = parseUri('SIPS:Bob@BILOXI.example.COM;Transport=TCP;MAddr=239.255.255.1;LR');
    expect(u.scheme).toBe('sips');
    expect(u.user).toBe('Bob');
    expect(u.host).toBe('BILOXI.example.COM');
    expect([...u.params]).toEqual([
      ['transport', 'TCP'],
      ['maddr', '239.255.255.1'],
      ['lr', null],
    ]);
  });

  it('accepts a host alone, and IPv4 hosts', () => {
    expect(uriShape(parseUri('sip:example.com'))).toMatchObject({
      user: null,
      host: 'example.com',
      port: null,
    });
    expect(parseUri('sip:192.0.2.4:5060').port).toBe(5060);
  });

  it('stores IPv6 references without brackets and writes them back with brackets', () => {
    const u = parseUri('sip:agent@[2001:db8::10]:5070;transport=udp');
    expect(u.host).toBe('2001:db8::10');
    expect(u.port).toBe(5070);
    expect(formatUri(u)).toBe('sip:agent@[2001:db8::10]:5070;transport=udp');
    expect(formatUri({ ...u, host: '::1', port: null, params: new Map() })).toBe('sip:agent@[::1]');
  });

  it('resolves escapes (§19.1.2) — %00 included — and re-escapes only what must be', () => {
    expect(parseUri('sip:%61lice@atlanta.com').user).toBe('alice');
    expect(parseUri('sip:null-%00-null@example.com').user).toBe('null-\0-null');
    const u = parseUri('sip:sips%3Auser%40example.com@example.net;%6C%72;n%61me=v%61lue%25%34%31');
    expect(u.user).toBe('sips:user@example.com');
    expect([...u.params]).toEqual([
      ['lr', null],
      ['name', 'value%41'],
    ]);
    expect(formatUri(u)).toBe('sip:sips%3Auser%40example.com@example.net;lr;name=value%2541');
    expect(formatUri({ ...u, user: '张三 +86' })).toBe(
      'sip:%E5%BC%A0%E4%B8%89%20+86@example.net;lr;name=value%2541',
    );
    expect(parseUri(formatUri({ ...u, user: '张三 +86' })).user).toBe('张三 +86');
  });

  it('keeps user-unreserved characters in the user part (RFC 4475 §3.1.1.9)', () => {
    const u = parseUri('sip:user;par=u%40example.net@example.com');
    expect(u.user).toBe('user;par=u@example.net');
    expect(formatUri(u)).toBe('sip:user;par=u%40example.net@example.com');
  });

  it('reads tel URIs (RFC 3966) and other schemes opaquely', () => {
    const t = parseUri('tel:+86-10-8888-1234;phone-context=example.com');
    expect([t.scheme, t.user, t.host, [...t.params]]).toEqual([
      'tel',
      '+86-10-8888-1234',
      '',
      [['phone-context', 'example.com']],
    ]);
    expect(formatUri(t)).toBe('tel:+86-10-8888-1234;phone-context=example.com');
    const h = parseUri('http://www.example.com/a?b=c');
    expect([h.scheme, h.opaque, h.host]).toEqual(['http', '//www.example.com/a?b=c', '']);
    expect(formatUri(h)).toBe('http://www.example.com/a?b=c');
    expect(parseUri('urn:service:sos').opaque).toBe('service:sos');
  });

  it.each([
    ['', 'empty'],
    ['sip:', 'no host'],
    ['sip:@example.com', 'empty user'],
    ['sip:alice@', 'empty host'],
    ['sip:alice@example.com:65536', 'port too large'],
    ['sip:alice@example.com:', 'empty port'],
    ['sip:alice@example.com:50a', 'port not digits'],
    ['sip:alice@example.com;', 'empty parameter'],
    ['sip:alice@example.com;=x', 'parameter without name'],
    ['sip:alice@example.com;a=', 'parameter with empty value'],
    ['sip:alice@exa mple.com', 'space in host'],
    ['sip:al ice@example.com', 'space in user'],
    ['sip:%4@example.com', 'truncated escape'],
    ['sip:%zz@example.com', 'bad escape'],
    ['sip:alice@[2001:db8::zz]', 'bad IPv6'],
    ['sip:alice@[2001:db8::1', 'unclosed IPv6'],
    ['<sip:alice@example.com>', 'angle brackets (RFC 4475 §3.1.2.7)'],
    ['sip:alice@example.com?=x', 'header without name'],
    ['1sip:alice@example.com', 'scheme starts with a digit'],
    [':alice', 'no scheme'],
    ['tel:', 'empty tel'],
    ['nobodyKnowsThisScheme:', 'empty opaque part'],
    ['foo:bar baz', 'space in opaque part'],
  ])('rejects %j (%s) with SipParseError', (s) => {
    expect(() => parseUri(s)).toThrow(SipParseError);
    expect(() => parseUri(s)).toThrow('Bad URI');
  });

  it('rejects a non-string with SipParseError', () => {
    expect(() => parseUri(42 as unknown as string)).toThrow(SipParseError);
  });
});
