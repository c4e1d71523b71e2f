/**
 * SMS text over SMPP: choosing GSM 7-bit or UCS-2, cutting long texts into concatenated parts
 * with their User Data Header (3GPP TS 23.040 §9.2.3.24.1), decoding what arrives, and putting
 * received parts back together. Pure: the SMPP session code does the I/O.
 */
import { DomainError } from '../errors.ts';
import { decodeGsm7, encodeGsm7, gsm7Septets, isGsm7 } from './gsm7.ts';

export type SmsEncoding = 'gsm7' | 'ucs2';
/** SMPP 3.4 §5.2.19 data_coding: 0x00 SMSC default alphabet (GSM here), 0x08 UCS-2. */
export type SmsDataCoding = 0 | 8;

export interface SmsPlan {
  readonly encoding: SmsEncoding;
  readonly dataCoding: SmsDataCoding;
  /** One payload per part, without UDH: unpacked septets (gsm7) or UTF-16BE (ucs2). */
  readonly segments: readonly Uint8Array[];
  /** Septets (gsm7, extension characters count 2) or UTF-16 code units (ucs2) of the text. */
  readonly units: number;
  /** Units one part may hold: 160/70 for a single message, 153/67 for concatenated parts. */
  readonly perSegment: number;
}

export interface SmsPart {
  /** The concatenation UDH to put before the payload (esm_class UDHI set); null for one part. */
  readonly udh: Uint8Array | null;
  readonly payload: Uint8Array;
  readonly dataCoding: SmsDataCoding;
}

export interface ConcatInfo {
  /** 8- or 16-bit reference, the same in every part of one message. */
  readonly ref: number;
  readonly total: number;
  /** 1-based position of this part. */
  readonly seq: number;
}

export interface Udh {
  readonly concat?: ConcatInfo;
  /** Octets the header takes, its length octet included: the text starts at this offset. */
  readonly headerLength: number;
}

/**
 * 23.040 §9.2.3.24.1: a 6-octet concatenation UDH (7 septets once packed) leaves 153 of 160
 * septets, or 67 of 70 UCS-2 units, for each part's text.
 */
const limits = {
  gsm7: { single: 160, part: 153 },
  ucs2: { single: 70, part: 67 },
} as const;

/** The reference and part numbers are one octet each (23.040 §9.2.3.24.1). */
const maxParts = 255;

/** Reads one indivisible piece of text from index i: where it ends and the units it takes. */
type Step = (text: string, i: number) => readonly [end: number, units: number];

// Only used on texts isGsm7 accepted, so the fallback is never taken.
const gsm7Step: Step = (text, i) => [i + 1, gsm7Septets(text.charCodeAt(i)) ?? 1];

/** A surrogate pair (a character outside the BMP) is 2 units that must stay together. */
const ucs2Step: Step = (text, i) =>
  isHighSurrogate(text.charCodeAt(i)) && isLowSurrogate(text.charCodeAt(i + 1))
    ? [i + 2, 2]
    : [i + 1, 1];

const isHighSurrogate = (unit: number) => unit >= 0xd800 && unit <= 0xdbff;
const isLowSurrogate = (unit: number) => unit >= 0xdc00 && unit <= 0xdfff;

/** The text of each part; cuts only between pieces, so no escape sequence or pair is split. */
function chunkSms(text: string) {
  const encoding: SmsEncoding = isGsm7(text) ? 'gsm7' : 'ucs2';
  const step = encoding === 'gsm7' ? gsm7Step : ucs2Step;
  const pieces: Array<readonly [end: number, units: number]> = [];
  let units = 0;
  for (let i = 0; i < text.length;) {
    const piece = step(text, i);
    pieces.push(piece);
    units += piece[1];
    i = piece[0];
  }
  const perSegment =
    units <= limits[encoding].single ? limits[encoding].single : limits[encoding].part;
  const chunks: string[] = [];
  let start = 0;
  let used = 0;
  let at = 0;
  for (const [end, size] of pieces) {
    if (used + size > perSegment) {
      chunks.push(text.slice(start, at));
      start = at;
      used = 0;
    }
    used += size;
    at = end;
  }
  // An empty text is still one (empty) message.
  chunks.push(text.slice(start));
  return { encoding, chunks, units, perSegment };
}

/** Picks GSM 7-bit when every character fits, else UCS-2, and cuts the text into parts. */
export function planSms(text: string): SmsPlan {
  const { encoding, chunks, units, perSegment } = chunkSms(text);
  const encode = encoding === 'gsm7' ? encodeGsm7 : encodeUcs2;
  return {
    encoding,
    dataCoding: encoding === 'gsm7' ? 0 : 8,
    segments: chunks.map(encode),
    units,
    perSegment,
  };
}

/** Parts `text` will be sent as (for a counter under the input box); same rules as planSms. */
export function smsSegmentCount(text: string): number {
  return chunkSms(text).chunks.length;
}

/** UTF-16BE, one code unit per 2 octets: what SMPP calls UCS-2 (data_coding 0x08). */
export function encodeUcs2(text: string): Uint8Array {
  const out = new Uint8Array(text.length * 2);
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    out[2 * i] = unit >> 8;
    out[2 * i + 1] = unit & 0xff;
  }
  return out;
}

/** Decodes UTF-16BE; a dangling odd octet becomes U+FFFD rather than losing the message. */
export function decodeUcs2(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    out += String.fromCharCode(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  }
  return bytes.length % 2 === 1 ? out + '\uFFFD' : out;
}

/** 23.040 §9.2.3.24.1: `05 00 03 ref total seq` (UDHL, IEI 0x00, IEL 3, then the IE data). */
export function concatUdh(ref: number, total: number, seq: number): Uint8Array {
  const octet = (n: number) => Number.isInteger(n) && n >= 0 && n <= 0xff;
  if (
    !octet(ref) ||
    !octet(total) ||
    total < 1 ||
    !Number.isInteger(seq) ||
    seq < 1 ||
    seq > total
  ) {
    throw invalid('bad concatenation reference or part numbers', { ref, total, seq });
  }
  return Uint8Array.of(0x05, 0x00, 0x03, ref, total, seq);
}

/**
 * Reads the UDH at the start of a short_message sent with UDHI (23.040 §9.2.3.24). Knows the
 * concatenation IEs with 8-bit (0x00) and 16-bit (0x08, §9.2.3.24.8) references; skips others
 * by their length. A header whose lengths do not add up is 'sms.invalid'.
 */
export function parseUdh(bytes: Uint8Array): Udh {
  const udhl = bytes[0];
  if (udhl === undefined || bytes.length < udhl + 1) {
    throw invalid('UDH longer than the message', { length: bytes.length });
  }
  const headerLength = udhl + 1;
  let concat: ConcatInfo | undefined;
  for (let i = 1; i < headerLength;) {
    const iei = bytes[i] ?? 0;
    const iel = bytes[i + 1];
    if (iel === undefined || i + 2 + iel > headerLength) {
      throw invalid('UDH information element overruns the header', { offset: i, iei });
    }
    const data = bytes.subarray(i + 2, i + 2 + iel);
    if (iei === 0x00 || iei === 0x08) {
      const expected = iei === 0x00 ? 3 : 4;
      if (iel !== expected) throw invalid('bad concatenation IE length', { iei, length: iel });
      const ref = iei === 0x00 ? (data[0] ?? 0) : ((data[0] ?? 0) << 8) | (data[1] ?? 0);
      const total = data[expected - 2] ?? 0;
      const seq = data[expected - 1] ?? 0;
      // §9.2.3.24.1: a zero total, or a seq of zero or above total, means ignore the IE; a
      // repeated IE: the last occurrence counts (§9.2.3.24).
      if (total >= 1 && seq >= 1 && seq <= total) concat = { ref, total, seq };
    }
    i += 2 + iel;
  }
  return concat ? { concat, headerLength } : { headerLength };
}

/**
 * The short messages to submit for `text`: one without UDH, or up to 255 parts each with a
 * concatenation UDH using `ref` (0-255, which the caller varies per message and recipient).
 */
export function buildSmsParts(text: string, ref: number): SmsPart[] {
  const plan = planSms(text);
  const total = plan.segments.length;
  if (total > maxParts) throw invalid('text too long for one concatenated SMS', { parts: total });
  // Checks ref even for one part, so a bad reference fails with short texts as well.
  concatUdh(ref, 1, 1);
  return plan.segments.map((payload, i) => ({
    udh: total === 1 ? null : concatUdh(ref, total, i + 1),
    payload,
    dataCoding: plan.dataCoding,
  }));
}

/**
 * The text of a received short_message (UDH removed), by SMPP 3.4 §5.2.19 data_coding: 0x00
 * GSM unpacked, 0x01 IA5 (ASCII), 0x03 Latin-1, 0x08 UCS-2; others 'sms.unsupported_coding'.
 */
export function decodeSmsPayload(dataCoding: number, bytes: Uint8Array): string {
  switch (dataCoding) {
    case 0x00:
      return decodeGsm7(bytes);
    case 0x01:
      return Array.from(bytes, (b) => (b < 0x80 ? String.fromCharCode(b) : '\uFFFD')).join('');
    case 0x03:
      // ISO-8859-1 octets are the first 256 Unicode code points.
      return Array.from(bytes, (b) => String.fromCharCode(b)).join('');
    case 0x08:
      return decodeUcs2(bytes);
    default:
      throw new DomainError('sms.unsupported_coding', 'unsupported SMPP data_coding', {
        dataCoding,
      });
  }
}

function invalid(message: string, details: Record<string, unknown>): DomainError {
  return new DomainError('sms.invalid', message, details);
}

/** One received part, its concatenation data read by parseUdh and its text decoded. */
