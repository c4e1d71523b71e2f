/** Recordings as files under one directory (mount shared storage there for several nodes). */
import { createReadStream } from 'node:fs';
import { stat, unlink } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import type { RecordingStore } from '../../app/ports/recording-store.ts';

const idPattern = /^\d{4}-\d{2}-\d{2}\/[A-Za-z0-9-]+\.wav$/;

export class FileRecordingStore implements RecordingStore {
  constructor(readonly dir: string) {}

  pathFor(id: string): string {
    if (!idPattern.test(id)) throw new Error(`bad recording id ${id}`);
    return join(this.dir, normalize(id));
  }

  async open(id: string, range?: { start: number; end: number }) {
    const size = await this.size(id);
    if (size === null) return null;
    return { stream: createReadStream(this.pathFor(id), range), size };
  }

  async size(id: string): Promise<number | null> {
    if (!idPattern.test(id)) return null;
    try {
      return (await stat(this.pathFor(id))).size;
    } catch {
      return null;
    }
  }

  async remove(id: string): Promise<boolean> {
    if (!idPattern.test(id)) return false;
    try {
      await unlink(this.pathFor(id));
      return true;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw e;
    }
  }
}
