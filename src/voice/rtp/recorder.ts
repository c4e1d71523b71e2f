/**
 * Records a call to a two-channel WAV file (left: caller, right: agent), 8 kHz 16-bit PCM. Each
 * media tick writes one 20 ms frame per channel — the frame that arrived, or silence — so the
 * channels stay aligned. Pausing (e.g. while a card number is spoken) writes silence and notes
 * the span, so the file's timeline still matches the call's.
 */
import { createWriteStream, type WriteStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { decodeAlaw, decodeMulaw } from '../media/g711.ts';
import type { MediaClock } from './media-clock.ts';
import type { G711 } from './rtp-endpoint.ts';

const frame = 160;
const headerBytes = 44;

export interface RecordingSpan {
  readonly pausedAtMs: number;
  readonly resumedAtMs: number | null;
}

export class Recorder {
  private readonly pending: [Int16Array[], Int16Array[]] = [[], []];
  private readonly out: WriteStream;
  private unsubscribe: () => void;
  private frames = 0;
  private paused = false;
  readonly pauses: RecordingSpan[] = [];
  private closed: Promise<void> | null = null;

  constructor(
    readonly path: string,
    clock: MediaClock,
  ) {
    this.out = createWriteStream(path);
    this.out.write(Buffer.alloc(headerBytes)); // the header is written on close, when sizes are known
    this.unsubscribe = clock.subscribe(() => this.tick());
  }

  /** Feeds G.711 audio heard on channel 0 (caller) or 1 (agent). */
  feed(channel: 0 | 1, payload: Buffer, codec: G711): void {
    const pcm = codec === 'PCMA' ? decodeAlaw(payload) : decodeMulaw(payload);
    const q = this.pending[channel];
    if (q.length < 50) q.push(pcm); // at most a second of backlog: drop beyond (jitter spikes)
  }

  pause(): void {
    if (this.paused) return;
    this.paused = true;
    this.pauses.push({ pausedAtMs: this.frames * 20, resumedAtMs: null });
  }

  resume(): void {
    if (!this.paused) return;
    this.paused = false;
    const last = this.pauses.at(-1);
    if (last) this.pauses[this.pauses.length - 1] = { ...last, resumedAtMs: this.frames * 20 };
  }

  get durationMs(): number {
    return this.frames * 20;
  }

  private tick(): void {
    const left = this.takeFrame(0);
    const right = this.takeFrame(1);
    const buf = Buffer.alloc(frame * 4);
    if (!this.paused)
      for (let i = 0; i < frame; i++) {
        buf.writeInt16LE(left[i] ?? 0, i * 4);
        buf.writeInt16LE(right[i] ?? 0, i * 4 + 2);
      }
    this.frames++;
    this.out.write(buf);
  }

  private takeFrame(ch: 0 | 1): Int16Array {
    const q = this.pending[ch];
    const f = q.shift();
    if (!f) return new Int16Array(frame);
    if (f.length === frame) return f;
    const out = new Int16Array(frame);
    out.set(f.subarray(0, frame));
    return out;
  }

  /** Stops recording and writes the WAV header. */
  close(): Promise<void> {
    if (this.closed) return this.closed;
    this.unsubscribe();
    this.closed = (async () => {
      await new Promise<void>((resolve) => this.out.end(() => resolve()));
      const dataBytes = this.frames * frame * 4;
      const h = Buffer.alloc(headerBytes);
      h.write('RIFF', 0, 'ascii');
      h.writeUInt32LE(36 + dataBytes, 4);
      h.write('WAVE', 8, 'ascii');
      h.write('fmt ', 12, 'ascii');
      h.writeUInt32LE(16, 16);
      h.writeUInt16LE(1, 20); // PCM
      h.writeUInt16LE(2, 22); // channels
      h.writeUInt32LE(8000, 24);
      h.writeUInt32LE(8000 * 4, 28);
      h.writeUInt16LE(4, 32);
      h.writeUInt16LE(16, 34);
      h.write('data', 36, 'ascii');
      h.writeUInt32LE(dataBytes, 40);
      const fd = await open(this.path, 'r+');
      try {
        await fd.write(h, 0, headerBytes, 0);
      } finally {
        await fd.close();
      }
    })();
    return this.closed;
  }
}
