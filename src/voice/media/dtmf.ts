/**
 * DTMF as RTP telephone-events (RFC 4733, which obsoletes RFC 2833).
 *
 * Payload (RFC 4733 §2.3), 4 bytes:
 *
 *     0                   1                   2                   3
 *     0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1 2 3 4 5 6 7 8 9 0 1
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *    |     event     |E|R| volume    |          duration             |
 *    +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 *
 * One event is a run of packets sharing one RTP timestamp (the event's start): the first carries
 * the marker bit (RFC 4733 §2.5.1.1), updates grow the duration (§2.5.1.2), and the final packet,
 * with E set, is sent three times (§2.5.1.4). The receiver therefore keys events on the RTP
 * timestamp, which also de-duplicates the redundant end packets.
 */

export type DtmfDigit =
  '0' | '1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | '9' | '*' | '#' | 'A' | 'B' | 'C' | 'D';

/** DTMF digits in event-code order: codes 0–9, * = 10, # = 11, A–D = 12–15 (RFC 4733 §3.2). */
const DIGITS: readonly DtmfDigit[] = [
  '0',
  '1',
  '2',
  '3',
  '4',
  '5',
  '6',
  '7',
  '8',
  '9',
  '*',
  '#',
  'A',
  'B',
  'C',
  'D',
];

/** Event code 16 is the hook flash (RFC 4733 §3.2); it is not a digit. */
export const FLASH_EVENT = 16;

export interface DtmfEvent {
  /** Event code, 0–255; 0–15 are DTMF digits, 16 flash (RFC 4733 §3.2). */
  event: number;
  /** E bit: this packet ends the event. */
  end: boolean;
  /** Power level of the tone as 0 to -63 dBm0, expressed as 0–63 (RFC 4733 §2.3). */
  volume: number;
  /** Duration so far, in RTP timestamp units (samples), 0–65535. */
  duration: number;
}

export function isDtmfDigit(value: string): value is DtmfDigit {
  return (DIGITS as readonly string[]).includes(value);
}

/** The RFC 4733 event code of a DTMF digit. */
export function dtmfEventCode(digit: DtmfDigit): number {
  const code = DIGITS.indexOf(digit);
  if (code < 0) throw new RangeError(`not a DTMF digit: ${JSON.stringify(digit)}`);
  return code;
}

/** The DTMF digit of an RFC 4733 event code, or null for other events (flash, line events …). */
export function dtmfDigit(event: number): DtmfDigit | null {
  return DIGITS[event] ?? null;
}

function checkRange(name: string, value: number, max: number): void {
  if (!Number.isInteger(value) || value < 0 || value > max)
    throw new RangeError(`${name} must be an integer 0–${max}, got ${value}`);
}

/** Encodes one telephone-event payload (RFC 4733 §2.3); the R bit is always 0. */
export function encodeDtmfEvent(e: DtmfEvent): Uint8Array {
  checkRange('event', e.event, 255);
  checkRange('volume', e.volume, 63);
  checkRange('duration', e.duration, 0xffff);
  return Uint8Array.of(e.event, (e.end ? 0x80 : 0) | e.volume, e.duration >> 8, e.duration & 0xff);
}

/**
 * Decodes the first event of a telephone-event payload. Throws RangeError when shorter than 4
 * bytes; further 4-byte blocks (RFC 4733 §2.5.1.5 redundancy) are ignored.
 */
export function decodeDtmfEvent(payload: Uint8Array): DtmfEvent {
  if (payload.length < 4)
    throw new RangeError(`telephone-event payload is ${payload.length} bytes, 4 expected`);
  const [event = 0, flags = 0, hi = 0, lo = 0] = payload;
  return { event, end: (flags & 0x80) !== 0, volume: flags & 0x3f, duration: (hi << 8) | lo };
}

/** One received RTP packet of the negotiated telephone-event payload type. */
export interface DtmfPacket {
  /** RTP timestamp (RFC 3550 §5.1): the event's start. */
  timestamp: number;
  /** RTP marker bit: set on the first packet of an event. */
  marker: boolean;
  payload: Uint8Array;
}

/** A digit the receiver reports, once per event. */
export interface ReceivedDtmf {
  digit: DtmfDigit;
  event: number;
  /** RTP timestamp of the event start. */
  timestamp: number;
  volume: number;
}

/** The event the receiver is following, for callers that want its duration. */
export interface DtmfEventState {
  event: number;
  timestamp: number;
  /** Longest duration seen, in samples. */
  duration: number;
  ended: boolean;
}

/** Serial-number comparison of 32-bit RTP timestamps (RFC 3550 §5.1 wraps them). */
function isNewer(ts: number, than: number): boolean {
  const diff = (ts - than) >>> 0;
  return diff !== 0 && diff < 0x80000000;
}

/** Packets of a segment's final second may be lost; accept a continuation after ≥ 7.2 s. */
const LONG_EVENT_SLACK = 8000;

/**
 * Turns the telephone-event packets of one RTP stream into digits, each exactly once.
 *
 * A digit is reported on the first packet seen of an event (whatever it is: start, update or
 * end), so the loss of the start packet or of any end packets costs nothing but latency. Packets
 * of the current event (same timestamp) only update its duration; packets older than it
 * (late duplicates, reordering) are ignored. A new timestamp is a new event, even for the same
 * digit pressed again — except a long-event continuation (RFC 4733 §2.5.1.3): same event, no
 * marker, timestamp = previous timestamp + the previous segment's duration, which only happens
 * after a segment whose duration had almost reached 0xFFFF.
 *
 * Call reset() when the stream changes (new SSRC, re-INVITE to another source).
 */
export class DtmfReceiver {
  #current: DtmfEventState | null = null;

  /** The event being followed, or null before the first packet. */
  get current(): Readonly<DtmfEventState> | null {
    return this.#current;
  }

  reset(): void {
    this.#current = null;
  }

  /**
   * Consumes one packet; returns the digit when this packet is the first seen of a new DTMF
   * event, otherwise null. Malformed payloads (under 4 bytes) are ignored.
   */
  receive(packet: DtmfPacket): ReceivedDtmf | null {
    if (packet.payload.length < 4) return null;
    const e = decodeDtmfEvent(packet.payload);
    const timestamp = packet.timestamp >>> 0;
    const cur = this.#current;
    if (cur !== null && cur.timestamp === timestamp) {
      cur.duration = Math.max(cur.duration, e.duration);
      cur.ended ||= e.end;
      return null;
    }
    // Older than the current event: a late duplicate — unless it starts an event (marker) from
    // well over a second back, which only a restarted or replayed stream (e.g. SIPp playing a
    // capture) produces; then it is a new key press.
    if (
      cur !== null &&
      !isNewer(timestamp, cur.timestamp) &&
      !(packet.marker && (cur.timestamp - timestamp) >>> 0 > 8000)
    )
      return null;
    const continuation =
      cur !== null &&
      !packet.marker &&
      !cur.ended &&
      cur.event === e.event &&
      cur.duration >= 0xffff - LONG_EVENT_SLACK &&
      (timestamp - cur.timestamp) >>> 0 <= 0xffff;
    this.#current = { event: e.event, timestamp, duration: e.duration, ended: e.end };
    if (continuation) return null;
    const digit = dtmfDigit(e.event);
    return digit === null ? null : { digit, event: e.event, timestamp, volume: e.volume };
  }
}

export interface DtmfSenderOptions {
  /** RTP clock rate of the telephone-event payload type (8000 for G.711 calls). */
  clockRate?: number;
  /** Update interval in ms; RFC 4733 §2.5.1.2 names the audio packet spacing (kefu's 20 ms tick). */
  intervalMs?: number;
  /** Tone duration in ms; ITU-T Q.24 receivers accept 40 ms, 100 ms is a safe default. */
  durationMs?: number;
  /** Volume 0–63 meaning 0 to -63 dBm0. */
  volume?: number;
  /** How many times the end packet is sent (RFC 4733 §2.5.1.4: three). */
  endRepeats?: number;
}

/** One packet to transmit; sequence numbers and SSRC are the transport's. */
export interface DtmfOutPacket {
  /** When to send it: samples after the event start (add to the start's media clock). */
  at: number;
  /** RTP timestamp: the event start, the same for every packet of the event. */
  timestamp: number;
  marker: boolean;
  payload: Uint8Array;
}

/**
 * Produces the RFC 4733 packet run for one digit, as in the example of RFC 4733 §5.1: one
 * interval after the start the first packet (marker bit set), then one packet per interval with
 * the duration grown to the time elapsed, and once the tone's duration is reached the end packet
 * (E bit, final duration) `endRepeats` times, one interval apart (§2.5.1.4). All packets carry the
 * event's start timestamp.
 */
export class DtmfSender {
  readonly clockRate: number;
  /** Packet interval in samples. */
  readonly interval: number;
  /** Tone duration in samples. */
  readonly duration: number;
  readonly volume: number;
  readonly endRepeats: number;

  constructor(options: DtmfSenderOptions = {}) {
    this.clockRate = options.clockRate ?? 8000;
    this.interval = Math.round(((options.intervalMs ?? 20) * this.clockRate) / 1000);
    this.duration = Math.round(((options.durationMs ?? 100) * this.clockRate) / 1000);
    this.volume = options.volume ?? 10;
    this.endRepeats = options.endRepeats ?? 3;
    if (this.interval < 1) throw new RangeError('packet interval must be at least one sample');
    checkRange('duration', this.duration, 0xffff);
    if (this.duration < 1) throw new RangeError('duration must be at least one sample');
    checkRange('volume', this.volume, 63);
    if (!Number.isInteger(this.endRepeats) || this.endRepeats < 1)
      throw new RangeError('endRepeats must be a positive integer');
  }

  /** Intervals until the end packet: ceil(duration / interval). */
  get #steps(): number {
    return Math.ceil(this.duration / this.interval);
  }

  /**
   * Samples from the event start to its last packet. The next event's start timestamp must be
   * later than start + span (RFC 4733 §2.5.1.4: a new event gets a new timestamp).
   */
  get span(): number {
    return (this.#steps + this.endRepeats - 1) * this.interval;
  }

  /** The packets for `digit` whose event starts at RTP timestamp `timestamp`. */
  packets(digit: DtmfDigit, timestamp: number): DtmfOutPacket[] {
    const event = dtmfEventCode(digit);
    const ts = timestamp >>> 0;
    const { volume, interval } = this;
    const steps = this.#steps;
    const out: DtmfOutPacket[] = [];
    for (let k = 1; k < steps; k++) {
      const payload = encodeDtmfEvent({ event, end: false, volume, duration: k * interval });
      out.push({ at: k * interval, timestamp: ts, marker: k === 1, payload });
    }
    const payload = encodeDtmfEvent({ event, end: true, volume, duration: this.duration });
    for (let r = 0; r < this.endRepeats; r++)
      out.push({ at: (steps + r) * interval, timestamp: ts, marker: out.length === 0, payload });
    return out;
  }
}
