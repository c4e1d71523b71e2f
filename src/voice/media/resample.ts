/**
 * Converts prompt audio to the 8 kHz rate of G.711 (RFC 3551 §4.5.14): espeak-ng writes 22,050 Hz,
 * studio prompts come at 16/24/44.1/48 kHz.
 *
 * Method: a windowed-sinc (Blackman) low-pass FIR with its cut-off at the top of the telephone
 * band (3.4 kHz, ITU-T G.712's pass band), evaluated only at the input positions the output
 * needs, followed by linear interpolation between the two filtered neighbours of each output
 * instant. Simple and good enough for speech prompts: the low-pass keeps what lies above the new
 * 4 kHz Nyquist limit from folding back as audible aliasing.
 */

/** The telephony sample rate everything is converted to. */
export const TELEPHONY_RATE = 8000;

/** Top of the telephone pass band (ITU-T G.712: 300–3400 Hz). */
const CUTOFF_HZ = 3400;
/** Width of the filter's transition band; a Blackman window needs ≈ 5.5·fs/width taps. */
const TRANSITION_HZ = 1000;

const filterCache = new Map<number, Float64Array>();

/** Unity-gain low-pass taps for the given input rate (odd length, symmetric). */
function lowPassTaps(rate: number): Float64Array {
  const cached = filterCache.get(rate);
  if (cached) return cached;
  const length = Math.ceil((5.5 * rate) / TRANSITION_HZ) | 1;
  const centre = (length - 1) / 2;
  const fc = CUTOFF_HZ / rate; // cycles per sample
  const taps = new Float64Array(length);
  let sum = 0;
  for (let i = 0; i < length; i++) {
    const t = i - centre;
    const sinc = t === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * t) / (Math.PI * t);
    const window =
      0.42 -
      0.5 * Math.cos((2 * Math.PI * i) / (length - 1)) +
      0.08 * Math.cos((4 * Math.PI * i) / (length - 1));
    taps[i] = sinc * window;
    sum += taps[i]!;
  }
  for (let i = 0; i < length; i++) taps[i] = taps[i]! / sum;
  filterCache.set(rate, taps);
  return taps;
}

/** The low-passed value of input sample `index` (samples beyond the ends count as silence). */
function filteredAt(samples: Int16Array, taps: Float64Array, index: number): number {
  const half = (taps.length - 1) / 2;
  const from = Math.max(0, index - half);
  const to = Math.min(samples.length - 1, index + half);
  let acc = 0;
  for (let k = from; k <= to; k++) acc += samples[k]! * taps[k - index + half]!;
  return acc;
}

function clip16(value: number): number {
  const v = Math.round(value);
  return v > 32767 ? 32767 : v < -32768 ? -32768 : v;
}

/**
 * Resamples 16-bit mono PCM from `fromRate` Hz to 8000 Hz. The result has
 * round(length · 8000 / fromRate) samples. Rates at or below 8 kHz are only interpolated (there is
 * nothing above the new Nyquist frequency to remove); 8 kHz input is copied.
 */
export function resampleTo8k(samples: Int16Array, fromRate: number): Int16Array {
  if (!Number.isFinite(fromRate) || fromRate <= 0)
    throw new RangeError(`invalid sample rate ${fromRate}`);
  if (fromRate === TELEPHONY_RATE) return samples.slice();
  const outLength = Math.round((samples.length * TELEPHONY_RATE) / fromRate);
  const out = new Int16Array(outLength);
  if (samples.length === 0) return out;
  const step = fromRate / TELEPHONY_RATE;
  const taps = fromRate > TELEPHONY_RATE ? lowPassTaps(fromRate) : null;
  const at = (i: number): number =>
    taps ? filteredAt(samples, taps, i) : samples[Math.min(i, samples.length - 1)]!;
  for (let i = 0; i < outLength; i++) {
    const position = i * step;
    const left = Math.min(Math.floor(position), samples.length - 1);
    const frac = position - left;
    const a = at(left);
    const value = frac > 0 && left + 1 < samples.length ? a + (at(left + 1) - a) * frac : a;
    out[i] = clip16(value);
  }
  return out;
}
