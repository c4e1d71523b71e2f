/**
 * Knowledge-base search over a real store, PGlite and PostgreSQL: the 200-article corpus is
 * published through the workflow, then known queries — Chinese without spaces, English with
 * typos, a tag-only word — must find their article in the top 3. Visibility: internal articles
 * only for agents, expired and future tariffs for nobody, archived articles leave the index.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCenterConfig, type Actor, type AppDeps } from '../../src/app/app-context.ts';
import { KbArticleService } from '../../src/app/kb/kb-article-service.ts';
import { KbCategories } from '../../src/app/kb/kb-categories.ts';
import { KbSearch } from '../../src/app/kb/kb-search.ts';
import { ManualClock } from '../../src/app/ports/clock.ts';
import type { Store } from '../../src/app/ports/store.ts';
import { corpusQueries, kbCorpus, loadCorpus } from '../support/kb-corpus.ts';
import { openTestStore, storeKinds } from '../support/test-stores.ts';

const admin: Actor = {
  id: 'admin-1',
  username: 'admin',
  role: 'admin',
  teamIds: [],
  customerId: null,
  ip: null,
};

describe.each(storeKinds)('knowledge-base search on %s', (kind) => {
  let store: Store;
  let clock: ManualClock;
  let search: KbSearch;
  let articles: KbArticleService;
  let ids: Map<string, string>;
  const slugOf = (id: string) => [...ids].find(([, v]) => v === id)?.[0];

  beforeAll(async () => {
    store = await openTestStore(kind);
    clock = new ManualClock(Date.parse('2026-11-30T02:00:00Z'));
    const deps: AppDeps = { store, clock, ids: { newId: randomUUID }, config: defaultCenterConfig };
    articles = new KbArticleService(deps);
    search = new KbSearch(deps);
    ids = await loadCorpus({ articles, categories: new KbCategories(deps) }, clock.now());
  }, 180_000);
  afterAll(async () => {
    await store?.close();
  });

  it('holds over 200 articles in both languages', () => {
    const corpus = kbCorpus(clock.now());
    expect(corpus.length).toBeGreaterThanOrEqual(200);
    expect(corpus.filter((a) => a.lang === 'en').length).toBeGreaterThan(80);
    expect(corpus.filter((a) => a.lang === 'zh-CN').length).toBeGreaterThan(80);
  });

  it.each(corpusQueries)(
    'finds $expect for "$q" in the top 3 ($why)',
    async ({ q, expect: want, lang }) => {
      const hits = await search.search(q, { audience: 'public', lang, limit: 3 });
      expect(hits.map((h) => slugOf(h.article.id))).toContain(want);
    },
  );

  it('ranks the exact sibling first for Chinese place names', async () => {
    for (const [q, want] of [
      ['日本漫游', 'roaming-japan-zh'],
      ['韩国漫游', 'roaming-korea-zh'],
      ['加拿大漫游', 'roaming-canada-zh'],
    ] as const) {
      const [first] = await search.search(q, { audience: 'public', limit: 1 });
      expect(slugOf(first?.article.id ?? '')).toBe(want);
    }
  });

  it('highlights the matched words in title and snippet', async () => {
    const [hit] = await search.search('日本漫游', { audience: 'public', limit: 1 });
    expect(hit?.title.filter((s) => s.hit).map((s) => s.text)).toEqual(['日本', '漫游']);
    expect(hit?.snippet.some((s) => s.hit && s.text.includes('日本'))).toBe(true);
    const [typo] = await search.search('romaing japan', {
      audience: 'public',
      limit: 1,
      lang: 'en',
    });
    // The typo found "roaming", so "Roaming" is what is marked.
    expect(typo?.title.filter((s) => s.hit).map((s) => s.text)).toEqual(['Roaming', 'Japan']);
  });

  it('shows internal articles to agents and never to customers', async () => {
    const agentHits = await search.search('retention offer portability', {
      audience: 'internal',
      limit: 5,
    });
    expect(agentHits.map((h) => slugOf(h.article.id))).toContain('retention-offer');
    const publicHits = await search.search('retention offer portability', {
      audience: 'public',
      limit: 50,
    });
    expect(publicHits.map((h) => h.article.live.audience)).not.toContain('internal');
    expect(publicHits.map((h) => slugOf(h.article.id))).not.toContain('retention-offer');
    // Every internal script stays hidden from the public, whatever is asked.
    const scripts = await search.search('坐席话术', { audience: 'public', limit: 50 });
    expect(scripts.filter((h) => h.article.live.audience === 'internal')).toEqual([]);
    expect(
      (await search.search('坐席话术', { audience: 'internal', limit: 50 })).length,
    ).toBeGreaterThan(20);
  });

  it('leaves out tariffs outside their validity, until they start', async () => {
    const expired = await search.search('summer holiday roaming promotion', {
      audience: 'internal',
      limit: 50,
    });
    expect(expired.map((h) => slugOf(h.article.id))).not.toContain('summer-promo-expired');
    const future = await search.search('春节漫游优惠', { audience: 'public', limit: 50 });
    expect(future.map((h) => slugOf(h.article.id))).not.toContain('spring-festival-future');
    clock.advance(31 * 86_400_000);
    const started = await search.search('春节漫游优惠', { audience: 'public', limit: 3 });
    expect(started.map((h) => slugOf(h.article.id))).toContain('spring-festival-future');
    clock.advance(-31 * 86_400_000);
  });

  it('keeps the published version searchable while a new one is drafted, and archiving removes it', async () => {
    const id = ids.get('voicemail-en') as string;
    let a = await articles.get(admin, id);
    a = await articles.edit(admin, id, a.rev, {
      ...a.working,
      title: 'Visual voicemail for everyone',
      note: 'rename',
    });
    expect(a.state).toBe('draft');
    // The draft's new words are not searchable yet; the live copy still is.
    expect(await search.search('visual', { audience: 'public', lang: 'en' })).toEqual([]);
    expect(
      (await search.search('voicemail', { audience: 'public', lang: 'en', limit: 1 }))[0]?.article
        .id,
    ).toBe(id);
    a = await articles.move(admin, id, a.rev, 'submit', null);
    a = await articles.move(admin, id, a.rev, 'publish', null);
    expect(
      (await search.search('visual voicemail', { audience: 'public', limit: 1 }))[0]?.article.id,
    ).toBe(id);
    await articles.move(admin, id, a.rev, 'archive', null);
    expect(
      (await search.search('visual voicemail', { audience: 'public', limit: 10 })).map(
        (h) => h.article.id,
      ),
    ).not.toContain(id);
    expect((await articles.versions(id)).map((v) => v.version)).toEqual([2, 1]);
  });

  it('filters by language', async () => {
    const zh = await search.search('5G', { audience: 'public', lang: 'zh-CN', limit: 50 });
    expect(zh.length).toBeGreaterThan(0);
    expect(zh.every((h) => h.article.lang === 'zh-CN')).toBe(true);
  });

  it('answers nothing for words nobody wrote about', async () => {
    expect(await search.search('quantum teleportation', { audience: 'internal' })).toEqual([]);
    expect(await search.search('   ', { audience: 'internal' })).toEqual([]);
  });
});
