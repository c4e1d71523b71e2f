/**
 * Server side of SIP Digest authentication (RFC 3261 §22.1–22.4, RFC 7616, RFC 8760): builds
 * challenges for 401/407 responses and checks the credentials of the retried request.
 *
 * Order of checks, cheapest first and never revealing whether a user exists:
 *   1. no Authorization value                        → missing
 *   2. not parseable / algorithm or qop not offered  → invalid
 *   3. no credentials for this realm                 → realm_mismatch (RFC 3261 §22.4: pick
 *                                                       the credentials whose realm is ours)
 *   4. digest-uri ≠ Request-URI                      → uri_mismatch (RFC 2617 §3.2.2.5)
 *   5. nonce not ours / forged / other realm         → invalid (no user lookup at all)
 *   6. user lookup, then H(A1) is resolved and the response digest computed and compared in
 *      constant time — for an unknown user too, against a random H(A1), with the same three
 *      hash computations — so the work done, the result shape and the fresh challenge are
 *      those of a wrong password                       → unknown_user | bad_response
 *   7. right digest but expired nonce                → stale (stale=TRUE: RFC 2617 §3.2.1 says
 *                                                       set it only when the digest was valid)
 *   8. right digest but nc not above the last one    → stale (replay; the phone retries with
 *                                                       a fresh nonce, RFC 7616 §3.4)
 *
 * Every failure carries fresh challenges (SHA-256 first, then MD5: RFC 8760 §2.4) for the
 * caller's 401 WWW-Authenticate (registrar, UAS) or 407 Proxy-Authenticate (proxy) headers.
 */
import { randomBytes } from 'node:crypto';
import {
  digestAlgorithms,
  hexLength,
  nodeDigestHash,
  type DigestAlgorithm,
  type DigestHash,
} from './digest-algorithm.ts';
import { buildChallenges } from './digest-challenge.ts';
import { DigestParseError } from './digest-parse-error.ts';
import { computeHa1, computeResponse, digestsEqual } from './digest-response.ts';
import { NonceManager } from './nonce-manager.ts';
import { parseDigestCredentials, type DigestCredentials } from './parse-digest-credentials.ts';

/** What the user store knows about a SIP user in a realm; H(A1)s are preferred to a password. */
export interface DigestUserRecord {
  /** MD5(username ":" realm ":" password), lowercase hex. */
  readonly ha1Md5?: string | undefined;
  /** SHA-256(username ":" realm ":" password), lowercase hex. */
  readonly ha1Sha256?: string | undefined;
  readonly password?: string | undefined;
}

/** Resolves the user's secrets, or null when no such user exists in the realm. */
export type DigestUserLookup = (
  username: string,
  realm: string,
) => Promise<DigestUserRecord | null>;

export type DigestFailureReason =
  | 'missing'
  | 'invalid'
  | 'stale'
  | 'unknown_user'
  | 'bad_response'
  | 'realm_mismatch'
  | 'uri_mismatch';

export type DigestAuthResult =
  | {
      readonly ok: true;
      readonly username: string;
      readonly realm: string;
      readonly algorithm: DigestAlgorithm;
    }
  | {
      readonly ok: false;
      readonly reason: DigestFailureReason;
      /** Header values for WWW-Authenticate (401) or Proxy-Authenticate (407), in order. */
      readonly challenge: string[];
      /** The username claimed, when credentials could be read (for logs only). */
      readonly username?: string | undefined;
    };

export interface DigestAuthenticateInput {
  /** Request method (`REGISTER`, `INVITE` …). */
  readonly method: string;
  /** The Request-URI, as it appears in the request line. */
  readonly uri: string;
  /** Authorization (or Proxy-Authorization) values; several when the request carries several. */
  readonly headerValue: string | readonly string[] | undefined | null;
  /** The realm this server challenges in (e.g. the SIP domain `kefu.local`). */
  readonly realm: string;
  readonly lookup: DigestUserLookup;
}

export interface DigestAuthenticatorOptions {
  /** Nonce issuer/checker; otherwise one is made from `secret`. */
  readonly nonces?: NonceManager;
  /** HMAC secret for the nonces (random per process when neither this nor `nonces` is given). */
  readonly secret?: string | Uint8Array;
  /** Algorithms offered and accepted (default SHA-256 and MD5). */
  readonly algorithms?: readonly DigestAlgorithm[];
  /** Accept RFC 2069-style credentials without qop (RFC 3261 §22.4 keeps them; default true). */
  readonly allowNoQop?: boolean;
  /** Whether the credentials' digest-uri designates the Request-URI (default: identical text). */
  readonly uriMatches?: (digestUri: string, requestUri: string) => boolean;
  /** Hash function (tests count calls through it). */
  readonly hash?: DigestHash;
}

export class DigestAuthenticator {
  readonly nonces: NonceManager;
  private readonly algorithms: readonly DigestAlgorithm[];
  private readonly allowNoQop: boolean;
  private readonly uriMatches: (digestUri: string, requestUri: string) => boolean;
  private readonly hash: DigestHash;
  /** Random stand-in H(A1) per algorithm, used when the user is unknown (step 6). */
  private readonly decoyHa1: Record<DigestAlgorithm, string>;

  constructor(options: DigestAuthenticatorOptions = {}) {
    this.nonces = options.nonces ?? new NonceManager({ secret: options.secret ?? randomBytes(32) });
    const algorithms = digestAlgorithms.filter((a) =>
      (options.algorithms ?? digestAlgorithms).includes(a),
    );
    if (algorithms.length === 0) throw new RangeError('offer at least one digest algorithm');
    this.algorithms = algorithms;
    this.allowNoQop = options.allowNoQop ?? true;
    this.uriMatches = options.uriMatches ?? ((a, b) => a === b);
    this.hash = options.hash ?? nodeDigestHash;
    this.decoyHa1 = {
      MD5: randomBytes(hexLength('MD5') / 2).toString('hex'),
      'SHA-256': randomBytes(hexLength('SHA-256') / 2).toString('hex'),
    };
  }

  /** Challenge header values with a nonce issued at `now`, one per algorithm (RFC 8760 §2.4). */
  challenge(realm: string, now: number, stale = false): string[] {
    return buildChallenges(
      { realm, nonce: this.nonces.issue(now, realm), stale, qop: 'auth' },
      this.algorithms,
    );
  }

  async authenticate(input: DigestAuthenticateInput, now: number): Promise<DigestAuthResult> {
    const { realm } = input;
    const fail = (reason: DigestFailureReason, username?: string): DigestAuthResult => ({
      ok: false,
      reason,
      challenge: this.challenge(realm, now, reason === 'stale'),
      username,
    });

    const values = (
      typeof input.headerValue === 'string' ? [input.headerValue] : (input.headerValue ?? [])
    ).filter((v) => v.trim() !== '');
    if (values.length === 0) return fail('missing');

    let credentials: DigestCredentials | undefined;
    let readable: DigestCredentials | undefined;
    for (const value of values) {
      let c: DigestCredentials;
      try {
        c = parseDigestCredentials(value);
      } catch (e) {
        if (e instanceof DigestParseError) continue;
        throw e;
      }
      readable ??= c;
      if (c.realm === realm) {
        credentials = c;
        break;
      }
    }
    if (readable === undefined) return fail('invalid');
    if (credentials === undefined) return fail('realm_mismatch', readable.username);
    const { username } = credentials;

    if (!this.algorithms.includes(credentials.algorithm)) return fail('invalid', username);
    if (credentials.qop === undefined && !this.allowNoQop) return fail('invalid', username);
    if (!this.uriMatches(credentials.uri, input.uri)) return fail('uri_mismatch', username);

    const nonceStatus = this.nonces.check(credentials.nonce, now, realm);
    if (nonceStatus === 'invalid') return fail('invalid', username);

    const user = await input.lookup(username, realm);
    const ha1 = this.resolveHa1(user, credentials);
    // Same computation whether or not the user exists (step 6).
    const expected = computeResponse(
      {
        ha1: ha1 ?? this.decoyHa1[credentials.algorithm],
        algorithm: credentials.algorithm,
        username,
        realm,
        method: input.method,
        uri: credentials.uri,
        nonce: credentials.nonce,
        qop: credentials.qop,
        nc: credentials.nc,
        cnonce: credentials.cnonce,
      },
      this.hash,
    );
    const digestMatches = digestsEqual(expected, credentials.response);
    if (!digestMatches || ha1 === undefined)
      return fail(user === null ? 'unknown_user' : 'bad_response', username);

    if (nonceStatus === 'stale') return fail('stale', username);
    if (
      credentials.qop === 'auth' &&
      credentials.nc !== undefined &&
      !this.nonces.acceptNonceCount(credentials.nonce, parseInt(credentials.nc, 16))
    )
      return fail('stale', username);

    return { ok: true, username, realm, algorithm: credentials.algorithm };
  }

  /**
   * The H(A1) to check against: the stored one for the algorithm, else derived from the
   * password; undefined for an unknown user or a record with neither (then answered like a wrong
   * password). Every path computes exactly one hash — deriving H(A1) from a password, or an
   * equivalent throw-away one — so the work does not tell the kinds of user apart.
   */
  private resolveHa1(user: DigestUserRecord | null, c: DigestCredentials): string | undefined {
    const stored = user === null ? undefined : c.algorithm === 'MD5' ? user.ha1Md5 : user.ha1Sha256;
    const password = stored === undefined || stored === '' ? user?.password : undefined;
    const derived = computeHa1(
      c.algorithm,
      c.username,
      c.realm,
      password ?? this.decoyHa1[c.algorithm],
      this.hash,
    );
    if (stored !== undefined && stored !== '') return stored;
    return password !== undefined ? derived : undefined;
  }
}
