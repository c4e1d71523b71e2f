/**
 * `Range: bytes=…` (RFC 9110 §14.1.2) for one range: `a-b`, `a-` or the suffix `-n`. Anything
 * else — several ranges, other units, nonsense — gives null, and the whole file is sent, which
 * the RFC allows a server to do for any Range it does not want to honour.
 */
export function parseRange(header: string | undefined): { start: number; end: number } | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? '');
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    // Suffix: the last n bytes; the end is clamped to the file by the caller. `-0` asks for
    // nothing, which no file can satisfy.
    const n = Number(m[2]);
    const start = n === 0 ? Number.MAX_SAFE_INTEGER : -n;
    return { start, end: Number.MAX_SAFE_INTEGER };
  }
  return { start: Number(m[1]), end: m[2] === '' ? Number.MAX_SAFE_INTEGER : Number(m[2]) };
}
