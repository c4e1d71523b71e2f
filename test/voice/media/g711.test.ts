import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeAlaw,
  decodeG711,
  decodeMulaw,
  encodeAlaw,
  encodeG711,
  encodeMulaw,
  g711PayloadType,
  silenceByte,
} from '../../../src/voice/media/g711.ts';

/*
 * Independent transcriptions of the ITU-T G.191 Software Tool Library's G.711 routines
 * (ulaw_compress/alaw_compress/ulaw_expand/alaw_expand), sample by sample, as the reference.
 */
function g191UlawCompress(x: number): number {
  let absno = x < 0 ? (~x >> 2) + 33 : (x >> 2) + 33;
  if (absno > 0x1fff) absno = 0x1fff;
  let i = absno >> 6;
  let segno = 1;
  while (i !== 0) {
    segno++;
    i >>= 1;
  }
  const high = 0x08 - segno;
  const low = 0x0f - ((absno >> segno) & 0x0f);
  return ((high << 4) | low | (x >= 0 ? 0x80 : 0)) & 0xff;
}

function g191AlawCompress(x: number): number {
  let ix = x < 0 ? ~x >> 4 : x >> 4;
  if (ix > 15) {
    let iexp = 1;
    while (ix > 16 + 15) {
      ix >>= 1;
      iexp++;
    }
    ix -= 16;
    ix += iexp << 4;
  }
  if (x >= 0) ix |= 0x80;
  return ix ^ 0x55;
}

function g191UlawExpand(code: number): number {
  const sign = code < 0x80 ? -1 : 1;
  const m = ~code;
  const exponent = (m >> 4) & 0x07;
  const step = 4 << (exponent + 1);
  return sign * ((0x80 << exponent) + step * (m & 0x0f) + step / 2 - 4 * 33);
}

function g191AlawExpand(code: number): number {
  const ix = (code ^ 0x55) & 0x7f;
  const iexp = ix >> 4;
  let mant = ix & 0x0f;
  if (iexp > 0) mant += 16;
  mant = (mant << 4) + 0x08;
  if (iexp > 1) mant <<= iexp - 1;
  return code > 127 ? mant : -mant;
}

const everySample = Int16Array.from({ length: 65536 }, (_, i) => i - 32768);
const everyCode = Uint8Array.from({ length: 256 }, (_, i) => i);

describe('G.711 μ-law (PCMU)', () => {
  it('has static payload type 0 and silence byte 0xFF', () => {
    expect(g711PayloadType.PCMU).toBe(0);
    expect(silenceByte('PCMU')).toBe(0xff);
    expect([...encodeMulaw(new Int16Array(160))].every((b) => b === 0xff)).toBe(true);
  });

  it('encodes known values', () => {
    expect([...encodeMulaw(Int16Array.of(0, 1, -1, 32767, -32768, 1000, -1000))]).toEqual([
      0xff, 0xff, 0x7f, 0x80, 0x00, 0xce, 0x4e,
    ]);
  });

  it('decodes known values', () => {
    expect([...decodeMulaw(Uint8Array.of(0x00, 0x7f, 0x80, 0xff, 0xce, 0x4e))]).toEqual([
      -32124, 0, 32124, 0, 988, -988,
    ]);
  });

  it('encodes all 65,536 inputs as the ITU-T G.191 reference does', () => {
    const ours = encodeMulaw(everySample);
    const mismatches = everySample.filter((x, i) => ours[i] !== g191UlawCompress(x));
    expect(mismatches.length).toBe(0);
  });

  it('decodes all 256 codes as the ITU-T G.191 reference does', () => {
    // Int16Array has no -0; the reference yields it for the negative zero code 0x7F.
    expect([...decodeMulaw(everyCode)]).toEqual([...everyCode].map((c) => g191UlawExpand(c) + 0));
  });

  it('re-encodes every decoded code to itself (negative zero 0x7F becomes 0xFF)', () => {
    const back = encodeMulaw(decodeMulaw(everyCode));
    everyCode.forEach((code, i) => expect(back[i]).toBe(code === 0x7f ? 0xff : code));
  });

  it('round-trips within half a quantisation step (≤ |x|/32 + 4.2)', () => {
    const back = decodeMulaw(encodeMulaw(everySample));
    everySample.forEach((x, i) => {
      const clipped = Math.max(-32124, Math.min(32124, x));
      expect(Math.abs(clipped - back[i]!)).toBeLessThanOrEqual(Math.abs(clipped) / 32 + 4.2);
    });
  });

  it('is monotonic: a larger sample never decodes smaller', () => {
    const back = decodeMulaw(encodeMulaw(everySample));
    for (let i = 1; i < back.length; i++) expect(back[i]!).toBeGreaterThanOrEqual(back[i - 1]!);
  });
});

describe('G.711 A-law (PCMA)', () => {
  it('has static payload type 8 and silence byte 0xD5', () => {
    expect(g711PayloadType.PCMA).toBe(8);
    expect(silenceByte('PCMA')).toBe(0xd5);
    expect([...encodeAlaw(new Int16Array(160))].every((b) => b === 0xd5)).toBe(true);
  });

  it('encodes known values', () => {
    expect([...encodeAlaw(Int16Array.of(0, 1, -1, 32767, -32768, 1000, -1000))]).toEqual([
      0xd5, 0xd5, 0x55, 0xaa, 0x2a, 0xfa, 0x7a,
    ]);
  });

  it('decodes known values', () => {
    expect([...decodeAlaw(Uint8Array.of(0xd5, 0x55, 0xaa, 0x2a, 0x00, 0x80))]).toEqual([
      8, -8, 32256, -32256, -5504, 5504,
    ]);
  });

  it('encodes all 65,536 inputs as the ITU-T G.191 reference does', () => {
    const ours = encodeAlaw(everySample);
    const mismatches = everySample.filter((x, i) => ours[i] !== g191AlawCompress(x));
    expect(mismatches.length).toBe(0);
  });

  it('decodes all 256 codes as the ITU-T G.191 reference does', () => {
    expect([...decodeAlaw(everyCode)]).toEqual([...everyCode].map(g191AlawExpand));
  });

  it('re-encodes every decoded code to itself', () => {
    expect([...encodeAlaw(decodeAlaw(everyCode))]).toEqual([...everyCode]);
  });

  it('round-trips within half a quantisation step (≤ |x|/32 + 8)', () => {
    const back = decodeAlaw(encodeAlaw(everySample));
    everySample.forEach((x, i) => {
      const clipped = Math.max(-32256, Math.min(32256, x));
      expect(Math.abs(clipped - back[i]!)).toBeLessThanOrEqual(Math.abs(clipped) / 32 + 8);
    });
  });
});

describe('encodeG711 / decodeG711', () => {
  it('dispatch on the codec name', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('PCMU' as const, 'PCMA' as const),
        fc.array(fc.integer({ min: -32768, max: 32767 }), { maxLength: 400 }),
        (codec, values) => {
          const pcm = Int16Array.from(values);
          const encoded = encodeG711(codec, pcm);
          expect(encoded.length).toBe(pcm.length);
          const expected = codec === 'PCMU' ? encodeMulaw(pcm) : encodeAlaw(pcm);
          expect([...encoded]).toEqual([...expected]);
          const decoded = decodeG711(codec, encoded);
          const expectedPcm = codec === 'PCMU' ? decodeMulaw(encoded) : decodeAlaw(encoded);
          expect([...decoded]).toEqual([...expectedPcm]);
        },
      ),
    );
  });

  it('handles empty input', () => {
    expect(encodeMulaw(new Int16Array(0)).length).toBe(0);
    expect(decodeAlaw(new Uint8Array(0)).length).toBe(0);
  });
});
