/**
 * The checks an element makes before acting on a request it parsed (RFC 3261 §8.2 for a UAS,
 * §16.3 for a proxy), in the RFC's order, each answering with the status the RFC names:
 *
 *   505  SIP-Version other than SIP/2.0 (§21.5.6, RFC 4475 §3.1.2.16)
 *   400  a missing, repeated or malformed essential field (§8.1.1, §21.4.1, RFC 4475 §3.3.1,
 *        §3.3.8, §3.3.9, §3.1.2.x); CSeq method ≠ request method (§8.1.1.5, RFC 4475
 *        §3.1.2.17); Content-Length ≠ body (§18.3); headers in the Request-URI (§19.1.1,
 *        RFC 4475 §3.1.2.11); a REGISTER whose To is not SIP/SIPS (§10.2, RFC 4475 §3.3.4)
 *   416  Request-URI scheme other than sip, sips, tel (§8.2.2.1, RFC 4475 §3.3.2, §3.3.3)
 *   483  Max-Forwards 0 when the element forwards (§16.3 item 3, RFC 4475 §3.3.11); a
 *        terminating UAS processes the request instead
 *   420  unknown option tags in Require (UAS, §8.2.2.3) or Proxy-Require (proxy, §16.3 item 5),
 *        listed in `unsupported` for the Unsupported header (RFC 4475 §3.3.5); never for ACK
 *        or CANCEL (§8.2.2.3)
 *   415  a body type or content coding we do not accept (§8.2.3, RFC 4475 §3.3.6)
 *   406  an INVITE whose Accept rules out application/sdp (RFC 4475 §3.3.15, §21.4.7)
 *
 * Anything it does not look at (Date, Authorization, unknown headers) is left to the layers that
 * use it (RFC 4475 §3.1.2.12, §3.3.7).
 */
import { mediaMatches } from './media-type.ts';
import type { SipRequest } from './sip-message.ts';
import { SipParseError } from './sip-parse-error.ts';
import {
  getAccept,
  getCSeq,
  getCallId,
  getContacts,
  getContentLength,
  getContentType,
  getExpires,
  getFrom,
  getMaxForwards,
  getOptionTags,
  getTo,
  getVias,
} from './typed-headers.ts';

export interface CheckRequestOptions {
  /** Option tags this element implements (compared case-insensitively, §7.3.1). */
  readonly supportedExtensions: readonly string[];
  /** Body types it accepts: 'type/subtype', 'type/*' or '*\/*'. */
  readonly acceptedBodyTypes: readonly string[];
  /**
   * 'b2bua' (default): acts as UAS but forwards the call, so Max-Forwards 0 is 483
   * (RFC 7332 §3). 'uas': a terminating endpoint. 'proxy': checks Proxy-Require, not bodies.
   */
  readonly role?: 'b2bua' | 'uas' | 'proxy';
}

export interface RequestProblem {
  status: number;
  reason: string;
  /** For 420: the option tags to list in Unsupported. */
  unsupported?: string[];
}

const singletons = ['Call-ID', 'CSeq', 'From', 'To'] as const;
const atMostOnce = ['Max-Forwards', 'Content-Length', 'Content-Type', 'Expires'] as const;

export function checkRequest(r: SipRequest, o: CheckRequestOptions): RequestProblem | null {
  const role = o.role ?? 'b2bua';
  if (r.version.toUpperCase() !== 'SIP/2.0')
    return { status: 505, reason: 'Version Not Supported' };
  const bad = syntaxProblem(r);
  if (bad !== null) return { status: 400, reason: bad };

  const scheme = r.uri.scheme.toLowerCase();
  if (scheme !== 'sip' && scheme !== 'sips' && scheme !== 'tel') {
    return { status: 416, reason: 'Unsupported URI Scheme' };
  }
  if (r.method === 'REGISTER') {
    const to = getTo(r.headers)?.uri.scheme;
    if (to !== 'sip' && to !== 'sips') return { status: 400, reason: 'To Must Be a SIP URI' };
  }
  if (getMaxForwards(r.headers) === 0 && role !== 'uas')
    return { status: 483, reason: 'Too Many Hops' };

  if (r.method !== 'ACK' && r.method !== 'CANCEL') {
    const supported = new Set(o.supportedExtensions.map((t) => t.toLowerCase()));
    const required = getOptionTags(r.headers, role === 'proxy' ? 'Proxy-Require' : 'Require');
    const unsupported = [...new Set(required.filter((t) => !supported.has(t.toLowerCase())))];
    if (unsupported.length > 0) return { status: 420, reason: 'Bad Extension', unsupported };
  }
  if (role === 'proxy') return null;

  if (r.body.length > 0) {
    const type = getContentType(r.headers)?.type ?? '';
    if (!o.acceptedBodyTypes.some((range) => mediaMatches(range, type))) {
      return { status: 415, reason: 'Unsupported Media Type' };
    }
    const codings = r.headers.getAll('Content-Encoding').map((c) => c.toLowerCase());
    if (codings.some((c) => c !== 'identity'))
      return { status: 415, reason: 'Unsupported Content-Encoding' };
  }
  if (r.method === 'INVITE') {
    const accept = getAccept(r.headers);
    if (accept !== null && !accept.some((m) => mediaMatches(m.type, 'application/sdp'))) {
      return { status: 406, reason: 'Not Acceptable' };
    }
  }
  return null;
}

/** The reason phrase of the first syntax problem, or null. */
function syntaxProblem(r: SipRequest): string | null {
  const h = r.headers;
  for (const name of singletons) {
    const n = h.count(name);
    if (n === 0) return `Missing ${name}`;
    if (n > 1) return `Duplicate ${name}`;
  }
  if (h.getAll('Via').length === 0) return 'Missing Via';
  for (const name of atMostOnce) if (h.count(name) > 1) return `Duplicate ${name}`;
  try {
    getVias(h);
    const cseq = getCSeq(h);
    getCallId(h);
    getFrom(h);
    getTo(h);
    const contacts = getContacts(h);
    getMaxForwards(h);
    getExpires(h);
    getOptionTags(h, 'Require');
    getOptionTags(h, 'Proxy-Require');
    const length = getContentLength(h);
    const type = getContentType(h);
    if (r.method === 'INVITE') getAccept(h);
    if (cseq !== null && cseq.method !== r.method) return 'CSeq Method Mismatch';
    if (length !== null && length !== r.body.length) return 'Bad Content-Length';
    if (r.body.length > 0 && type === null) return 'Missing Content-Type'; // §20.15
    if (contacts === '*' && r.method !== 'REGISTER') return 'Bad Contact';
    if (r.uri.headers.size > 0) return 'Bad Request-URI';
  } catch (e) {
    if (e instanceof SipParseError) return e.reason;
    throw e;
  }
  return null;
}
