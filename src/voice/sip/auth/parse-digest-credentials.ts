/**
 * Reads the value of an Authorization or Proxy-Authorization header (RFC 3261 §22.2, §22.3,
 * grammar in §25.1 `credentials`) carrying Digest credentials (RFC 2617 §3.2.2, RFC 7616 §3.4,
 * RFC 8760 §2.3).
 */
import { parseAuthHeader } from './auth-params.ts';
import { hexLength, parseDigestAlgorithm, type DigestAlgorithm } from './digest-algorithm.ts';
import { DigestParseError } from './digest-parse-error.ts';

export interface DigestCredentials {
  readonly scheme: 'Digest';
  readonly username: string;
  readonly realm: string;
  readonly nonce: string;
  /** `digest-uri`: the Request-URI the client hashed (RFC 3261 §22.4). */
  readonly uri: string;
  /** `request-digest`, lowercased hex of the algorithm's length. */
  readonly response: string;
  /** MD5 when the client named none (RFC 2617 §3.2.2, RFC 7616 §3.4). */
  readonly algorithm: DigestAlgorithm;
  /** Only `auth` is supported; absent for RFC 2069-style clients (RFC 3261 §22.4). */
  readonly qop: 'auth' | undefined;
  /** The nonce count exactly as sent (8 hex digits, hashed as written; RFC 7616 §3.4). */
  readonly nc: string | undefined;
  readonly cnonce: string | undefined;
  readonly opaque: string | undefined;
  /** Every parameter received, by lowercase name (extensions included). */
  readonly params: ReadonlyMap<string, string>;
}

function requireParam(params: ReadonlyMap<string, string>, name: string, allowEmpty: boolean) {
  const v = params.get(name);
  if (v === undefined || (v === '' && !allowEmpty))
    throw new DigestParseError('missing_param', `parameter ${name} is missing`, name);
  return v;
}

/**
 * Parses `Digest username="…", realm="…", …`. Throws {@link DigestParseError} — and nothing
 * else — when the value is not usable Digest credentials.
 */
export function parseDigestCredentials(headerValue: string): DigestCredentials {
  const { scheme, params } = parseAuthHeader(headerValue);
  if (scheme.toLowerCase() !== 'digest')
    throw new DigestParseError('not_digest', `scheme ${scheme} is not Digest`);

  // An empty username or realm is well-formed (it simply will not match); the rest must carry text.
  const username = requireParam(params, 'username', true);
  const realm = requireParam(params, 'realm', true);
  const nonce = requireParam(params, 'nonce', false);
  const uri = requireParam(params, 'uri', false);
  const response = requireParam(params, 'response', false).toLowerCase();

  const algorithmToken = params.get('algorithm');
  let algorithm: DigestAlgorithm = 'MD5';
  if (algorithmToken !== undefined) {
    const a = parseDigestAlgorithm(algorithmToken);
    if (a === undefined)
      throw new DigestParseError(
        'unsupported_algorithm',
        `algorithm ${algorithmToken} is not supported`,
        'algorithm',
      );
    algorithm = a;
  }

  if (response.length !== hexLength(algorithm) || !/^[0-9a-f]+$/.test(response))
    throw new DigestParseError(
      'bad_param',
      `response is not ${hexLength(algorithm)} hex digits for ${algorithm}`,
      'response',
    );

  const qopToken = params.get('qop');
  let qop: 'auth' | undefined;
  const nc = params.get('nc');
  const cnonce = params.get('cnonce');
  if (qopToken !== undefined) {
    if (qopToken.toLowerCase() !== 'auth')
      throw new DigestParseError('unsupported_qop', `qop ${qopToken} is not supported`, 'qop');
    qop = 'auth';
    // RFC 7616 §3.4: with qop, cnonce and nc MUST be sent.
    if (cnonce === undefined || cnonce === '')
      throw new DigestParseError('missing_param', 'qop=auth requires cnonce', 'cnonce');
    if (nc === undefined) throw new DigestParseError('missing_param', 'qop=auth requires nc', 'nc');
  }
  // nc-value = 8LHEX (RFC 3261 §25.1); a count of zero is never valid (RFC 7616 §3.4: starts at 1).
  if (nc !== undefined && (!/^[0-9a-fA-F]{8}$/.test(nc) || /^0{8}$/.test(nc)))
    throw new DigestParseError('bad_param', 'nc is not 8 hex digits above zero', 'nc');

  return {
    scheme: 'Digest',
    username,
    realm,
    nonce,
    uri,
    response,
    algorithm,
    qop,
    nc,
    cnonce,
    opaque: params.get('opaque'),
    params,
  };
}
