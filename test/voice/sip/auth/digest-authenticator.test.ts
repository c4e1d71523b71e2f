import { describe, it, expect, vi } from 'vitest';
import fc from 'fast-check';
import {
  computeHa1,
  computeResponse,
  DigestAuthenticator,
  nodeDigestHash,
  NonceManager,
  parseDigestChallenge,
  type DigestAlgorithm,
  type DigestAuthResult,
  type DigestHash,
  type DigestUserLookup,
  type DigestUserRecord,
} from '../../../../src/voice/sip/auth/index.ts';

const realm = 'kefu.local';
const uri = 'sip:kefu.local';
const t0 = Date.parse('2026-03-02T01:00:00.000Z');
const secret = 'shared-secret-between-nodes';

const users: Record<string, DigestUserRecord> = {
  '8001': {
    ha1Md5: computeHa1('MD5', '8001', realm, 'pa55'),
    ha1Sha256: computeHa1('SHA-256', '8001', realm, 'pa55'),
  },
  '8002': { password: 'plain' },
  '8003': { ha1Md5: computeHa1('MD5', '8003', realm, 'md5only') },
};
const lookup: DigestUserLookup = async (username, r) =>
  r === realm ? (users[username] ?? null) : null;

interface Answer {
  username?: string;
  password?: string;
  method?: string;
  uri?: string;
  nc?: string;
  cnonce?: string;
  qop?: boolean;
  algorithm?: DigestAlgorithm;
  realm?: string;
  nonce?: string;
}

/** What a phone does with a 401: picks the challenge for its algorithm and answers it. */
function answer(challenge: readonly string[], a: Answer = {}): string {
  const algorithm = a.algorithm ?? 'SHA-256';
  const chosen = challenge
    .map((v) => parseDigestChallenge(v))
    .find((c) => c.algorithm === algorithm);
  if (!chosen) throw new Error(`no ${algorithm} challenge`);
  const username = a.username ?? '8001';
  const qop = a.qop ?? true;
  const nc = a.nc ?? '00000001';
  const cnonce = a.cnonce ?? 'c0ffee';
  const nonce = a.nonce ?? chosen.nonce;
  const r = a.realm ?? chosen.realm;
  const response = computeResponse({
    algorithm,
    username,
    realm: r,
    password: a.password ?? 'pa55',
    method: a.method ?? 'REGISTER',
    uri: a.uri ?? uri,
    nonce,
    ...(qop ? { qop: 'auth' as const, nc, cnonce } : {}),
  });
  return (
    `Digest username="${username}", realm="${r}", nonce="${nonce}", uri="${a.uri ?? uri}", ` +
    `response="${response}", algorithm=${algorithm}` +
    (qop ? `, qop=auth, nc=${nc}, cnonce="${cnonce}"` : '')
  );
}

function setup(options: ConstructorParameters<typeof DigestAuthenticator>[0] = {}) {
  const auth = new DigestAuthenticator({ secret, ...options });
  const challenge = auth.challenge(realm, t0);
  const run = (
    headerValue: string | readonly string[] | undefined,
    extra: Partial<{ method: string; uri: string; now: number; lookup: DigestUserLookup }> = {},
  ) =>
    auth.authenticate(
      {
        method: extra.method ?? 'REGISTER',
        uri: extra.uri ?? uri,
        headerValue,
        realm,
        lookup: extra.lookup ?? lookup,
      },
      extra.now ?? t0 + 1000,
    );
  return { auth, challenge, run };
}

function failure(result: DigestAuthResult) {
  if (result.ok) throw new Error('expected a failure');
  return result;
}

/** Challenge values with the nonce masked: what an observer can compare between two answers. */
const shape = (challenge: readonly string[]) =>
  challenge.map((v) => v.replace(/nonce="[^"]*"/, 'nonce="…"'));

describe('DigestAuthenticator', () => {
  it('challenges with SHA-256 first, then MD5, sharing one fresh nonce (RFC 8760 §2.4)', () => {
    const { auth, challenge } = setup();
    expect(challenge).toHaveLength(2);
    const [sha, md] = challenge.map((v) => parseDigestChallenge(v));
    expect(sha).toMatchObject({ algorithm: 'SHA-256', realm, qop: ['auth'], stale: false });
    expect(md).toMatchObject({ algorithm: 'MD5', realm, qop: ['auth'], stale: false });
    expect(sha?.nonce).toBe(md?.nonce);
    expect(auth.nonces.check(sha?.nonce as string, t0, realm)).toBe('valid');
  });

  it.each<[string, Answer]>([
    ['SHA-256 against a stored H(A1)', { algorithm: 'SHA-256' }],
    ['MD5 against a stored H(A1)', { algorithm: 'MD5' }],
    [
      'SHA-256 against a stored password',
      { algorithm: 'SHA-256', username: '8002', password: 'plain' },
    ],
    ['MD5 against a stored password', { algorithm: 'MD5', username: '8002', password: 'plain' }],
    ['RFC 2069 style, without qop (RFC 3261 §22.4)', { qop: false }],
  ])('accepts %s', async (_label, a) => {
    const { challenge, run } = setup();
    const result = await run(answer(challenge, a));
    expect(result).toEqual({
      ok: true,
      username: a.username ?? '8001',
      realm,
      algorithm: a.algorithm ?? 'SHA-256',
    });
  });

  it('accepts a nonce issued by another node sharing the secret', async () => {
    const other = new DigestAuthenticator({ secret });
    const { run } = setup();
    expect((await run(answer(other.challenge(realm, t0)))).ok).toBe(true);
  });

  it('answers missing (with a fresh challenge) when there is no Authorization', async () => {
    const { run } = setup();
    for (const value of [undefined, '', '  ', []]) {
      const f = failure(await run(value));
      expect(f.reason).toBe('missing');
      expect(f.challenge).toHaveLength(2);
      expect(f.challenge.join()).not.toContain('stale');
    }
  });

  it('answers invalid for unreadable credentials or another scheme', async () => {
    const { run } = setup();
    expect(failure(await run('Digest username="8001"')).reason).toBe('invalid');
    expect(failure(await run('Basic OjgwMDE6cGE1NQ==')).reason).toBe('invalid');
  });

  it('answers invalid for an algorithm not offered, or no qop when qop is required', async () => {
    const md5Only = setup({ algorithms: ['MD5'] });
    expect(md5Only.challenge).toHaveLength(1);
    const sha = answer(setup().challenge, { algorithm: 'SHA-256' });
    expect(failure(await md5Only.run(sha)).reason).toBe('invalid');
    const strict = setup({ allowNoQop: false });
    expect(failure(await strict.run(answer(strict.challenge, { qop: false }))).reason).toBe(
      'invalid',
    );
  });

  it('answers invalid for a tampered, foreign or other-realm nonce, without looking the user up', async () => {
    const { challenge, run } = setup();
    const spy = vi.fn(lookup);
    const nonce = parseDigestChallenge(challenge[0] as string).nonce;
    const flipped = nonce.slice(0, 10) + (nonce[10] === 'A' ? 'B' : 'A') + nonce.slice(11);
    const foreign = new NonceManager({ secret: 'some-other-deployment-secret' }).issue(t0, realm);
    const otherRealm = new NonceManager({ secret }).issue(t0, 'other.example');
    for (const n of [flipped, foreign, otherRealm, 'dcd98b7102dd2f0e8b11d0f600bfb0c093']) {
      const f = failure(await run(answer(challenge, { nonce: n }), { lookup: spy }));
      expect(f.reason).toBe('invalid');
    }
    expect(spy).not.toHaveBeenCalled();
  });

  it('answers bad_response for a wrong password, tampered response or other method', async () => {
    const { challenge, run } = setup();
    expect(failure(await run(answer(challenge, { password: 'wrong' }))).reason).toBe(
      'bad_response',
    );
    const good = answer(challenge);
    const tampered = good.replace(
      /response="(.)/,
      (_m, c: string) => `response="${c === 'a' ? 'b' : 'a'}`,
    );
    expect(failure(await run(tampered)).reason).toBe('bad_response');
    expect(failure(await run(good, { method: 'INVITE' })).reason).toBe('bad_response');
    // A changed cnonce or nc is part of the digest too.
    expect(failure(await run(good.replace('c0ffee', 'c0ffef'))).reason).toBe('bad_response');
    expect(failure(await run(good.replace('nc=00000001', 'nc=00000002'))).reason).toBe(
      'bad_response',
    );
  });

  it('answers uri_mismatch when the digest-uri is not the Request-URI (RFC 2617 §3.2.2.5)', async () => {
    const { challenge, run } = setup();
    const f = failure(await run(answer(challenge), { uri: 'sip:8001@kefu.local' }));
    expect(f).toMatchObject({ reason: 'uri_mismatch', username: '8001' });
    // The digest-uri changed after hashing: matches the Request-URI but not the digest.
    const moved = answer(challenge).replace(`uri="${uri}"`, 'uri="sip:8009@kefu.local"');
    expect(failure(await run(moved, { uri: 'sip:8009@kefu.local' })).reason).toBe('bad_response');
    // A custom comparison can be supplied.
    const lax = setup({ uriMatches: (a, b) => a.toLowerCase() === b.toLowerCase() });
    expect((await lax.run(answer(lax.challenge), { uri: 'SIP:KEFU.LOCAL' })).ok).toBe(true);
  });

  it('answers realm_mismatch for credentials of another realm, and picks ours among several', async () => {
    const { challenge, run } = setup();
    const theirs = answer(challenge, { realm: 'other.example' });
    expect(failure(await run(theirs))).toMatchObject({
      reason: 'realm_mismatch',
      username: '8001',
    });
    expect((await run(['garbage', theirs, answer(challenge)])).ok).toBe(true);
    expect(failure(await run(['garbage', 'Digest x'])).reason).toBe('invalid');
  });

  it('answers stale (stale=TRUE) for an expired nonce with a correct digest', async () => {
    const { challenge, run } = setup();
    const late = t0 + 300_001;
    const f = failure(await run(answer(challenge), { now: late }));
    expect(f.reason).toBe('stale');
    expect(f.challenge).toHaveLength(2);
    for (const v of f.challenge) expect(parseDigestChallenge(v).stale).toBe(true);
    // The phone retries with the new nonce without asking its user.
    expect((await run(answer(f.challenge), { now: late })).ok).toBe(true);
  });

  it('does not say stale when the digest of the expired nonce is wrong (RFC 2617 §3.2.1)', async () => {
    const { challenge, run } = setup();
    const f = failure(await run(answer(challenge, { password: 'nope' }), { now: t0 + 400_000 }));
    expect(f.reason).toBe('bad_response');
    for (const v of f.challenge) expect(parseDigestChallenge(v).stale).toBe(false);
  });

  it('refuses a replayed nonce count and accepts increasing ones', async () => {
    const { challenge, run } = setup();
    const first = answer(challenge, { nc: '00000001' });
    expect((await run(first)).ok).toBe(true);
    const replay = failure(await run(first));
    expect(replay.reason).toBe('stale');
    expect(parseDigestChallenge(replay.challenge[0] as string).stale).toBe(true);
    expect((await run(answer(challenge, { nc: '00000002' }))).ok).toBe(true);
    expect(failure(await run(answer(challenge, { nc: '00000002' }))).reason).toBe('stale');
    expect(failure(await run(answer(challenge, { nc: '00000001' }))).reason).toBe('stale');
    expect((await run(answer(challenge, { nc: '0000000A' }))).ok).toBe(true);
  });

  it('does not let a wrong digest burn nonce counts', async () => {
    const { challenge, run } = setup();
    expect(failure(await run(answer(challenge, { nc: '000000ff', password: 'x' }))).reason).toBe(
      'bad_response',
    );
    expect((await run(answer(challenge, { nc: '00000001' }))).ok).toBe(true);
  });

  it('answers bad_response when the user has no secret for the chosen algorithm', async () => {
    const { challenge, run } = setup();
    const f = failure(await run(answer(challenge, { username: '8003', password: 'md5only' })));
    expect(f.reason).toBe('bad_response');
    expect(
      (await run(answer(challenge, { username: '8003', password: 'md5only', algorithm: 'MD5' })))
        .ok,
    ).toBe(true);
  });

  it('lets lookup failures propagate', async () => {
    const { challenge, run } = setup();
    const broken: DigestUserLookup = () => Promise.reject(new Error('store down'));
    await expect(run(answer(challenge), { lookup: broken })).rejects.toThrow('store down');
  });

  describe('an unknown user is indistinguishable from a wrong password', () => {
    function traced() {
      const calls: string[] = [];
      const hash: DigestHash = (algorithm, input) => {
        calls.push(algorithm);
        return nodeDigestHash(algorithm, input);
      };
      return { calls, ...setup({ hash }) };
    }

    it.each<DigestAlgorithm>(['SHA-256', 'MD5'])(
      '%s: same path, same hashing, same challenge shape',
      async (algorithm) => {
        /** Answers with a wrong password as `username`; records lookups and hash calls. */
        async function attempt(username: string) {
          const t = traced();
          const spy = vi.fn(lookup);
          const result = failure(
            await t.run(answer(t.challenge, { algorithm, username, password: 'wrong' }), {
              lookup: spy,
            }),
          );
          return { result, calls: t.calls, lookups: spy.mock.calls.length };
        }
        const storedHa1 = await attempt('8001');
        const storedPassword = await attempt('8002');
        const nobody = await attempt('9999');
        expect(storedHa1.result.reason).toBe('bad_response');
        expect(storedPassword.result.reason).toBe('bad_response');
        expect(nobody.result.reason).toBe('unknown_user');
        // One lookup each, then exactly the same hash computations: H(A1) (derived or a
        // throw-away one), H(A2), the response.
        for (const other of [storedPassword, nobody]) {
          expect(other.lookups).toBe(1);
          expect(other.calls).toEqual(storedHa1.calls);
        }
        expect(storedHa1.calls).toEqual([algorithm, algorithm, algorithm]);
        // The caller answers 401 with challenges of the same shape either way.
        for (const other of [storedPassword, nobody]) {
          expect(shape(other.result.challenge)).toEqual(shape(storedHa1.result.challenge));
          expect(Object.keys(other.result).sort()).toEqual(Object.keys(storedHa1.result).sort());
        }
        expect(nobody.result.challenge.map((v) => parseDigestChallenge(v).stale)).toEqual([
          false,
          false,
        ]);
      },
    );

    it('for any username and password', async () => {
      await fc.assert(
        fc.asyncProperty(
          fc
            .string({ minLength: 1, maxLength: 12 })
            .filter((u) => !(u in users) && !/["\\]/.test(u)),
          fc.string({ maxLength: 12 }),
          async (username, password) => {
            const { challenge, run } = setup();
            const f = failure(await run(answer(challenge, { username, password })));
            expect(f.reason).toBe('unknown_user');
            expect(shape(f.challenge)).toEqual(shape(challenge));
          },
        ),
        { numRuns: 50 },
      );
    });
  });
});
