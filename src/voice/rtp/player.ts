/**
 * Plays 8 kHz PCM (prompts, music on hold) into an RTP endpoint, one 20 ms frame per media
 * clock tick, encoded for the endpoint's codec.
 */
import { encodeAlaw, encodeMulaw } from '../media/g711.ts';
import type { MediaClock } from './media-clock.ts';
import type { RtpEndpoint } from './rtp-endpoint.ts';

const frame = 160;

export interface PlayOptions {
  readonly loop?: boolean;
}

export class Player {
  private queue: Int16Array[] = [];
  private offset = 0;
  private loop = false;
  private unsubscribe: (() => void) | null = null;
  private done: (() => void) | null = null;
  private first = true;

  constructor(
    private readonly endpoint: RtpEndpoint,
    private readonly clock: MediaClock,
  ) {}

  /** Plays the clips one after another; resolves when done (or when stopped). */
  play(clips: readonly Int16Array[], o: PlayOptions = {}): Promise<void> {
    this.stop();
    this.queue = clips.filter((c) => c.length > 0).slice();
    this.offset = 0;
    this.loop = o.loop ?? false;
    this.first = true;
    return new Promise((resolve) => {
      if (this.queue.length === 0) return resolve();
      this.done = resolve;
      this.unsubscribe = this.clock.subscribe(() => this.tick());
    });
  }

  get playing(): boolean {
    return this.unsubscribe !== null;
  }

  stop(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
    const d = this.done;
    this.done = null;
    d?.();
  }

  private tick(): void {
    const out = new Int16Array(frame);
    let filled = 0;
    while (filled < frame && this.queue.length > 0) {
      const clip = this.queue[0] as Int16Array;
      const n = Math.min(frame - filled, clip.length - this.offset);
      out.set(clip.subarray(this.offset, this.offset + n), filled);
      filled += n;
      this.offset += n;
      if (this.offset >= clip.length) {
        this.offset = 0;
        const c = this.queue.shift() as Int16Array;
        if (this.loop) this.queue.push(c);
      }
    }
    const payload = this.endpoint.codec === 'PCMA' ? encodeAlaw(out) : encodeMulaw(out);
    this.endpoint.sendAudio(
      Buffer.from(payload.buffer, payload.byteOffset, payload.byteLength),
      this.first,
    );
    this.first = false;
    if (this.queue.length === 0) this.stop();
  }
}
