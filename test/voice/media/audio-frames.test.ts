import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  FRAME_SAMPLES,
  frameSamples,
  PcmFramer,
  silenceFrame,
  silenceG711Frame,
  splitG711Frames,
  splitPcmFrames,
} from '../../../src/voice/media/audio-frames.ts';
import { decodeAlaw, decodeMulaw, encodeMulaw } from '../../../src/voice/media/g711.ts';
import { concat } from './signal.ts';

describe('frame sizes', () => {
  it('is 160 samples per 20 ms at 8 kHz', () => {
    expect(FRAME_SAMPLES).toBe(160);
    expect(frameSamples()).toBe(160);
    expect(frameSamples(8000, 30)).toBe(240);
    expect(frameSamples(48000, 20)).toBe(960);
    expect(() => frameSamples(22050, 10)).toThrow(/whole number/);
  });
});

describe('silence frames', () => {
  it('are zeros in PCM and decode to zeros in G.711', () => {
    expect([...silenceFrame()].every((s) => s === 0)).toBe(true);
    expect(silenceFrame().length).toBe(160);
    const u = silenceG711Frame('PCMU');
    const a = silenceG711Frame('PCMA', 240);
    expect(u.length).toBe(160);
    expect(a.length).toBe(240);
    expect([...u].every((b) => b === 0xff)).toBe(true);
    expect([...a].every((b) => b === 0xd5)).toBe(true);
    expect([...decodeMulaw(u)].every((s) => s === 0)).toBe(true);
    expect(Math.max(...decodeAlaw(a).map(Math.abs))).toBe(8); // A-law has no exact zero
    expect(() => silenceFrame(0)).toThrow(RangeError);
  });
});

describe('splitPcmFrames / splitG711Frames', () => {
  it('cut into full frames and pad the last', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: -32768, max: 32767 }), { maxLength: 1000 }),
        fc.integer({ min: 1, max: 320 }),
        (values, size) => {
          const pcm = Int16Array.from(values);
          const frames = splitPcmFrames(pcm, size);
          expect(frames.length).toBe(Math.ceil(values.length / size));
          expect(frames.every((f) => f.length === size)).toBe(true);
          const joined = concat(frames);
          expect([...joined.subarray(0, values.length)]).toEqual(values);
          expect([...joined.subarray(values.length)].every((s) => s === 0)).toBe(true);
        },
      ),
    );
  });

  it('pads G.711 with the codec silence byte', () => {
    const codes = encodeMulaw(Int16Array.from({ length: 170 }, (_, i) => i * 100));
    const frames = splitG711Frames(codes, 'PCMU');
    expect(frames.map((f) => f.length)).toEqual([160, 160]);
    expect([...frames[1]!.subarray(0, 10)]).toEqual([...codes.subarray(160)]);
    expect([...frames[1]!.subarray(10)].every((b) => b === 0xff)).toBe(true);
    expect(splitG711Frames(new Uint8Array(5), 'PCMA')[0]![5]).toBe(0xd5);
    expect(splitPcmFrames(new Int16Array(0))).toEqual([]);
  });
});

describe('PcmFramer', () => {
  it('turns chunks of any size into the same frames as splitting the whole', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.integer({ min: -32768, max: 32767 }), { maxLength: 400 }), {
          maxLength: 10,
        }),
        (chunks) => {
          const framer = new PcmFramer();
          const frames: Int16Array[] = [];
          for (const c of chunks) frames.push(...framer.push(Int16Array.from(c)));
          const all = chunks.flat();
          expect(framer.pending).toBe(all.length % 160);
          const last = framer.flush();
          if (last) frames.push(last);
          expect(framer.pending).toBe(0);
          expect(framer.flush()).toBeNull();
          expect(frames.map((f) => [...f])).toEqual(
            splitPcmFrames(Int16Array.from(all)).map((f) => [...f]),
          );
        },
      ),
    );
  });

  it('does not reuse a frame it has handed out', () => {
    const framer = new PcmFramer(4);
    const [a] = framer.push(Int16Array.of(1, 2, 3, 4));
    framer.push(Int16Array.of(9, 9, 9, 9));
    expect([...a!]).toEqual([1, 2, 3, 4]);
  });
});
