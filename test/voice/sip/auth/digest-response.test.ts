import { createHash } from 'node:crypto';
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  computeHa1,
  computeResponse,
  digestsEqual,
  parseDigestCredentials,
  verify,
  type DigestAlgorithm,
} from '../../../../src/voice/sip/auth/index.ts';

const md5 = (s: string) => createHash('md5').update(s).digest('hex');

describe('computeResponse: RFC test vectors, byte-exact', () => {
  it('RFC 2617 §3.5 (MD5, qop=auth)', () => {
    const response = computeResponse({
      algorithm: 'MD5',
      username: 'Mufasa',
      realm: 'testrealm@host.com',
      password: 'Circle Of Life',
      method: 'GET',
      uri: '/dir/index.html',
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      qop: 'auth',
      nc: '00000001',
      cnonce: '0a4f113b',
    });
    expect(response).toBe('6629fae49393a05397450978507c4ef1');
  });

  const rfc7616 = {
    username: 'Mufasa',
    realm: 'http-auth@example.org',
    password: 'Circle of Life',
    method: 'GET',
    uri: '/dir/index.html',
    nonce: '7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v',
    qop: 'auth' as const,
    nc: '00000001',
    cnonce: 'f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ',
  };

  it('RFC 7616 §3.9.1 (SHA-256)', () => {
    expect(computeResponse({ ...rfc7616, algorithm: 'SHA-256' })).toBe(
      '753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1',
    );
  });

  it('RFC 7616 §3.9.1 (MD5)', () => {
    expect(computeResponse({ ...rfc7616, algorithm: 'MD5' })).toBe(
      '8ca523f5e9506fed4657c9700eebdbec',
    );
  });

  it('verifies the RFC 7616 §3.9.1 SHA-256 Authorization header as written in the RFC', () => {
    const header = [
      'Digest username="Mufasa",',
      '       realm="http-auth@example.org",',
      '       uri="/dir/index.html",',
      '       algorithm=SHA-256,',
      '       nonce="7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v",',
      '       nc=00000001,',
      '       cnonce="f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ",',
      '       qop=auth,',
      '       response="753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1",',
      '       opaque="FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS"',
    ].join('\r\n');
    const c = parseDigestCredentials(header);
    expect(verify(c, { method: 'GET', password: 'Circle of Life' })).toBe(true);
    const ha1 = computeHa1('SHA-256', 'Mufasa', 'http-auth@example.org', 'Circle of Life');
    expect(verify(c, { method: 'GET', ha1 })).toBe(true);
    expect(verify(c, { method: 'GET', ha1: ha1.toUpperCase() })).toBe(true);
    expect(verify(c, { method: 'GET', password: 'Circle Of Life' })).toBe(false);
    expect(verify(c, { method: 'POST', password: 'Circle of Life' })).toBe(false);
  });
});

describe('computeResponse: SIP forms', () => {
  it('without qop is KD(H(A1), nonce ":" H(A2)) (RFC 3261 §22.4, RFC 2069)', () => {
    const ha1 = md5('8001:kefu.local:secret');
    const ha2 = md5('REGISTER:sip:kefu.local');
    expect(
      computeResponse({
        algorithm: 'MD5',
        username: '8001',
        realm: 'kefu.local',
        password: 'secret',
        method: 'REGISTER',
        uri: 'sip:kefu.local',
        nonce: 'n0nce',
      }),
    ).toBe(md5(`${ha1}:n0nce:${ha2}`));
  });

  it('refuses qop=auth without nc or cnonce', () => {
    expect(() =>
      computeResponse({
        algorithm: 'MD5',
        username: 'u',
        realm: 'r',
        password: 'p',
        method: 'REGISTER',
        uri: 'sip:r',
        nonce: 'n',
        qop: 'auth',
      }),
    ).toThrow(TypeError);
  });

  it('gives the same digest from the password or from H(A1), for any inputs', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<DigestAlgorithm>('MD5', 'SHA-256'),
        fc.string(),
        fc.string(),
        fc.string(),
        fc.string(),
        fc.boolean(),
        (algorithm, username, realm, password, nonce, withQop) => {
          const base = {
            algorithm,
            username,
            realm,
            method: 'REGISTER',
            uri: 'sip:kefu.local',
            nonce,
            ...(withQop ? { qop: 'auth' as const, nc: '0000000a', cnonce: 'c' } : {}),
          };
          const fromPassword = computeResponse({ ...base, password });
          const ha1 = computeHa1(algorithm, username, realm, password);
          expect(computeResponse({ ...base, ha1 })).toBe(fromPassword);
          expect(fromPassword).toMatch(algorithm === 'MD5' ? /^[0-9a-f]{32}$/ : /^[0-9a-f]{64}$/);
        },
      ),
    );
  });
});

describe('digestsEqual', () => {
  it('compares case-insensitively and refuses different lengths', () => {
    expect(digestsEqual('abcdef', 'ABCDEF')).toBe(true);
    expect(digestsEqual('abcdef', 'abcdee')).toBe(false);
    expect(digestsEqual('abcdef', 'abcdef00')).toBe(false);
    expect(digestsEqual('', '')).toBe(true);
  });
});
