import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  DigestParseError,
  maxAuthHeaderLength,
  parseDigestCredentials,
  type DigestParseErrorCode,
} from '../../../../src/voice/sip/auth/index.ts';

/** RFC 2617 §3.5, written with the folded lines of the RFC (RFC 3261 §7.3.1 LWS). */
const rfc2617 = [
  'Digest username="Mufasa",',
  '                 realm="testrealm@host.com",',
  '                 nonce="dcd98b7102dd2f0e8b11d0f600bfb0c093",',
  '                 uri="/dir/index.html",',
  '                 qop=auth,',
  '                 nc=00000001,',
  '                 cnonce="0a4f113b",',
  '                 response="6629fae49393a05397450978507c4ef1",',
  '                 opaque="5ccc069c403ebaf9f0171e9517f40e41"',
].join('\r\n');

const sipMd5 =
  'Digest username="8001", realm="kefu.local", nonce="abc", uri="sip:kefu.local", ' +
  'response="0123456789abcdef0123456789abcdef", algorithm=MD5, cnonce="xyz", nc=00000001, qop=auth';

function parseError(value: string): DigestParseError {
  try {
    parseDigestCredentials(value);
  } catch (e) {
    expect(e).toBeInstanceOf(DigestParseError);
    return e as DigestParseError;
  }
  throw new Error(`expected ${JSON.stringify(value)} to be refused`);
}

describe('parseDigestCredentials', () => {
  it('reads the RFC 2617 §3.5 example across folded lines', () => {
    const c = parseDigestCredentials(rfc2617);
    expect(c).toMatchObject({
      scheme: 'Digest',
      username: 'Mufasa',
      realm: 'testrealm@host.com',
      nonce: 'dcd98b7102dd2f0e8b11d0f600bfb0c093',
      uri: '/dir/index.html',
      qop: 'auth',
      nc: '00000001',
      cnonce: '0a4f113b',
      response: '6629fae49393a05397450978507c4ef1',
      opaque: '5ccc069c403ebaf9f0171e9517f40e41',
      algorithm: 'MD5',
    });
  });

  it('reads SIP credentials with SHA-256 (RFC 8760 §2.3)', () => {
    const c = parseDigestCredentials(
      `Digest username="8001",realm="kefu.local",nonce="n",uri="sip:kefu.local",` +
        `response="${'a'.repeat(64)}",algorithm=SHA-256`,
    );
    expect(c.algorithm).toBe('SHA-256');
    expect(c.qop).toBeUndefined();
    expect(c.nc).toBeUndefined();
  });

  it('defaults the algorithm to MD5 (RFC 7616 §3.4)', () => {
    const c = parseDigestCredentials(
      'Digest username="a", realm="r", nonce="n", uri="sip:x", response="' + '0'.repeat(32) + '"',
    );
    expect(c.algorithm).toBe('MD5');
  });

  it.each([
    ['no spaces', sipMd5.replace(/, /g, ',')],
    ['spaces around = and ,', sipMd5.replace(/=/g, ' = ').replace(/, /g, ' ,  ')],
    ['tabs', sipMd5.replace(/, /g, ',\t')],
    ['folded lines', sipMd5.replace(/, /g, ',\r\n ')],
    ['leading and trailing white space', `  ${sipMd5}  `],
    ['empty list elements', sipMd5.replace(/, /g, ', , ,') + ','],
    [
      'upper-case scheme and names',
      sipMd5.replace('Digest', 'DIGEST').replace('username', 'UserName'),
    ],
    [
      'quoted qop and algorithm',
      sipMd5.replace('qop=auth', 'qop="auth"').replace('=MD5', '="md5"'),
    ],
    ['upper-case response hex', sipMd5.replace('0123456789abcdef', '0123456789ABCDEF')],
  ])('tolerates %s', (_label, value) => {
    const c = parseDigestCredentials(value);
    expect(c.username).toBe('8001');
    expect(c.realm).toBe('kefu.local');
    expect(c.uri).toBe('sip:kefu.local');
    expect(c.qop).toBe('auth');
    expect(c.algorithm).toBe('MD5');
    expect(c.response).toBe('0123456789abcdef0123456789abcdef');
  });

  it('keeps commas, equals signs and escaped quotes inside quoted strings', () => {
    const c = parseDigestCredentials(
      String.raw`Digest username="Mu\"fa,sa\\", realm="a, b=c", nonce="n,=", ` +
        `uri="sip:8001@kefu.local;transport=tcp?x=1,2", response="${'f'.repeat(32)}"`,
    );
    expect(c.username).toBe('Mu"fa,sa\\');
    expect(c.realm).toBe('a, b=c');
    expect(c.nonce).toBe('n,=');
    expect(c.uri).toBe('sip:8001@kefu.local;transport=tcp?x=1,2');
  });

  it('accepts an empty username or realm but keeps extension parameters', () => {
    const c = parseDigestCredentials(
      `Digest username="", realm="", nonce="n", uri="u", response="${'0'.repeat(32)}", x-ext=1`,
    );
    expect(c.username).toBe('');
    expect(c.params.get('x-ext')).toBe('1');
  });

  const refused: [string, string, DigestParseErrorCode, string?][] = [
    ['empty', '', 'empty'],
    ['white space only', ' \r\n\t', 'empty'],
    ['another scheme', 'Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==', 'not_digest'],
    ['another scheme with params', 'Bearer realm="x"', 'not_digest'],
    ['missing username', sipMd5.replace('username="8001", ', ''), 'missing_param', 'username'],
    ['missing nonce', sipMd5.replace('nonce="abc", ', ''), 'missing_param', 'nonce'],
    ['empty nonce', sipMd5.replace('nonce="abc"', 'nonce=""'), 'missing_param', 'nonce'],
    ['missing uri', sipMd5.replace('uri="sip:kefu.local", ', ''), 'missing_param', 'uri'],
    ['missing response', sipMd5.replace(/response="[0-9a-f]+", /, ''), 'missing_param', 'response'],
    ['qop without cnonce', sipMd5.replace('cnonce="xyz", ', ''), 'missing_param', 'cnonce'],
    ['qop without nc', sipMd5.replace('nc=00000001, ', ''), 'missing_param', 'nc'],
    ['duplicate parameter', sipMd5 + ', Realm="other"', 'duplicate_param', 'realm'],
    ['MD5-sess', sipMd5.replace('=MD5', '=MD5-sess'), 'unsupported_algorithm', 'algorithm'],
    ['SHA-512-256', sipMd5.replace('=MD5', '=SHA-512-256'), 'unsupported_algorithm'],
    ['auth-int', sipMd5.replace('qop=auth', 'qop=auth-int'), 'unsupported_qop', 'qop'],
    ['short nc', sipMd5.replace('nc=00000001', 'nc=1'), 'bad_param', 'nc'],
    ['zero nc', sipMd5.replace('nc=00000001', 'nc=00000000'), 'bad_param', 'nc'],
    ['non-hex nc', sipMd5.replace('nc=00000001', 'nc=0000000g'), 'bad_param', 'nc'],
    ['short response', sipMd5.replace(/response="[0-9a-f]+"/, 'response="abc"'), 'bad_param'],
    ['SHA-256 with MD5-length response', sipMd5.replace('=MD5', '=SHA-256'), 'bad_param'],
    [
      'non-hex response',
      sipMd5.replace(/response="[0-9a-f]+"/, `response="${'z'.repeat(32)}"`),
      'bad_param',
    ],
    ['unterminated quoted string', 'Digest username="8001, realm="kefu.local"', 'syntax'],
    ['trailing backslash', 'Digest username="8001\\', 'syntax'],
    ['text after a quoted value', sipMd5.replace('"abc"', '"abc"def'), 'syntax'],
    ['parameter without =', sipMd5 + ', stale', 'syntax'],
    ['parameter without value', sipMd5.replace('nc=00000001', 'nc='), 'syntax'],
    ['missing comma', sipMd5.replace('"abc", ', '"abc" '), 'syntax'],
    ['scheme glued to a quote', 'Digest"x"', 'syntax'],
    ['no scheme', '="x"', 'syntax'],
    ['too long', `Digest username="${'a'.repeat(maxAuthHeaderLength)}"`, 'too_long'],
  ];
  it.each(refused)('refuses %s', (_label, value, code, param) => {
    const e = parseError(value);
    expect(e.code).toBe(code);
    if (param !== undefined) expect(e.param).toBe(param);
  });

  it('never throws anything but DigestParseError on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (s) => {
        try {
          parseDigestCredentials(s);
        } catch (e) {
          return e instanceof DigestParseError;
        }
        return true;
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws anything but DigestParseError on mangled real headers', () => {
    const alphabet = [...' ,="\\\r\n\t', 'a', 'Z', '0', 'f', 'é', '\u0000', 'qop', 'nc=', '"'];
    const edit = fc.record({
      at: fc.nat(),
      del: fc.nat({ max: 5 }),
      ins: fc.array(fc.constantFrom(...alphabet), { maxLength: 4 }).map((a) => a.join('')),
    });
    fc.assert(
      fc.property(
        fc.constantFrom(sipMd5, rfc2617),
        fc.array(edit, { maxLength: 6 }),
        (base, edits) => {
          let s = base;
          for (const { at, del, ins } of edits) {
            const i = at % (s.length + 1);
            s = s.slice(0, i) + ins + s.slice(i + del);
          }
          try {
            const c = parseDigestCredentials(s);
            expect(c.scheme).toBe('Digest');
          } catch (e) {
            if (!(e instanceof DigestParseError)) throw e;
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('round-trips any parameter values written as quoted strings', () => {
    const text = fc.string({ maxLength: 40 }).filter((s) => !/[\r\n]/.test(s));
    const q = (s: string) => `"${s.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
    fc.assert(
      fc.property(text, text, fc.string({ minLength: 1, maxLength: 40 }), (user, realm, uri) => {
        const c = parseDigestCredentials(
          `Digest username=${q(user)},realm=${q(realm)}, nonce="n", uri=${q(uri)}, ` +
            `response="${'1'.repeat(32)}"`,
        );
        expect([c.username, c.realm, c.uri]).toEqual([user, realm, uri]);
      }),
    );
  });
});
