/**
 * Knowledge-base search latency: publishes the test corpus (test/support/kb-corpus.ts, 202
 * articles in Chinese and English; `--copies N` repeats it N times under new slugs for a larger
 * base), then times the known queries (Chinese without spaces, English with typos, tag-only)
 * and case suggestions (a customer's whole e-mail as the query), on PGlite then PostgreSQL.
 * Prints p50/p95 per kind; no pass/fail.
 *
 *   npx tsx bench/kb.ts [--copies 1] [--rounds 30]
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { defaultCenterConfig, type Actor, type AppDeps } from '../src/app/app-context.ts';
import { KbArticleService } from '../src/app/kb/kb-article-service.ts';
import { KbCategories } from '../src/app/kb/kb-categories.ts';
import { KbSearch } from '../src/app/kb/kb-search.ts';
import { systemClock } from '../src/app/ports/clock.ts';
import { corpusQueries, kbCorpus } from '../test/support/kb-corpus.ts';
import { onEachStore } from './support/each-store.ts';

const { values: v } = parseArgs({
  options: {
    copies: { type: 'string', default: '1' },
    rounds: { type: 'string', default: '30' },
  },
});
const copies = Number(v.copies);
const rounds = Number(v.rounds);

const author: Actor = {
  id: 'bench-author',
  username: 'bench',
  role: 'supervisor',
  teamIds: [],
  customerId: null,
  ip: null,
};
const reviewer: Actor = { ...author, id: 'bench-reviewer' };

const suggestTexts = [
  '您好，我下周要去日本出差一周，想问一下在日本用手机上网怎么收费，有没有日套餐？另外接电话要钱吗？',
  '我的宽带从昨天晚上开始就上不了网，光猫上有个红灯一直在闪，重启了也没用，麻烦尽快派人来修。',
  'Hello, I am travelling to Thailand next month. How much does roaming cost there and how do I turn it on?',
  'I lost my phone yesterday and need a new SIM card with the same number. What do I need to bring?',
];

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

async function time(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

await onEachStore(async (label, store) => {
  const deps: AppDeps = {
    store,
    clock: systemClock,
    ids: { newId: randomUUID },
    config: defaultCenterConfig,
  };
  const articles = new KbArticleService(deps);
  const categories = new KbCategories(deps);
  const search = new KbSearch(deps);
  const cat = (await categories.create(author, { name: 'All', nameZh: '全部', parentId: null })).id;
  const corpus = kbCorpus(new Date());
  const t0 = Date.now();
  let n = 0;
  for (let c = 0; c < copies; c++) {
    const suffix = c === 0 ? '' : `-c${c}`;
    const ids = new Map<string, string>();
    for (const a of corpus) {
      const created = await articles.create(author, {
        slug: `${a.slug}${suffix}`,
        lang: a.lang,
        title: a.title,
        body: a.body,
        tags: a.tags,
        audience: a.audience,
        categoryId: cat,
        validFrom: a.validFrom ?? null,
        validUntil: a.validUntil ?? null,
        translationOf: a.translationOf ? (ids.get(a.translationOf) ?? null) : null,
      });
      const sub = await articles.move(author, created.id, created.rev, 'submit', null);
      await articles.move(reviewer, created.id, sub.rev, 'publish', null);
      ids.set(a.slug, created.id);
      n++;
    }
  }
  const loadS = (Date.now() - t0) / 1000;
  // Warm up the connection and the plan cache.
  for (const q of corpusQueries.slice(0, 3)) await search.search(q.q, { audience: 'public' });
  const kinds: Record<string, number[]> = {
    'Chinese, no spaces': [],
    'English with typos': [],
    'other queries': [],
    'case suggestion': [],
  };
  for (let r = 0; r < rounds; r++) {
    for (const q of corpusQueries) {
      const kind = /[\u4e00-\u9fff]/.test(q.q)
        ? 'Chinese, no spaces'
        : /typo/.test(q.why)
          ? 'English with typos'
          : 'other queries';
      kinds[kind]?.push(
        await time(() => search.search(q.q, { audience: 'public', lang: q.lang, limit: 10 })),
      );
    }
    for (const text of suggestTexts)
      kinds['case suggestion']?.push(
        await time(() => search.search(text, { audience: 'internal', limit: 5, mode: 'suggest' })),
      );
  }
  console.log(
    `\n${label}: ${n} articles published in ${loadS.toFixed(1)} s (${(n / loadS).toFixed(0)} articles/s: create, submit, publish + index)`,
  );
  console.log(
    'kind'.padEnd(22),
    'searches'.padStart(9),
    'p50 ms'.padStart(8),
    'p95 ms'.padStart(8),
  );
  const all: number[] = [];
  for (const [kind, xs] of Object.entries(kinds)) {
    all.push(...xs);
    console.log(
      kind.padEnd(22),
      String(xs.length).padStart(9),
      pct(xs, 50).toFixed(1).padStart(8),
      pct(xs, 95).toFixed(1).padStart(8),
    );
  }
  console.log(
    'all'.padEnd(22),
    String(all.length).padStart(9),
    pct(all, 50).toFixed(1).padStart(8),
    pct(all, 95).toFixed(1).padStart(8),
  );
});
