/**
 * Reads the image file directories (IFDs, one per page) of a TIFF with every count and offset
 * checked against the file before it is used. utif's own reader is not used for this: it follows
 * the IFD chain without a cycle check (a file whose last IFD points back at the first never ends)
 * and believes each tag's value count (a tag claiming four billion values fills an array until
 * the process dies). A fax gateway reads files from strangers, so the walk here is bounded.
 */
import { DomainError } from '../../domain/errors.ts';

/** The tags a bilevel fax page needs, already defaulted as TIFF 6.0 says. */
export interface TiffDirectory {
  width: number;
  height: number;
  bitsPerSample: number;
  samplesPerPixel: number;
  /** 1 none, 2 CCITT RLE, 3 CCITT T.4 (Group 3), 4 CCITT T.6 (Group 4), … */
  compression: number;
  /** 0 WhiteIsZero, 1 BlackIsZero, … */
  photometric: number;
  /** 1: the first pixel is the byte's high bit; 2: its low bit (common in fax modems). */
  fillOrder: number;
  /** T4Options: bit 0 = 2-D coding, bit 1 = uncompressed mode, bit 2 = EOLs byte-aligned. */
  group3Options: number;
  /** Bit 0 set: a reduced-resolution copy (thumbnail) of another page, not a page itself. */
  newSubfileType: number;
  rowsPerStrip: number;
  stripOffsets: number[];
  stripByteCounts: number[];
  /** Pixels per unit; the unit does not matter here, only the X:Y ratio does. */
  xResolution: number | undefined;
  yResolution: number | undefined;
  tiled: boolean;
}

/** Bytes per value of each TIFF field type (6.0 types 1-12, then 13 IFD, 16-18 BigTIFF); 0: unknown. */
const TYPE_SIZE = [0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4, 0, 0, 8, 8, 8];

const unreadable = (message: string, details?: Record<string, unknown>) =>
  new DomainError('fax.unreadable', message, details);

/**
 * Lists the file's IFDs in order. Throws 'fax.unreadable' for anything that is not a well-formed
 * classic TIFF, and 'fax.too_large' as soon as the chain holds more than `maxDirectories`.
 */
export function readTiffDirectories(file: Uint8Array, maxDirectories: number): TiffDirectory[] {
  if (file.length < 8) throw unreadable('not a TIFF file: too short');
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const order = String.fromCharCode(file[0] ?? 0, file[1] ?? 0);
  if (order !== 'II' && order !== 'MM') throw unreadable('not a TIFF file: no byte-order mark');
  const le = order === 'II';
  const u16 = (at: number) => view.getUint16(at, le);
  const u32 = (at: number) => view.getUint32(at, le);
  const magic = u16(2);
  if (magic === 43) throw unreadable('BigTIFF is not supported for fax pages');
  if (magic !== 42) throw unreadable('not a TIFF file: bad magic number');

  const directories: TiffDirectory[] = [];
  const seen = new Set<number>();
  for (let at = u32(4); at !== 0;) {
    if (seen.has(at)) throw unreadable('TIFF directory chain loops back on itself');
    seen.add(at);
    if (directories.length === maxDirectories)
      throw new DomainError('fax.too_large', `fax has more than ${maxDirectories} pages`, {
        maxPages: maxDirectories,
      });
    if (at + 2 > file.length) throw unreadable('TIFF directory offset is past the end of file');
    const count = u16(at);
    const end = at + 2 + count * 12;
    if (end + 4 > file.length) throw unreadable('TIFF directory runs past the end of file');
    directories.push(readDirectory(file, view, le, at + 2, count));
    at = u32(end);
  }
  if (directories.length === 0) throw unreadable('TIFF file has no pages');
  return directories;
}

function readDirectory(
  file: Uint8Array,
  view: DataView,
  le: boolean,
  first: number,
  count: number,
): TiffDirectory {
  const tags = new Map<number, number[]>();
  for (let i = 0; i < count; i++) {
    const entry = first + i * 12;
    const tag = view.getUint16(entry, le);
    const type = view.getUint16(entry + 2, le);
    const n = view.getUint32(entry + 4, le);
    const size = TYPE_SIZE[type] ?? 0;
    // Unknown types must be skipped (TIFF 6.0, section 2); so are tags this reader never uses.
    if (size === 0 || !WANTED.has(tag)) continue;
    const bytes = n * size;
    const at = bytes <= 4 ? entry + 8 : view.getUint32(entry + 8, le);
    if (at + bytes > file.length)
      throw unreadable('TIFF tag value lies past the end of file', { tag });
    tags.set(tag, readValues(view, le, type, at, n));
  }

  const one = (tag: number, fallback: number): number => tags.get(tag)?.[0] ?? fallback;
  const width = one(256, 0);
  const height = one(257, 0);
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1)
    throw unreadable('TIFF page has no valid width and height');
  const stripOffsets = tags.get(273) ?? [];
  const stripByteCounts = tags.get(279) ?? [];
  const tiled = tags.has(322) || tags.has(324);
  if (!tiled) {
    if (stripOffsets.length === 0 || stripOffsets.length !== stripByteCounts.length)
      throw unreadable('TIFF page has no usable strip table');
    stripOffsets.forEach((offset, i) => {
      if (offset + (stripByteCounts[i] ?? 0) > file.length)
        throw unreadable('TIFF strip lies past the end of file', { strip: i });
    });
  }
  const rowsPerStrip = Math.min(one(278, height), height);
  return {
    width,
    height,
    bitsPerSample: one(258, 1),
    samplesPerPixel: one(277, 1),
    compression: one(259, 1),
    // Required by TIFF, but some fax software omits it; Class F pages are WhiteIsZero.
    photometric: one(262, 0),
    fillOrder: one(266, 1),
    group3Options: one(292, 0),
    newSubfileType: one(254, 0),
    rowsPerStrip: rowsPerStrip >= 1 ? rowsPerStrip : height,
    stripOffsets,
    stripByteCounts,
    xResolution: tags.get(282)?.[0],
    yResolution: tags.get(283)?.[0],
    tiled,
  };
}

/** NewSubfileType, size, bits, compression, photometric, fill order, strips, resolution, T4. */
const WANTED = new Set([
  254, 256, 257, 258, 259, 262, 266, 273, 277, 278, 279, 282, 283, 292, 322, 324,
]);

/** Unsigned integers and rationals only: no tag this reader wants has any other type. */
function readValues(view: DataView, le: boolean, type: number, at: number, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    if (type === 3) out.push(view.getUint16(at + 2 * i, le));
    else if (type === 4) out.push(view.getUint32(at + 4 * i, le));
    else if (type === 1) out.push(view.getUint8(at + i));
    else if (type === 5) {
      const den = view.getUint32(at + 8 * i + 4, le);
      out.push(den === 0 ? Number.NaN : view.getUint32(at + 8 * i, le) / den);
    } else out.push(Number.NaN);
  }
  return out;
}
