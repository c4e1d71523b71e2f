/**
 * Escaped characters in URIs (RFC 3261 §19.1.2, §25.1 `escaped = "%" HEXDIG HEXDIG`). SIP
 * compares URIs with escapes resolved (§19.1.4: "sip:%61lice@atlanta.com" equals
 * "sip:alice@atlanta.com"), so the parsed fields hold decoded text and the formatter escapes
 * whatever is not allowed literally. Escaped octets are read as UTF-8; %00 becomes U+0000
 * (RFC 4475 §3.1.1.4).
 */
import { isIn } from './char-classes.ts';

const hex = (c: number): number =>
  c >= 0x30 && c <= 0x39
    ? c - 0x30
    : c >= 0x41 && c <= 0x46
      ? c - 55
      : c >= 0x61 && c <= 0x66
        ? c - 87
        : -1;

/**
 * Decodes `s`, whose literal characters must belong to class `allowed` (non-ASCII characters
 * are tolerated). Returns null when a character is not allowed or an escape is malformed.
 */
export function unescape(s: string, allowed: number): string | null {
  let hasEscape = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25) {
      if (hex(s.charCodeAt(i + 1)) < 0 || hex(s.charCodeAt(i + 2)) < 0) return null;
      hasEscape = true;
      i += 2;
    } else if (c < 128 && !isIn(c, allowed)) return null;
  }
  if (!hasEscape) return s;
  const parts: Buffer[] = [];
  let run = 0;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) !== 0x25) continue;
    if (i > run) {
      flush(bytes, parts);
      parts.push(Buffer.from(s.slice(run, i), 'utf8'));
    }
    bytes.push(hex(s.charCodeAt(i + 1)) * 16 + hex(s.charCodeAt(i + 2)));
    i += 2;
    run = i + 1;
  }
  flush(bytes, parts);
  if (run < s.length) parts.push(Buffer.from(s.slice(run), 'utf8'));
  return Buffer.concat(parts).toString('utf8');
}

function flush(bytes: number[], parts: Buffer[]): void {
  if (bytes.length === 0) return;
  parts.push(Buffer.from(bytes));
  bytes.length = 0;
}

const HEX = '0123456789ABCDEF';

/** Escapes every character of `s` outside class `allowed` as %XX of its UTF-8 octets. */
export function escape(s: string, allowed: number): string {
  let i = 0;
  while (i < s.length && isIn(s.charCodeAt(i), allowed)) i++;
  if (i === s.length) return s;
  let out = s.slice(0, i);
  for (const ch of s.slice(i)) {
    if (ch.length === 1 && isIn(ch.charCodeAt(0), allowed)) {
      out += ch;
      continue;
    }
    for (const b of Buffer.from(ch, 'utf8')) out += '%' + HEX[b >> 4]! + HEX[b & 15]!;
  }
  return out;
}
