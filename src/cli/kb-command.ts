/**
 * `kefu kb export --dir DIR` writes every article as DIR/<slug>.md (front matter + Markdown);
 * `kefu kb import --dir DIR [--submit]` reads DIR/*.md (or `--file bundle.json`, the page's
 * export) back: new slugs become drafts, changed articles new versions (sent to review with
 * --submit). Run it against a stopped center when the store is PGlite (one process per
 * data directory); against PostgreSQL any time.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { defaultCenterConfig, systemActor } from '../app/app-context.ts';
import { createKnowledgeBase } from '../app/kb/knowledge-base.ts';
import type { KbFile } from '../app/kb/kb-transfer.ts';
import { CaseService } from '../app/cases/case-service.ts';
import { systemClock } from '../app/ports/clock.ts';
import type { Store } from '../app/ports/store.ts';

export const kbUsage = `kefu kb export --dir DIR [--data-dir D]
  kefu kb import (--dir DIR | --file bundle.json) [--submit] [--data-dir D]`;

export async function kbCommand(
  args: string[],
  open: (v: { 'data-dir'?: string | undefined }) => Promise<{ store: Store; where: string }>,
): Promise<number> {
  const [sub, ...rest] = args;
  const { values: v } = parseArgs({
    args: rest,
    options: {
      'data-dir': { type: 'string' },
      dir: { type: 'string' },
      file: { type: 'string' },
      submit: { type: 'boolean' },
    },
  });
  if (
    (sub !== 'export' && sub !== 'import') ||
    (sub === 'export' && !v.dir) ||
    (sub === 'import' && !v.dir === !v.file)
  ) {
    console.error(kbUsage);
    return 2;
  }
  const { store, where } = await open(v);
  try {
    const deps = {
      store,
      clock: systemClock,
      ids: { newId: randomUUID },
      config: defaultCenterConfig,
    };
    const kb = createKnowledgeBase(deps, new CaseService(deps));
    if (sub === 'export') {
      const files = await kb.transfer.export();
      await mkdir(v.dir as string, { recursive: true });
      for (const f of files) await writeFile(join(v.dir as string, f.name), f.content);
      console.log(`exported ${files.length} articles from ${where} to ${v.dir}`);
      return 0;
    }
    let files: KbFile[];
    if (v.file) files = (JSON.parse(await readFile(v.file, 'utf8')) as { files: KbFile[] }).files;
    else {
      const names = (await readdir(v.dir as string))
        .filter((n) => n.toLowerCase().endsWith('.md'))
        .sort();
      files = await Promise.all(
        names.map(async (name) => ({
          name,
          content: await readFile(join(v.dir as string, name), 'utf8'),
        })),
      );
    }
    const report = await kb.transfer.import(systemActor, files, { submit: v.submit ?? false });
    for (const r of report)
      console.log(
        `${r.result.padEnd(9)} ${r.name}${r.message ? `  (${r.code}: ${r.message})` : ''}`,
      );
    const failed = report.filter((r) => r.result === 'failed').length;
    console.log(`imported ${report.length - failed} of ${report.length} files into ${where}`);
    return failed ? 1 : 0;
  } finally {
    await store.close();
  }
}
