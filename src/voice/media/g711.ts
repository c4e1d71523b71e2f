/**
 * ITU-T G.711 companding: μ-law (PCMU, RTP payload type 0) and A-law (PCMA, payload type 8),
 * the static audio payload types of RFC 3551 §6 (8000 Hz, one channel, one byte per sample).
 *
 * Linear samples are 16-bit signed PCM. G.711 itself works on 14-bit (μ-law) and 13-bit (A-law)
 * magnitudes; the low bits of a 16-bit sample are dropped when encoding and decoded values are
 * scaled back to 16 bits (μ-law peaks at ±32124, A-law at ±32256). The segment/mantissa
 * arithmetic gives the same codes as the reference implementation in ITU-T G.191's Software Tool
 * Library (`g711.c`), which takes the one's complement of negative samples; the classic Sun
 * `g711.c` (and Python's audioop) negate instead and differ from it for some negative μ-law inputs.
 *
 * Both directions go through tables computed once at module load: 256 entries for decoding and
 * 65,536 (one per 16-bit value) for encoding, so a 160-sample frame costs 160 lookups.
 */

/** The two G.711 codecs by their RTP encoding names (RFC 3551 §4.5.14). */
export type G711Codec = 'PCMU' | 'PCMA';

/** Static RTP payload types of the G.711 codecs (RFC 3551 §6, table 4). */
export const g711PayloadType: Readonly<Record<G711Codec, number>> = { PCMU: 0, PCMA: 8 };

/** G.711 is always sampled at 8000 Hz (RFC 3551 §4.5.14). */
export const G711_SAMPLE_RATE = 8000;

/** μ-law bias: 0x84 = 33 << 2, added to the magnitude before the segment search (G.711 §3). */
const MULAW_BIAS = 0x84;
/** Largest magnitude μ-law can code before the bias would overflow the top segment. */
const MULAW_CLIP = 32635;

function mulawEncodeSample(sample: number): number {
  let magnitude = sample;
  let sign = 0;
  if (magnitude < 0) {
    // One's complement, as ITU-T G.191's reference ulaw_compress: -1 codes as negative zero.
    sign = 0x80;
    magnitude = ~magnitude;
  }
  if (magnitude > MULAW_CLIP) magnitude = MULAW_CLIP;
  magnitude += MULAW_BIAS;
  // The segment (exponent) is the position of the highest set bit above bit 7.
  let exponent = 7;
  for (let mask = 0x4000; (magnitude & mask) === 0 && exponent > 0; mask >>= 1) exponent--;
  const mantissa = (magnitude >> (exponent + 3)) & 0x0f;
  // G.711 transmits the code with all bits inverted.
  return ~(sign | (exponent << 4) | mantissa) & 0xff;
}

function mulawDecodeSample(code: number): number {
  const u = ~code & 0xff;
  const exponent = (u >> 4) & 0x07;
  const mantissa = u & 0x0f;
  // (mantissa << 3) + bias places the value mid-step inside its segment.
  const magnitude = (((mantissa << 3) + MULAW_BIAS) << exponent) - MULAW_BIAS;
  return (u & 0x80) !== 0 ? -magnitude : magnitude;
}

/** Upper ends of the eight A-law segments on the 13-bit magnitude scale (G.711 table 1a). */
const ALAW_SEGMENT_END = [0x1f, 0x3f, 0x7f, 0xff, 0x1ff, 0x3ff, 0x7ff, 0xfff];

function alawEncodeSample(sample: number): number {
  let magnitude = sample >> 3; // 13-bit
  let mask: number;
  if (magnitude >= 0) {
    mask = 0xd5; // sign bit set for positive values, even bits inverted (G.711 §2)
  } else {
    mask = 0x55;
    magnitude = -magnitude - 1;
  }
  let segment = 0;
  while (segment < 8 && magnitude > (ALAW_SEGMENT_END[segment] ?? 0)) segment++;
  if (segment >= 8) return 0x7f ^ mask;
  const shift = segment < 2 ? 1 : segment;
  return ((segment << 4) | ((magnitude >> shift) & 0x0f)) ^ mask;
}

function alawDecodeSample(code: number): number {
  const a = code ^ 0x55;
  const segment = (a & 0x70) >> 4;
  let magnitude = (a & 0x0f) << 4;
  // + 8 / + 0x108 puts the value mid-step and restores the implicit leading bit of segments ≥ 1.
  if (segment === 0) magnitude += 8;
  else magnitude = (magnitude + 0x108) << (segment - 1);
  return (a & 0x80) !== 0 ? magnitude : -magnitude;
}

function buildDecodeTable(decode: (code: number) => number): Int16Array {
  const table = new Int16Array(256);
  for (let code = 0; code < 256; code++) table[code] = decode(code);
  return table;
}

/** Encode tables are indexed by the 16-bit sample's two's-complement bit pattern. */
function buildEncodeTable(encode: (sample: number) => number): Uint8Array {
  const table = new Uint8Array(65536);
  for (let sample = -32768; sample < 32768; sample++) table[sample & 0xffff] = encode(sample);
  return table;
}

const MULAW_DECODE = buildDecodeTable(mulawDecodeSample);
const ALAW_DECODE = buildDecodeTable(alawDecodeSample);
const MULAW_ENCODE = buildEncodeTable(mulawEncodeSample);
const ALAW_ENCODE = buildEncodeTable(alawEncodeSample);

function encodeWith(table: Uint8Array, pcm: Int16Array): Uint8Array {
  const out = new Uint8Array(pcm.length);
  for (let i = 0; i < pcm.length; i++) out[i] = table[pcm[i]! & 0xffff]!;
  return out;
}

function decodeWith(table: Int16Array, codes: Uint8Array): Int16Array {
  const out = new Int16Array(codes.length);
  for (let i = 0; i < codes.length; i++) out[i] = table[codes[i]!]!;
  return out;
}

/** Encodes 16-bit PCM to μ-law (PCMU), one byte per sample. Values beyond ±32635 clip. */
export function encodeMulaw(pcm: Int16Array): Uint8Array {
  return encodeWith(MULAW_ENCODE, pcm);
}

/** Decodes μ-law (PCMU) bytes to 16-bit PCM. */
export function decodeMulaw(codes: Uint8Array): Int16Array {
  return decodeWith(MULAW_DECODE, codes);
}

/** Encodes 16-bit PCM to A-law (PCMA), one byte per sample. */
export function encodeAlaw(pcm: Int16Array): Uint8Array {
  return encodeWith(ALAW_ENCODE, pcm);
}

/** Decodes A-law (PCMA) bytes to 16-bit PCM. */
export function decodeAlaw(codes: Uint8Array): Int16Array {
  return decodeWith(ALAW_DECODE, codes);
}

/** Encodes 16-bit PCM with the given G.711 codec. */
export function encodeG711(codec: G711Codec, pcm: Int16Array): Uint8Array {
  return codec === 'PCMU' ? encodeMulaw(pcm) : encodeAlaw(pcm);
}

/** Decodes G.711 bytes of the given codec to 16-bit PCM. */
export function decodeG711(codec: G711Codec, codes: Uint8Array): Int16Array {
  return codec === 'PCMU' ? decodeMulaw(codes) : decodeAlaw(codes);
}

/**
 * The code of a zero sample: 0xFF in μ-law (positive zero, all bits inverted) and 0xD5 in A-law
 * (positive smallest step with the even bits inverted). Fill silent frames with it.
 */
export function silenceByte(codec: G711Codec): number {
  return codec === 'PCMU' ? 0xff : 0xd5;
}
