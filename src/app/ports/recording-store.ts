/**
 * Where call recordings live. Ids are relative paths like `2026-11-29/<contact>.wav`.
 * `pathFor` gives the file the recorder writes; `open` resolves with the bytes' stream and the
 * whole file's size — only bytes `start..end` (inclusive) when a range is given — or null when
 * there is no such recording (never throws for an unknown or malformed id). `remove` resolves
 * true if it deleted the file, false if there was none.
 */
import type { Readable } from 'node:stream';

export interface RecordingStore {
  pathFor(id: string): string;
  open(
    id: string,
    range?: { start: number; end: number },
  ): Promise<{ stream: Readable; size: number } | null>;
  size(id: string): Promise<number | null>;
  remove(id: string): Promise<boolean>;
}
