import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { decodeAlaw, decodeMulaw, encodeAlaw, encodeMulaw } from '../../../src/voice/media/g711.ts';
import {
  deinterleave,
  interleave,
  readWav,
  WavError,
  writeWav,
} from '../../../src/voice/media/wav.ts';
import { sine } from './signal.ts';

const int16 = fc.integer({ min: -32768, max: 32767 });

/** Builds a RIFF file from raw chunks, to test what writeWav never produces. */
function riff(...chunks: [id: string, body: Uint8Array][]): Buffer {
  const parts = chunks.map(([id, body]) => {
    const head = Buffer.alloc(8);
    head.write(id, 0, 'latin1');
    head.writeUInt32LE(body.length, 4);
    return Buffer.concat([head, body, Buffer.alloc(body.length & 1)]);
  });
  const body = Buffer.concat(parts);
  const head = Buffer.alloc(12);
  head.write('RIFF', 0, 'latin1');
  head.writeUInt32LE(body.length + 4, 4);
  head.write('WAVE', 8, 'latin1');
  return Buffer.concat([head, body]);
}

function fmt(tag: number, channels: number, rate: number, bits: number, extra = 0): Buffer {
  const b = Buffer.alloc(16 + extra);
  const align = (channels * bits) / 8;
  b.writeUInt16LE(tag, 0);
  b.writeUInt16LE(channels, 2);
  b.writeUInt32LE(rate, 4);
  b.writeUInt32LE(rate * align, 8);
  b.writeUInt16LE(align, 12);
  b.writeUInt16LE(bits, 14);
  return b;
}

function pcmBytes(samples: number[]): Buffer {
  const b = Buffer.alloc(samples.length * 2);
  samples.forEach((s, i) => b.writeInt16LE(s, i * 2));
  return b;
}

describe('writeWav', () => {
  it('writes a canonical 44-byte-header PCM file', () => {
    const buf = writeWav({ sampleRate: 8000, channels: [Int16Array.of(1, -2, 32767)] });
    expect(buf.length).toBe(44 + 6);
    expect(buf.toString('latin1', 0, 4)).toBe('RIFF');
    expect(buf.readUInt32LE(4)).toBe(buf.length - 8);
    expect(buf.toString('latin1', 8, 16)).toBe('WAVEfmt ');
    expect(buf.readUInt32LE(16)).toBe(16);
    expect(buf.readUInt16LE(20)).toBe(1); // PCM
    expect(buf.readUInt16LE(22)).toBe(1); // mono
    expect(buf.readUInt32LE(24)).toBe(8000);
    expect(buf.readUInt32LE(28)).toBe(16000); // byte rate
    expect(buf.readUInt16LE(32)).toBe(2); // block align
    expect(buf.readUInt16LE(34)).toBe(16);
    expect(buf.toString('latin1', 36, 40)).toBe('data');
    expect(buf.readUInt32LE(40)).toBe(6);
    expect([buf.readInt16LE(44), buf.readInt16LE(46), buf.readInt16LE(48)]).toEqual([1, -2, 32767]);
  });

  it('interleaves stereo as L R L R', () => {
    const buf = writeWav({
      sampleRate: 16000,
      channels: [Int16Array.of(1, 2, 3), Int16Array.of(-1, -2, -3)],
    });
    expect(buf.readUInt16LE(22)).toBe(2);
    expect(buf.readUInt16LE(32)).toBe(4);
    const data = [0, 1, 2, 3, 4, 5].map((i) => buf.readInt16LE(44 + i * 2));
    expect(data).toEqual([1, -1, 2, -2, 3, -3]);
  });

  it('writes G.711 WAVE with format tags 7 (μ-law) and 6 (A-law) and a fact chunk', () => {
    for (const [format, tag] of [
      ['mulaw', 7],
      ['alaw', 6],
    ] as const) {
      const buf = writeWav({ sampleRate: 8000, channels: [Int16Array.of(0, 0, 0)], format });
      expect(buf.readUInt16LE(20)).toBe(tag);
      expect(buf.readUInt16LE(34)).toBe(8);
      expect(buf.toString('latin1', 38, 42)).toBe('fact');
      expect(buf.readUInt32LE(46)).toBe(3);
      expect(buf.toString('latin1', 50, 54)).toBe('data');
      expect(buf.length % 2).toBe(0); // 3 data bytes padded to even
      expect(buf.readUInt32LE(4)).toBe(buf.length - 8);
      expect(buf[58]).toBe(format === 'mulaw' ? 0xff : 0xd5);
    }
  });

  it('rejects channels of different lengths, no channels and bad rates', () => {
    expect(() => writeWav({ sampleRate: 8000, channels: [] })).toThrow(WavError);
    expect(() =>
      writeWav({ sampleRate: 8000, channels: [new Int16Array(2), new Int16Array(3)] }),
    ).toThrow(/same number of samples/);
    expect(() => writeWav({ sampleRate: 0, channels: [new Int16Array(2)] })).toThrow(/sample rate/);
  });
});

describe('readWav', () => {
  it('round-trips PCM16 with any channel count and rate', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 0, max: 50 }),
        fc.constantFrom(8000, 16000, 22050, 44100, 48000),
        fc.infiniteStream(int16),
        (channelCount, frames, sampleRate, values) => {
          const channels = Array.from({ length: channelCount }, () =>
            Int16Array.from(values.take(frames)),
          );
          const wav = readWav(writeWav({ sampleRate, channels }));
          expect(wav.format).toBe('pcm16');
          expect(wav.sampleRate).toBe(sampleRate);
          expect(wav.channels).toBe(channelCount);
          expect(wav.samples.map((c) => [...c])).toEqual(channels.map((c) => [...c]));
        },
      ),
    );
  });

  it('decodes G.711 WAVE files to PCM', () => {
    const pcm = sine(1000, 8000, 0.1);
    const mulaw = readWav(writeWav({ sampleRate: 8000, channels: [pcm], format: 'mulaw' }));
    expect(mulaw.format).toBe('mulaw');
    expect([...mulaw.samples[0]!]).toEqual([...decodeMulaw(encodeMulaw(pcm))]);
    const alaw = readWav(writeWav({ sampleRate: 8000, channels: [pcm, pcm], format: 'alaw' }));
    expect(alaw.format).toBe('alaw');
    expect(alaw.channels).toBe(2);
    expect([...alaw.samples[1]!]).toEqual([...decodeAlaw(encodeAlaw(pcm))]);
  });

  it('reads a G.711 file written by another tool (fmt of 18 bytes, odd data, LIST after)', () => {
    const codes = Uint8Array.of(0xff, 0x80, 0x00);
    const buf = riff(
      ['fmt ', fmt(7, 1, 8000, 8, 2)],
      ['fact', Buffer.from([3, 0, 0, 0])],
      ['data', codes],
      ['LIST', Buffer.from('INFOISFT\x06\x00\x00\x00sox 1\x00', 'latin1')],
    );
    const wav = readWav(buf);
    expect(wav).toMatchObject({ sampleRate: 8000, channels: 1, format: 'mulaw' });
    expect([...wav.samples[0]!]).toEqual([0, 32124, -32124]);
  });

  it('skips LIST and other chunks before the data, honouring the pad byte', () => {
    const buf = riff(
      ['LIST', Buffer.from('INFOIART\x03\x00\x00\x00ab\x00', 'latin1')],
      ['fmt ', fmt(1, 2, 22050, 16)],
      ['junk', Buffer.from([1, 2, 3])], // odd length: one pad byte follows
      ['data', pcmBytes([10, -10, 20, -20])],
    );
    const wav = readWav(buf);
    expect(wav.sampleRate).toBe(22050);
    expect(wav.samples.map((c) => [...c])).toEqual([
      [10, 20],
      [-10, -20],
    ]);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE with a PCM sub-format', () => {
    const ext = fmt(0xfffe, 1, 48000, 16, 24);
    ext.writeUInt16LE(22, 16); // cbSize
    ext.writeUInt16LE(16, 18); // valid bits
    ext.writeUInt16LE(1, 24); // sub-format GUID starts with WAVE_FORMAT_PCM
    const wav = readWav(riff(['fmt ', ext], ['data', pcmBytes([5, 6])]));
    expect(wav.format).toBe('pcm16');
    expect([...wav.samples[0]!]).toEqual([5, 6]);
  });

  it('clamps a data size that runs past the end (header never patched)', () => {
    const buf = riff(['fmt ', fmt(1, 1, 8000, 16)], ['data', pcmBytes([1, 2, 3])]);
    buf.writeUInt32LE(0xffffffff, buf.length - 6 - 4);
    expect([...readWav(buf).samples[0]!]).toEqual([1, 2, 3]);
  });

  it('reads from a Uint8Array view into a larger buffer', () => {
    const file = writeWav({ sampleRate: 8000, channels: [Int16Array.of(7, 8)] });
    const big = new Uint8Array(file.length + 10);
    big.set(file, 5);
    expect([...readWav(big.subarray(5, 5 + file.length)).samples[0]!]).toEqual([7, 8]);
  });

  it.each([
    ['not RIFF', Buffer.from('hello world, not a wave file'), /not a RIFF WAVE/],
    ['too short', Buffer.from('RIFF'), /not a RIFF WAVE/],
    ['no fmt', riff(['data', pcmBytes([1])]), /data chunk before fmt/],
    ['no data', riff(['fmt ', fmt(1, 1, 8000, 16)]), /no data chunk/],
    ['8-bit PCM', riff(['fmt ', fmt(1, 1, 8000, 8)], ['data', Buffer.from([1])]), /16-bit PCM/],
    [
      '24-bit PCM',
      riff(['fmt ', fmt(1, 1, 8000, 24)], ['data', Buffer.alloc(3)]),
      /unsupported PCM sample size 24/,
    ],
    [
      'IEEE float',
      riff(['fmt ', fmt(3, 1, 8000, 32)], ['data', Buffer.alloc(4)]),
      /unsupported WAVE format tag 0x0003/,
    ],
    [
      'GSM 6.10',
      riff(['fmt ', fmt(0x31, 1, 8000, 0)], ['data', Buffer.alloc(65)]),
      /format tag 0x0031/,
    ],
    ['short fmt', riff(['fmt ', Buffer.alloc(8)], ['data', Buffer.alloc(2)]), /fmt chunk is 8/],
  ])('rejects %s with a clear WavError', (_name, buf, message) => {
    expect(() => readWav(buf)).toThrow(WavError);
    expect(() => readWav(buf)).toThrow(message);
  });
});

describe('interleave / deinterleave', () => {
  it('are inverse', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 4 }), fc.array(int16, { maxLength: 40 }), (n, v) => {
        const frames = Math.floor(v.length / n);
        const interleaved = Int16Array.from(v.slice(0, frames * n));
        expect([...interleave(deinterleave(interleaved, n))]).toEqual([...interleaved]);
      }),
    );
  });
});
