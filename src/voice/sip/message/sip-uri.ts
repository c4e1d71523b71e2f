/**
 * SIP, SIPS and tel URIs (RFC 3261 §19.1, §25.1; RFC 3966) and, opaquely, any other absolute
 * URI (RFC 3261 §25.1 absoluteURI — RFC 4475 §3.3.2–3.3.4 want unknown schemes to parse).
 *
 *   SIP-URI = "sip:" [ userinfo ] hostport uri-parameters [ headers ]
 *
 * User, password, parameter names and values and header names and values are stored decoded
 * (§19.1.2 escapes resolved, §19.1.4 compares them so); parameter names are lowercased. The
 * host keeps its spelling, without the brackets of an IPv6 reference.
 */
import { isIPv6 } from 'node:net';
import { HNV, HOST, PARAM, PASSWORD, URIC, USER, isIn, parseBoundedInt } from './char-classes.ts';
import { escape, unescape } from './percent-encoding.ts';
import { SipParseError } from './sip-parse-error.ts';

export interface SipUri {
  /** Lowercased scheme: 'sip', 'sips', 'tel', or another (then `opaque` holds the rest). */
  scheme: string;
  /** Decoded user part (for tel: the subscriber number), or null. */
  user: string | null;
  password: string | null;
  /** Host name or address; an IPv6 address without brackets. '' for tel and opaque URIs. */
  host: string;
  port: number | null;
  params: ReadonlyMap<string, string | null>;
  headers: ReadonlyMap<string, string>;
  /** For schemes other than sip/sips/tel: everything after "scheme:", as written. */
  opaque?: string;
}

const fail = (): never => {
  throw new SipParseError('Bad URI');
};

const empty = () => new Map<string, never>();

/** scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ) */
const schemeRe = /^[A-Za-z][A-Za-z0-9+.-]*$/;

export function parseUri(s: string): SipUri {
  if (typeof s !== 'string') return fail();
  const colon = s.indexOf(':');
  if (colon <= 0) return fail();
  const scheme = s.slice(0, colon);
  if (!schemeRe.test(scheme)) return fail();
  const lower = scheme.toLowerCase();
  const rest = s.slice(colon + 1);
  if (lower === 'sip' || lower === 'sips') return parseSipRest(lower, rest);
  if (lower === 'tel') return parseTelRest(rest);
  // absoluteURI: 1*uric after the scheme, escapes well formed (kept as written)
  if (rest.length === 0 || unescape(rest, URIC) === null) return fail();
  return {
    scheme: lower,
    user: null,
    password: null,
    host: '',
    port: null,
    params: empty(),
    headers: empty(),
    opaque: rest,
  };
}

function parseSipRest(scheme: string, rest: string): SipUri {
  let user: string | null = null;
  let password: string | null = null;
  let hostPart = rest;
  // '@' is never literal in user, password, host, parameters or headers: the first one ends
  // the userinfo (so user parts may hold ";", "?", "/" — RFC 4475 §3.1.1.2, §3.1.1.9).
  const at = rest.indexOf('@');
  if (at >= 0) {
    const userinfo = rest.slice(0, at);
    hostPart = rest.slice(at + 1);
    const c = userinfo.indexOf(':');
    user = unescape(c < 0 ? userinfo : userinfo.slice(0, c), USER);
    if (user === null || user.length === 0) return fail();
    if (c >= 0) {
      password = unescape(userinfo.slice(c + 1), PASSWORD);
      if (password === null) return fail();
    }
  }
  let i = 0;
  let host: string;
  if (hostPart.startsWith('[')) {
    const close = hostPart.indexOf(']');
    if (close < 0) return fail();
    host = hostPart.slice(1, close);
    if (!isIPv6(host)) return fail();
    i = close + 1;
  } else {
    while (i < hostPart.length && isHostChar(hostPart.charCodeAt(i))) i++;
    host = hostPart.slice(0, i);
    if (host.length === 0) return fail();
  }
  let port: number | null = null;
  if (hostPart[i] === ':') {
    const start = ++i;
    while (i < hostPart.length && i - start < 6 && isDigit(hostPart.charCodeAt(i))) i++;
    port = parseBoundedInt(hostPart.slice(start, i), 65535);
    if (port === null) return fail();
  }
  const { params, end } = readUriParams(hostPart, i);
  i = end;
  const headers = new Map<string, string>();
  if (hostPart[i] === '?') {
    for (const h of hostPart.slice(i + 1).split('&')) {
      const eq = h.indexOf('=');
      const name = unescape(eq < 0 ? h : h.slice(0, eq), HNV);
      const value = eq < 0 ? '' : unescape(h.slice(eq + 1), HNV);
      if (name === null || name.length === 0 || value === null) return fail();
      const prev = headers.get(name);
      headers.set(name, prev === undefined ? value : `${prev}, ${value}`);
    }
    i = hostPart.length;
  }
  if (i !== hostPart.length) return fail();
  return { scheme, user, password, host, port, params, headers };
}

/** tel URI (RFC 3966): the number, then parameters; no headers. */
function parseTelRest(rest: string): SipUri {
  let i = 0;
  while (i < rest.length && rest[i] !== ';') i++;
  const user = unescape(rest.slice(0, i), PARAM);
  if (user === null || user.length === 0) return fail();
  const { params, end } = readUriParams(rest, i);
  if (end !== rest.length) return fail();
  return { scheme: 'tel', user, password: null, host: '', port: null, params, headers: empty() };
}

/** `*( ";" pname [ "=" pvalue ] )` from `i`; stops at "?" or any character not allowed. */
function readUriParams(s: string, i: number): { params: Map<string, string | null>; end: number } {
  const params = new Map<string, string | null>();
  while (s[i] === ';') {
    const start = ++i;
    while (i < s.length && s[i] !== ';' && s[i] !== '?') i++;
    const p = s.slice(start, i);
    const eq = p.indexOf('=');
    const name = unescape(eq < 0 ? p : p.slice(0, eq), PARAM);
    const value = eq < 0 ? null : unescape(p.slice(eq + 1), PARAM);
    if (name === null || name.length === 0 || value === '') return fail();
    if (eq >= 0 && value === null) return fail();
    const key = name.toLowerCase();
    if (!params.has(key)) params.set(key, value);
  }
  return { params, end: i };
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHostChar = (c: number) => isIn(c, HOST);

export function formatUri(u: SipUri): string {
  const scheme = u.scheme.toLowerCase();
  if (scheme !== 'sip' && scheme !== 'sips' && scheme !== 'tel') {
    if (u.opaque === undefined)
      throw new TypeError(`URI with scheme ${scheme} needs its opaque part`);
    return `${scheme}:${u.opaque}`;
  }
  let out = scheme + ':';
  if (scheme === 'tel') return out + escape(u.user ?? '', PARAM) + formatUriParams(u.params);
  if (u.user !== null && u.user !== '') {
    out += escape(u.user, USER);
    if (u.password !== null) out += ':' + escape(u.password, PASSWORD);
    out += '@';
  }
  out += u.host.includes(':') ? `[${u.host}]` : u.host;
  if (u.port !== null) out += ':' + u.port;
  out += formatUriParams(u.params);
  if (u.headers.size > 0) {
    const hs: string[] = [];
    for (const [k, v] of u.headers) hs.push(escape(k, HNV) + '=' + escape(v, HNV));
    out += '?' + hs.join('&');
  }
  return out;
}

function formatUriParams(params: ReadonlyMap<string, string | null>): string {
  let out = '';
  for (const [k, v] of params)
    out += ';' + escape(k, PARAM) + (v === null ? '' : '=' + escape(v, PARAM));
  return out;
}
