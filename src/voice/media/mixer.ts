/**
 * Mixing 16-bit PCM frames for conferences and whisper/barge-in: the sum of the inputs, clipped to
 * the 16-bit range, and "mix-minus" — each participant hears everyone but themselves, so a 3-way
 * call needs no echo of one's own voice. Mix linear PCM (decode G.711 first, ITU-T G.711), one
 * frame per media tick.
 */
import { FRAME_SAMPLES } from './audio-frames.ts';

/** Saturates a sum to the Int16 range instead of letting it wrap around. */
export function clip16(value: number): number {
  return value > 32767 ? 32767 : value < -32768 ? -32768 : value;
}

export class Mixer {
  readonly frameSize: number;
  /** Unclipped sum of the current tick, kept between calls to avoid reallocating. */
  readonly #sum: Int32Array;

  constructor(frameSize = FRAME_SAMPLES) {
    if (!Number.isInteger(frameSize) || frameSize < 1)
      throw new RangeError(`invalid frame size ${frameSize}`);
    this.frameSize = frameSize;
    this.#sum = new Int32Array(frameSize);
  }

  #accumulate(frames: Iterable<Int16Array | null>): void {
    const sum = this.#sum;
    sum.fill(0);
    for (const frame of frames) {
      if (frame === null) continue;
      if (frame.length !== this.frameSize)
        throw new RangeError(`frame has ${frame.length} samples, mixer expects ${this.frameSize}`);
      for (let i = 0; i < sum.length; i++) sum[i] = sum[i]! + frame[i]!;
    }
  }

  /** The clipped sum of the frames; null entries (no packet this tick) count as silence. */
  mix(frames: Iterable<Int16Array | null>): Int16Array {
    this.#accumulate(frames);
    const out = new Int16Array(this.frameSize);
    for (let i = 0; i < out.length; i++) out[i] = clip16(this.#sum[i]!);
    return out;
  }

  /**
   * For each participant, the clipped sum of all the others' frames. A participant whose frame is
   * null (silent, or no packet this tick) still hears the rest. The subtraction uses the unclipped
   * total, so it is exact.
   */
  mixMinus<K>(inputs: ReadonlyMap<K, Int16Array | null>): Map<K, Int16Array> {
    this.#accumulate(inputs.values());
    const sum = this.#sum;
    const out = new Map<K, Int16Array>();
    for (const [key, own] of inputs) {
      const heard = new Int16Array(this.frameSize);
      for (let i = 0; i < heard.length; i++) heard[i] = clip16(sum[i]! - (own ? own[i]! : 0));
      out.set(key, heard);
    }
    return out;
  }
}
