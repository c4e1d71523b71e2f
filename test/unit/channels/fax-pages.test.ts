/**
 * Fax page rendering against real TIFF-F files (made by ImageMagick and libtiff, see
 * test/fixtures/fax/make-samples.sh) and crafted hostile ones. PNGs are checked by decoding them
 * here with node:zlib, and TIFF pixels against utif as an independent decoder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32 as zlibCrc32, inflateSync } from 'node:zlib';
import { PDFDocument } from 'pdf-lib';
import UTIF from 'utif';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import { buildFaxTiff, renderTextPage } from '../../../src/channels/fax/fax-document.ts';
import { renderFaxPages, type FaxRendering } from '../../../src/channels/fax/fax-pages.ts';
import { crc32, encodePng } from '../../../src/channels/fax/png-encoder.ts';

const fixtures = join(import.meta.dirname, '../../fixtures/fax');
const fixture = (name: string) => new Uint8Array(readFileSync(join(fixtures, name)));

interface Png {
  width: number;
  height: number;
  colourType: number;
  channels: number;
  pixels: Uint8Array;
}

/** A PNG reader for what the encoder writes (8-bit gray or RGBA), checking every chunk's CRC. */
function decodePng(png: Buffer): Png {
  expect(png.subarray(0, 8)).toEqual(Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]));
  const chunks: { type: string; data: Buffer }[] = [];
  for (let at = 8; at < png.length;) {
    const length = png.readUInt32BE(at);
    const type = png.toString('latin1', at + 4, at + 8);
    const data = png.subarray(at + 8, at + 8 + length);
    expect(png.readUInt32BE(at + 8 + length)).toBe(
      zlibCrc32(png.subarray(at + 4, at + 8 + length)),
    );
    chunks.push({ type, data });
    at += 12 + length;
  }
  expect(chunks.map((c) => c.type)).toEqual(['IHDR', 'IDAT', 'IEND']);
  const ihdr = chunks[0]!.data;
  const width = ihdr.readUInt32BE(0);
  const height = ihdr.readUInt32BE(4);
  expect(ihdr[8]).toBe(8); // bit depth
  const colourType = ihdr[9]!;
  const channels = colourType === 0 ? 1 : 4;
  const raw = inflateSync(
    Buffer.concat(chunks.filter((c) => c.type === 'IDAT').map((c) => c.data)),
  );
  const stride = width * channels;
  expect(raw.length).toBe((stride + 1) * height);
  const pixels = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]!;
    for (let x = 0; x < stride; x++) {
      const v = raw[y * (stride + 1) + 1 + x]!;
      const a = x >= channels ? pixels[y * stride + x - channels]! : 0;
      const b = y > 0 ? pixels[(y - 1) * stride + x]! : 0;
      const c = x >= channels && y > 0 ? pixels[(y - 1) * stride + x - channels]! : 0;
      const p = a + b - c;
      const paeth =
        Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c)
          ? a
          : Math.abs(p - b) <= Math.abs(p - c)
            ? b
            : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      if (predictor === undefined) throw new Error(`bad PNG filter ${filter}`);
      pixels[y * stride + x] = (v + predictor) & 0xff;
    }
  }
  return { width, height, colourType, channels, pixels };
}

/** Index of the first byte where `a` and `b` differ, or -1: toEqual is slow on megabytes. */
function firstDifference(a: Uint8Array | undefined, b: Uint8Array | undefined): number {
  if (!a || !b) throw new Error('missing bytes');
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return i;
  return -1;
}

const gray = (png: Png, x: number, y: number) => png.pixels[y * png.width + x];

function blackIn(png: Png, x0: number, y0: number, x1: number, y1: number): number {
  let n = 0;
  for (let y = y0; y < y1; y++) for (let x = x0; x < x1; x++) if (gray(png, x, y) === 0) n++;
  return n;
}

/** The page as utif decodes it: 0 black, 255 white, after the file's photometric. */
function utifPage(file: Uint8Array, page: number): Uint8Array {
  const ifds = UTIF.decode(file);
  const ifd = ifds[page]!;
  UTIF.decodeImage(file, ifd, ifds);
  const width = ifd.width!;
  const height = ifd.height!;
  const whiteIsZero = (ifd.t262 as number[])[0] === 0;
  const rowBytes = Math.ceil(width / 8);
  const out = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const bit = (ifd.data![y * rowBytes + (x >> 3)]! >> (7 - (x & 7))) & 1;
      out[y * width + x] = (bit === 1) === whiteIsZero ? 0 : 255;
    }
  return out;
}

async function rejection(p: Promise<unknown>): Promise<DomainError> {
  const e: unknown = await p.then(
    () => new Error('expected a DomainError, but it resolved'),
    (err: unknown) => err,
  );
  if (e instanceof DomainError) return e;
  throw e;
}

/** A little-endian TIFF with one IFD of LONG/SHORT tags and `strip` as its only strip. */
function craftTiff(tags: [tag: number, value: number][], strip: Uint8Array, nextIfd = 0): Buffer {
  const all = [...tags, [273, 0], [279, strip.length]].sort((a, b) => a[0]! - b[0]!);
  const stripAt = 8 + 2 + all.length * 12 + 4;
  const file = Buffer.alloc(stripAt + strip.length);
  file.write('II*\0', 0, 'latin1');
  file.writeUInt32LE(8, 4);
  file.writeUInt16LE(all.length, 8);
  all.forEach(([tag, value], i) => {
    const at = 10 + i * 12;
    file.writeUInt16LE(tag!, at);
    file.writeUInt16LE(4, at + 2); // LONG
    file.writeUInt32LE(1, at + 4);
    file.writeUInt32LE(tag === 273 ? stripAt : value!, at + 8);
  });
  file.writeUInt32LE(nextIfd, 10 + all.length * 12);
  file.set(strip, stripAt);
  return file;
}

describe('renderFaxPages: TIFF-F', () => {
  it('renders both pages of a fine-resolution Group 3 fax as grayscale PNGs', async () => {
    const result = await renderFaxPages(fixture('g3-fine-2page.tif'), 'image/tiff');
    expect(result.format).toBe('tiff');
    expect(result.pageCount).toBe(2);
    expect(result.pages.map(({ index, width, height }) => ({ index, width, height }))).toEqual([
      { index: 0, width: 1728, height: 800 },
      { index: 1, width: 1728, height: 800 },
    ]);
    const [one, two] = result.pages.map((p) => decodePng(p.png));
    expect(one!.colourType).toBe(0);
    // Page 1: rectangle 100..499 x 100..179, text from x=100 around y=365..410.
    expect(blackIn(one!, 100, 100, 500, 180)).toBe(400 * 80);
    expect(gray(one!, 99, 140)).toBe(255);
    expect(gray(one!, 500, 140)).toBe(255);
    expect(blackIn(one!, 100, 350, 900, 420)).toBeGreaterThan(3000);
    expect(blackIn(one!, 0, 0, 1728, 90)).toBe(0); // the top margin is paper
    // Page 2 has its rectangle elsewhere (1200..1599 x 600..699) and none where page 1 has it.
    expect(blackIn(two!, 1200, 600, 1600, 700)).toBe(400 * 100);
    expect(blackIn(two!, 100, 100, 500, 180)).toBe(0);
  });

  it('decodes 2-D Group 3 with LSB-first fill order and many strips to the same page', async () => {
    const mr = await renderFaxPages(fixture('g3-2d-lsb.tif'), 'image/tiff; application=faxbw');
    const mh = await renderFaxPages(fixture('g3-fine-2page.tif'), 'image/tiff');
    const pixels = (r: FaxRendering) => decodePng(r.pages[0]!.png).pixels;
    expect(firstDifference(pixels(mr), pixels(mh))).toBe(-1);
  });

  it('doubles every row of a normal-resolution (204x98) Group 4 page', async () => {
    const result = await renderFaxPages(fixture('g4-normal.tif'), 'image/tiff');
    expect(result.pages).toHaveLength(1);
    const page = decodePng(result.pages[0]!.png);
    expect([page.width, page.height]).toEqual([1728, 800]); // 400 rows in the file
    expect(blackIn(page, 100, 100, 500, 180)).toBe(400 * 80);
    expect(gray(page, 50, 50)).toBe(255);
    const row = (y: number) => page.pixels.subarray(y * 1728, (y + 1) * 1728);
    for (let y = 0; y < 800; y += 2) expect(firstDifference(row(y), row(y + 1))).toBe(-1);
  });

  it('shows BlackIsZero pages black on white too', async () => {
    const result = await renderFaxPages(fixture('raw-blackiszero.tif'), 'image/tiff');
    const page = decodePng(result.pages[0]!.png);
    expect([page.width, page.height]).toEqual([200, 100]);
    expect(blackIn(page, 20, 20, 100, 60)).toBe(80 * 40);
    expect(blackIn(page, 0, 0, 200, 100)).toBe(80 * 40);
  });

  it.each([
    ['g3-fine-2page.tif', 0],
    ['g3-fine-2page.tif', 1],
    ['g3-2d-lsb.tif', 0],
    ['raw-blackiszero.tif', 0],
  ])('agrees pixel for pixel with utif on %s page %i', async (name, page) => {
    const result = await renderFaxPages(fixture(name), 'image/tiff');
    const ours = decodePng(result.pages[page]!.png).pixels;
    expect(firstDifference(ours, utifPage(fixture(name), page))).toBe(-1);
  });

  it('still renders a Group 3 page with damaged lines, resynchronising at the next EOL', async () => {
    const file = fixture('g3-fine-2page.tif');
    const ifd = UTIF.decode(file)[0]!;
    const [offset] = ifd.t273 as number[];
    const [count] = ifd.t279 as number[];
    file.fill(0x5a, offset! + count! - 600, offset! + count! - 560); // inside the blank lower part
    const page = decodePng((await renderFaxPages(file, 'image/tiff')).pages[0]!.png);
    expect([page.width, page.height]).toEqual([1728, 800]);
    expect(blackIn(page, 100, 100, 500, 180)).toBe(400 * 80);
  });
});

describe('renderFaxPages: limits and bad input', () => {
  it('rejects a page claiming 100000 x 100000 pixels before allocating anything', async () => {
    const bomb = craftTiff(
      [
        [256, 100_000],
        [257, 100_000],
        [258, 1],
        [259, 4],
        [262, 0],
      ],
      new Uint8Array(16),
    );
    const before = process.memoryUsage().arrayBuffers;
    const e = await rejection(renderFaxPages(bomb, 'image/tiff'));
    expect(e.code).toBe('fax.too_large');
    expect(e.details).toEqual({ page: 0, width: 100_000, height: 100_000, maxPixels: 20_000_000 });
    expect(process.memoryUsage().arrayBuffers - before).toBeLessThan(50 * 1024 * 1024);
  });

  it('counts the doubled rows of a normal-resolution page against maxPixels', async () => {
    const e = await rejection(
      renderFaxPages(fixture('g4-normal.tif'), 'image/tiff', { maxPixels: 1728 * 400 }),
    );
    expect(e.code).toBe('fax.too_large');
  });

  it('rejects more pages than maxPages', async () => {
    const e = await rejection(
      renderFaxPages(fixture('g3-fine-2page.tif'), 'image/tiff', { maxPages: 1 }),
    );
    expect(e.code).toBe('fax.too_large');
    expect(e.details).toEqual({ maxPages: 1 });
  });

  it('rejects a directory chain that loops', async () => {
    const loop = craftTiff(
      [
        [256, 8],
        [257, 1],
        [259, 1],
      ],
      new Uint8Array(1),
      8,
    );
    expect((await rejection(renderFaxPages(loop, 'image/tiff'))).code).toBe('fax.unreadable');
  });

  it('rejects tags and strips that point past the end of the file', async () => {
    // Entries sorted by tag: 256, 257, 259, 273, 279; StripByteCounts is entry 4.
    const entry = 10 + 4 * 12;
    const hugeStrip = craftTiff(
      [
        [256, 8],
        [257, 1],
        [259, 1],
      ],
      new Uint8Array(1),
    );
    hugeStrip.writeUInt32LE(0xffffffff, entry + 8); // a 4 GiB strip in a 70-byte file
    const hugeCount = craftTiff(
      [
        [256, 8],
        [257, 1],
        [259, 1],
      ],
      new Uint8Array(1),
    );
    hugeCount.writeUInt32LE(0xffffffff, entry + 4); // four billion strip byte counts
    for (const file of [hugeStrip, hugeCount])
      expect((await rejection(renderFaxPages(file, 'image/tiff'))).code).toBe('fax.unreadable');
  });

  it('rejects colour and grayscale TIFFs: Class F is bilevel', async () => {
    const grayTiff = craftTiff(
      [
        [256, 2],
        [257, 2],
        [258, 8],
        [259, 1],
        [262, 1],
      ],
      new Uint8Array(4),
    );
    const e = await rejection(renderFaxPages(grayTiff, 'image/tiff'));
    expect(e.code).toBe('fax.unreadable');
    expect(e.message).toMatch(/black-and-white/);
  });

  it('gives up quickly on a Group 3/4 strip of junk', async () => {
    for (const compression of [3, 4]) {
      const junk = craftTiff(
        [
          [256, 1728],
          [257, 2292],
          [259, compression],
          [262, 0],
        ],
        new Uint8Array(512 * 1024),
      );
      const started = Date.now();
      const e = await rejection(renderFaxPages(junk, 'image/tiff'));
      expect(e.code).toBe('fax.unreadable');
      expect(Date.now() - started).toBeLessThan(2000);
    }
  });

  it.each([
    ['random bytes', Uint8Array.from({ length: 4096 }, (_, i) => (i * 7919) % 251)],
    ['text', new TextEncoder().encode('hello, this is not a fax')],
    ['nothing', new Uint8Array(0)],
    ['a truncated TIFF', fixture('g3-fine-2page.tif').subarray(0, 300)],
  ])('rejects %s as unreadable', async (_label, bytes) => {
    const e = await rejection(renderFaxPages(bytes, 'application/octet-stream'));
    expect(e.code).toBe('fax.unreadable');
  });
});

describe('renderFaxPages: PDF', () => {
  it('counts the pages and leaves rendering to the desktop', async () => {
    const doc = await PDFDocument.create();
    for (let i = 0; i < 3; i++) doc.addPage([595, 842]);
    const pdf = await doc.save();
    const expected: FaxRendering = { format: 'pdf', pageCount: 3, pages: [] };
    expect(await renderFaxPages(pdf, 'application/pdf')).toEqual(expected);
    expect(await renderFaxPages(pdf, 'application/octet-stream')).toEqual(expected);
  });

  it('rejects a broken PDF as unreadable', async () => {
    const broken = new TextEncoder().encode('%PDF-1.7\nthis is not really a PDF\n');
    expect((await rejection(renderFaxPages(broken, 'application/pdf'))).code).toBe(
      'fax.unreadable',
    );
  });
});

describe('outbound fax documents', () => {
  it('renders a cover page of text in black on an A4 fine-resolution page', () => {
    const page = renderTextPage('Case C-20261129-0001');
    expect([page.width, page.height]).toEqual([1728, 2292]);
    expect(page.bits.length).toBe(216 * 2292);
    const black = page.bits.reduce((n, byte) => n + popcount(byte), 0);
    expect(black).toBeGreaterThan(1000);
    expect(page.bits.subarray(0, 216 * 90).every((b) => b === 0)).toBe(true); // top margin
  });

  it('prints characters outside printable ASCII as "?"', () => {
    const bits = (text: string) => renderTextPage(text).bits;
    expect(firstDifference(bits('Café 你好'), bits('Caf? ??'))).toBe(-1);
    expect(firstDifference(bits('Café'), bits('Cafe'))).toBeGreaterThan(0);
  });

  it('builds a two-page TIFF that utif reads back bit for bit, tagged as Class F', () => {
    const cover = renderTextPage('Case C-20261129-0001\nPlease find our reply attached.');
    const odd = { width: 101, height: 37, bits: Uint8Array.from({ length: 13 * 37 }, (_, i) => i) };
    const tiff = buildFaxTiff([cover, odd]);
    const ifds = UTIF.decode(tiff);
    expect(ifds).toHaveLength(2);
    [cover, odd].forEach((page, i) => {
      const ifd = ifds[i]!;
      UTIF.decodeImage(tiff, ifd, ifds);
      expect([ifd.width, ifd.height]).toEqual([page.width, page.height]);
      expect(firstDifference(ifd.data, page.bits)).toBe(-1);
      expect(ifd).toMatchObject({
        t254: [2],
        t258: [1],
        t259: [1],
        t262: [0],
        t266: [1],
        t282: [204],
        t283: [196],
        t296: [2],
        t297: [i, 2],
      });
    });
  });

  it('renders its own TIFF back to the same pixels', async () => {
    const cover = renderTextPage('Case C-20261129-0001');
    const result = await renderFaxPages(buildFaxTiff([cover]), 'image/tiff');
    const png = decodePng(result.pages[0]!.png);
    for (let i = 0; i < png.pixels.length; i += 997) {
      const bit = (cover.bits[((i / 1728) | 0) * 216 + ((i % 1728) >> 3)]! >> (7 - (i % 8))) & 1;
      expect(png.pixels[i]).toBe(bit ? 0 : 255);
    }
    expect(blackIn(png, 0, 0, 1728, 2292)).toBe(cover.bits.reduce((n, b) => n + popcount(b), 0));
  });
});

describe('encodePng', () => {
  it('uses the PNG CRC-32', () => {
    expect(crc32(Buffer.from('IEND'))).toBe(0xae426082);
    expect(crc32(Buffer.from('123456789'))).toBe(0xcbf43926);
  });

  it('writes RGBA and grayscale that decode to the same pixels', () => {
    const rgba = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) & 0xff);
    const decoded = decodePng(encodePng(3, 2, rgba, 'rgba'));
    expect([decoded.width, decoded.height, decoded.colourType]).toEqual([3, 2, 6]);
    expect(decoded.pixels).toEqual(rgba);
    const g = Uint8Array.from([0, 255, 0, 255, 255, 0]);
    expect(decodePng(encodePng(2, 3, g, 'gray')).pixels).toEqual(g);
  });

  it('refuses pixel buffers of the wrong size', () => {
    expect(() => encodePng(2, 2, new Uint8Array(3), 'gray')).toThrow(RangeError);
    expect(() => encodePng(0, 2, new Uint8Array(0), 'gray')).toThrow(RangeError);
  });
});

function popcount(byte: number): number {
  let n = 0;
  for (let b = byte; b; b &= b - 1) n++;
  return n;
}
