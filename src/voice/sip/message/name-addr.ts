/**
 * Addresses in From, To, Contact, Route, Record-Route, Reply-To, Refer-To, P-Asserted-Identity…
 * (RFC 3261 §20.10, §25.1):
 *
 *   ( name-addr / addr-spec ) *( SEMI generic-param )
 *   name-addr    = [ display-name ] LAQUOT addr-spec RAQUOT
 *   display-name = *(token LWS) / quoted-string
 *
 * Without angle brackets every ";" parameter belongs to the header, not the URI (§20.10,
 * RFC 4475 §3.3.12), and the URI may not contain "?" or "," (§20, RFC 4475 §3.1.2.13). An
 * unquoted display name may only hold tokens (RFC 4475 §3.1.2.15); no white space is allowed
 * just inside the brackets (LAQUOT / RAQUOT, RFC 4475 §3.1.2.14).
 */
import { TOKEN, isIn, isWsp, trimWsp } from './char-classes.ts';
import { formatParams, readParams } from './header-params.ts';
import { Scanner, quote } from './scanner.ts';
import { SipParseError } from './sip-parse-error.ts';
import { formatUri, parseUri, type SipUri } from './sip-uri.ts';

export interface NameAddr {
  /** The display name, unquoted (quoted-pairs resolved), or null when absent. */
  displayName: string | null;
  uri: SipUri;
  /** Header parameters (tag, expires, q …) by lowercase name; values as written. */
  params: ReadonlyMap<string, string | null>;
}

const REASON = 'Bad Address';

export function parseNameAddr(s: string, reason = REASON): NameAddr {
  if (typeof s !== 'string') throw new SipParseError(reason);
  const sc = new Scanner(s, reason);
  sc.skipWs();
  let displayName: string | null = null;
  let uriText: string;
  if (sc.peek() === 0x22) {
    displayName = sc.quoted().text;
    sc.skipWs();
    if (!sc.eat(0x3c)) sc.fail();
    uriText = bracketed(sc);
  } else {
    const lt = s.indexOf('<', sc.pos);
    const name = lt >= 0 ? trimWsp(s.slice(sc.pos, lt)) : '';
    if (lt >= 0 && isDisplayTokens(name)) {
      displayName = name.length > 0 ? name : null;
      sc.pos = lt + 1;
      uriText = bracketed(sc);
    } else {
      // addr-spec form: the URI ends at the first ";" or white space
      const start = sc.pos;
      while (!sc.done && sc.peek() !== 0x3b && !isWsp(sc.peek())) sc.pos++;
      uriText = s.slice(start, sc.pos);
      if (uriText.includes('?') || uriText.includes(',') || uriText.includes('<')) sc.fail();
    }
  }
  const uri = parseWith(uriText, reason);
  const params = readParams(sc);
  sc.end();
  return { displayName, uri, params };
}

/** display-name = *(token LWS): tokens separated by white space (may be empty). */
function isDisplayTokens(name: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (!isIn(c, TOKEN) && !isWsp(c)) return false;
  }
  return true;
}

/** Reads "addr-spec>" after "<"; no white space inside the brackets. */
function bracketed(sc: Scanner): string {
  const gt = sc.s.indexOf('>', sc.pos);
  if (gt < 0) sc.fail();
  const text = sc.s.slice(sc.pos, gt);
  sc.pos = gt + 1;
  return text;
}

function parseWith(uriText: string, reason: string): SipUri {
  try {
    return parseUri(uriText);
  } catch (e) {
    if (!(e instanceof SipParseError)) throw e;
    throw new SipParseError(reason);
  }
}

/** Always writes the name-addr form, so URI parameters can never be mistaken for header ones. */
export function formatNameAddr(a: NameAddr): string {
  const name = a.displayName !== null ? quote(a.displayName) + ' ' : '';
  return `${name}<${formatUri(a.uri)}>${formatParams(a.params)}`;
}
