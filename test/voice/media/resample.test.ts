import { describe, expect, it } from 'vitest';
import { resampleTo8k } from '../../../src/voice/media/resample.ts';
import { estimateFrequency, rms, sine } from './signal.ts';

const rates = [16000, 22050, 24000, 44100, 48000];

describe('resampleTo8k', () => {
  it.each(rates)('gives round(n · 8000 / %i) samples', (rate) => {
    for (const n of [0, 1, 2, 3, 441, 22050, 12345]) {
      expect(resampleTo8k(new Int16Array(n), rate).length).toBe(Math.round((n * 8000) / rate));
    }
  });

  it.each(rates)("keeps a 1 kHz sine's frequency and level from %i Hz", (rate) => {
    const out = resampleTo8k(sine(1000, rate, 1), rate);
    // Skip the filter's edges, then count zero crossings.
    const middle = out.subarray(400, 7600);
    expect(estimateFrequency(middle, 8000)).toBeCloseTo(1000, -1); // within ±5 Hz
    expect(rms(middle)).toBeGreaterThan(10_000 / Math.SQRT2 - 300);
    expect(rms(middle)).toBeLessThan(10_000 / Math.SQRT2 + 300);
  });

  it.each(rates)('keeps 300 Hz and 3 kHz from %i Hz (the telephone band)', (rate) => {
    for (const f of [300, 3000]) {
      const middle = resampleTo8k(sine(f, rate, 0.5), rate).subarray(200, 3800);
      expect(Math.abs(estimateFrequency(middle, 8000) - f)).toBeLessThan(5);
      expect(rms(middle)).toBeGreaterThan(0.85 * (10_000 / Math.SQRT2));
    }
  });

  it.each(rates.filter((r) => r >= 22050))(
    'filters out a 6 kHz tone at %i Hz instead of aliasing it to 2 kHz',
    (rate) => {
      const middle = resampleTo8k(sine(6000, rate, 0.5), rate).subarray(200, 3800);
      expect(rms(middle)).toBeLessThan(0.01 * 10_000); // ≥ 37 dB down
    },
  );

  it('attenuates 5 kHz from 16 kHz (it would fold to 3 kHz)', () => {
    const middle = resampleTo8k(sine(5000, 16000, 0.5), 16000).subarray(200, 3800);
    expect(rms(middle)).toBeLessThan(0.05 * 10_000);
  });

  it('copies 8 kHz input and clips nothing at full scale', () => {
    const input = sine(440, 8000, 0.1, 32767);
    const copy = resampleTo8k(input, 8000);
    expect(copy).not.toBe(input);
    expect([...copy]).toEqual([...input]);
    const loud = resampleTo8k(sine(440, 48000, 0.2, 32767), 48000);
    expect(Math.max(...loud)).toBeLessThanOrEqual(32767);
    expect(Math.min(...loud)).toBeGreaterThanOrEqual(-32768);
  });

  it('keeps DC level (unity gain)', () => {
    const out = resampleTo8k(new Int16Array(22050).fill(1000), 22050);
    expect([...out.subarray(100, 7900)].every((v) => Math.abs(v - 1000) <= 1)).toBe(true);
  });

  it('rejects invalid rates', () => {
    expect(() => resampleTo8k(new Int16Array(10), 0)).toThrow(RangeError);
    expect(() => resampleTo8k(new Int16Array(10), Number.NaN)).toThrow(RangeError);
  });
});
