/** `Range: bytes=` parsing: the three single-range forms, and everything else ignored. */
import { describe, expect, it } from 'vitest';
import { parseRange } from '../../../src/api/http/byte-range.ts';

describe('parseRange', () => {
  it('reads a-b, a- and the suffix -n', () => {
    expect(parseRange('bytes=0-99')).toEqual({ start: 0, end: 99 });
    expect(parseRange('bytes=100-')).toEqual({ start: 100, end: Number.MAX_SAFE_INTEGER });
    expect(parseRange('bytes=-10')).toEqual({ start: -10, end: Number.MAX_SAFE_INTEGER });
  });

  it('makes -0 unsatisfiable and ignores what it does not serve', () => {
    expect(parseRange('bytes=-0')!.start).toBe(Number.MAX_SAFE_INTEGER);
    for (const h of [undefined, '', 'bytes=-', 'bytes=0-1,5-6', 'items=0-1', 'bytes=a-b'])
      expect(parseRange(h), String(h)).toBeNull();
  });
});
