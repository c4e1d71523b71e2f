/**
 * Turns an image (a PNG page the agent's browser drew, or one the agent attached) into a fax
 * page: scaled to T.4's 1728-pixel line and thresholded to black and white.
 */
import { FAX_WIDTH, type FaxBitmap } from './fax-document.ts';
import { decodePng } from './png-decoder.ts';

/** A page image may be up to three A4 pages tall once scaled (a long screenshot, say). */
const MAX_PAGE_ROWS = 3 * 2292;
/** Grey darker than this prints black: anti-aliased text keeps its strokes. */
const INK = 160;

export function faxPageFromPng(png: Uint8Array, maxPixels: number): FaxBitmap {
  const img = decodePng(png, maxPixels);
  const scale = FAX_WIDTH / img.width;
  const height = Math.min(MAX_PAGE_ROWS, Math.max(1, Math.round(img.height * scale)));
  const rowBytes = FAX_WIDTH / 8;
  const bits = new Uint8Array(rowBytes * height);
  // Area sampling would be smoother; nearest is enough for text drawn at fax resolution.
  const column = Array.from({ length: FAX_WIDTH }, (_, x) =>
    Math.min(img.width - 1, Math.floor(x / scale)),
  );
  for (let y = 0; y < height; y++) {
    const from = Math.min(img.height - 1, Math.floor(y / scale)) * img.width;
    for (let x = 0; x < FAX_WIDTH; x++) {
      if ((img.gray[from + (column[x] ?? 0)] ?? 255) < INK) {
        const at = y * rowBytes + (x >>> 3);
        bits[at] = (bits[at] ?? 0) | (0x80 >>> (x & 7));
      }
    }
  }
  return { width: FAX_WIDTH, height, bits };
}
