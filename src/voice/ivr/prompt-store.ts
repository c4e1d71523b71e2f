/**
 * Prompts as 8 kHz PCM, loaded from WAV files once and cached. A prompt name is a path under the
 * prompts directory without `.wav` (`zh/welcome`, `en/num-20`, `moh`); files at other rates are
 * resampled on load.
 */
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { resampleTo8k } from '../media/resample.ts';
import { readWav } from '../media/wav.ts';

export const defaultPromptsDir = fileURLToPath(new URL('../../../assets/prompts', import.meta.url));

export class PromptStore {
  private readonly cache = new Map<string, Promise<Int16Array>>();

  constructor(readonly dir: string = defaultPromptsDir) {}

  /** The prompt's samples; rejects for names outside the directory or missing files. */
  load(name: string): Promise<Int16Array> {
    let p = this.cache.get(name);
    if (!p) {
      p = this.read(name);
      this.cache.set(name, p);
      p.catch(() => this.cache.delete(name));
    }
    return p;
  }

  /** Loads several; a missing one becomes 200 ms of silence rather than failing the call. */
  async loadAll(names: readonly string[]): Promise<Int16Array[]> {
    return Promise.all(names.map((n) => this.load(n).catch(() => new Int16Array(1600))));
  }

  private async read(name: string): Promise<Int16Array> {
    const rel = normalize(`${name}.wav`);
    if (rel.startsWith('..') || rel.startsWith('/')) throw new Error(`bad prompt name ${name}`);
    const wav = readWav(await readFile(join(this.dir, rel)));
    const mono = wav.samples[0] ?? new Int16Array(0);
    return wav.sampleRate === 8000 ? mono : resampleTo8k(mono, wav.sampleRate);
  }
}
