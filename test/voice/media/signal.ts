/** Test helpers for audio: sine generation and frequency estimation by zero crossings. */

export function sine(
  frequency: number,
  sampleRate: number,
  seconds: number,
  amplitude = 10_000,
): Int16Array {
  const n = Math.round(sampleRate * seconds);
  const out = new Int16Array(n);
  for (let i = 0; i < n; i++)
    out[i] = Math.round(amplitude * Math.sin((2 * Math.PI * frequency * i) / sampleRate));
  return out;
}

/** Sign changes between non-zero samples (zeros are skipped, not counted twice). */
export function zeroCrossings(samples: Int16Array): number {
  let count = 0;
  let last = 0;
  for (const s of samples) {
    if (s === 0) continue;
    const sign = Math.sign(s);
    if (last !== 0 && sign !== last) count++;
    last = sign;
  }
  return count;
}

/** Frequency estimate from zero crossings: two per period. */
export function estimateFrequency(samples: Int16Array, sampleRate: number): number {
  return (zeroCrossings(samples) / 2) * (sampleRate / samples.length);
}

export function rms(samples: Int16Array): number {
  let sum = 0;
  for (const s of samples) sum += s * s;
  return samples.length === 0 ? 0 : Math.sqrt(sum / samples.length);
}

export function concat(frames: readonly Int16Array[]): Int16Array {
  const out = new Int16Array(frames.reduce((n, f) => n + f.length, 0));
  let offset = 0;
  for (const f of frames) {
    out.set(f, offset);
    offset += f.length;
  }
  return out;
}

/** Amplitude of the `frequency` component (Goertzel algorithm), on the samples' scale. */
export function toneAmplitude(samples: Int16Array, frequency: number, sampleRate: number): number {
  const w = (2 * Math.PI * frequency) / sampleRate;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (const x of samples) {
    const s0 = x + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  const power = s1 * s1 + s2 * s2 - coeff * s1 * s2;
  return (2 * Math.sqrt(Math.max(0, power))) / samples.length;
}
