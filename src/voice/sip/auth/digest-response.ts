/**
 * The Digest `request-digest` computation (RFC 2617 §3.2.2.1–3.2.2.3, RFC 7616 §3.4.1–3.4.3)
 * as SIP uses it (RFC 3261 §22.4): A1 = username ":" realm ":" password, A2 = Method ":"
 * digest-uri (qop=auth; auth-int is not offered), and
 *
 *   qop=auth:  KD(H(A1), nonce ":" nc ":" cnonce ":" "auth" ":" H(A2))
 *   no qop:    KD(H(A1), nonce ":" H(A2))          (RFC 2069 compatibility, RFC 3261 §22.4)
 *
 * with KD(secret, data) = H(secret ":" data).
 */
import { timingSafeEqual } from 'node:crypto';
import { nodeDigestHash, type DigestAlgorithm, type DigestHash } from './digest-algorithm.ts';
import type { DigestCredentials } from './parse-digest-credentials.ts';

/** H(A1) = H(username ":" realm ":" password) — what a user store keeps instead of the password. */
export function computeHa1(
  algorithm: DigestAlgorithm,
  username: string,
  realm: string,
  password: string,
  hash: DigestHash = nodeDigestHash,
): string {
  return hash(algorithm, `${username}:${realm}:${password}`);
}

/** Either the password or the stored H(A1) for the same algorithm and realm. */
export type DigestSecret =
  | { readonly password: string; readonly ha1?: undefined }
  | { readonly ha1: string; readonly password?: undefined };

export type DigestResponseInput = DigestSecret & {
  readonly algorithm: DigestAlgorithm;
  readonly username: string;
  readonly realm: string;
  /** The SIP method of the request (`REGISTER`, `INVITE` …); ACK/CANCEL reuse INVITE's nonce. */
  readonly method: string;
  readonly uri: string;
  readonly nonce: string;
  readonly qop?: 'auth' | undefined;
  /** 8 hex digits, exactly as sent; required with qop. */
  readonly nc?: string | undefined;
  readonly cnonce?: string | undefined;
};

/** The lowercase-hex `request-digest` a client must send for these inputs. */
export function computeResponse(
  input: DigestResponseInput,
  hash: DigestHash = nodeDigestHash,
): string {
  const { algorithm } = input;
  const ha1 =
    input.ha1 !== undefined
      ? input.ha1.toLowerCase()
      : computeHa1(algorithm, input.username, input.realm, input.password, hash);
  const ha2 = hash(algorithm, `${input.method}:${input.uri}`);
  if (input.qop === 'auth') {
    if (input.nc === undefined || input.cnonce === undefined)
      throw new TypeError('qop=auth needs nc and cnonce');
    return hash(algorithm, `${ha1}:${input.nonce}:${input.nc}:${input.cnonce}:auth:${ha2}`);
  }
  return hash(algorithm, `${ha1}:${input.nonce}:${ha2}`);
}

/**
 * Compares two hex digests in time independent of where they differ (node:crypto
 * timingSafeEqual). Unequal lengths still cost one comparison, then answer false.
 */
export function digestsEqual(expected: string, received: string): boolean {
  const a = Buffer.from(expected.toLowerCase(), 'utf8');
  const b = Buffer.from(received.toLowerCase(), 'utf8');
  if (a.length !== b.length) {
    timingSafeEqual(a, a);
    return false;
  }
  return timingSafeEqual(a, b);
}

/**
 * True when `credentials.response` is the digest of the request made with `method` and the
 * given password or H(A1). Checks only the arithmetic: nonce freshness, realm and URI are the
 * caller's (see DigestAuthenticator).
 */
export function verify(
  credentials: DigestCredentials,
  options: DigestSecret & { readonly method: string },
  hash: DigestHash = nodeDigestHash,
): boolean {
  const secret: DigestSecret =
    options.ha1 !== undefined ? { ha1: options.ha1 } : { password: options.password };
  const expected = computeResponse(
    {
      ...secret,
      algorithm: credentials.algorithm,
      username: credentials.username,
      realm: credentials.realm,
      method: options.method,
      uri: credentials.uri,
      nonce: credentials.nonce,
      qop: credentials.qop,
      nc: credentials.nc,
      cnonce: credentials.cnonce,
    },
    hash,
  );
  return digestsEqual(expected, credentials.response);
}
