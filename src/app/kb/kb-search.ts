/**
 * Knowledge-base search, the same on both stores: the query's terms (CJK bigrams and words,
 * domain/kb/kb-tokenizer.ts), widened by typo-close words from the trigram table, looked up in
 * the app's own index (kb_terms) under the searcher's visibility, ranked in the domain
 * (kb-ranking.ts) and returned with highlighted snippets. Suggestions use the same path with a
 * long "query" made of what the case or contact says.
 */
import type { Article, Audience, KbLang, LiveCopy } from '../../domain/kb/article.ts';
import {
  highlightTerms,
  segments,
  matchSpans,
  snippet,
  type Segment,
} from '../../domain/kb/kb-highlight.ts';
import { rankArticles, type KbHit } from '../../domain/kb/kb-ranking.ts';
import { queryTerms } from '../../domain/kb/kb-tokenizer.ts';
import { closeWords, trigrams, typoBudget } from '../../domain/kb/term-similarity.ts';
import type { AppDeps } from '../app-context.ts';
import type { KbVisibility } from '../ports/kb-repo.ts';
import { markdownText } from './article-html.ts';

export interface SearchHit {
  readonly article: Article & { live: LiveCopy };
  readonly score: number;
  readonly title: Segment[];
  readonly snippet: Segment[];
  /** The query terms the article matched. */
  readonly matched: readonly string[];
}

export interface SearchOptions {
  readonly audience: Audience;
  readonly lang?: KbLang | undefined;
  readonly limit?: number;
  readonly mode?: 'query' | 'suggest';
}

/** A suggestion's "query" keeps its rarest terms: common ones only add noise and time. */
const maxSuggestTerms = 40;

export class KbSearch {
  constructor(private readonly deps: AppDeps) {}

  async search(q: string, o: SearchOptions): Promise<SearchHit[]> {
    const mode = o.mode ?? 'query';
    const limit = o.limit ?? 10;
    const kb = this.deps.store.kb;
    const vis: KbVisibility = { audience: o.audience, lang: o.lang, now: this.deps.clock.now() };
    let tokens = queryTerms(q.slice(0, 4000));
    if (tokens.length === 0) return [];

    // Each query term maps to index words with a similarity: itself at 1, typo-close words less.
    const via = new Map<string, { queryTerm: string; similarity: number }[]>();
    const add = (word: string, queryTerm: string, similarity: number) =>
      via.set(word, [...(via.get(word) ?? []), { queryTerm, similarity }]);
    for (const t of tokens) add(t.term, t.term, 1);
    if (mode === 'query') {
      // One trigram lookup per word, concurrently (a pool runs them side by side).
      const close = await Promise.all(
        tokens.map(async (t) => {
          const budget = typoBudget(Array.from(t.term).length);
          if (t.kind !== 'word' || budget === 0) return [];
          const grams = trigrams(t.term);
          const candidates = await kb.wordsSharingGrams(
            grams,
            Math.max(1, grams.length - 4 * budget),
            50,
          );
          return closeWords(t.term, candidates).map((c) => ({ ...c, of: t.term }));
        }),
      );
      for (const c of close.flat()) add(c.term, c.of, c.similarity);
    }
    const lookups = () =>
      Promise.all([kb.termHits([...via.keys()], vis), kb.visibleCount(vis)] as const);
    let df: Map<string, number>;
    let rows: Awaited<ReturnType<typeof kb.termHits>>;
    let total: number;
    if (mode === 'query') {
      // A typed query needs all three lookups; they run side by side on a pool.
      [df, [rows, total]] = await Promise.all([kb.docFreq([...via.keys()], vis), lookups()]);
    } else {
      // A suggestion first keeps its rarest known terms, then looks only those up.
      df = await kb.docFreq([...via.keys()], vis);
      const known = tokens.filter((t) => (df.get(t.term) ?? 0) > 0);
      known.sort((a, b) => (df.get(a.term) ?? 0) - (df.get(b.term) ?? 0));
      tokens = known.slice(0, maxSuggestTerms);
      const keep = new Set(tokens.map((t) => t.term));
      for (const w of [...via.keys()]) if (!keep.has(w)) via.delete(w);
      df = new Map([...df].filter(([w]) => keep.has(w)));
      if (tokens.length === 0) return [];
      [rows, total] = await lookups();
    }
    const hits: KbHit[] = [];
    const publishedAt = new Map<string, Date>();
    for (const r of rows) {
      publishedAt.set(r.articleId, r.publishedAt);
      for (const v of via.get(r.term) ?? [])
        hits.push({
          articleId: r.articleId,
          queryTerm: v.queryTerm,
          field: r.field,
          tf: r.tf,
          similarity: v.similarity,
        });
    }
    // A query term's document frequency: its own, or its most common stand-in when misspelt.
    const queryDf = new Map<string, number>();
    for (const [word, maps] of via)
      for (const m of maps)
        queryDf.set(m.queryTerm, Math.max(queryDf.get(m.queryTerm) ?? 0, df.get(word) ?? 0));
    const ranked = rankArticles({
      hits,
      queryTerms: tokens.map((t) => t.term),
      docFreq: queryDf,
      total,
      publishedAt,
      now: vis.now,
      mode,
    }).slice(0, limit);
    const articles = new Map(
      (await kb.articlesById(ranked.map((r) => r.articleId))).map((a) => [a.id, a]),
    );
    const marks = highlightTerms(
      tokens.map((t) => t.term),
      [...via.keys()],
    );
    const out: SearchHit[] = [];
    for (const r of ranked) {
      const a = articles.get(r.articleId);
      if (!a?.live) continue; // archived between the two reads
      out.push({
        article: a as Article & { live: LiveCopy },
        score: r.score,
        title: segments(a.live.title, matchSpans(a.live.title, marks)),
        snippet: snippet(markdownText(a.live.body), marks, 140),
        matched: r.matched,
      });
    }
    return out;
  }
}
