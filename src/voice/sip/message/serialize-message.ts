/**
 * Writes a SIP message (RFC 3261 §7): start line, header fields in order with their canonical
 * names, CRLF line ends, an empty line, the body. Content-Length is always written and always
 * counts the body's octets (§20.14; mandatory on streams, §18.3), replacing any value present.
 */
import { isToken } from './char-classes.ts';
import type { SipMessage } from './sip-message.ts';
import { formatUri } from './sip-uri.ts';

export function serializeMessage(m: SipMessage): Buffer {
  let head: string;
  if (m.kind === 'request') {
    if (!isToken(m.method)) throw new TypeError(`invalid SIP method: ${JSON.stringify(m.method)}`);
    head = `${m.method} ${formatUri(m.uri)} ${m.version}\r\n`;
  } else {
    if (!Number.isInteger(m.status) || m.status < 100 || m.status > 699) {
      throw new TypeError(`invalid SIP status code: ${m.status}`);
    }
    head = `${m.version} ${m.status} ${m.reason.replace(/[\r\n]+/g, ' ')}\r\n`;
  }
  const body = m.body ?? Buffer.alloc(0);
  let wroteLength = false;
  for (const [name, value] of m.headers.entries()) {
    if (name === 'Content-Length') {
      if (wroteLength) continue;
      wroteLength = true;
      head += `Content-Length: ${body.length}\r\n`;
    } else head += `${name}: ${value}\r\n`;
  }
  if (!wroteLength) head += `Content-Length: ${body.length}\r\n`;
  head += '\r\n';
  return body.length === 0
    ? Buffer.from(head, 'utf8')
    : Buffer.concat([Buffer.from(head, 'utf8'), body]);
}
