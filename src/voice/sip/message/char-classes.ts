/**
 * Character classes of the SIP grammar (RFC 3261 §25.1) as bit flags over ASCII, so every
 * scanner tests a character with one table lookup. Characters ≥ 0x80 belong to no class; the
 * callers decide where UTF-8 is allowed (RFC 3261 §25.1 UTF8-NONASCII).
 */

/** token = 1*(alphanum / "-" / "." / "!" / "%" / "*" / "_" / "+" / "`" / "'" / "~") */
export const TOKEN = 1;
/** word (Call-ID) = token characters plus ( ) < > : \ DQUOTE / [ ] ? { } */
export const WORD = 2;
/** unreserved = alphanum / mark; mark = - _ . ! ~ * ' ( ) */
export const UNRESERVED = 4;
/** user = unreserved / user-unreserved (& = + $ , ; ? /) — escapes are handled apart */
export const USER = 8;
/** password = unreserved / & = + $ , */
export const PASSWORD = 16;
/** paramchar = param-unreserved ([ ] / : & + $) / unreserved */
export const PARAM = 32;
/** hname / hvalue characters: hnv-unreserved ([ ] / ? : + $) / unreserved */
export const HNV = 64;
/** uric = reserved (; / ? : @ & = + $ ,) / unreserved, plus [ ] for IPv6 hosts (RFC 3986) */
export const URIC = 128;
/** hostname characters: alphanum - . (and _ , seen in real deployments' internal names) */
export const HOST = 256;
/** gen-value without quotes (RFC 3261 §25.1: token / host): token plus : [ ] */
export const GEN_VALUE = 512;

const table = new Uint16Array(128);

function mark(chars: string, flags: number): void {
  for (let i = 0; i < chars.length; i++) {
    const c = chars.charCodeAt(i);
    table[c] = (table[c] ?? 0) | flags;
  }
}

const alphanum = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const unreservedFlags = UNRESERVED | USER | PASSWORD | PARAM | HNV | URIC;
mark(alphanum, TOKEN | WORD | unreservedFlags | HOST | GEN_VALUE);
mark("-_.!~*'()", unreservedFlags);
mark("-.!%*_+`'~", TOKEN | WORD | GEN_VALUE);
mark('()<>:\\"/[]?{}', WORD);
mark('&=+$,;?/', USER);
mark('&=+$,', PASSWORD);
mark('[]/:&+$', PARAM);
mark('[]/?:+$', HNV);
mark(';/?:@&=+$,[]', URIC);
mark('-._', HOST);
mark(':[]', GEN_VALUE);

/** Whether the UTF-16 code unit `c` is ASCII and in every class of `flags`. */
export function isIn(c: number, flags: number): boolean {
  return c < 128 && ((table[c] ?? 0) & flags) === flags;
}

/** Whether `s` is non-empty and made only of characters of class `flags`. */
export function allIn(s: string, flags: number): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) if (!isIn(s.charCodeAt(i), flags)) return false;
  return true;
}

export const isToken = (s: string): boolean => allIn(s, TOKEN);

/** SP or HTAB (RFC 3261 §25.1 WSP). */
export const isWsp = (c: number): boolean => c === 0x20 || c === 0x09;

/** Removes leading and trailing SP / HTAB only (not the other characters String.trim eats). */
export function trimWsp(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && isWsp(s.charCodeAt(a))) a++;
  while (b > a && isWsp(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}

/** Parses 1*DIGIT (leading zeros allowed) up to `max`; null when not digits or too large. */
export function parseBoundedInt(s: string, max: number): number | null {
  if (s.length === 0) return null;
  let i = 0;
  while (i < s.length - 1 && s.charCodeAt(i) === 0x30) i++; // leading zeros
  if (s.length - i > 15) return null;
  let n = 0;
  for (; i < s.length; i++) {
    const d = s.charCodeAt(i) - 0x30;
    if (d < 0 || d > 9) return null;
    n = n * 10 + d;
  }
  return n <= max ? n : null;
}
