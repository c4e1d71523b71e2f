/**
 * Turns an inbound fax (a T.37 e-mail attachment: TIFF-F, or a PDF) into PNG pages the desktop can
 * show.
 *
 * TIFF-F pages are bilevel CCITT Group 3/4 images; they are decoded here (tiff-directory.ts reads
 * the file's structure with every offset checked, ccitt-decoder.ts the pixels) and written as
 * 8-bit grayscale PNGs (see png-encoder.ts for why gray). All limits are checked on every page
 * before any page is decoded, so a hostile file costs at most one bounded read of its directories.
 *
 * PDFs are not rendered: that needs a rasteriser (pdf.js with a canvas, or poppler's pdftoppm),
 * and this machine and the project have neither. pdf-lib counts the pages and the desktop shows
 * the PDF itself in the browser's viewer.
 */
import { PDFDocument } from 'pdf-lib';
import { DomainError } from '../../domain/errors.ts';
import { decodeCcittStrip, type CcittCoding } from './ccitt-decoder.ts';
import { encodePng } from './png-encoder.ts';
import { readTiffDirectories, type TiffDirectory } from './tiff-directory.ts';

export interface FaxPage {
  /** 0-based position in the fax. */
  index: number;
  width: number;
  height: number;
  png: Buffer;
}

export interface FaxRendering {
  format: 'tiff' | 'pdf';
  pageCount: number;
  /** One PNG per page for TIFF; empty for PDF (the desktop shows the PDF as it came). */
  pages: FaxPage[];
}

export interface RenderFaxOptions {
  /** Most pages a TIFF may have (default 50): each costs a decode and a PNG. */
  maxPages?: number;
  /** Most pixels one rendered page may have (default 5000 x 4000); an A4 fax page is ~4 M. */
  maxPixels?: number;
}

export const defaultMaxPages = 50;
export const defaultMaxPixels = 5000 * 4000;

const unreadable = (message: string, details?: Record<string, unknown>) =>
  new DomainError('fax.unreadable', message, details);

/**
 * Renders the pages of a fax attachment. The format is taken from the bytes, not from
 * `contentType`: T.37 senders label TIFF-F as image/tiff, image/tiff-fx or
 * application/octet-stream, and the label only appears in the error when neither format matches.
 * Throws DomainError 'fax.too_large' (page count or page size over the limits) or
 * 'fax.unreadable' (not a TIFF or PDF, damaged, or not a bilevel fax image).
 */
export async function renderFaxPages(
  bytes: Uint8Array,
  contentType: string,
  opts: RenderFaxOptions = {},
): Promise<FaxRendering> {
  const head = Buffer.from(bytes.buffer, bytes.byteOffset, Math.min(bytes.length, 1024));
  if (head.subarray(0, 4).equals(TIFF_LE) || head.subarray(0, 4).equals(TIFF_BE))
    return renderTiff(bytes, opts.maxPages ?? defaultMaxPages, opts.maxPixels ?? defaultMaxPixels);
  // Readers find the PDF header anywhere in the first 1024 bytes (ISO 32000-1, annex H.3).
  if (head.includes('%PDF-')) return countPdfPages(bytes);
  throw unreadable('fax attachment is neither a TIFF nor a PDF', { contentType });
}

const TIFF_LE = Buffer.from('II*\0', 'latin1');
const TIFF_BE = Buffer.from('MM\0*', 'latin1');

function renderTiff(file: Uint8Array, maxPages: number, maxPixels: number): FaxRendering {
  // Reduced-resolution copies (NewSubfileType bit 0) are thumbnails, not pages.
  const directories = readTiffDirectories(file, maxPages).filter((d) => !(d.newSubfileType & 1));
  if (directories.length === 0) throw unreadable('TIFF holds thumbnails but no pages');
  const plans = directories.map((d, index) => {
    checkBilevel(d, index);
    const repeat = rowRepeat(d);
    const pixels = d.width * d.height * repeat;
    if (pixels > maxPixels)
      throw new DomainError('fax.too_large', `fax page ${index + 1} is too large to render`, {
        page: index,
        width: d.width,
        height: d.height * repeat,
        maxPixels,
      });
    return { d, repeat };
  });
  const pages = plans.map(({ d, repeat }, index): FaxPage => {
    const gray = toGray(decodeRows(file, d, index), d, repeat);
    const height = d.height * repeat;
    return { index, width: d.width, height, png: encodePng(d.width, height, gray, 'gray') };
  });
  return { format: 'tiff', pageCount: pages.length, pages };
}

/** TIFF Class F is bilevel; colour fax (TIFF-FX profile C, JPEG) is not supported. */
function checkBilevel(d: TiffDirectory, index: number): void {
  const page = { page: index };
  if (d.bitsPerSample !== 1 || d.samplesPerPixel !== 1)
    throw unreadable(`fax page ${index + 1} is not a black-and-white image`, page);
  if (d.photometric !== 0 && d.photometric !== 1)
    throw unreadable(`fax page ${index + 1} has an unsupported photometric interpretation`, page);
  // 2 (CCITT RLE, no EOLs) and the TIFF-FX codings (JBIG, JPEG) are not Class F.
  if (![1, 3, 4].includes(d.compression) || d.tiled)
    throw unreadable(`fax page ${index + 1} uses an unsupported compression`, {
      ...page,
      compression: d.compression,
    });
  if (d.fillOrder !== 1 && d.fillOrder !== 2)
    throw unreadable(`fax page ${index + 1} has an invalid fill order`, page);
}

/**
 * Normal-resolution fax (204 x 98 dpi) scans every other line, so its rows are twice as tall as
 * they are wide; repeating each row restores the page's shape. Fine (204 x 196) is square enough.
 * Superfine (204 x 391) would need every other row dropped, and is left as it is: it is rare, and
 * shows merely stretched.
 */
function rowRepeat(d: TiffDirectory): number {
  const ratio = (d.xResolution ?? Number.NaN) / (d.yResolution ?? Number.NaN);
  return Number.isFinite(ratio) && ratio > 1.5 ? 2 : 1;
}

interface DecodedRows {
  /** ceil(width / 8) bytes per row, first pixel in the high bit, in the file's own bit sense. */
  bits: Uint8Array;
  /** 1 for each row the data really held; the others are shown as blank paper. */
  present: Uint8Array;
}

function decodeRows(file: Uint8Array, d: TiffDirectory, index: number): DecodedRows {
  const rowBytes = Math.ceil(d.width / 8);
  const bits = new Uint8Array(rowBytes * d.height);
  const present = new Uint8Array(d.height);
  const coding: CcittCoding = d.compression === 4 ? 'g4' : d.group3Options & 1 ? 'g3-2d' : 'g3-1d';
  d.stripOffsets.forEach((offset, strip) => {
    const first = strip * d.rowsPerStrip;
    if (first >= d.height) return; // a strip table longer than the image: ignore the extra
    const rows = Math.min(d.rowsPerStrip, d.height - first);
    const data = file.subarray(offset, offset + (d.stripByteCounts[strip] ?? 0));
    let got: number;
    if (d.compression === 1) {
      got = Math.min(rows, Math.floor(data.length / rowBytes));
      const raw = data.subarray(0, got * rowBytes);
      bits.set(d.fillOrder === 2 ? raw.map((b) => REVERSED[b] ?? 0) : raw, first * rowBytes);
    } else {
      const input = { data, width: d.width, rows, coding, lsbFirst: d.fillOrder === 2 };
      got = decodeCcittStrip(input, bits, first * rowBytes).rows;
    }
    present.fill(1, first, first + got);
  });
  if (!present.includes(1)) throw unreadable(`fax page ${index + 1} holds no readable rows`);
  return { bits, present };
}

/** Each byte with its bit order reversed, for FillOrder 2 (lowest bit first). */
const REVERSED = Uint8Array.from({ length: 256 }, (_, b) => {
  let r = 0;
  for (let i = 0; i < 8; i++) r |= ((b >> i) & 1) << (7 - i);
  return r;
});

/** Black text on white whatever the file's PhotometricInterpretation, each row `repeat` times. */
function toGray({ bits, present }: DecodedRows, d: TiffDirectory, repeat: number): Uint8Array {
  const { width } = d;
  const rowBytes = Math.ceil(width / 8);
  // WhiteIsZero (0, Class F's own): a 1 bit is black. BlackIsZero (1): a 0 bit is black.
  const black = d.photometric === 0 ? 1 : 0;
  const gray = new Uint8Array(width * d.height * repeat).fill(255);
  for (let y = 0; y < d.height; y++) {
    const out = y * repeat * width;
    if (present[y]) {
      const row = y * rowBytes;
      for (let x = 0; x < width; x++) {
        if ((((bits[row + (x >>> 3)] ?? 0) >>> (7 - (x & 7))) & 1) === black) gray[out + x] = 0;
      }
    }
    for (let r = 1; r < repeat; r++) gray.copyWithin(out + r * width, out, out + width);
  }
  return gray;
}

async function countPdfPages(bytes: Uint8Array): Promise<FaxRendering> {
  let pageCount: number;
  try {
    // Encrypted PDFs still expose their page tree; counting needs no password.
    const doc = await PDFDocument.load(bytes, { ignoreEncryption: true, updateMetadata: false });
    pageCount = doc.getPageCount();
  } catch (e) {
    throw unreadable('fax PDF could not be parsed', {
      reason: e instanceof Error ? e.message : String(e),
    });
  }
  if (pageCount < 1) throw unreadable('fax PDF has no pages');
  return { format: 'pdf', pageCount, pages: [] };
}
