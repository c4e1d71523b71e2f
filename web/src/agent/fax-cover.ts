/**
 * Draws a fax cover page on a canvas at fax resolution (T.4's 1728-pixel line, A4 at 196 lines
 * per inch). The browser has the CJK fonts the server lacks, so the page the agent previews is
 * the page sent: the composer uploads this canvas as a PNG, which the fax sender turns into the
 * TIFF-F page (src/channels/fax/fax-page-image.ts).
 */
export const coverWidth = 1728;
export const coverHeight = 2292;

const margin = 130;
const fonts =
  '"WenQuanYi Micro Hei", "Microsoft YaHei", "PingFang SC", "Noto Sans CJK SC", sans-serif';

export interface CoverText {
  title: string;
  /** Label and value pairs under the title (To, From, Date). */
  fields: [string, string][];
  body: string;
}

export function drawFaxCover(canvas: HTMLCanvasElement, c: CoverText): void {
  canvas.width = coverWidth;
  canvas.height = coverHeight;
  const g = canvas.getContext('2d');
  if (!g) return;
  g.fillStyle = '#fff';
  g.fillRect(0, 0, coverWidth, coverHeight);
  g.fillStyle = '#000';
  g.textBaseline = 'top';
  g.font = `bold 84px ${fonts}`;
  g.fillText(c.title, margin, margin);
  let y = margin + 130;
  g.font = `44px ${fonts}`;
  for (const [label, value] of c.fields) {
    g.fillText(`${label}: ${value}`, margin, y);
    y += 64;
  }
  y += 16;
  g.fillRect(margin, y, coverWidth - 2 * margin, 5);
  y += 50;
  const lineHeight = 62;
  const lines = wrap(g, c.body, coverWidth - 2 * margin);
  const room = Math.floor((coverHeight - margin - y) / lineHeight);
  const shown = lines.length > room ? [...lines.slice(0, room - 1), '……'] : lines;
  for (const line of shown) {
    g.fillText(line, margin, y);
    y += lineHeight;
  }
}

/**
 * Breaks text into lines that fit `width`: Chinese may break between any two characters; a
 * Latin word moves to the next line whole unless it is longer than a line by itself.
 */
function wrap(g: CanvasRenderingContext2D, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.replace(/\r\n?/g, '\n').split('\n')) {
    let line = '';
    for (const ch of Array.from(paragraph)) {
      if (g.measureText(line + ch).width <= width) {
        line += ch;
        continue;
      }
      const space = line.lastIndexOf(' ');
      if (/[\w.,;:!?'"-]/.test(ch) && space > 0) {
        lines.push(line.slice(0, space));
        line = line.slice(space + 1) + ch;
      } else {
        lines.push(line);
        line = ch === ' ' ? '' : ch;
      }
    }
    lines.push(line);
  }
  return lines;
}

/** The canvas as a PNG upload for `attachments[]`. */
export async function coverUpload(
  canvas: HTMLCanvasElement,
): Promise<{ filename: string; contentType: string; dataBase64: string }> {
  const blob = await new Promise<Blob>((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('no cover page'))), 'image/png'),
  );
  const bytes = new Uint8Array(await blob.arrayBuffer());
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return { filename: 'cover.png', contentType: 'image/png', dataBase64: btoa(bin) };
}
