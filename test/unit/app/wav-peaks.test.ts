/**
 * Waveform peaks from a streamed WAV: slices split across stream chunks, chunks before `data`
 * skipped, a header never patched (data size 0) read to the end of the file, and files that
 * are not 16-bit PCM refused with a coded error.
 */
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { wavPeaks } from '../../../src/app/recordings/wav-peaks.ts';
import { writeWav } from '../../../src/voice/media/wav.ts';

/** Streams `buf` in pieces of `size` bytes (odd sizes split samples and frames). */
const chunks = (buf: Buffer, size: number) =>
  Readable.from(
    Array.from({ length: Math.ceil(buf.length / size) }, (_, i) =>
      buf.subarray(i * size, (i + 1) * size),
    ),
  );

const ramp = (n: number, peakAt: number, value: number) => {
  const a = new Int16Array(n);
  a[peakAt] = value;
  return a;
};

describe('wavPeaks', () => {
  const left = ramp(800, 150, 16384); // in the 2nd of 8 slices of 100 frames
  const right = ramp(800, 799, -32768); // the last slice, negative
  const wav = writeWav({ sampleRate: 8000, channels: [left, right] });

  it('finds the loudest sample of each slice per channel, whatever the chunking', async () => {
    for (const size of [7, 333, 100_000]) {
      const r = await wavPeaks(chunks(wav, size), wav.length, 8);
      expect(r).toMatchObject({ sampleRate: 8000, durationMs: 100 });
      expect(r.peaks[0]).toEqual([0, 0.5, 0, 0, 0, 0, 0, 0]);
      expect(r.peaks[1]).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    }
  });

  it('skips chunks before data and reads an unpatched header to the end of the file', async () => {
    const list = Buffer.alloc(8 + 10);
    list.write('LIST', 0, 'ascii');
    list.writeUInt32LE(10, 4);
    const withList = Buffer.concat([wav.subarray(0, 36), list, wav.subarray(36)]);
    const r = await wavPeaks(chunks(withList, 50), withList.length, 8);
    expect(r.peaks[0]![1]).toBe(0.5);

    const unpatched = Buffer.from(wav);
    unpatched.writeUInt32LE(0, 40); // the recorder writes sizes only on close
    const u = await wavPeaks(chunks(unpatched, 64), unpatched.length, 8);
    expect(u.durationMs).toBe(100);
    expect(u.peaks[1]![7]).toBe(1);
  });

  it('refuses what it cannot draw with recording.unreadable', async () => {
    const mulaw = writeWav({ sampleRate: 8000, channels: [left], format: 'mulaw' });
    for (const bad of [Buffer.from('not a wave file at all'), mulaw, wav.subarray(0, 20)])
      await expect(wavPeaks(chunks(bad, 16), bad.length, 8)).rejects.toMatchObject({
        code: 'recording.unreadable',
      });
  });
});
