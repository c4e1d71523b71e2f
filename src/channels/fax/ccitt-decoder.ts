/**
 * Decodes CCITT fax coding as TIFF stores it: T.4 Group 3 one-dimensional (MH) and
 * two-dimensional (MR) lines behind EOL codes (TIFF Compression 3), and T.6 Group 4 (MMR,
 * Compression 4).
 *
 * Written here instead of using utif's decoder because that one is unsafe on hostile input: it
 * builds each code as a growing string (20 KB of zero bytes took 12.6 s, quadratic in the junk)
 * and appends runs to a line with no bound (a stream of make-up codes grows one array until the
 * process runs out of memory). This decoder reads bit by bit with integer codes, so its time is
 * linear in the data, and no run or line can outgrow the page width. utif remains the oracle the
 * tests compare against.
 *
 * Output follows libtiff: pixels coded as white runs become 0 bits and black runs 1 bits; the
 * page's PhotometricInterpretation decides what those values mean.
 */

export type CcittCoding = 'g3-1d' | 'g3-2d' | 'g4';

export interface CcittStrip {
  data: Uint8Array;
  width: number;
  /** Rows the strip holds; decoding stops there even if data remains. */
  rows: number;
  coding: CcittCoding;
  /** TIFF FillOrder 2: the first bit of each byte is its lowest. */
  lsbFirst: boolean;
}

export interface CcittResult {
  /** Rows written to `out`, damaged ones included. */
  rows: number;
  /** Group 3 rows that did not decode and were replaced by the row above (as fax machines do). */
  damagedRows: number;
}

// T.4 tables 2 and 3: code words in order of run length. Terminating codes are runs 0-63,
// make-up codes 64, 128, … 1728, and the extended make-up codes (both colours) 1792 … 2560.
const WHITE_TERMINATING =
  '00110101 000111 0111 1000 1011 1100 1110 1111 10011 10100 00111 01000 001000 000011 110100 ' +
  '110101 101010 101011 0100111 0001100 0001000 0010111 0000011 0000100 0101000 0101011 ' +
  '0010011 0100100 0011000 00000010 00000011 00011010 00011011 00010010 00010011 00010100 ' +
  '00010101 00010110 00010111 00101000 00101001 00101010 00101011 00101100 00101101 00000100 ' +
  '00000101 00001010 00001011 01010010 01010011 01010100 01010101 00100100 00100101 01011000 ' +
  '01011001 01011010 01011011 01001010 01001011 00110010 00110011 00110100';
const WHITE_MAKEUP =
  '11011 10010 010111 0110111 00110110 00110111 01100100 01100101 01101000 01100111 011001100 ' +
  '011001101 011010010 011010011 011010100 011010101 011010110 011010111 011011000 011011001 ' +
  '011011010 011011011 010011000 010011001 010011010 011000 010011011';
const BLACK_TERMINATING =
  '0000110111 010 11 10 011 0011 0010 00011 000101 000100 0000100 0000101 0000111 00000100 ' +
  '00000111 000011000 0000010111 0000011000 0000001000 00001100111 00001101000 00001101100 ' +
  '00000110111 00000101000 00000010111 00000011000 000011001010 000011001011 000011001100 ' +
  '000011001101 000001101000 000001101001 000001101010 000001101011 000011010010 000011010011 ' +
  '000011010100 000011010101 000011010110 000011010111 000001101100 000001101101 000011011010 ' +
  '000011011011 000001010100 000001010101 000001010110 000001010111 000001100100 000001100101 ' +
  '000001010010 000001010011 000000100100 000000110111 000000111000 000000100111 000000101000 ' +
  '000001011000 000001011001 000000101011 000000101100 000001011010 000001100110 000001100111';
const BLACK_MAKEUP =
  '0000001111 000011001000 000011001001 000001011011 000000110011 000000110100 000000110101 ' +
  '0000001101100 0000001101101 0000001001010 0000001001011 0000001001100 0000001001101 ' +
  '0000001110010 0000001110011 0000001110100 0000001110101 0000001110110 0000001110111 ' +
  '0000001010010 0000001010011 0000001010100 0000001010101 0000001011010 0000001011011 ' +
  '0000001100100 0000001100101';
const EXTENDED_MAKEUP =
  '00000001000 00000001100 00000001101 000000010010 000000010011 000000010100 000000010101 ' +
  '000000010110 000000010111 000000011100 000000011101 000000011110 000000011111';

/** Longest run code (black make-up) in bits. */
const MAX_CODE_BITS = 13;

/** Code word (keyed by length and value, since '011' and '0011' differ) → run length. */
function runTable(terminating: string, makeup: string): Map<number, number> {
  const table = new Map<number, number>();
  const add = (codes: string, first: number, step: number) =>
    codes
      .split(' ')
      .forEach((code, i) => table.set(key(code.length, parseInt(code, 2)), first + i * step));
  add(terminating, 0, 1);
  add(makeup, 64, 64);
  add(EXTENDED_MAKEUP, 1792, 64);
  return table;
}
const key = (length: number, code: number) => (length << 16) | code;
const WHITE = runTable(WHITE_TERMINATING, WHITE_MAKEUP);
const BLACK = runTable(BLACK_TERMINATING, BLACK_MAKEUP);

class BitReader {
  pos = 0;
  private readonly end: number;
  constructor(
    private readonly data: Uint8Array,
    private readonly lsbFirst: boolean,
  ) {
    this.end = data.length * 8;
  }
  /** The next bit, or -1 past the end. */
  next(): number {
    if (this.pos >= this.end) return -1;
    const byte = this.data[this.pos >>> 3] ?? 0;
    const shift = this.lsbFirst ? this.pos & 7 : 7 - (this.pos & 7);
    this.pos++;
    return (byte >>> shift) & 1;
  }
  /** Skips past the next EOL: 11 or more 0 bits (fill included), then a 1. False at the end. */
  skipEol(): boolean {
    for (let zeros = 0; ;) {
      const bit = this.next();
      if (bit < 0) return false;
      if (bit === 0) zeros++;
      else if (zeros >= 11) return true;
      else zeros = 0;
    }
  }
  /** Whether an EOL starts here; reads nothing. No run code has more than 7 leading zeros. */
  atEol(): boolean {
    const start = this.pos;
    let zeros = 0;
    while (this.next() === 0) zeros++;
    this.pos = start;
    return zeros >= 11;
  }
}

/** A run of one colour: make-up codes then a terminating code, summed; -1 when invalid. */
function readRun(bits: BitReader, table: Map<number, number>, width: number): number {
  for (let total = 0; ;) {
    let code = 0;
    let run: number | undefined;
    for (let length = 1; run === undefined; length++) {
      const bit = bits.next();
      if (bit < 0 || length > MAX_CODE_BITS) return -1;
      code = (code << 1) | bit;
      run = table.get(key(length, code));
    }
    total += run;
    if (total > width) return -1;
    if (run < 64) return total;
  }
}

const PASS = 10;
const HORIZONTAL = 11;
const INVALID = 12;

/** T.4 table 4 mode codes: vertical offsets -3…3 are returned as themselves. */
function readMode(bits: BitReader): number {
  let zeros = 0;
  let bit = bits.next();
  for (; bit === 0; bit = bits.next()) if (++zeros > 6) return INVALID; // EOL, EOFB or junk
  if (bit < 0) return INVALID;
  const sign = () => (bits.next() === 1 ? 1 : -1); // 011 VR1 / 010 VL1, and so on
  switch (zeros) {
    case 0:
      return 0; // 1: V0
    case 1:
      return sign();
    case 2:
      return HORIZONTAL; // 001
    case 3:
      return PASS; // 0001
    case 4:
      return 2 * sign();
    case 5:
      return 3 * sign();
    default:
      return INVALID; // 0000001xxx: uncompressed-mode extension, which TIFF-F does not use
  }
}

/**
 * One line as its changing elements: the positions where the colour flips, starting from white.
 * Returns null for a line that does not decode or does not end exactly at the page width.
 */
function decode1D(bits: BitReader, width: number): number[] | null {
  const changes: number[] = [];
  for (let a = 0, colour = 0; a < width; colour ^= 1) {
    const run = readRun(bits, colour ? BLACK : WHITE, width);
    if (run < 0 || changes.length > 2 * width) return null;
    a += run;
    if (a > width) return null;
    changes.push(a);
  }
  return changes;
}

/** One line coded against `reference` (its changing elements followed by three `width`s). */
function decode2D(bits: BitReader, reference: number[], width: number): number[] | null {
  const changes: number[] = [];
  let a0 = -1; // the imaginary white pixel before the line
  let colour = 0;
  let i = 0;
  while (a0 < width) {
    // b1: the first change on the reference line right of a0 whose new colour is the opposite of
    // a0's; changes alternate white→black (even index) and black→white (odd). A vertical code can
    // put a0 left of the previous b1, so step back one before searching forward again.
    i = Math.max(0, i - 1);
    while ((reference[i] ?? width) <= a0 || (i & 1) !== colour) {
      if (i >= reference.length) return null;
      i++;
    }
    const b1 = reference[i] ?? width;
    const b2 = reference[i + 1] ?? width;
    const mode = readMode(bits);
    if (mode === INVALID || changes.length > 2 * width) return null;
    if (mode === PASS) {
      a0 = b2;
    } else if (mode === HORIZONTAL) {
      const first = readRun(bits, colour ? BLACK : WHITE, width);
      const second = readRun(bits, colour ? WHITE : BLACK, width);
      const a1 = Math.max(a0, 0) + first;
      const a2 = a1 + second;
      if (first < 0 || second < 0 || a2 > width) return null;
      changes.push(a1, a2);
      a0 = a2;
    } else {
      const a1 = b1 + mode;
      if (a1 < Math.max(a0, 0) || a1 > width) return null;
      changes.push(a1);
      a0 = a1;
      colour ^= 1;
    }
  }
  return changes;
}

const asReference = (changes: number[], width: number) => [...changes, width, width, width];

/** Sets the 1 (black-run) bits of one output row from its changing elements. */
function writeRow(changes: number[], out: Uint8Array, rowStart: number, width: number): void {
  for (let k = 0; k < changes.length; k += 2) {
    const to = Math.min(changes[k + 1] ?? width, width);
    for (let x = changes[k] ?? width; x < to; x++) {
      const at = rowStart + (x >>> 3);
      out[at] = (out[at] ?? 0) | (0x80 >>> (x & 7));
    }
  }
}

/**
 * Decodes a strip into `out` at byte `offset`: rows of ceil(width / 8) bytes, first pixel in the
 * high bit. `out` must be zero there. Group 3 resynchronises at the next EOL after a damaged
 * line; Group 4 has no EOLs, so decoding stops at the first damage (or at the EOFB) and the rows
 * after it stay 0.
 */
export function decodeCcittStrip(strip: CcittStrip, out: Uint8Array, offset: number): CcittResult {
  const { width, rows, coding } = strip;
  const rowBytes = Math.ceil(width / 8);
  const bits = new BitReader(strip.data, strip.lsbFirst);
  let reference = asReference([], width);
  let damagedRows = 0;
  let row = 0;
  for (; row < rows; row++) {
    const rowStart = offset + row * rowBytes;
    let changes: number[] | null;
    if (coding === 'g4') {
      changes = decode2D(bits, reference, width);
      if (!changes) break;
    } else {
      if (!bits.skipEol()) break;
      const oneD = coding === 'g3-1d' || bits.next() === 1; // MR: a tag bit after each EOL
      if (bits.atEol()) break; // a second EOL: RTC, the end of the page
      const lineStart = bits.pos;
      changes = oneD ? decode1D(bits, width) : decode2D(bits, reference, width);
      if (!changes) {
        damagedRows++;
        if (row > 0) out.copyWithin(rowStart, rowStart - rowBytes, rowStart);
        bits.pos = lineStart; // the EOL search starts again inside the damaged line
        continue;
      }
    }
    writeRow(changes, out, rowStart, width);
    reference = asReference(changes, width);
  }
  return { rows: row, damagedRows };
}
