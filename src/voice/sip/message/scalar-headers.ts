/**
 * Headers whose value is one scalar (RFC 3261 §20, §25.1). Each parser returns null on a bad
 * value so callers choose between answering 400 and ignoring the field.
 */
import { WORD, allIn, parseBoundedInt, trimWsp } from './char-classes.ts';

/** callid = word [ "@" word ] (§20.8); returns the value or null. */
export function parseCallId(s: string): string | null {
  const v = trimWsp(s);
  const at = v.indexOf('@');
  if (at < 0) return allIn(v, WORD) ? v : null;
  return allIn(v.slice(0, at), WORD) && allIn(v.slice(at + 1), WORD) ? v : null;
}

/** Content-Length (§20.14): 1*DIGIT. Anything beyond 2**31 is refused as absurd for SIP. */
export function parseContentLength(s: string): number | null {
  return parseBoundedInt(trimWsp(s), 2 ** 31 - 1);
}

/** Max-Forwards (§20.22): 1*DIGIT, 0–255 (§8.1.1.6). */
export function parseMaxForwards(s: string): number | null {
  return parseBoundedInt(trimWsp(s), 255);
}

/** delta-seconds (Expires §20.19, expires param §20.10): at most 2**32 − 1 (RFC 4475 §3.1.2.4). */
export function parseDeltaSeconds(s: string): number | null {
  return parseBoundedInt(trimWsp(s), 2 ** 32 - 1);
}
