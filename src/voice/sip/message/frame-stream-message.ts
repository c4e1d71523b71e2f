/**
 * Framing on stream transports (RFC 3261 §18.3): a message is its header section up to the
 * empty line plus exactly Content-Length octets of body; Content-Length is mandatory there.
 * A run of CR/LF before a message is a keep-alive (RFC 5626 §3.5.1: CRLFCRLF ping, CRLF pong)
 * and comes back as an empty `message`, so the caller can answer a ping and the bytes never
 * pile up. A framing error cannot be recovered from: the caller closes the connection.
 */
import { isWsp, trimWsp } from './char-classes.ts';
import { defaultMaxBytes } from './parse-message.ts';
import { parseContentLength } from './scalar-headers.ts';
import { SipParseError } from './sip-parse-error.ts';

export interface StreamFrame<T extends ArrayBufferLike = ArrayBufferLike> {
  /** One whole message (empty for a keep-alive); a view into the input. */
  message: Buffer<T>;
  /** Whatever follows it; a view into the input. */
  rest: Buffer<T>;
}

export function frameStreamMessage<T extends ArrayBufferLike>(
  buf: Buffer<T>,
  o: { maxBytes?: number } = {},
): StreamFrame<T> | null {
  const maxBytes = o.maxBytes ?? defaultMaxBytes;
  let crlf = 0;
  while (crlf < buf.length && (buf[crlf] === 13 || buf[crlf] === 10)) crlf++;
  if (crlf > 0) return { message: buf.subarray(0, 0), rest: buf.subarray(crlf) };

  const headerEnd = findEmptyLine(buf);
  if (headerEnd === null) {
    if (buf.length > maxBytes) throw new SipParseError('Message Too Large');
    return null;
  }
  if (headerEnd.bodyStart > maxBytes) throw new SipParseError('Message Too Large');
  const length = contentLength(buf.toString('latin1', 0, headerEnd.start));
  const total = headerEnd.bodyStart + length;
  if (total > maxBytes) throw new SipParseError('Message Too Large');
  if (buf.length < total) return null;
  return { message: buf.subarray(0, total), rest: buf.subarray(total) };
}

/** The first empty line (CRLF CRLF, or bare LFs as parseMessage tolerates); native scans. */
function findEmptyLine(buf: Buffer): { start: number; bodyStart: number } | null {
  const crlf = buf.indexOf('\n\r\n');
  const lf = buf.indexOf('\n\n');
  if (lf >= 0 && (crlf < 0 || lf < crlf)) return { start: lf + 1, bodyStart: lf + 2 };
  if (crlf >= 0) return { start: crlf + 1, bodyStart: crlf + 3 };
  return null;
}

/** The Content-Length of a header section (compact form "l", folding and repeats handled). */
function contentLength(head: string): number {
  const lines = head.split('\n');
  const values: string[] = [];
  let current: string | null = null;
  const flush = () => {
    if (current !== null) values.push(current);
    current = null;
  };
  for (let i = 1; i < lines.length; i++) {
    const line = lines[i]!.replace(/\r$/, '');
    if (isWsp(line.charCodeAt(0))) {
      if (current !== null) current += ' ' + trimWsp(line);
      continue;
    }
    flush();
    const colon = line.indexOf(':');
    const name = colon < 0 ? '' : trimWsp(line.slice(0, colon)).toLowerCase();
    if (name === 'content-length' || name === 'l') current = line.slice(colon + 1);
  }
  flush();
  if (values.length === 0) throw new SipParseError('Missing Content-Length');
  const lengths = values.map(parseContentLength);
  const first = lengths[0];
  if (first === null || first === undefined || lengths.some((n) => n !== first)) {
    throw new SipParseError('Bad Content-Length'); // RFC 4475 §3.1.2.3, §3.3.9
  }
  return first;
}
