/** Recordings as files under one directory (mount shared storage there for several nodes). */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { RecordingStore } from '../../app/ports/recording-store.ts';

const idPattern = /^\d{4}-\d{2}-\d{2}\/[A-Za-z0-9-]+\.wav$/;

export class FileRecordingStore implements RecordingStore {
  constructor(readonly dir: string) {}

  pathFor(id: string): string {
    if (!idPattern.test(id)) throw new Error(`bad recording id ${id}`);
    return join(this.dir, normalize(id));
  }

  async open(id: string) {
    if (!idPattern.test(id)) return null;
    const path = this.pathFor(id);
    try {
      const s = await stat(path);
      return { stream: createReadStream(path), size: s.size };
    } catch {
      return null;
    }
  }
}
