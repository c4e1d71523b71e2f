/** The RFC 4475 torture messages and their MANIFEST (file, section, class). */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const tortureDir = join(import.meta.dirname, '../../../../fixtures/sip-torture/rfc4475');

export type TortureClass = 'valid' | 'invalid' | 'transaction' | 'application' | 'rfc2543-compat';

export interface TortureCase {
  readonly name: string;
  readonly section: string;
  readonly cls: TortureClass;
  readonly data: Buffer;
}

export function loadTorture(): TortureCase[] {
  return readFileSync(join(tortureDir, 'MANIFEST'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('#'))
    .map((l) => {
      const [name = '', section = '', cls = ''] = l.trim().split(/\s+/);
      return {
        name,
        section,
        cls: cls as TortureClass,
        data: readFileSync(join(tortureDir, `${name}.dat`)),
      };
    });
}

export function tortureMessage(name: string): Buffer {
  return readFileSync(join(tortureDir, `${name}.dat`));
}
