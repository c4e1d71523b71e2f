/**
 * Tokenizer shared by the Authorization and WWW-Authenticate parsers: `scheme LWS auth-param
 * *(COMMA auth-param)` where `auth-param = token EQUAL ( token / quoted-string )`
 * (RFC 3261 §25.1 and §22.4, RFC 7235 §2.1).
 *
 * Tolerant where real phones differ and the meaning stays clear: any linear white space (folded
 * lines included, RFC 3261 §7.3.1) around `=` and `,`, empty list elements (RFC 7230 §7),
 * parameters quoted that the grammar wants bare (`qop="auth"`, `algorithm="MD5"`), names in any
 * case. Strict where ambiguity could be abused: a parameter given twice, an unterminated quoted
 * string, or text that is not a parameter is an error.
 */
import { DigestParseError } from './digest-parse-error.ts';

/** Longest header value read; a SIP phone's credentials are a few hundred characters. */
export const maxAuthHeaderLength = 8192;

export interface AuthHeader {
  /** The scheme as written (compare case-insensitively, RFC 7235 §2.1). */
  readonly scheme: string;
  /** Parameter values (unquoted, quoted-pairs resolved) by lowercase name. */
  readonly params: ReadonlyMap<string, string>;
}

const isWhite = (c: string | undefined) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

// RFC 7230 §3.2.6 tchar: a superset of the RFC 3261 §25.1 token characters.
const tokenChar = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;
const isToken = (c: string | undefined) => c !== undefined && tokenChar.test(c);

export function parseAuthHeader(value: string): AuthHeader {
  if (typeof value !== 'string')
    throw new DigestParseError('empty', 'header value is not a string');
  if (value.length > maxAuthHeaderLength)
    throw new DigestParseError('too_long', `header value longer than ${maxAuthHeaderLength}`);
  let i = 0;
  const n = value.length;
  const skipWhite = () => {
    while (i < n && isWhite(value[i])) i++;
  };

  skipWhite();
  if (i === n) throw new DigestParseError('empty', 'header value is empty');
  const schemeStart = i;
  while (i < n && isToken(value[i])) i++;
  const scheme = value.slice(schemeStart, i);
  if (scheme === '') throw new DigestParseError('syntax', 'expected an authentication scheme');
  if (i < n && !isWhite(value[i]))
    throw new DigestParseError('syntax', `unexpected ${JSON.stringify(value[i])} after scheme`);

  const params = new Map<string, string>();
  for (;;) {
    // Element separator: white space and any number of commas (empty elements are allowed).
    skipWhite();
    while (value[i] === ',') {
      i++;
      skipWhite();
    }
    if (i >= n) break;

    const nameStart = i;
    while (i < n && isToken(value[i])) i++;
    const name = value.slice(nameStart, i).toLowerCase();
    if (name === '')
      throw new DigestParseError('syntax', `unexpected ${JSON.stringify(value[i])} at ${i}`);
    skipWhite();
    if (value[i] !== '=')
      throw new DigestParseError('syntax', `expected '=' after parameter ${name}`, name);
    i++;
    skipWhite();

    let paramValue: string;
    if (value[i] === '"') {
      // quoted-string = SWS DQUOTE *(qdtext / quoted-pair) DQUOTE (RFC 3261 §25.1)
      i++;
      let out = '';
      let closed = false;
      while (i < n) {
        const c = value[i] as string;
        if (c === '"') {
          closed = true;
          i++;
          break;
        }
        if (c === '\\') {
          const next = value[i + 1];
          if (next === undefined) break;
          out += next;
          i += 2;
          continue;
        }
        out += c;
        i++;
      }
      if (!closed)
        throw new DigestParseError('syntax', `unterminated quoted string in ${name}`, name);
      paramValue = out;
    } else {
      const valueStart = i;
      while (i < n && !isWhite(value[i]) && value[i] !== ',' && value[i] !== '"') i++;
      paramValue = value.slice(valueStart, i);
      if (paramValue === '')
        throw new DigestParseError('syntax', `parameter ${name} has no value`, name);
    }
    if (params.has(name))
      throw new DigestParseError('duplicate_param', `parameter ${name} given twice`, name);
    params.set(name, paramValue);

    skipWhite();
    if (i < n && value[i] !== ',')
      throw new DigestParseError('syntax', `expected ',' after parameter ${name}`, name);
  }
  return { scheme, params };
}
