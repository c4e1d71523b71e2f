/**
 * WWW-Authenticate / Proxy-Authenticate values carrying a Digest challenge (RFC 3261 §22.1,
 * §20.44, §20.28; `challenge` grammar in §25.1; RFC 7616 §3.3; RFC 8760 §2.2).
 */
import { parseAuthHeader } from './auth-params.ts';
import {
  digestAlgorithms,
  parseDigestAlgorithm,
  type DigestAlgorithm,
} from './digest-algorithm.ts';
import { DigestParseError } from './digest-parse-error.ts';

export interface DigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  readonly algorithm: DigestAlgorithm;
  readonly opaque?: string | undefined;
  /** TRUE tells the phone its password was right but the nonce too old: retry silently. */
  readonly stale?: boolean | undefined;
  /** `qop-options`; `auth` is what kefu offers. `null` omits it (RFC 2069 style, not advised). */
  readonly qop?: 'auth' | null | undefined;
}

/** quoted-string with `"` and `\` escaped as quoted-pairs (RFC 3261 §25.1). */
function quote(name: string, value: string): string {
  // A CR or LF would end the header and let a value inject another one.
  if (/[\r\n\0]/.test(value)) throw new TypeError(`${name} must not contain CR, LF or NUL`);
  return `"${value.replace(/[\\"]/g, (c) => `\\${c}`)}"`;
}

/**
 * One challenge header value, e.g.
 * `Digest realm="kefu.local", nonce="…", algorithm=SHA-256, qop="auth"`.
 * Parameter order follows the RFC 3261 §22.1 / RFC 7616 §3.9 examples.
 */
export function buildChallenge(challenge: DigestChallenge): string {
  const parts = [`realm=${quote('realm', challenge.realm)}`];
  if (challenge.qop !== null) parts.push(`qop=${quote('qop', challenge.qop ?? 'auth')}`);
  parts.push(`nonce=${quote('nonce', challenge.nonce)}`);
  if (challenge.opaque !== undefined) parts.push(`opaque=${quote('opaque', challenge.opaque)}`);
  if (challenge.stale) parts.push('stale=TRUE');
  parts.push(`algorithm=${challenge.algorithm}`);
  return `Digest ${parts.join(', ')}`;
}

/**
 * One challenge per algorithm, most preferred first: RFC 8760 §2.4 has a server offer
 * SHA-256 before MD5 so a capable phone picks the stronger one and an old phone still finds MD5.
 * Every header carries the same nonce (the phone answers exactly one of them).
 */
export function buildChallenges(
  challenge: Omit<DigestChallenge, 'algorithm'>,
  algorithms: readonly DigestAlgorithm[] = digestAlgorithms,
): string[] {
  const ordered = digestAlgorithms.filter((a) => algorithms.includes(a));
  return ordered.map((algorithm) => buildChallenge({ ...challenge, algorithm }));
}

export interface ParsedDigestChallenge {
  readonly realm: string;
  readonly nonce: string;
  readonly algorithm: DigestAlgorithm;
  readonly opaque: string | undefined;
  readonly stale: boolean;
  /** The offered qop values, lowercased (`["auth"]`, `["auth", "auth-int"]`, or none). */
  readonly qop: readonly string[];
  readonly params: ReadonlyMap<string, string>;
}

/**
 * Reads one Digest challenge (what a UAC does with a 401/407, RFC 3261 §22.2). Throws
 * {@link DigestParseError} only.
 */
export function parseDigestChallenge(headerValue: string): ParsedDigestChallenge {
  const { scheme, params } = parseAuthHeader(headerValue);
  if (scheme.toLowerCase() !== 'digest')
    throw new DigestParseError('not_digest', `scheme ${scheme} is not Digest`);
  const realm = params.get('realm');
  if (realm === undefined) throw new DigestParseError('missing_param', 'realm is missing', 'realm');
  const nonce = params.get('nonce');
  if (nonce === undefined) throw new DigestParseError('missing_param', 'nonce is missing', 'nonce');
  const algorithmToken = params.get('algorithm') ?? 'MD5';
  const algorithm = parseDigestAlgorithm(algorithmToken);
  if (algorithm === undefined)
    throw new DigestParseError(
      'unsupported_algorithm',
      `algorithm ${algorithmToken} is not supported`,
      'algorithm',
    );
  const qop = (params.get('qop') ?? '')
    .split(',')
    .map((q) => q.trim().toLowerCase())
    .filter((q) => q !== '');
  return {
    realm,
    nonce,
    algorithm,
    opaque: params.get('opaque'),
    stale: (params.get('stale') ?? '').toLowerCase() === 'true',
    qop,
    params,
  };
}
