/**
 * Where call recordings live. Ids are relative paths like `2026-11-29/<contact>.wav`.
 * `pathFor` gives the file the recorder writes; `open` resolves with the bytes' stream and size,
 * or null when there is no such recording (never throws for an unknown or malformed id).
 */
import type { Readable } from 'node:stream';

export interface RecordingStore {
  pathFor(id: string): string;
  open(id: string): Promise<{ stream: Readable; size: number } | null>;
}
