/**
 * Builds outbound fax documents: a multi-page TIFF that a T.37 gateway can send, and a plain-text
 * page (the cover page) drawn with a small built-in bitmap font.
 *
 * The TIFF is uncompressed bilevel. TIFF-F profile S (RFC 3949's minimal profile) asks for
 * Modified Huffman (Compression 3, 1-D) coding. Gateways read the file through libtiff and
 * re-encode each page for the line anyway (HylaFAX with tiff2fax, Asterisk's res_fax through
 * spandsp), so they accept uncompressed bilevel. The cost is size: ~0.5 MB per A4 page instead of
 * tens of KB. ccitt-decoder.ts holds the MH code tables should an encoder be wanted.
 */

export interface FaxBitmap {
  width: number;
  height: number;
  /** 1 bit per pixel, first pixel in each byte's high bit, rows padded to whole bytes; 1 = black. */
  bits: Uint8Array;
}

/** T.4's standard scan line: 1728 pixels across 215 mm (about 204 dpi, A4 and Letter alike). */
export const FAX_WIDTH = 1728;
/** A4 (297 mm) at fine resolution, 196 lines per inch. */
export const FAX_A4_HEIGHT = 2292;
const X_DPI = 204;
const Y_DPI = 196;

/**
 * A TIFF with one IFD per page, each tagged as TIFF Class F wants it: NewSubfileType 2 (a page of
 * a multi-page document), PageNumber, 204 x 196 dpi, WhiteIsZero, FillOrder 1, one strip.
 */
export function buildFaxTiff(pages: FaxBitmap[]): Buffer {
  if (pages.length === 0) throw new RangeError('a fax needs at least one page');
  if (pages.length > 0xffff) throw new RangeError('too many pages for TIFF PageNumber');
  pages.forEach(({ width, height, bits }, i) => {
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
      throw new RangeError(`page ${i + 1}: size must be positive integers`);
    if (bits.length !== Math.ceil(width / 8) * height)
      throw new RangeError(
        `page ${i + 1}: expected ${Math.ceil(width / 8) * height} bytes of bits`,
      );
  });

  const parts: Buffer[] = [];
  const header = Buffer.alloc(8);
  header.write('II', 0, 'latin1'); // little-endian, like most fax software writes
  header.writeUInt16LE(42, 2);
  header.writeUInt32LE(8, 4); // the first IFD follows the header
  parts.push(header);
  let offset = 8;

  pages.forEach((page, i) => {
    const ifdSize = 2 + TAG_COUNT * 12 + 4;
    const rationals = offset + ifdSize; // XResolution, then YResolution: 8 bytes each
    const strip = rationals + 16;
    // IFDs must start on a word boundary (TIFF 6.0, section 2).
    const next = strip + page.bits.length + (page.bits.length & 1);
    if (next > 0xffffffff) throw new RangeError('fax too large for a TIFF (over 4 GiB)');
    const last = i === pages.length - 1;
    const ifd = Buffer.alloc(ifdSize + 16);
    ifd.writeUInt16LE(TAG_COUNT, 0);
    let at = 2;
    const entry = (
      tag: number,
      type: number,
      count: number,
      write: (b: Buffer, o: number) => void,
    ) => {
      ifd.writeUInt16LE(tag, at);
      ifd.writeUInt16LE(type, at + 2);
      ifd.writeUInt32LE(count, at + 4);
      write(ifd, at + 8);
      at += 12;
    };
    const short = (tag: number, value: number) =>
      entry(tag, SHORT, 1, (b, o) => b.writeUInt16LE(value, o));
    const long = (tag: number, value: number) =>
      entry(tag, LONG, 1, (b, o) => b.writeUInt32LE(value, o));
    // Entries in ascending tag order, as TIFF requires; TAG_COUNT must match.
    long(254, 2); // NewSubfileType: page of a multi-page document
    long(256, page.width);
    long(257, page.height);
    short(258, 1); // BitsPerSample
    short(259, 1); // Compression: none
    short(262, 0); // PhotometricInterpretation: WhiteIsZero, so the 1 = black input is stored as is
    short(266, 1); // FillOrder: first pixel in the high bit
    long(273, strip); // StripOffsets
    short(277, 1); // SamplesPerPixel
    long(278, page.height); // RowsPerStrip: the whole page in one strip
    long(279, page.bits.length); // StripByteCounts
    entry(282, RATIONAL, 1, (b, o) => b.writeUInt32LE(rationals, o));
    entry(283, RATIONAL, 1, (b, o) => b.writeUInt32LE(rationals + 8, o));
    short(284, 1); // PlanarConfiguration: contiguous
    short(296, 2); // ResolutionUnit: inch
    entry(297, SHORT, 2, (b, o) => {
      b.writeUInt16LE(i, o); // PageNumber: this page (0-based) of the total
      b.writeUInt16LE(pages.length, o + 2);
    });
    ifd.writeUInt32LE(last ? 0 : next, at);
    ifd.writeUInt32LE(X_DPI, ifdSize);
    ifd.writeUInt32LE(1, ifdSize + 4);
    ifd.writeUInt32LE(Y_DPI, ifdSize + 8);
    ifd.writeUInt32LE(1, ifdSize + 12);
    parts.push(ifd, Buffer.from(page.bits.buffer, page.bits.byteOffset, page.bits.length));
    if (page.bits.length & 1) parts.push(Buffer.alloc(1));
    offset = next;
  });
  return Buffer.concat(parts);
}

const SHORT = 3;
const LONG = 4;
const RATIONAL = 5;
const TAG_COUNT = 16;

/**
 * The 95 printable ASCII characters (space to '~') as 5x7 glyphs, written for this file. Each
 * glyph is 7 characters, one per row from the top; each is a base-32 digit whose 5 bits are the
 * row's pixels, leftmost in the high bit.
 */
const FONT =
  '00000004444404aaa0000aavavaa4fke5u4op248j3cik8lid44800002488842842224804lel40044v440' + //  !"#$%&'()*+
  '0000c48000v00000000cc01248g0ehjlphe4c4444eeh1248vv2421he26aiv22vgu11he68guhhev124888' + // ,-./01234567
  'ehhehheehhf12c0cc0cc00cc0c48248g84200v0v008421248eh12404eh1dlleehhvhhhuhhuhhuehggghe' + // 89:;<=>?@ABC
  'sihhhisvgguggvvggugggehgnhhfhhhvhhhe44444e72222ichikokihggggggvhrllhhhhhpljhhehhhhhe' + // DEFGHIJKLMNO
  'uhhugggehhhliduhhukihfgge11uv444444hhhhhhehhhhha4hhhlllahha4ahhhha4444v1248gve88888e' + // PQRSTUVWXYZ[
  '0g84210e22222e4ah0000000000v842000000e1fhfggmphhu00egghe11djhhf00ehvge698s8880fhhf1e' + // \]^_`abcdefg
  'ggmphhh40c444e20622icggikokic44444e00qllhh00mphhh00ehhhe00uhugg00fhf1100mpggg00ege1u' + // hijklmnopqrs
  '88s889600hhhjd00hhha400hhlla00ha4ah00hhf1e00v248v244844244444448442448008l200'; //       tuvwxyz{|}~

/** Each font pixel drawn as 3x3 page pixels: 15 x 21 px glyphs, about 1.9 x 2.7 mm on paper. */
const SCALE = 3;
const CELL_WIDTH = 6 * SCALE; // a 1-pixel gap after each glyph
const LINE_HEIGHT = 9 * SCALE; // a 2-pixel gap under each line
const MARGIN = 96; // ~12 mm on every side
const COLUMNS = Math.floor((FAX_WIDTH - 2 * MARGIN) / CELL_WIDTH); // 85
const LINES = Math.floor((FAX_A4_HEIGHT - 2 * MARGIN) / LINE_HEIGHT); // 77

/**
 * Draws plain text on one A4 fine-resolution page, wrapped at word boundaries. The font covers
 * printable ASCII only; anything else prints as '?'. CJK or other non-Latin text should be sent
 * as a PDF attachment instead, which the gateway renders with real fonts. Text beyond one page
 * is cut, with a marker on the last line: a cover page is short.
 */
export function renderTextPage(text: string): FaxBitmap {
  const rowBytes = Math.ceil(FAX_WIDTH / 8);
  const bits = new Uint8Array(rowBytes * FAX_A4_HEIGHT);
  let lines = wrap(text);
  if (lines.length > LINES) lines = [...lines.slice(0, LINES - 1), '[... text continues ...]'];
  lines.forEach((line, l) => {
    for (let c = 0; c < line.length; c++) {
      const glyph = (line.charCodeAt(c) - 32) * 7;
      const left = MARGIN + c * CELL_WIDTH;
      const top = MARGIN + l * LINE_HEIGHT;
      for (let gy = 0; gy < 7; gy++) {
        const pattern = parseInt(FONT[glyph + gy] ?? '0', 32);
        for (let gx = 0; gx < 5; gx++) {
          if (pattern & (0x10 >> gx))
            fillBlack(bits, rowBytes, left + gx * SCALE, top + gy * SCALE);
        }
      }
    }
  });
  return { width: FAX_WIDTH, height: FAX_A4_HEIGHT, bits };
}

function fillBlack(bits: Uint8Array, rowBytes: number, x0: number, y0: number): void {
  for (let y = y0; y < y0 + SCALE; y++) {
    for (let x = x0; x < x0 + SCALE; x++) {
      const at = y * rowBytes + (x >>> 3);
      bits[at] = (bits[at] ?? 0) | (0x80 >>> (x & 7));
    }
  }
}

/** Printable-ASCII lines of at most COLUMNS characters, breaking between words where it can. */
function wrap(text: string): string[] {
  const clean = Array.from(text.replace(/\r\n?/g, '\n').replace(/\t/g, '    '), (ch) =>
    ch === '\n' || (ch >= ' ' && ch <= '~') ? ch : '?',
  ).join('');
  const lines: string[] = [];
  for (const paragraph of clean.split('\n')) {
    let line = '';
    for (const word of paragraph.split(' ')) {
      const candidate = line === '' ? word : `${line} ${word}`;
      if (candidate.length <= COLUMNS) {
        line = candidate;
        continue;
      }
      if (line !== '') lines.push(line);
      line = word;
      while (line.length > COLUMNS) {
        lines.push(line.slice(0, COLUMNS));
        line = line.slice(COLUMNS);
      }
    }
    lines.push(line);
  }
  return lines;
}
