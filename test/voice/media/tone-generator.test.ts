import { describe, expect, it } from 'vitest';
import { ToneGenerator, tonePlans } from '../../../src/voice/media/tone-generator.ts';
import { concat, estimateFrequency, rms, toneAmplitude } from './signal.ts';

function expectHz(actual: number, expected: number, tolerance = 2): void {
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(tolerance);
}

function frames(gen: ToneGenerator, n: number): Int16Array[] {
  return Array.from({ length: n }, () => gen.next());
}

describe('ToneGenerator', () => {
  it('plays China ringback: 450 Hz for 1 s, then 4 s of silence, repeating', () => {
    const gen = new ToneGenerator('cn-ringback');
    const cycle = frames(gen, 250); // 5 s of 20 ms frames
    expect(cycle.every((f) => f.length === 160)).toBe(true);
    const on = concat(cycle.slice(0, 50));
    expectHz(estimateFrequency(on, 8000), 450);
    expect(cycle.slice(0, 50).every((f) => rms(f) > 1000)).toBe(true);
    expect(cycle.slice(50).every((f) => f.every((s) => s === 0))).toBe(true);
    const next = frames(gen, 50); // the second cycle starts like the first
    expect(next.map((f) => [...f])).toEqual(cycle.slice(0, 50).map((f) => [...f]));
  });

  it('plays the European 425 Hz busy tone, 0.5 s on / 0.5 s off', () => {
    const gen = new ToneGenerator('eu-busy');
    const second = frames(gen, 50);
    expectHz(estimateFrequency(concat(second.slice(0, 25)), 8000), 425);
    expect(second.slice(25).every((f) => rms(f) === 0)).toBe(true);
  });

  it('plays China busy: 450 Hz, 350 ms on / 350 ms off', () => {
    const samples = concat(frames(new ToneGenerator('cn-busy'), 70)); // 1.4 s
    const onSamples = 0.35 * 8000;
    expect(rms(samples.subarray(0, onSamples))).toBeGreaterThan(1000);
    expect(rms(samples.subarray(onSamples, 2 * onSamples))).toBe(0);
    expect(rms(samples.subarray(2 * onSamples, 3 * onSamples))).toBeGreaterThan(1000);
    expectHz(estimateFrequency(samples.subarray(0, onSamples), 8000), 450);
  });

  it('plays a continuous dial tone without gaps or clicks across frames', () => {
    const tone = concat(frames(new ToneGenerator('cn-dial'), 100));
    expectHz(estimateFrequency(tone, 8000), 450);
    const peak = Math.max(...tone);
    const step = 2 * Math.PI * (450 / 8000) * peak; // largest slope of the sine per sample
    for (let i = 1; i < tone.length; i++)
      expect(Math.abs(tone[i]! - tone[i - 1]!)).toBeLessThanOrEqual(step + 2);
  });

  it('sets the level in dBm0 (a 0 dBm0 sine has an RMS near 16,000)', () => {
    const loud = concat(frames(new ToneGenerator('cn-dial', { levelDbm0: 0 }), 50));
    expect(rms(loud)).toBeGreaterThan(15_500);
    expect(rms(loud)).toBeLessThan(16_500);
    const quiet = concat(frames(new ToneGenerator('cn-dial', { levelDbm0: -20 }), 50));
    expect(rms(loud) / rms(quiet)).toBeCloseTo(10, 1);
  });

  it('mixes 440 Hz and 480 Hz for North American ringback, 2 s on / 4 s off', () => {
    const gen = new ToneGenerator('us-ringback');
    const on = concat(frames(gen, 100));
    const a440 = toneAmplitude(on, 440, 8000);
    expect(a440).toBeGreaterThan(3000);
    expect(toneAmplitude(on, 480, 8000) / a440).toBeCloseTo(1, 1);
    expect(toneAmplitude(on, 460, 8000)).toBeLessThan(a440 / 20);
    expect(rms(concat(frames(gen, 200)))).toBe(0);
  });

  it('starts over after reset() and honours frame size and sample rate', () => {
    const gen = new ToneGenerator(tonePlans['eu-ringback'], {
      frameSamples: 320,
      sampleRate: 16000,
    });
    const first = gen.next();
    gen.next();
    gen.reset();
    expect([...gen.next()]).toEqual([...first]);
    expect(first.length).toBe(320);
    expectHz(estimateFrequency(concat(frames(gen, 49)), 16000), 425);
  });

  it('rejects impossible plans', () => {
    expect(() => new ToneGenerator({ frequencies: [], cadence: [] })).toThrow(/frequency/);
    expect(() => new ToneGenerator({ frequencies: [5000], cadence: [] })).toThrow(/between/);
    expect(() => new ToneGenerator({ frequencies: [450], cadence: [0, 100] })).toThrow(/cadence/);
  });
});
