/**
 * Peaks of a 16-bit PCM WAV read as a stream: the file is never held in memory, only one
 * chunk and a running maximum per channel and point. The header is taken from the first
 * bytes (kefu's recorder writes the canonical 44-byte one; other chunks before `data` are
 * skipped as long as they fit in the first 64 KiB).
 */
import type { Readable } from 'node:stream';
import { DomainError } from '../../domain/errors.ts';

export interface WavPeaks {
  readonly sampleRate: number;
  readonly durationMs: number;
  /** One array per channel, `points` values in 0..1 (the loudest sample of each slice). */
  readonly peaks: number[][];
}

interface Header {
  channels: number;
  sampleRate: number;
  dataOffset: number;
  dataBytes: number;
}

const unreadable = (why: string) =>
  new DomainError('recording.unreadable', `the recording is not a readable WAV file: ${why}`);

function parseHeader(b: Buffer, fileSize: number): Header | null {
  if (b.length < 12) return null;
  if (b.toString('ascii', 0, 4) !== 'RIFF' || b.toString('ascii', 8, 12) !== 'WAVE')
    throw unreadable('no RIFF/WAVE header');
  let off = 12;
  let fmt: { channels: number; sampleRate: number } | null = null;
  while (off + 8 <= b.length) {
    const id = b.toString('ascii', off, off + 4);
    const size = b.readUInt32LE(off + 4);
    if (id === 'data') {
      if (!fmt) throw unreadable('data before fmt');
      const dataOffset = off + 8;
      // A recorder that died before patching its header leaves 0 here: use the file's length.
      const dataBytes = size === 0 ? fileSize - dataOffset : Math.min(size, fileSize - dataOffset);
      return { ...fmt, dataOffset, dataBytes };
    }
    if (off + 8 + size > b.length) return null;
    if (id === 'fmt ') {
      if (b.readUInt16LE(off + 8) !== 1 || b.readUInt16LE(off + 22) !== 16)
        throw unreadable('only 16-bit PCM is drawn');
      fmt = { channels: b.readUInt16LE(off + 10), sampleRate: b.readUInt32LE(off + 12) };
      if (fmt.channels < 1 || fmt.sampleRate < 1) throw unreadable('bad fmt chunk');
    }
    off += 8 + size + (size & 1);
  }
  return null;
}

export async function wavPeaks(
  stream: Readable,
  fileSize: number,
  points: number,
): Promise<WavPeaks> {
  let head: Buffer = Buffer.alloc(0);
  let h: Header | null = null;
  let peaks: Int32Array[] = [];
  let framesPerPoint = 1;
  let frame = 0; // frames consumed so far
  let carry: Buffer = Buffer.alloc(0); // a partial frame left over between chunks

  const consume = (buf: Buffer, hd: Header) => {
    const data = carry.length ? Buffer.concat([carry, buf]) : buf;
    const block = hd.channels * 2;
    const total = Math.floor(hd.dataBytes / block);
    const usable = Math.min(Math.floor(data.length / block), total - frame);
    for (let i = 0; i < usable; i++, frame++) {
      const p = Math.min(points - 1, Math.floor(frame / framesPerPoint));
      for (let c = 0; c < hd.channels; c++) {
        const v = Math.abs(data.readInt16LE(i * block + c * 2));
        if (v > peaks[c]![p]!) peaks[c]![p] = v;
      }
    }
    carry = data.subarray(usable * block);
    if (carry.length >= block) carry = Buffer.alloc(0); // past the data chunk: ignore the rest
  };

  for await (const chunk of stream) {
    let buf = chunk as Buffer;
    if (!h) {
      head = Buffer.concat([head, buf]);
      h = parseHeader(head, fileSize);
      if (!h) {
        if (head.length > 65_536) throw unreadable('no data chunk in the first 64 KiB');
        continue;
      }
      const frames = Math.floor(h.dataBytes / (h.channels * 2));
      framesPerPoint = Math.max(1, Math.ceil(frames / points));
      peaks = Array.from({ length: h.channels }, () => new Int32Array(points));
      buf = head.subarray(h.dataOffset);
    }
    consume(buf, h);
  }
  if (!h) throw unreadable('truncated header');
  const frames = Math.floor(h.dataBytes / (h.channels * 2));
  return {
    sampleRate: h.sampleRate,
    durationMs: Math.round((frames * 1000) / h.sampleRate),
    peaks: peaks.map((ch) => Array.from(ch, (v) => Math.round((v / 32768) * 1000) / 1000)),
  };
}
