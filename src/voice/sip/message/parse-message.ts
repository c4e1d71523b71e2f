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
import { SipHeaders, splitList } from './sip-headers.ts';
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
  if (pos === len) throw new SipParseError('Empty Message');
  // The header section ends at the first empty line: CRLF CRLF, or bare LFs (tolerated).
  const crlf = data.indexOf('\n\r\n', pos);
  const lf = data.subarray(pos, crlf < 0 ? len : crlf + 2).indexOf('\n\n');
  let headEnd = len;
  let bodyStart = -1;
  if (lf >= 0) [headEnd, bodyStart] = [pos + lf, pos + lf + 2];
  else if (crlf >= 0) [headEnd, bodyStart] = [crlf, crlf + 3];
  const lines = data.toString('utf8', pos, headEnd).split('\n');
  if (bodyStart < 0 && lines[lines.length - 1] === '') lines.pop(); // ends with a line break
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
  }
  const startLine = lines[0]!;
  const { headers, error: lineError } = readHeaders(lines);
  const sp = startLine.indexOf(' ');
  const firstWord = sp > 0 ? startLine.slice(0, sp) : '';
  const ctx = new Context(
    headers,
    isToken(firstWord) && looksLikeRequest.test(startLine) ? firstWord : null,
  );

  if (startLine.includes('\r')) ctx.fail('Bad Start-Line');
  const start = /^SIP\//i.test(startLine)
    ? readStatusLine(startLine, ctx)
    : readRequestLine(startLine, ctx);
  if (lineError !== null) ctx.fail(lineError);
  if (bodyStart < 0) ctx.fail(data[len - 1] === 10 ? 'Missing Empty Line' : 'Incomplete Message');

  // One pass over the fields every transaction needs (§8.1.1, §17); presence is checkRequest's.
  let declared: number | null | undefined;
  let conflicting = false;
  for (const [name, value] of headers) {
    switch (name) {
      case 'Via':
        for (const v of splitList(value)) if (!valid(parseVia, v)) ctx.fail('Bad Via');
        break;
      case 'CSeq':
        if (!valid(parseCSeq, value)) ctx.fail('Bad CSeq');
        break;
      case 'Call-ID':
        if (!valid(parseCallId, value)) ctx.fail('Bad Call-ID');
        break;
      case 'From':
        if (!valid(parseNameAddr, value)) ctx.fail('Bad From');
        break;
      case 'To':
        if (!valid(parseNameAddr, value)) ctx.fail('Bad To');
        break;
      case 'Content-Length': {
        const n = parseContentLength(value);
        if (n === null) ctx.fail('Bad Content-Length');
        if (declared !== undefined && declared !== n) conflicting = true;
        declared = n;
      }
    }
  }
  let bodyEnd = len;
  // Several different values: keep the whole datagram; checkRequest answers 400 (RFC 4475 §3.3.9).
  if (typeof declared === 'number' && !conflicting) {
    if (declared > len - bodyStart) ctx.fail('Bad Content-Length'); // §18.3: shorter datagram
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

/** Whether `parse` accepts `v` (returns non-null without throwing SipParseError). */
function valid(parse: (v: string) => unknown, v: string): boolean {
  try {
    return parse(v) !== null;
  } catch (e) {
    if (e instanceof SipParseError) return false;
    throw e; // a bug: let the safety net in parseMessage mark it
  }
}

/** Raises errors carrying what could be read of the message. */
class Context {
  constructor(
    readonly headers: SipHeaders,
    /** The method, when the start line looks like a Request-Line. */
    readonly method: string | null,
  ) {}

  fail(reason: string): never {
    throw new SipParseError(reason, partialOf(this.headers, this.method));
  }
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
  const names: string[] = [];
  const values: string[] = [];
  let error: string | null = null;
  let open = false; // the last line read started a header that may continue
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!;
    if (line.includes('\r')) {
      error ??= 'Bad Header Line'; // a bare CR would let a header be read two ways
      open = false;
      continue;
    }
    if (isWsp(line.charCodeAt(0))) {
      // continuation: the line break and leading white space count as one SP
      if (open) values[values.length - 1] += ' ' + trimWsp(line);
      else error ??= 'Bad Header Line';
      continue;
    }
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : trimWsp(line.slice(0, colon)); // HCOLON = *( SP / HTAB ) ":" SWS
    open = isToken(name);
    if (!open) {
      error ??= colon < 0 ? 'Bad Header Line' : 'Bad Header Name';
      continue;
    }
    names.push(name);
    values.push(line.slice(colon + 1));
  }
  return { headers: SipHeaders.fromParsed(names, values), error };
}

/** Request-Line = Method SP Request-URI SP SIP-Version (§7.1, §25.1): exactly two SPs. */
function readRequestLine(line: string, ctx: Context) {
  const parts = line.split(' ');
  if (parts.length !== 3) return ctx.fail('Bad Request-Line'); // RFC 4475 §3.1.2.8–3.1.2.10
  const [method = '', uriText = '', version = ''] = parts;
  if (!isToken(method)) ctx.fail('Bad Method');
  if (!versionRe.test(version)) ctx.fail('Bad SIP-Version');
  let uri: SipUri;
  try {
    uri = parseUri(uriText);
  } catch (e) {
    if (!(e instanceof SipParseError)) throw e;
    return ctx.fail('Bad Request-URI'); // RFC 4475 §3.1.2.7
  }
  return { kind: 'request' as const, method, uri, version: version.toUpperCase() };
}

/** Status-Line = SIP-Version SP Status-Code SP Reason-Phrase (§7.2); 100–699 (RFC 4475 §3.1.2.19). */
function readStatusLine(line: string, ctx: Context) {
  const sp = line.indexOf(' ');
  const version = sp < 0 ? line : line.slice(0, sp);
  if (!versionRe.test(version) || sp < 0) return ctx.fail('Bad Status-Line');
  const code = line.slice(sp + 1, sp + 4);
  const after = line.charCodeAt(sp + 4);
  if (!/^[1-6]\d\d$/.test(code) || !(Number.isNaN(after) || after === 0x20))
    ctx.fail('Bad Status-Code');
  // An empty Reason-Phrase is allowed (RFC 4475 §3.1.1.13), so is any UTF-8 text (§3.1.1.12).
  return {
    kind: 'response' as const,
    status: Number(code),
    reason: line.slice(sp + 5),
    version: version.toUpperCase(),
  };
}
