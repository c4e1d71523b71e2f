import { describe, it, expect } from 'vitest';
import {
  buildChallenge,
  buildChallenges,
  DigestParseError,
  parseDigestChallenge,
} from '../../../../src/voice/sip/auth/index.ts';

describe('buildChallenge', () => {
  it('writes a WWW-Authenticate value in the RFC 3261 §22.1 shape', () => {
    expect(
      buildChallenge({ realm: 'kefu.local', nonce: 'abc', algorithm: 'SHA-256', qop: 'auth' }),
    ).toBe('Digest realm="kefu.local", qop="auth", nonce="abc", algorithm=SHA-256');
  });

  it('adds opaque and stale=TRUE when asked, and may omit qop', () => {
    expect(
      buildChallenge({
        realm: 'kefu.local',
        nonce: 'abc',
        algorithm: 'MD5',
        opaque: 'op',
        stale: true,
        qop: null,
      }),
    ).toBe('Digest realm="kefu.local", nonce="abc", opaque="op", stale=TRUE, algorithm=MD5');
  });

  it('escapes quotes and backslashes and refuses header injection', () => {
    const value = buildChallenge({ realm: 'a"b\\c', nonce: 'n', algorithm: 'MD5' });
    expect(value).toContain(String.raw`realm="a\"b\\c"`);
    expect(parseDigestChallenge(value).realm).toBe('a"b\\c');
    expect(() => buildChallenge({ realm: 'x\r\nVia: evil', nonce: 'n', algorithm: 'MD5' })).toThrow(
      TypeError,
    );
  });

  it('offers SHA-256 before MD5 with one nonce (RFC 8760 §2.4)', () => {
    const values = buildChallenges({ realm: 'kefu.local', nonce: 'n1', qop: 'auth' });
    expect(values.map((v) => parseDigestChallenge(v).algorithm)).toEqual(['SHA-256', 'MD5']);
    expect(new Set(values.map((v) => parseDigestChallenge(v).nonce))).toEqual(new Set(['n1']));
    // Preference order is ours, whatever order the caller lists.
    expect(
      buildChallenges({ realm: 'r', nonce: 'n' }, ['MD5', 'SHA-256']).map(
        (v) => parseDigestChallenge(v).algorithm,
      ),
    ).toEqual(['SHA-256', 'MD5']);
    expect(buildChallenges({ realm: 'r', nonce: 'n' }, ['MD5'])).toHaveLength(1);
  });
});

describe('parseDigestChallenge', () => {
  it('reads the RFC 7616 §3.9.1 challenge', () => {
    const c = parseDigestChallenge(
      [
        'Digest',
        '    realm="http-auth@example.org",',
        '    qop="auth, auth-int",',
        '    algorithm=SHA-256,',
        '    nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",',
        '    opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
      ].join('\r\n'),
    );
    expect(c).toMatchObject({
      realm: 'http-auth@example.org',
      qop: ['auth', 'auth-int'],
      algorithm: 'SHA-256',
      nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
      opaque: 'FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS',
      stale: false,
    });
  });

  it('reads the RFC 3261 §20.44 example (MD5, stale=FALSE, domain)', () => {
    const c = parseDigestChallenge(
      'Digest realm="atlanta.com", domain="sip:boxesbybob.com", qop="auth", ' +
        'nonce="f84f1cec41e6cbe5aea9c8e88d359", opaque="", stale=FALSE, algorithm=MD5',
    );
    expect(c).toMatchObject({ realm: 'atlanta.com', algorithm: 'MD5', stale: false, opaque: '' });
    expect(c.params.get('domain')).toBe('sip:boxesbybob.com');
  });

  it('round-trips what buildChallenge writes', () => {
    const c = parseDigestChallenge(
      buildChallenge({ realm: 'kefu.local', nonce: 'xyz', algorithm: 'MD5', stale: true }),
    );
    expect(c).toMatchObject({ realm: 'kefu.local', nonce: 'xyz', stale: true, qop: ['auth'] });
  });

  it('refuses challenges it cannot answer', () => {
    for (const v of [
      'Basic realm="x"',
      'Digest nonce="n"',
      'Digest realm="r"',
      'Digest realm="r", nonce="n", algorithm=MD5-sess',
    ]) {
      expect(() => parseDigestChallenge(v)).toThrow(DigestParseError);
    }
  });
});
