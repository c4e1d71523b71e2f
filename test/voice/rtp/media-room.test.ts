import { describe, expect, it } from 'vitest';
import { decodeMulaw, encodeMulaw } from '../../../src/voice/media/g711.ts';
import type { AudioPort } from '../../../src/voice/rtp/audio-port.ts';
import { MediaRoom } from '../../../src/voice/rtp/media-room.ts';
import type { G711 } from '../../../src/voice/rtp/rtp-endpoint.ts';

/** A party that talks at a constant level and remembers what it was sent. */
class Port implements AudioPort {
  readonly codec: G711 = 'PCMU';
  readonly got: Int16Array[] = [];
  private listeners = new Set<(p: Buffer, c: G711) => void>();
  onAudio(l: (p: Buffer, c: G711) => void) {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }
  sendAudio(p: Buffer) {
    this.got.push(decodeMulaw(p));
  }
  talk(level: number) {
    const pcm = new Int16Array(160).fill(level);
    const payload = Buffer.from(encodeMulaw(pcm));
    for (const l of this.listeners) l(payload, 'PCMU');
  }
  get listening() {
    return this.listeners.size > 0;
  }
  last() {
    return this.got.at(-1)?.[0] ?? null;
  }
}

class Ticks {
  private l: ((tick: number) => void) | null = null;
  private n = 0;
  subscribe(l: (tick: number) => void) {
    this.l = l;
    return () => {
      this.l = null;
    };
  }
  tick() {
    this.l?.(this.n++);
  }
  get running() {
    return this.l !== null;
  }
}

const near = (x: number | null, y: number) => x !== null && Math.abs(x - y) <= y * 0.07 + 8;

describe('MediaRoom', () => {
  it('bridges two parties that hear each other directly, without the tick', () => {
    const ticks = new Ticks();
    const room = new MediaRoom(ticks, 'c');
    const c = new Port();
    const a = new Port();
    room.add('c', c);
    room.add('a', a);
    room.setHearing(
      new Map([
        ['c', ['a']],
        ['a', ['c']],
      ]),
    );
    expect(ticks.running).toBe(false);
    c.talk(1000);
    a.talk(2000);
    expect(near(a.last(), 1000)).toBe(true);
    expect(near(c.last(), 2000)).toBe(true);
  });

  it('mixes a conference: each hears the sum of the others, not itself', () => {
    const ticks = new Ticks();
    const room = new MediaRoom(ticks, 'c');
    const [c, a, b] = [new Port(), new Port(), new Port()];
    room.add('c', c);
    room.add('a', a);
    room.add('b', b);
    room.setHearing(
      new Map([
        ['c', ['a', 'b']],
        ['a', ['c', 'b']],
        ['b', ['c', 'a']],
      ]),
    );
    c.talk(1000);
    a.talk(2000);
    b.talk(4000);
    ticks.tick();
    expect(near(c.last(), 6000)).toBe(true);
    expect(near(a.last(), 5000)).toBe(true);
    expect(near(b.last(), 3000)).toBe(true);
  });

  it('whisper: the agent hears customer and supervisor, the customer only the agent', () => {
    const ticks = new Ticks();
    const room = new MediaRoom(ticks, 'c');
    const [c, a, s] = [new Port(), new Port(), new Port()];
    room.add('c', c);
    room.add('a', a);
    room.add('s', s);
    room.setHearing(
      new Map([
        ['c', ['a']],
        ['a', ['c', 's']],
        ['s', ['c', 'a']],
      ]),
    );
    c.talk(1000);
    a.talk(2000);
    s.talk(4000);
    ticks.tick();
    expect(near(c.last(), 2000)).toBe(true);
    expect(near(a.last(), 5000)).toBe(true);
    expect(near(s.last(), 3000)).toBe(true);
  });

  it('sends silence to a party that hears nobody, nothing to one given music, and drops removed parties', () => {
    const ticks = new Ticks();
    const room = new MediaRoom(ticks, 'c');
    const [c, a, b] = [new Port(), new Port(), new Port()];
    room.add('c', c);
    room.add('a', a);
    room.add('b', b);
    room.setHearing(
      new Map([
        ['c', []],
        ['a', ['b']],
        ['b', ['a']],
      ]),
      ['c'],
    ); // consulting: the customer gets music from elsewhere
    c.talk(1000);
    a.talk(2000);
    b.talk(4000);
    ticks.tick();
    expect(c.got).toHaveLength(0);
    expect(near(a.last(), 4000)).toBe(true);
    // Nobody to hear and no music: silence keeps the RTP stream (and the phone) alive.
    room.setHearing(
      new Map([
        ['c', ['a']],
        ['a', []],
        ['b', []],
      ]),
    );
    c.talk(1000);
    ticks.tick();
    expect(a.last()).toBe(0);
    expect(near(b.got.length ? b.last() : null, 0)).toBe(true);
    room.remove('b');
    expect(b.listening).toBe(false);
    room.setHearing(
      new Map([
        ['c', ['a']],
        ['a', ['c']],
      ]),
    );
    c.talk(1000);
    expect(near(a.last(), 1000)).toBe(true); // back to a direct bridge
    room.close();
    expect(ticks.running).toBe(false);
    expect(c.listening || a.listening).toBe(false);
  });
});
