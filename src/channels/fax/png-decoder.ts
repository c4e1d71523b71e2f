/**
 * A minimal PNG reader (PNG spec, ISO/IEC 15948) for fax pages an agent sends as images: the
 * desktop draws the cover page in the browser (which has the CJK fonts the server lacks) and
 * uploads it as PNG. It reads 8-bit, non-interlaced images of every colour type and returns
 * their luminance composited over white, which is all a black-and-white fax page needs.
 * Anything else is refused with a `PngError` naming what is unsupported.
 */
import { inflateSync } from 'node:zlib';

export class PngError extends Error {
  override readonly name = 'PngError';
}

export interface GrayImage {
  readonly width: number;
  readonly height: number;
  /** One byte per pixel, 0 black … 255 white, row-major. */
  readonly gray: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** Channels per colour type (PNG spec 11.2.2); 3 is palette indices. */
const CHANNELS: Record<number, number> = { 0: 1, 2: 3, 3: 1, 4: 2, 6: 4 };

/** Decodes `png`, refusing images of more than `maxPixels` before inflating anything. */
export function decodePng(png: Uint8Array, maxPixels: number): GrayImage {
  const buf = Buffer.from(png.buffer, png.byteOffset, png.byteLength);
  if (buf.length < 8 || SIGNATURE.some((b, i) => buf[i] !== b))
    throw new PngError('not a PNG file');
  let at = 8;
  let header: { width: number; height: number; depth: number; type: number } | null = null;
  let palette: Buffer | null = null;
  let alpha: Buffer | null = null;
  const data: Buffer[] = [];
  while (at + 8 <= buf.length) {
    const length = buf.readUInt32BE(at);
    const type = buf.toString('latin1', at + 4, at + 8);
    const body = buf.subarray(at + 8, at + 8 + length);
    if (body.length !== length) throw new PngError(`truncated ${type} chunk`);
    at += 12 + length;
    if (type === 'IHDR') {
      if (length !== 13) throw new PngError('bad IHDR');
      header = {
        width: body.readUInt32BE(0),
        height: body.readUInt32BE(4),
        depth: body[8] ?? 0,
        type: body[9] ?? 0,
      };
      if (body[12] !== 0) throw new PngError('interlaced PNG is not supported');
    } else if (type === 'PLTE') palette = body;
    else if (type === 'tRNS') alpha = body;
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') break;
  }
  if (!header) throw new PngError('no IHDR');
  const { width, height, depth, type } = header;
  const channels = CHANNELS[type];
  if (!channels) throw new PngError(`colour type ${type} is not valid`);
  if (depth !== 8) throw new PngError(`bit depth ${depth} is not supported (8 only)`);
  if (width < 1 || height < 1 || width * height > maxPixels)
    throw new PngError(`image of ${width}x${height} is empty or too large`);
  if (type === 3 && !palette) throw new PngError('palette image without PLTE');
  const stride = width * channels;
  let raw: Buffer;
  try {
    raw = inflateSync(Buffer.concat(data), { maxOutputLength: (stride + 1) * height });
  } catch {
    throw new PngError('image data does not inflate');
  }
  if (raw.length !== (stride + 1) * height) throw new PngError('image data is truncated');
  const rows = unfilter(raw, stride, height, channels);
  const gray = new Uint8Array(width * height);
  for (let i = 0, p = 0; i < gray.length; i++, p += channels) {
    gray[i] = toGray(rows, p, type, palette, alpha);
  }
  return { width, height, gray };
}

/** Undoes the per-row filters (PNG spec 9.2: None, Sub, Up, Average, Paeth). */
function unfilter(raw: Buffer, stride: number, height: number, bpp: number): Uint8Array {
  const out = new Uint8Array(stride * height);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const src = y * (stride + 1) + 1;
    const row = y * stride;
    const up = row - stride;
    for (let x = 0; x < stride; x++) {
      const a = x >= bpp ? (out[row + x - bpp] ?? 0) : 0;
      const b = y > 0 ? (out[up + x] ?? 0) : 0;
      const c = x >= bpp && y > 0 ? (out[up + x - bpp] ?? 0) : 0;
      const v = raw[src + x] ?? 0;
      let pred: number;
      if (filter === 0) pred = 0;
      else if (filter === 1) pred = a;
      else if (filter === 2) pred = b;
      else if (filter === 3) pred = (a + b) >>> 1;
      else if (filter === 4) pred = paeth(a, b, c);
      else throw new PngError(`unknown row filter ${filter}`);
      out[row + x] = (v + pred) & 0xff;
    }
  }
  return out;
}

function paeth(a: number, b: number, c: number): number {
  const p = a + b - c;
  const pa = Math.abs(p - a);
  const pb = Math.abs(p - b);
  const pc = Math.abs(p - c);
  return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
}

/** Rec. 601 luminance of the pixel at `p`, composited over a white page. */
function toGray(
  px: Uint8Array,
  p: number,
  type: number,
  palette: Buffer | null,
  trns: Buffer | null,
): number {
  let r: number, g: number, b: number;
  let a = 255;
  if (type === 0 || type === 4) {
    r = g = b = px[p] ?? 0;
    if (type === 4) a = px[p + 1] ?? 255;
  } else if (type === 3) {
    const i = px[p] ?? 0;
    r = palette?.[i * 3] ?? 0;
    g = palette?.[i * 3 + 1] ?? 0;
    b = palette?.[i * 3 + 2] ?? 0;
    a = trns?.[i] ?? 255;
  } else {
    r = px[p] ?? 0;
    g = px[p + 1] ?? 0;
    b = px[p + 2] ?? 0;
    if (type === 6) a = px[p + 3] ?? 255;
  }
  const y = (299 * r + 587 * g + 114 * b) / 1000;
  return Math.round((y * a + 255 * (255 - a)) / 255);
}
