/**
 * Parses one SIP message — a UDP datagram or a message framed off a stream — (RFC 3261 §7,
 * §18.3, §25). Throws SipParseError and nothing else, whatever the bytes.
 *
 * What it checks: the size limit; the start line (single SP separators, a token method, a valid
 * Request-URI, `SIP/x.y` — any version parses so checkRequest can answer 505 —, a three-digit
 * status 100–699); header lines (token names, HCOLON, folding by SP/HTAB continuation, §7.3.1);
 * Content-Length (a datagram longer than it is truncated, a shorter one is an error, §18.3);
 * and the syntax of the fields every transaction needs: Via, CSeq, Call-ID, From, To (§8.1.1,
 * §17). Presence and duplication of those are checkRequest's job, so a request with three
 * Call-IDs still parses and can be answered 400 (RFC 4475 §3.3.8). Other headers stay raw until
 * a typed accessor reads them (§16.3: what a proxy does not use it forwards untouched).
 *
 * Header text is decoded as UTF-8 (§7.3.1 TEXT-UTF8); the body stays bytes.
 */
import { isToken, isWsp, trimWsp } from './char-classes.ts';
import { parseCSeq } from './cseq.ts';
import { parseNameAddr } from './name-addr.ts';
import { parseCallId, parseContentLength } from './scalar-headers.ts';
import { SipHeaders } from './sip-headers.ts';
import type { SipMessage } from './sip-message.ts';
import { SipParseError, type SipParsePartial } from './sip-parse-error.ts';
import { parseUri, type SipUri } from './sip-uri.ts';
import { parseVia } from './via.ts';

export interface ParseOptions {
  /** Largest message accepted, in bytes (default 64 KiB; a UDP datagram is at most 65,507). */
  readonly maxBytes?: number;
}

export const defaultMaxBytes = 64 * 1024;

const versionRe = /^SIP\/\d{1,3}\.\d{1,3}$/i;
const looksLikeRequest = /\sSIP\/\S*\s*$/i;

export function parseMessage(data: Buffer, o: ParseOptions = {}): SipMessage {
  try {
    return parse(data, o.maxBytes ?? defaultMaxBytes);
  } catch (e) {
    if (e instanceof SipParseError) throw e;
    // Defence in depth: a bug in a parser must not escape as another error type. The fuzz
    // tests assert this never happens (`cause` is set only here).
    throw new SipParseError('Unparsable Message', undefined, { cause: e });
  }
}

function parse(input: Buffer, maxBytes: number): SipMessage {
  if (!(input instanceof Uint8Array)) throw new SipParseError('Bad Message');
  const u8: Uint8Array = input;
  const data = Buffer.isBuffer(u8) ? u8 : Buffer.from(u8.buffer, u8.byteOffset, u8.byteLength);
  const len = data.length;
  if (len > maxBytes) throw new SipParseError('Message Too Large');

  // §7.5: CRLFs before the start line are ignored (stream keep-alives, RFC 5626 §3.5.1).
  let pos = 0;
  while (pos < len && (data[pos] === 13 || data[pos] === 10)) pos++;
  const lines: string[] = [];
  let bodyStart = -1;
  while (pos < len) {
    const nl = data.indexOf(10, pos);
    if (nl < 0) break;
    const end = nl > pos && data[nl - 1] === 13 ? nl - 1 : nl;
    if (end === pos) {
      bodyStart = nl + 1;
      break;
    }
    lines.push(data.toString('utf8', pos, end));
    pos = nl + 1;
  }
  const startLine = lines[0];
  if (startLine === undefined)
    throw new SipParseError(pos < len ? 'Incomplete Message' : 'Empty Message');

  const { headers, error: lineError } = readHeaders(lines);
  const sp = startLine.indexOf(' ');
  const firstWord = sp > 0 ? startLine.slice(0, sp) : '';
  const isRequest = isToken(firstWord) && looksLikeRequest.test(startLine);
  const vias = headers.getAll('Via');
  const fail = (reason: string): never => {
    throw new SipParseError(reason, partialOf(headers, isRequest ? firstWord : null));
  };
  const check = (ok: () => unknown, reason: string): void => {
    let result: unknown;
    try {
      result = ok();
    } catch (e) {
      if (!(e instanceof SipParseError)) throw e; // a bug: let the safety net above mark it
      result = null;
    }
    if (result === null) fail(reason);
  };

  if (startLine.includes('\r')) fail('Bad Start-Line');
  const start = /^SIP\//i.test(startLine)
    ? readStatusLine(startLine, fail)
    : readRequestLine(startLine, fail);
  if (lineError !== null) fail(lineError);
  if (bodyStart < 0) fail(pos < len ? 'Incomplete Message' : 'Missing Empty Line');

  for (const v of vias) check(() => parseVia(v), 'Bad Via');
  for (const v of headers.getAll('CSeq')) check(() => parseCSeq(v), 'Bad CSeq');
  for (const v of headers.getAll('Call-ID')) check(() => parseCallId(v), 'Bad Call-ID');
  for (const v of headers.getAll('From')) check(() => parseNameAddr(v), 'Bad From');
  for (const v of headers.getAll('To')) check(() => parseNameAddr(v), 'Bad To');

  const lengths = headers.getAll('Content-Length').map(parseContentLength);
  let bodyEnd = len;
  if (lengths.some((n) => n === null)) fail('Bad Content-Length');
  const declared = lengths[0];
  // Several different values: keep the whole datagram; checkRequest answers 400 (RFC 4475 §3.3.9).
  if (declared !== undefined && declared !== null && lengths.every((n) => n === declared)) {
    if (declared > len - bodyStart) fail('Bad Content-Length'); // §18.3: shorter datagram
    bodyEnd = bodyStart + declared; // §18.3: longer datagram → truncate
  }
  const body = Buffer.from(data.subarray(bodyStart, bodyEnd));
  return start.kind === 'request'
    ? {
        kind: 'request',
        method: start.method,
        uri: start.uri,
        version: start.version,
        headers,
        body,
      }
    : {
        kind: 'response',
        status: start.status,
        reason: start.reason,
        version: start.version,
        headers,
        body,
      };
}

/** What a server needs to answer 400 to a request it could not fully parse (§8.2.6). */
function partialOf(headers: SipHeaders, method: string | null): SipParsePartial {
  const viaLines = headers.entries().filter(([n]) => n === 'Via');
  return {
    isRequest: method !== null,
    method: method ?? undefined,
    callId: headers.get('Call-ID'),
    via: viaLines.length > 0 ? viaLines.map(([, v]) => v).join(', ') : undefined,
    topVia: headers.getAll('Via')[0],
    cseq: headers.get('CSeq'),
    from: headers.get('From'),
    to: headers.get('To'),
    headers,
  };
}

/** Header lines → SipHeaders, undoing folding (§7.3.1); the first bad line is reported. */
function readHeaders(lines: string[]): { headers: SipHeaders; error: string | null } {
  const headers = new SipHeaders();
  let error: string | null = null;
  let name: string | null = null;
  let value = '';
  const flush = () => {
    if (name !== null) headers.append(name, value);
    name = null;
  };
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.includes('\r')) {
      error ??= 'Bad Header Line'; // a bare CR would let a header be read two ways
      flush();
      continue;
    }
    if (isWsp(line.charCodeAt(0))) {
      // continuation: the line break and leading white space count as one SP
      if (name === null) error ??= 'Bad Header Line';
      else value += ' ' + trimWsp(line);
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    const n = colon < 0 ? '' : trimWsp(line.slice(0, colon)); // HCOLON = *( SP / HTAB ) ":" SWS
    if (!isToken(n)) {
      error ??= colon < 0 ? 'Bad Header Line' : 'Bad Header Name';
      continue;
    }
    name = n;
    value = line.slice(colon + 1);
  }
  flush();
  return { headers, error };
}

type Fail = (reason: string) => never;

/** Request-Line = Method SP Request-URI SP SIP-Version (§7.1, §25.1): exactly two SPs. */
function readRequestLine(line: string, fail: Fail) {
  const parts = line.split(' ');
  if (parts.length !== 3) return fail('Bad Request-Line'); // RFC 4475 §3.1.2.8–3.1.2.10
  const [method = '', uriText = '', version = ''] = parts;
  if (!isToken(method)) fail('Bad Method');
  if (!versionRe.test(version)) fail('Bad SIP-Version');
  let uri: SipUri;
  try {
    uri = parseUri(uriText);
  } catch {
    return fail('Bad Request-URI'); // RFC 4475 §3.1.2.7
  }
  return { kind: 'request' as const, method, uri, version: version.toUpperCase() };
}

/** Status-Line = SIP-Version SP Status-Code SP Reason-Phrase (§7.2); 100–699 (RFC 4475 §3.1.2.19). */
function readStatusLine(line: string, fail: Fail) {
  const sp = line.indexOf(' ');
  const version = sp < 0 ? line : line.slice(0, sp);
  if (!versionRe.test(version) || sp < 0) return fail('Bad Status-Line');
  const code = line.slice(sp + 1, sp + 4);
  const after = line.charCodeAt(sp + 4);
  if (!/^[1-6]\d\d$/.test(code) || !(Number.isNaN(after) || after === 0x20))
    fail('Bad Status-Code');
  // An empty Reason-Phrase is allowed (RFC 4475 §3.1.1.13), so is any UTF-8 text (§3.1.1.12).
  return {
    kind: 'response' as const,
    status: Number(code),
    reason: line.slice(sp + 5),
    version: version.toUpperCase(),
  };
}
