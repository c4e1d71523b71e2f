/**
 * Downloads a CSV through fetch and a ReadableStream, reporting progress as lines arrive against
 * the server's X-Total-Rows hint, then hands the file to the browser.
 */
import { session } from '../../api/client.ts';

export async function downloadCsv(
  path: string,
  fileName: string,
  onProgress: (done: number, total: number | null) => void,
): Promise<number> {
  const token = session.token;
  const r = await fetch(path, { headers: token ? { authorization: `Bearer ${token}` } : {} });
  if (!r.ok || !r.body) throw new Error(`export failed: ${r.status}`);
  const totalHeader = r.headers.get('x-total-rows');
  const total = totalHeader === null ? null : Number(totalHeader);
  const reader = r.body.getReader();
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let lines = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    for (const b of value) if (b === 10) lines++;
    onProgress(Math.max(0, lines - 1), total);
  }
  const url = URL.createObjectURL(new Blob(parts, { type: 'text/csv' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return Math.max(0, lines - 1);
}
