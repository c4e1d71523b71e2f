import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clip16, Mixer } from '../../../src/voice/media/mixer.ts';

const frameOf = (n: number) =>
  fc
    .array(fc.integer({ min: -32768, max: 32767 }), { minLength: n, maxLength: n })
    .map((v) => Int16Array.from(v));

describe('clip16', () => {
  it('saturates instead of wrapping', () => {
    expect([clip16(40000), clip16(-40000), clip16(123), clip16(32767), clip16(-32768)]).toEqual([
      32767, -32768, 123, 32767, -32768,
    ]);
  });
});

describe('Mixer.mix', () => {
  it('sums sample by sample', () => {
    const mixer = new Mixer(4);
    const out = mixer.mix([Int16Array.of(1, 2, 3, 4), Int16Array.of(10, -20, 30, -40)]);
    expect([...out]).toEqual([11, -18, 33, -36]);
  });

  it('clips to the 16-bit range', () => {
    const mixer = new Mixer(3);
    const loud = Int16Array.of(30000, -30000, 20000);
    expect([...mixer.mix([loud, loud])]).toEqual([32767, -32768, 32767]);
  });

  it('treats null as silence and returns silence for no inputs', () => {
    const mixer = new Mixer(2);
    expect([...mixer.mix([null, Int16Array.of(5, 6)])]).toEqual([5, 6]);
    expect([...mixer.mix([])]).toEqual([0, 0]);
  });

  it('equals the clipped exact sum for any inputs', () => {
    fc.assert(
      fc.property(fc.array(frameOf(160), { maxLength: 6 }), (frames) => {
        const out = new Mixer().mix(frames);
        for (let i = 0; i < 160; i++)
          expect(out[i]).toBe(clip16(frames.reduce((s, f) => s + f[i]!, 0)));
      }),
    );
  });

  it('rejects frames of the wrong size', () => {
    expect(() => new Mixer(160).mix([new Int16Array(80)])).toThrow(/80 samples/);
    expect(() => new Mixer(0)).toThrow(RangeError);
  });
});

describe('Mixer.mixMinus', () => {
  it('gives each of three parties the other two', () => {
    const mixer = new Mixer(2);
    const heard = mixer.mixMinus(
      new Map([
        ['caller', Int16Array.of(100, 1)],
        ['agent', Int16Array.of(20, 2)],
        ['supervisor', Int16Array.of(3, 4)],
      ]),
    );
    expect([...heard.get('caller')!]).toEqual([23, 6]);
    expect([...heard.get('agent')!]).toEqual([103, 5]);
    expect([...heard.get('supervisor')!]).toEqual([120, 3]);
  });

  it('lets a silent party (null) hear everyone, and be heard by no one', () => {
    const heard = new Mixer(1).mixMinus(
      new Map<string, Int16Array | null>([
        ['a', Int16Array.of(7)],
        ['b', null],
        ['c', Int16Array.of(-2)],
      ]),
    );
    expect([heard.get('a')![0], heard.get('b')![0], heard.get('c')![0]]).toEqual([-2, 5, 7]);
  });

  it('subtracts from the unclipped sum, so clipping never leaks one’s own voice', () => {
    const heard = new Mixer(1).mixMinus(
      new Map([
        [1, Int16Array.of(30000)],
        [2, Int16Array.of(30000)],
        [3, Int16Array.of(-30000)],
      ]),
    );
    expect([heard.get(1)![0], heard.get(2)![0], heard.get(3)![0]]).toEqual([0, 0, 32767]);
  });

  it('equals mixing the others for any number of parties', () => {
    fc.assert(
      fc.property(fc.array(frameOf(20), { minLength: 1, maxLength: 5 }), (frames) => {
        const mixer = new Mixer(20);
        const heard = mixer.mixMinus(new Map(frames.map((f, i) => [i, f])));
        frames.forEach((_, i) => {
          const others = frames.filter((_, j) => j !== i);
          expect([...heard.get(i)!]).toEqual([...new Mixer(20).mix(others)]);
        });
      }),
    );
  });

  it('returns fresh arrays each tick', () => {
    const mixer = new Mixer(1);
    const a = mixer.mix([Int16Array.of(1)]);
    mixer.mix([Int16Array.of(2)]);
    expect(a[0]).toBe(1);
  });
});
