import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  decodeDtmfEvent,
  DtmfReceiver,
  DtmfSender,
  dtmfDigit,
  dtmfEventCode,
  encodeDtmfEvent,
  isDtmfDigit,
  type DtmfDigit,
  type DtmfOutPacket,
} from '../../../src/voice/media/dtmf.ts';

const allDigits: DtmfDigit[] = [...'0123456789*#ABCD'] as DtmfDigit[];

function packet(timestamp: number, event: number, end: boolean, duration: number, marker = false) {
  return { timestamp, marker, payload: encodeDtmfEvent({ event, end, volume: 10, duration }) };
}

describe('telephone-event payload (RFC 4733 §2.3)', () => {
  it('encodes event, E bit, volume and duration big-endian', () => {
    expect([...encodeDtmfEvent({ event: 5, end: false, volume: 10, duration: 160 })]).toEqual([
      5, 0x0a, 0x00, 0xa0,
    ]);
    expect([...encodeDtmfEvent({ event: 11, end: true, volume: 63, duration: 0xffff })]).toEqual([
      11, 0xbf, 0xff, 0xff,
    ]);
  });

  it('decodes what it encodes and ignores the R bit', () => {
    fc.assert(
      fc.property(
        fc.record({
          event: fc.integer({ min: 0, max: 255 }),
          end: fc.boolean(),
          volume: fc.integer({ min: 0, max: 63 }),
          duration: fc.integer({ min: 0, max: 0xffff }),
        }),
        (e) => {
          const bytes = encodeDtmfEvent(e);
          expect(bytes.length).toBe(4);
          expect(decodeDtmfEvent(bytes)).toEqual(e);
          bytes[1] = bytes[1]! | 0x40; // reserved bit set by a sloppy sender
          expect(decodeDtmfEvent(bytes)).toEqual(e);
        },
      ),
    );
  });

  it('rejects out-of-range fields and short payloads', () => {
    expect(() => encodeDtmfEvent({ event: 256, end: false, volume: 0, duration: 0 })).toThrow(
      RangeError,
    );
    expect(() => encodeDtmfEvent({ event: 1, end: false, volume: 64, duration: 0 })).toThrow(
      /volume/,
    );
    expect(() => encodeDtmfEvent({ event: 1, end: false, volume: 0, duration: 65536 })).toThrow(
      /duration/,
    );
    expect(() => decodeDtmfEvent(Uint8Array.of(1, 2, 3))).toThrow(/3 bytes/);
  });

  it('maps digits to event codes 0–15 and back (RFC 4733 §3.2)', () => {
    expect(allDigits.map(dtmfEventCode)).toEqual([...Array(16).keys()]);
    expect(dtmfEventCode('*')).toBe(10);
    expect(dtmfEventCode('#')).toBe(11);
    expect(dtmfEventCode('A')).toBe(12);
    expect(dtmfEventCode('D')).toBe(15);
    for (const d of allDigits) expect(dtmfDigit(dtmfEventCode(d))).toBe(d);
    expect(dtmfDigit(16)).toBeNull(); // flash
    expect(dtmfDigit(200)).toBeNull();
    expect(isDtmfDigit('#')).toBe(true);
    expect(isDtmfDigit('a')).toBe(false);
    expect(() => dtmfEventCode('x' as DtmfDigit)).toThrow(RangeError);
  });
});

describe('DtmfSender', () => {
  it('sends marker start, 20 ms updates with growing duration, then 3 end packets', () => {
    const packets = new DtmfSender().packets('5', 1000);
    const summary = packets.map((p) => {
      const e = decodeDtmfEvent(p.payload);
      return [p.at, p.timestamp, p.marker, e.event, e.end, e.duration];
    });
    expect(summary).toEqual([
      [160, 1000, true, 5, false, 160],
      [320, 1000, false, 5, false, 320],
      [480, 1000, false, 5, false, 480],
      [640, 1000, false, 5, false, 640],
      [800, 1000, false, 5, true, 800],
      [960, 1000, false, 5, true, 800],
      [1120, 1000, false, 5, true, 800],
    ]);
    expect(new DtmfSender().span).toBe(1120);
  });

  it('honours clock rate, interval, duration and volume options', () => {
    const sender = new DtmfSender({ clockRate: 48000, intervalMs: 50, durationMs: 120, volume: 7 });
    const packets = sender.packets('#', 0xfffffff0 + 0x20); // wraps to 0x10
    expect(packets.every((p) => p.timestamp === 0x10)).toBe(true);
    const durations = packets.map((p) => decodeDtmfEvent(p.payload).duration);
    expect(durations).toEqual([2400, 4800, 5760, 5760, 5760]);
    expect(decodeDtmfEvent(packets[0]!.payload).volume).toBe(7);
  });

  it('marks the end packet when the tone is shorter than one interval', () => {
    const packets = new DtmfSender({ durationMs: 10 }).packets('1', 0);
    expect(packets.map((p) => p.marker)).toEqual([true, false, false]);
    expect(packets.every((p) => decodeDtmfEvent(p.payload).end)).toBe(true);
  });

  it('rejects impossible options', () => {
    expect(() => new DtmfSender({ durationMs: 9000 })).toThrow(/duration/);
    expect(() => new DtmfSender({ volume: 64 })).toThrow(/volume/);
    expect(() => new DtmfSender({ endRepeats: 0 })).toThrow(/endRepeats/);
    expect(() => new DtmfSender({ intervalMs: 0 })).toThrow(/interval/);
  });
});

describe('DtmfReceiver', () => {
  it('reports a digit once for start, updates and the three end packets', () => {
    const rx = new DtmfReceiver();
    const got = new DtmfSender().packets('7', 5000).map((p) => rx.receive(p));
    expect(got[0]).toEqual({ digit: '7', event: 7, timestamp: 5000, volume: 10 });
    expect(got.slice(1).every((g) => g === null)).toBe(true);
    expect(rx.current).toEqual({ event: 7, timestamp: 5000, duration: 800, ended: true });
  });

  it('reports the digit from an end packet when everything before it was lost', () => {
    const rx = new DtmfReceiver();
    expect(rx.receive(packet(100, 3, true, 800))?.digit).toBe('3');
    expect(rx.receive(packet(100, 3, true, 800))).toBeNull();
  });

  it('reports the same digit pressed twice (new timestamp)', () => {
    const rx = new DtmfReceiver();
    const sender = new DtmfSender();
    const first = sender.packets('9', 0).map((p) => rx.receive(p)?.digit);
    const second = sender.packets('9', 2000).map((p) => rx.receive(p)?.digit);
    expect(first.filter(Boolean)).toEqual(['9']);
    expect(second.filter(Boolean)).toEqual(['9']);
  });

  it('ignores late packets of an earlier event', () => {
    const rx = new DtmfReceiver();
    expect(rx.receive(packet(1000, 1, false, 160, true))?.digit).toBe('1');
    expect(rx.receive(packet(3000, 2, false, 160, true))?.digit).toBe('2');
    expect(rx.receive(packet(1000, 1, true, 800))).toBeNull();
  });

  it('follows timestamps across the 32-bit wrap', () => {
    const rx = new DtmfReceiver();
    expect(rx.receive(packet(0xffffff00, 4, false, 160, true))?.digit).toBe('4');
    expect(rx.receive(packet(0x00000400, 4, false, 160, true))?.digit).toBe('4');
    expect(rx.receive(packet(0xffffff00, 4, true, 800))).toBeNull();
  });

  it('does not report a long-event continuation segment again (RFC 4733 §2.5.1.3)', () => {
    const rx = new DtmfReceiver();
    expect(rx.receive(packet(0, 0, false, 160, true))?.digit).toBe('0');
    expect(rx.receive(packet(0, 0, false, 0xffff))).toBeNull();
    expect(rx.receive(packet(0xffff, 0, false, 160))).toBeNull(); // next segment, no marker
    expect(rx.receive(packet(0xffff, 0, true, 4000))).toBeNull();
    expect(rx.receive(packet(0xffff + 8000, 0, false, 160, true))?.digit).toBe('0');
  });

  it('ignores non-digit events and short payloads, and starts afresh after reset()', () => {
    const rx = new DtmfReceiver();
    expect(rx.receive(packet(10, 16, false, 160, true))).toBeNull(); // flash
    expect(rx.receive({ timestamp: 20, marker: true, payload: Uint8Array.of(1, 2) })).toBeNull();
    expect(rx.receive(packet(500, 2, false, 160, true))?.digit).toBe('2');
    rx.reset();
    expect(rx.current).toBeNull();
    expect(rx.receive(packet(0, 2, false, 160, true))?.digit).toBe('2'); // older, but new stream
  });

  it('yields exactly the digits sent, in order, despite loss and duplication', () => {
    // Each digit's packets: any may be lost except that at least one end packet survives;
    // survivors are delivered 1–3 times, and a duplicate may arrive during the next event.
    const digitRun = fc.record({
      digit: fc.constantFrom(...allDigits),
      gap: fc.integer({ min: 1, max: 4000 }),
      fates: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 16, maxLength: 16 }),
      keptEnd: fc.integer({ min: 0, max: 2 }),
      lateDuplicate: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(digitRun, { minLength: 1, maxLength: 20 }),
        fc.integer({ min: 0, max: 0xffffffff }),
        fc.integer({ min: 40, max: 300 }),
        (runs, start, durationMs) => {
          const sender = new DtmfSender({ durationMs });
          const rx = new DtmfReceiver();
          const received: string[] = [];
          let ts = start;
          let late: DtmfOutPacket | undefined;
          for (const run of runs) {
            const packets = sender.packets(run.digit, ts);
            const ends = packets.filter((p) => decodeDtmfEvent(p.payload).end);
            const wire: DtmfOutPacket[] = [];
            packets.forEach((p, i) => {
              const keep = ends.indexOf(p) === run.keptEnd ? 1 : (run.fates[i % 16] ?? 0);
              for (let k = 0; k < keep; k++) wire.push(p);
            });
            // A duplicate of the previous event's last packet arrives late, amid this event.
            if (late) wire.splice(1, 0, late);
            late = run.lateDuplicate ? wire[wire.length - 1] : undefined;
            for (const p of wire) {
              const digit = rx.receive(p);
              if (digit) received.push(digit.digit);
            }
            ts = (ts + sender.span + run.gap) >>> 0;
          }
          expect(received.join('')).toBe(runs.map((r) => r.digit).join(''));
        },
      ),
      { numRuns: 300 },
    );
  });
});
