/**
 * A minimal PNG writer (PNG spec, ISO/IEC 15948): signature, IHDR, one IDAT, IEND. Written here
 * rather than pulled from a package because fax pages need nothing beyond 8-bit gray or RGBA, and
 * node:zlib already provides the deflate stream PNG uses.
 *
 * Fax pages are written as 8-bit grayscale ('gray'), not 1-bit: the gateway's pages are black and
 * white runs that deflate shrinks to nearly the same size either way (a 1-bit A4 page saves a few
 * KB at most), while 8-bit keeps this writer and every reader trivial and lets the browser smooth
 * the page when it scales it down to fit the screen.
 */
import { deflateSync } from 'node:zlib';

export type PngKind = 'gray' | 'rgba';

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** IHDR colour types (PNG spec 11.2.2). */
const COLOUR_TYPE: Record<PngKind, number> = { gray: 0, rgba: 6 };
const CHANNELS: Record<PngKind, number> = { gray: 1, rgba: 4 };

/** PNG's largest width or height is 2^31 - 1; a page is far smaller, but stay inside the spec. */
const MAX_DIMENSION = 0x7fffffff;

/** CRC-32 (ISO 3309, polynomial 0xEDB88320 reflected), as PNG's chunk checksum requires. */
const CRC_TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export function crc32(...parts: Uint8Array[]): number {
  let c = 0xffffffff;
  for (const part of parts) {
    for (let i = 0; i < part.length; i++) {
      // `?? 0` only satisfies noUncheckedIndexedAccess: the index is always 0..255.
      c = (CRC_TABLE[(c ^ (part[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
    }
  }
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const typeBytes = head.subarray(4, 8);
  const tail = Buffer.alloc(4);
  tail.writeUInt32BE(crc32(typeBytes, data), 0);
  return Buffer.concat([head, data, tail]);
}

/**
 * Encodes `pixels` (row-major, top row first; 1 byte per pixel for 'gray', 4 for 'rgba') as a PNG.
 * Each row uses the Up filter: fax pages repeat rows constantly (blank lines, and every row twice
 * on a normal-resolution page), and Up turns a repeated row into zeros that deflate to almost
 * nothing.
 */
export function encodePng(
  width: number,
  height: number,
  pixels: Uint8Array,
  kind: PngKind,
): Buffer {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    throw new RangeError(`PNG size must be positive integers, got ${width}x${height}`);
  if (width > MAX_DIMENSION || height > MAX_DIMENSION)
    throw new RangeError(`PNG size ${width}x${height} exceeds the format's limit`);
  const stride = width * CHANNELS[kind];
  if (pixels.length !== stride * height)
    throw new RangeError(
      `expected ${stride * height} bytes of ${kind} pixels, got ${pixels.length}`,
    );

  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = COLOUR_TYPE[kind];
  ihdr[10] = 0; // compression: deflate
  ihdr[11] = 0; // filter method 0 (the five adaptive filters)
  ihdr[12] = 0; // no interlace

  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y++) {
    const out = y * (stride + 1);
    const row = y * stride;
    raw[out] = 2; // filter type Up
    if (y === 0) {
      // Up against the (all-zero) row above the image is the row itself.
      raw.set(pixels.subarray(row, row + stride), out + 1);
      continue;
    }
    for (let x = 0; x < stride; x++) {
      raw[out + 1 + x] = ((pixels[row + x] ?? 0) - (pixels[row - stride + x] ?? 0)) & 0xff;
    }
  }

  return Buffer.concat([
    SIGNATURE,
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array(0)),
  ]);
}
