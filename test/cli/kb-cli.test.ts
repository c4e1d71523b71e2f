/**
 * `kefu kb export` and `kefu kb import` between two stores: the demo articles leave as .md
 * files with front matter and arrive as drafts (translations linked again), an edited file
 * becomes a new version sent to review, and a broken file fails the command with its reason.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { defaultCenterConfig } from '../../src/app/app-context.ts';
import { seedKnowledgeBase } from '../../src/app/kb/kb-demo-seed.ts';
import { systemClock } from '../../src/app/ports/clock.ts';
import type { Store } from '../../src/app/ports/store.ts';
import { kbCommand } from '../../src/cli/kb-command.ts';
import { openTestStore } from '../support/test-stores.ts';

/** The command closes the store it was given; keep it open for the assertions. */
const lend = (store: Store) => async () => ({
  store: Object.assign(Object.create(store) as Store, { close: async () => undefined }),
  where: 'test store',
});

describe('kefu kb export / import', () => {
  let from: Store;
  let to: Store;
  let dir: string;
  beforeAll(async () => {
    [from, to] = await Promise.all([openTestStore('pglite'), openTestStore('pglite')]);
    await seedKnowledgeBase({
      store: from,
      clock: systemClock,
      ids: { newId: randomUUID },
      config: defaultCenterConfig,
    });
    dir = await mkdtemp(join(tmpdir(), 'kefu-kb-'));
  }, 60_000);
  afterAll(async () => {
    await Promise.all([from?.close(), to?.close()]);
    await rm(dir, { recursive: true, force: true });
  });

  it('moves articles between centers as Markdown files', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await kbCommand(['export', '--dir', dir], lend(from))).toBe(0);
    const en = await readFile(join(dir, 'roaming-japan-en.md'), 'utf8');
    expect(en).toContain('translationOf: roaming-japan\n');
    expect(await kbCommand(['import', '--dir', dir], lend(to))).toBe(0);
    const copy = await to.kb.articleBySlug('roaming-japan-en');
    const original = await to.kb.articleBySlug('roaming-japan');
    expect(copy).toMatchObject({
      state: 'draft',
      version: 1,
      live: null,
      groupId: original?.id,
    });
    expect(copy?.working.body).toBe(
      (await from.kb.articleBySlug('roaming-japan-en'))?.working.body,
    );
    expect((await to.kb.articles({}, { limit: 50, offset: 0 })).total).toBe(8);

    await writeFile(join(dir, 'roaming-japan-en.md'), en.replace('28 yuan a day', '26 yuan a day'));
    await writeFile(join(dir, 'broken.md'), '---\ntitle: never closed\n');
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await kbCommand(['import', '--dir', dir, '--submit'], lend(to))).toBe(1);
    expect(log.mock.calls.flat().join('\n')).toMatch(
      /failed {4}broken\.md {2}\(kb\.invalid_import/,
    );
    expect(await to.kb.articleBySlug('roaming-japan-en')).toMatchObject({
      version: 2,
      state: 'in_review',
    });
    expect(await kbCommand(['import'], lend(to))).toBe(2);
    log.mockRestore();
    err.mockRestore();
  });
});
