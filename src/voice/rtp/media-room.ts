/**
 * The media of one call with any number of parties: who hears whom comes from the call model
 * (domain/call/call-audio.ts). Two parties who hear only each other are bridged packet by packet
 * (no added delay, no decoding unless codecs differ); anything else — consultation, conference,
 * a supervisor listening, whispering or barging — is mixed on the shared 20 ms media tick: each
 * party gets the clipped sum of what it hears, never its own voice (mix-minus).
 *
 * A party that hears nobody gets silence, so its phone does not hang up on an RTP timeout while
 * it waits (agents whose customer is on hold) — except the parties given music, to whom the room
 * sends nothing so the music player can. The recorder gets the customer (left) and what the
 * customer hears (right).
 */
import { decodeAlaw, decodeMulaw, encodeAlaw, encodeMulaw } from '../media/g711.ts';
import { Mixer } from '../media/mixer.ts';
import type { AudioPort } from './audio-port.ts';
import { bridge } from './bridge.ts';
import type { MediaClock } from './media-clock.ts';
import type { Recorder } from './recorder.ts';
import type { G711 } from './rtp-endpoint.ts';

interface Party {
  readonly port: AudioPort;
  readonly frames: Int16Array[];
  off: () => void;
}

const maxQueued = 3; // 60 ms: beyond this a party's jitter is dropped rather than delayed

const decode = (p: Buffer, c: G711) => (c === 'PCMA' ? decodeAlaw(p) : decodeMulaw(p));
const encode = (pcm: Int16Array, c: G711) => {
  const out = c === 'PCMA' ? encodeAlaw(pcm) : encodeMulaw(pcm);
  return Buffer.from(out.buffer, out.byteOffset, out.byteLength);
};

export class MediaRoom {
  private readonly parties = new Map<string, Party>();
  private hears = new Map<string, readonly string[]>();
  private music = new Set<string>();
  private unbridge: (() => void) | null = null;
  private untick: (() => void) | null = null;
  private readonly mixer = new Mixer();

  constructor(
    private readonly clock: Pick<MediaClock, 'subscribe'>,
    /** The customer's leg: the recording's left channel. */
    private readonly primary: string,
    private readonly recorder: Recorder | null = null,
  ) {}

  /** Adds or replaces a party; it hears and is heard as the next `setHearing` says. */
  add(id: string, port: AudioPort): void {
    this.remove(id);
    this.parties.set(id, { port, frames: [], off: () => {} });
    this.rewire();
  }

  remove(id: string): void {
    const p = this.parties.get(id);
    if (!p) return;
    p.off();
    this.parties.delete(id);
    this.rewire();
  }

  has(id: string): boolean {
    return this.parties.has(id);
  }

  /** Who hears whom (from callAudio); parties not listed hear nobody; `music` get nothing. */
  setHearing(hears: ReadonlyMap<string, readonly string[]>, music: readonly string[] = []): void {
    this.hears = new Map(hears);
    this.music = new Set(music);
    this.rewire();
  }

  close(): void {
    this.stopMedia();
    this.parties.clear();
  }

  private heardBy(id: string): string[] {
    return (this.hears.get(id) ?? []).filter((h) => this.parties.has(h));
  }

  private stopMedia(): void {
    this.unbridge?.();
    this.unbridge = null;
    this.untick?.();
    this.untick = null;
    for (const p of this.parties.values()) {
      p.off();
      p.off = () => {};
      p.frames.length = 0;
    }
  }

  /** Chooses the direct bridge or the mixer for the current parties and hearing. */
  private rewire(): void {
    this.stopMedia();
    const ids = [...this.parties.keys()];
    const [x, y] = ids;
    const pair =
      ids.length === 2 &&
      x !== undefined &&
      y !== undefined &&
      this.heardBy(x).join() === y &&
      this.heardBy(y).join() === x;
    if (pair) {
      const [a, b] = x === this.primary ? [x, y] : [y, x];
      this.unbridge = bridge(this.parties.get(a)!.port, this.parties.get(b)!.port, {
        recorder: a === this.primary ? this.recorder : null,
      });
      return;
    }
    for (const [id, p] of this.parties) {
      p.off = p.port.onAudio((payload, codec) => {
        if (id === this.primary) this.recorder?.feed(0, payload, codec);
        if (p.frames.length >= maxQueued) p.frames.shift();
        p.frames.push(decode(payload, codec));
      });
    }
    this.untick = this.clock.subscribe(() => this.tick());
  }

  private tick(): void {
    const current = new Map<string, Int16Array | null>();
    for (const [id, p] of this.parties) current.set(id, p.frames.shift() ?? null);
    for (const [id, p] of this.parties) {
      const heard = this.heardBy(id);
      if (heard.length === 0 && this.music.has(id)) continue;
      const pcm = this.mixer.mix(heard.map((h) => current.get(h) ?? null));
      const payload = encode(pcm, p.port.codec);
      p.port.sendAudio(payload);
      if (id === this.primary) this.recorder?.feed(1, payload, p.port.codec);
    }
  }
}
