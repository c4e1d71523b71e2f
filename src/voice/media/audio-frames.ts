/**
 * Cutting audio into RTP packet-sized frames. kefu's media tick is 20 ms, the default packet time
 * of G.711 (RFC 3551 §4.5), i.e. 160 samples at 8000 Hz — 160 bytes of PCMU/PCMA per packet.
 * A short last frame is padded with silence, never sent short.
 */
import { silenceByte, type G711Codec } from './g711.ts';

/** Packet time of kefu's media tick, in ms. */
export const FRAME_MS = 20;
/** Samples in one 20 ms frame at 8000 Hz. */
export const FRAME_SAMPLES = 160;

/** Samples in one frame of `ptimeMs` at `sampleRate` Hz. */
export function frameSamples(sampleRate = 8000, ptimeMs = FRAME_MS): number {
  const n = (sampleRate * ptimeMs) / 1000;
  if (!Number.isInteger(n) || n < 1)
    throw new RangeError(`${ptimeMs} ms at ${sampleRate} Hz is not a whole number of samples`);
  return n;
}

function checkSize(size: number): void {
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`invalid frame size ${size}`);
}

/** A frame of digital silence (zero samples); kefu sends no comfort noise. */
export function silenceFrame(size = FRAME_SAMPLES): Int16Array {
  checkSize(size);
  return new Int16Array(size);
}

/** A frame of G.711 silence: every byte the codec's code for zero (0xFF μ-law, 0xD5 A-law). */
export function silenceG711Frame(codec: G711Codec, size = FRAME_SAMPLES): Uint8Array {
  checkSize(size);
  return new Uint8Array(size).fill(silenceByte(codec));
}

/** Splits PCM into frames of `size` samples; the last is zero-padded to full length. */
export function splitPcmFrames(pcm: Int16Array, size = FRAME_SAMPLES): Int16Array[] {
  checkSize(size);
  const frames: Int16Array[] = [];
  for (let i = 0; i < pcm.length; i += size) {
    const frame = new Int16Array(size);
    frame.set(pcm.subarray(i, i + size));
    frames.push(frame);
  }
  return frames;
}

/** Splits G.711 bytes into frames; the last is padded with the codec's silence byte. */
export function splitG711Frames(
  codes: Uint8Array,
  codec: G711Codec,
  size = FRAME_SAMPLES,
): Uint8Array[] {
  checkSize(size);
  const frames: Uint8Array[] = [];
  for (let i = 0; i < codes.length; i += size) {
    const frame = silenceG711Frame(codec, size);
    frame.set(codes.subarray(i, i + size));
    frames.push(frame);
  }
  return frames;
}

/**
 * Collects PCM chunks of any length (a decoder, a resampler, a TTS stream) and hands out whole
 * frames as they fill.
 */
export class PcmFramer {
  readonly size: number;
  #buffer: Int16Array;
  #filled = 0;

  constructor(size = FRAME_SAMPLES) {
    checkSize(size);
    this.size = size;
    this.#buffer = new Int16Array(size);
  }

  /** Samples held back, waiting for a full frame. */
  get pending(): number {
    return this.#filled;
  }

  /** Adds samples; returns the frames completed by them (possibly none). */
  push(chunk: Int16Array): Int16Array[] {
    const frames: Int16Array[] = [];
    let offset = 0;
    while (offset < chunk.length) {
      const take = Math.min(this.size - this.#filled, chunk.length - offset);
      this.#buffer.set(chunk.subarray(offset, offset + take), this.#filled);
      this.#filled += take;
      offset += take;
      if (this.#filled === this.size) {
        frames.push(this.#buffer);
        this.#buffer = new Int16Array(this.size);
        this.#filled = 0;
      }
    }
    return frames;
  }

  /** The held-back samples as a zero-padded frame, or null when none are held. */
  flush(): Int16Array | null {
    if (this.#filled === 0) return null;
    const frame = this.#buffer;
    this.#buffer = new Int16Array(this.size);
    this.#filled = 0;
    return frame;
  }
}
