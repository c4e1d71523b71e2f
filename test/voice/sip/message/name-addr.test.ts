import { describe, expect, it } from 'vitest';
import {
  formatNameAddr,
  paramText,
  parseNameAddr,
  SipParseError,
} from '../../../../src/voice/sip/message/index.ts';

describe('parseNameAddr / formatNameAddr (RFC 3261 §20.10, §25.1)', () => {
  it('reads a quoted display name with quoted-pairs, the URI and header parameters', () => {
    const a = parseNameAddr(
      '"Zhang \\"Xiao\\" San" <sip:1001@pbx.example.cn;transport=tcp>;tag=a6c85cf;expires=3600',
    );
    expect(a.displayName).toBe('Zhang "Xiao" San');
    expect(a.uri.user).toBe('1001');
    expect([...a.uri.params]).toEqual([['transport', 'tcp']]);
    expect([...a.params]).toEqual([
      ['tag', 'a6c85cf'],
      ['expires', '3600'],
    ]);
  });

  it('reads unquoted token display names, also without space before <', () => {
    expect(parseNameAddr('Bob Smith <sip:bob@biloxi.com>').displayName).toBe('Bob Smith');
    expect(parseNameAddr('caller<sip:caller@example.com>;tag=323').displayName).toBe('caller');
    expect(parseNameAddr('<sip:bob@biloxi.com>').displayName).toBeNull();
    expect(parseNameAddr('"" <sip:bob@biloxi.com>').displayName).toBe('');
  });

  it('gives ";" parameters of a bare addr-spec to the header, not the URI (RFC 4475 §3.3.12)', () => {
    const a = parseNameAddr('sip:+19725552222@gw1.example.net;unknownparam;tag=1');
    expect(a.uri.params.size).toBe(0);
    expect([...a.params]).toEqual([
      ['unknownparam', null],
      ['tag', '1'],
    ]);
  });

  it('allows white space around ";" and "=" and lowercases parameter names, keeping values', () => {
    const a = parseNameAddr('sip:vivekg@chair-dnrc.example.com ;   TAG    = 1918181833N');
    expect(a.params.get('tag')).toBe('1918181833N');
  });

  it('keeps quoted parameter values with their quotes; paramText unquotes them', () => {
    const a = parseNameAddr(
      '<sip:a@b>;+sip.instance="<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>";q=0.7',
    );
    const v = a.params.get('+sip.instance');
    expect(v).toBe('"<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>"');
    expect(paramText(v)).toBe('<urn:uuid:f81d4fae-7dec-11d0-a765-00a0c91e6bf6>');
    expect(paramText(a.params.get('q'))).toBe('0.7');
  });

  it('reads IPv6 and non-SIP URIs', () => {
    expect(parseNameAddr('<sip:[2001:db8::10]:5070>').uri.host).toBe('2001:db8::10');
    expect(parseNameAddr('<http://www.example.com>;tag=3234233').uri.scheme).toBe('http');
    expect(parseNameAddr('isbn:2983792873').uri.opaque).toBe('2983792873');
  });

  it.each([
    ['"Mr. J. User <sip:j.user@example.com>', 'unterminated quote (RFC 4475 §3.1.2.6)'],
    ['"Watson, Thomas" < sip:t.watson@example.org >', 'spaces inside <> (RFC 4475 §3.1.2.14)'],
    [
      'Bell, Alexander <sip:a.g.bell@example.com>;tag=43',
      'comma in unquoted display name (§3.1.2.15)',
    ],
    ['sip:user@example.com?Route=%3Csip:sip.example.com%3E', '? in a bare addr-spec (§3.1.2.13)'],
    ['"Joe" <sip:joe@example.org>;;;;', 'empty parameters (§3.1.2.1)'],
    ['<sip:joe@example.org', 'missing >'],
    ['<sip:joe@example.org>;tag', 'is fine', true],
    ['<sip:joe@example.org>;tag=', 'empty parameter value'],
    ['<sip:joe@example.org> junk', 'trailing text'],
    ['*', 'the Contact wildcard is not an address'],
    ['', 'empty'],
  ])('%j: %s', (s, _why, fine = false) => {
    if (fine) expect(() => parseNameAddr(s)).not.toThrow();
    else expect(() => parseNameAddr(s)).toThrow(SipParseError);
  });

  it('formats the name-addr form always, quoting and escaping the display name', () => {
    const a = parseNameAddr('sip:alice@atlanta.com;tag=9fxced76sl');
    expect(formatNameAddr(a)).toBe('<sip:alice@atlanta.com>;tag=9fxced76sl');
    const b = { ...a, displayName: 'A "quoted" \\ name\x07' };
    expect(formatNameAddr(b)).toBe(
      '"A \\"quoted\\" \\\\ name\\\x07" <sip:alice@atlanta.com>;tag=9fxced76sl',
    );
    expect(parseNameAddr(formatNameAddr(b)).displayName).toBe(b.displayName);
    expect(formatNameAddr({ ...a, displayName: 'line\r\nbreak' })).toBe(
      '"line  break" <sip:alice@atlanta.com>;tag=9fxced76sl',
    );
  });

  it('quotes parameter values that cannot be written bare', () => {
    const a = parseNameAddr('<sip:a@b>');
    expect(
      formatNameAddr({
        ...a,
        params: new Map([
          ['x', 'two words'],
          ['tag', 'abc'],
          ['lr', null],
        ]),
      }),
    ).toBe('<sip:a@b>;x="two words";tag=abc;lr');
    expect(() => formatNameAddr({ ...a, params: new Map([['bad name', null]]) })).toThrow(
      TypeError,
    );
  });
});
