/**
 * Call-progress tones (ITU-T E.180 and its Supplement 2, the national tone plans) as 20 ms PCM
 * frames for callers waiting in the switch: ringback while an agent's phone rings, busy, dial.
 * China uses 450 Hz throughout (ringback 1 s on / 4 s off, busy 0.35 s / 0.35 s); Europe's
 * harmonised plan 425 Hz; North America mixes two frequencies.
 */
import { FRAME_SAMPLES } from './audio-frames.ts';

export interface TonePlan {
  /** One or two frequencies in Hz, summed. */
  frequencies: readonly number[];
  /** Alternating on/off durations in ms, repeated; empty for a continuous tone. */
  cadence: readonly number[];
}

export const tonePlans = {
  'cn-dial': { frequencies: [450], cadence: [] },
  'cn-ringback': { frequencies: [450], cadence: [1000, 4000] },
  'cn-busy': { frequencies: [450], cadence: [350, 350] },
  'cn-congestion': { frequencies: [450], cadence: [700, 700] },
  'eu-dial': { frequencies: [425], cadence: [] },
  'eu-ringback': { frequencies: [425], cadence: [1000, 4000] },
  'eu-busy': { frequencies: [425], cadence: [500, 500] },
  'us-dial': { frequencies: [350, 440], cadence: [] },
  'us-ringback': { frequencies: [440, 480], cadence: [2000, 4000] },
  'us-busy': { frequencies: [480, 620], cadence: [500, 500] },
} as const satisfies Record<string, TonePlan>;

export type TonePlanName = keyof typeof tonePlans;

export interface ToneOptions {
  sampleRate?: number;
  frameSamples?: number;
  /** Level of each frequency in dBm0; default -15. */
  levelDbm0?: number;
}

/**
 * Peak of a 0 dBm0 sine on the 16-bit scale: G.711's maximum is +3.17 dBm0 (μ-law) and +3.14 dBm0
 * (A-law), i.e. a 0 dBm0 sine peaks near 22,700.
 */
const DBM0_PEAK = 22_700;

/** Produces a tone plan frame by frame; bursts start at phase 0, cadence runs across frames. */
export class ToneGenerator {
  readonly plan: TonePlan;
  readonly frameSamples: number;
  readonly #amplitude: number;
  readonly #steps: number[];
  /** Sample boundaries of the cadence segments, cumulative. */
  readonly #segmentEnds: number[];
  #position = 0;
  readonly #phases: number[];

  constructor(plan: TonePlan | TonePlanName, options: ToneOptions = {}) {
    this.plan = typeof plan === 'string' ? tonePlans[plan] : plan;
    const sampleRate = options.sampleRate ?? 8000;
    this.frameSamples = options.frameSamples ?? FRAME_SAMPLES;
    const { frequencies, cadence } = this.plan;
    if (frequencies.length === 0) throw new RangeError('a tone needs at least one frequency');
    if (frequencies.some((f) => !(f > 0 && f < sampleRate / 2)))
      throw new RangeError(`tone frequencies must lie between 0 and ${sampleRate / 2} Hz`);
    if (cadence.some((ms) => !(ms >= 0)) || (cadence.length > 0 && cadence[0] === 0))
      throw new RangeError('cadence durations must be non-negative and start with a tone');
    this.#amplitude = DBM0_PEAK * 10 ** ((options.levelDbm0 ?? -15) / 20);
    this.#steps = frequencies.map((f) => (2 * Math.PI * f) / sampleRate);
    this.#phases = frequencies.map(() => 0);
    let end = 0;
    this.#segmentEnds = cadence.map((ms) => (end += Math.round((ms * sampleRate) / 1000)));
  }

  /** Restarts the plan at the beginning of its first burst. */
  reset(): void {
    this.#position = 0;
    this.#phases.fill(0);
  }

  /** Index of the cadence segment holding this sample (even = tone), and whether it starts there. */
  #segment(position: number): { index: number; starts: boolean } {
    const ends = this.#segmentEnds;
    const cycle = ends[ends.length - 1] ?? 0;
    if (cycle === 0) return { index: 0, starts: position === 0 };
    const at = position % cycle;
    const index = ends.findIndex((e) => at < e);
    return { index, starts: at === (ends[index - 1] ?? 0) };
  }

  /** The next frame of the tone. */
  next(): Int16Array {
    const frame = new Int16Array(this.frameSamples);
    const phases = this.#phases;
    for (let i = 0; i < frame.length; i++) {
      const { index, starts } = this.#segment(this.#position++);
      if (index % 2 !== 0) continue;
      if (starts) phases.fill(0);
      let value = 0;
      for (let k = 0; k < phases.length; k++) {
        const phase = phases[k]!;
        value += Math.sin(phase);
        const next = phase + this.#steps[k]!;
        phases[k] = next >= 2 * Math.PI ? next - 2 * Math.PI : next;
      }
      frame[i] = Math.round(value * this.#amplitude);
    }
    return frame;
  }
}
