/**
 * The two URI operations a registrar needs, written here so the registrar does not wait for the
 * message parser: equality of Contact URIs (RFC 3261 §19.1.4, used by §10.3 step 7) and the
 * canonical address-of-record (§10.3 step 5). Only sip: and sips: URIs get the SIP rules; any
 * other scheme (tel:, mailto: …) compares as text with a case-insensitive scheme.
 */

interface SipUri {
  readonly scheme: 'sip' | 'sips';
  /** user[:password], still escaped. */
  readonly userinfo: string | undefined;
  /** Lowercased host; IPv6 references kept in brackets and normalized. */
  readonly host: string;
  readonly port: number | undefined;
  /** Lowercased names → values (null for a flag parameter), still escaped. */
  readonly params: ReadonlyMap<string, string | null>;
  readonly headers: ReadonlyMap<string, string>;
}

/** Unescapes every %HH (RFC 3261 §19.1.4: compare unescaped); leaves malformed escapes alone. */
function unescapeAll(s: string): string {
  return s.replace(/%([0-9a-fA-F]{2})/g, (_m, hex: string) =>
    String.fromCharCode(parseInt(hex, 16)),
  );
}

/**
 * Unescapes only RFC 3261 §25.1 `unreserved` characters and upper-cases the remaining escapes:
 * the result means the same URI and canonicalizing it again changes nothing.
 */
function normalizeEscapes(s: string): string {
  // One left-to-right pass; a stray '%' (not an escape) becomes %25, so decoding a later escape
  // can never make a new escape with it ("%%61" → "%25a", not "%a…"): the result is canonical.
  return s.replace(/%([0-9a-fA-F]{2})?/g, (_m, hex: string | undefined) => {
    if (hex === undefined) return '%25';
    const c = String.fromCharCode(parseInt(hex, 16));
    return /[A-Za-z0-9\-_.!~*'()]/.test(c) ? c : `%${hex.toUpperCase()}`;
  });
}

function normalizeHost(host: string): string | undefined {
  if (host === '') return undefined;
  if (host.startsWith('[')) {
    try {
      // WHATWG URL normalizes IPv6 text (zero compression, case): [0:0::1] → [::1].
      return new URL(`http://${host}/`).hostname;
    } catch {
      return undefined;
    }
  }
  // hostname / IPv4address (RFC 3261 §25.1); '_' tolerated as some deployments use it.
  const h = host.toLowerCase();
  return /^[a-z0-9_.-]+$/.test(h) ? h : undefined;
}

function parseSipUri(text: string): SipUri | undefined {
  let s = text.trim();
  if (s.startsWith('<') && s.endsWith('>')) s = s.slice(1, -1).trim();
  const colon = s.indexOf(':');
  if (colon < 0) return undefined;
  const scheme = s.slice(0, colon).toLowerCase();
  if (scheme !== 'sip' && scheme !== 'sips') return undefined;
  let rest = s.slice(colon + 1);

  const headers = new Map<string, string>();
  const q = rest.indexOf('?');
  if (q >= 0) {
    for (const h of rest.slice(q + 1).split('&')) {
      if (h === '') continue;
      const eq = h.indexOf('=');
      const name = unescapeAll(eq < 0 ? h : h.slice(0, eq)).toLowerCase();
      headers.set(name, unescapeAll(eq < 0 ? '' : h.slice(eq + 1)));
    }
    rest = rest.slice(0, q);
  }

  // `user` may itself contain ';' (RFC 3261 §25.1 user-unreserved) but never '@'.
  let userinfo: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    userinfo = rest.slice(0, at);
    rest = rest.slice(at + 1);
  }

  let hostport: string;
  let paramText: string;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) return undefined;
    const semi = rest.indexOf(';', close);
    hostport = semi < 0 ? rest : rest.slice(0, semi);
    paramText = semi < 0 ? '' : rest.slice(semi + 1);
  } else {
    const semi = rest.indexOf(';');
    hostport = semi < 0 ? rest : rest.slice(0, semi);
    paramText = semi < 0 ? '' : rest.slice(semi + 1);
  }

  let hostText = hostport;
  let port: number | undefined;
  const portMatch = /^(.*):(\d*)$/.exec(hostport);
  if (portMatch && (hostport.startsWith('[') ? portMatch[1]?.endsWith(']') : true)) {
    hostText = portMatch[1] ?? '';
    const digits = portMatch[2] ?? '';
    if (digits === '') return undefined;
    port = Number(digits);
    if (port > 65535) return undefined;
  }
  const host = normalizeHost(hostText);
  if (host === undefined) return undefined;

  const params = new Map<string, string | null>();
  for (const p of paramText.split(';')) {
    if (p === '') continue;
    const eq = p.indexOf('=');
    const name = unescapeAll(eq < 0 ? p : p.slice(0, eq)).toLowerCase();
    params.set(name, eq < 0 ? null : p.slice(eq + 1));
  }
  return { scheme, userinfo, host, port, params, headers };
}

/**
 * Parameters that make URIs differ when present in only one of them. The §19.1.4 rules name
 * user, ttl, method and maddr; its examples also call `sip:bob@biloxi.com` and
 * `sip:bob@biloxi.com;transport=udp` different ("can resolve to different transports"), and a
 * contact reached over another transport is another binding, so transport is included.
 */
const mustAppearInBoth = ['user', 'ttl', 'method', 'maddr', 'transport'];

/**
 * RFC 3261 §19.1.4 URI equality: scheme, userinfo (case-sensitive, after unescaping), host
 * (case-insensitive), port (an explicit default port still differs from none); uri-parameters
 * present in both must match, user/ttl/method/maddr/transport present in only one never match,
 * others in only one are ignored; headers must all be present in both and match.
 */
export function sipUrisEqual(a: string, b: string): boolean {
  const x = parseSipUri(a);
  const y = parseSipUri(b);
  if (x === undefined || y === undefined) {
    if (x !== undefined || y !== undefined) return false;
    return nonSipKey(a) === nonSipKey(b);
  }
  if (x.scheme !== y.scheme || x.host !== y.host || x.port !== y.port) return false;
  if ((x.userinfo === undefined) !== (y.userinfo === undefined)) return false;
  if (x.userinfo !== undefined && unescapeAll(x.userinfo) !== unescapeAll(y.userinfo ?? ''))
    return false;
  for (const [name, value] of x.params) {
    if (!y.params.has(name)) {
      if (mustAppearInBoth.includes(name)) return false;
      continue;
    }
    const other = y.params.get(name) ?? null;
    if ((value === null) !== (other === null)) return false;
    if (
      value !== null &&
      unescapeAll(value).toLowerCase() !== unescapeAll(other ?? '').toLowerCase()
    )
      return false;
  }
  for (const name of mustAppearInBoth) if (y.params.has(name) && !x.params.has(name)) return false;
  if (x.headers.size !== y.headers.size) return false;
  for (const [name, value] of x.headers) if (y.headers.get(name) !== value) return false;
  return true;
}

function nonSipKey(uri: string): string {
  const s = uri.trim();
  const colon = s.indexOf(':');
  return colon < 0 ? s : s.slice(0, colon).toLowerCase() + s.slice(colon);
}

/**
 * The canonical address-of-record used as the bindings index (RFC 3261 §10.3 step 5): "all URI
 * parameters MUST be removed (including the user-param), and any escaped characters MUST be
 * converted to their unescaped form". Headers and any password go too; scheme and host are
 * lowercased (they compare case-insensitively, §19.1.4), the user part is kept as is. Escapes of
 * characters that have a meaning in a URI stay escaped so the key is unambiguous and idempotent.
 * Answers undefined when `uri` is not a usable sip:/sips: URI.
 */
export function canonicalAor(uri: string): string | undefined {
  const u = parseSipUri(uri);
  if (u === undefined) return undefined;
  const user = u.userinfo === undefined ? '' : normalizeEscapes(u.userinfo.split(':')[0] ?? '');
  const port = u.port === undefined ? '' : `:${u.port}`;
  return `${u.scheme}:${user === '' ? '' : `${user}@`}${u.host}${port}`;
}
