/**
 * The PNG reader for fax page images: our encoder's output read back, rows written with each of
 * the five filters (PNG spec 9.2) and a palette image with transparency, crafted here byte by
 * byte; bad files are refused with a PngError that says why. Then a page image becomes a fax
 * page at T.4's 1728-pixel width.
 */
import { deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FAX_WIDTH } from '../../../src/channels/fax/fax-document.ts';
import { faxPageFromPng } from '../../../src/channels/fax/fax-page-image.ts';
import { decodePng, PngError } from '../../../src/channels/fax/png-decoder.ts';
import { crc32, encodePng } from '../../../src/channels/fax/png-encoder.ts';

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(head.subarray(4), data) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

function png(o: {
  width: number;
  height: number;
  type: number;
  depth?: number;
  interlace?: number;
  data: Buffer;
  extra?: Buffer[];
}): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(o.width, 0);
  ihdr.writeUInt32BE(o.height, 4);
  ihdr[8] = o.depth ?? 8;
  ihdr[9] = o.type;
  ihdr[12] = o.interlace ?? 0;
  return Buffer.concat([
    Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    ...(o.extra ?? []),
    chunk('IDAT', deflateSync(o.data)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const [pa, pb, pc] = [Math.abs(p - a), Math.abs(p - b), Math.abs(p - c)];
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Filters `rows` (RGB, 3 bytes per pixel) with filter `f[y]` on row y, as an encoder would. */
function filtered(rows: number[][], f: number[]): Buffer {
  const out: number[] = [];
  rows.forEach((row, y) => {
    out.push(f[y]!);
    row.forEach((v, x) => {
      const a = x >= 3 ? row[x - 3]! : 0;
      const b = y > 0 ? rows[y - 1]![x]! : 0;
      const c = x >= 3 && y > 0 ? rows[y - 1]![x - 3]! : 0;
      const pred = [0, a, b, (a + b) >>> 1, paeth(a, b, c)][f[y]!]!;
      out.push((v - pred) & 0xff);
    });
  });
  return Buffer.from(out);
}

describe('decodePng', () => {
  it('reads back what the encoder writes, gray and RGBA over white', () => {
    const gray = Uint8Array.from([0, 64, 128, 255, 10, 20]);
    expect(decodePng(encodePng(3, 2, gray, 'gray'), 100)).toEqual({
      width: 3,
      height: 2,
      gray,
    });
    // Opaque red, half-transparent black, fully transparent (white page shows through).
    const rgba = Uint8Array.from([255, 0, 0, 255, 0, 0, 0, 128, 0, 0, 0, 0]);
    expect([...decodePng(encodePng(3, 1, rgba, 'rgba'), 100).gray]).toEqual([76, 127, 255]);
  });

  it('undoes every row filter: None, Sub, Up, Average, Paeth', () => {
    const rows = Array.from({ length: 5 }, (_, y) =>
      Array.from({ length: 12 }, (_, x) => (x * 37 + y * 91 + ((x * y) % 7) * 13) & 0xff),
    );
    const img = decodePng(
      png({ width: 4, height: 5, type: 2, data: filtered(rows, [0, 1, 2, 3, 4]) }),
      100,
    );
    const expected = rows.flatMap((r) =>
      [0, 1, 2, 3].map((p) =>
        Math.round((299 * r[p * 3]! + 587 * r[p * 3 + 1]! + 114 * r[p * 3 + 2]!) / 1000),
      ),
    );
    expect([...img.gray]).toEqual(expected);
  });

  it('reads palette images with tRNS transparency', () => {
    const plte = Buffer.from([0, 0, 0, 255, 255, 255, 0, 0, 255]);
    const trns = Buffer.from([255, 255, 0]);
    const img = decodePng(
      png({
        width: 3,
        height: 1,
        type: 3,
        data: Buffer.from([0, 0, 1, 2]),
        extra: [chunk('PLTE', plte), chunk('tRNS', trns)],
      }),
      100,
    );
    expect([...img.gray]).toEqual([0, 255, 255]);
  });

  it('refuses what it cannot read, saying why', () => {
    const ok = { width: 2, height: 1, type: 0, data: Buffer.from([0, 1, 2]) };
    const refused = (b: Uint8Array, max = 100) => {
      try {
        decodePng(b, max);
      } catch (e) {
        expect(e).toBeInstanceOf(PngError);
        return (e as Error).message;
      }
      throw new Error('accepted');
    };
    expect(refused(Buffer.from('GIF89a, not a PNG'))).toBe('not a PNG file');
    expect(refused(png({ ...ok, interlace: 1 }))).toMatch(/interlaced/);
    expect(refused(png({ ...ok, depth: 16 }))).toMatch(/bit depth 16/);
    expect(refused(png({ ...ok, type: 5 }))).toMatch(/colour type 5/);
    expect(refused(png(ok), 1)).toMatch(/too large/);
    expect(refused(png({ ...ok, width: 100000, height: 100000 }), 5000 * 4000)).toMatch(
      /too large/,
    );
    expect(refused(png({ ...ok, data: Buffer.from([0, 1]) }))).toMatch(/truncated/);
    expect(refused(png({ ...ok, data: Buffer.from([9, 1, 2]) }))).toMatch(/filter 9/);
  });
});

describe('faxPageFromPng', () => {
  it('scales a page image to 1728 pixels across and prints dark pixels black', () => {
    // 864 x 4: left half black, right half light gray (prints white); each row twice as tall.
    const w = 864;
    const px = new Uint8Array(w * 4).map((_, i) => (i % w < w / 2 ? 0 : 200));
    const page = faxPageFromPng(encodePng(w, 4, px, 'gray'), 1_000_000);
    expect(page.width).toBe(FAX_WIDTH);
    expect(page.height).toBe(8);
    const row = page.bits.subarray(0, FAX_WIDTH / 8);
    expect([...row.subarray(0, 108)].every((b) => b === 0xff)).toBe(true);
    expect([...row.subarray(108)].every((b) => b === 0)).toBe(true);
  });
});
