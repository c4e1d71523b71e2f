/**
 * Ranks knowledge-base articles for a query from what the index returned.
 *
 * For each query term an article scores the best of the index terms it was matched through
 * (the term itself, or a typo-close word at reduced similarity):
 *
 *     term score = idf(term) × similarity × Σ over fields  fieldWeight × tf / (tf + 1.2)
 *
 * with fieldWeight title 3, tag 2.5, body 1 and idf = ln(1 + (N − df + 0.5) / (df + 0.5)) (BM25's).
 * The sum over query terms is multiplied by the idf-weighted share of query terms matched
 * (`coverage`) — squared for a typed query, so that an article holding all of 国际/际漫/漫游 beats
 * one that only says 国际 many times; as is for suggestions, whose "query" is a whole e-mail —
 * and by a freshness factor: 1 + 0.2 × 2^(−days since published / 90).
 */
import type { KbField } from './kb-tokenizer.ts';

export interface KbHit {
  readonly articleId: string;
  /** The query term this hit answers. */
  readonly queryTerm: string;
  readonly field: KbField;
  readonly tf: number;
  /** 1 for the term itself, less for a typo-close word. */
  readonly similarity: number;
}

export interface RankInput {
  readonly hits: readonly KbHit[];
  /** Every query term (after expansion each still counts once). */
  readonly queryTerms: readonly string[];
  /** Articles (live, visible to the searcher) holding each query term, by query term. */
  readonly docFreq: ReadonlyMap<string, number>;
  /** Live articles visible to the searcher. */
  readonly total: number;
  /** When each hit article's live version was published. */
  readonly publishedAt: ReadonlyMap<string, Date>;
  readonly now: Date;
  readonly mode: 'query' | 'suggest';
}

export interface Ranked {
  readonly articleId: string;
  readonly score: number;
  readonly matched: readonly string[];
}

export const fieldWeight: Readonly<Record<KbField, number>> = { title: 3, tag: 2.5, body: 1 };

export function idf(df: number, total: number): number {
  return Math.log(1 + (Math.max(total, df) - df + 0.5) / (df + 0.5));
}

export function freshness(publishedAt: Date | undefined, now: Date): number {
  if (!publishedAt) return 1;
  const days = Math.max(0, (now.getTime() - publishedAt.getTime()) / 86_400_000);
  return 1 + 0.2 * 2 ** (-days / 90);
}

export function rankArticles(i: RankInput): Ranked[] {
  const terms = [...new Set(i.queryTerms)];
  const idfOf = new Map(terms.map((t) => [t, idf(i.docFreq.get(t) ?? 0, i.total)]));
  const idfSum = terms.reduce((s, t) => s + (idfOf.get(t) ?? 0), 0);
  // article → query term → similarity → field → tf (a query term may arrive via several words).
  const byArticle = new Map<string, Map<string, Map<number, Map<KbField, number>>>>();
  for (const h of i.hits) {
    const a = byArticle.get(h.articleId) ?? new Map<string, Map<number, Map<KbField, number>>>();
    byArticle.set(h.articleId, a);
    const q = a.get(h.queryTerm) ?? new Map<number, Map<KbField, number>>();
    a.set(h.queryTerm, q);
    const f = q.get(h.similarity) ?? new Map<KbField, number>();
    q.set(h.similarity, f);
    f.set(h.field, (f.get(h.field) ?? 0) + h.tf);
  }
  const out: Ranked[] = [];
  for (const [articleId, perTerm] of byArticle) {
    let sum = 0;
    let covered = 0;
    const matched: string[] = [];
    for (const [q, bySim] of perTerm) {
      let best = 0;
      for (const [sim, fields] of bySim) {
        let s = 0;
        for (const [field, tf] of fields) s += fieldWeight[field] * (tf / (tf + 1.2));
        best = Math.max(best, sim * s);
      }
      const w = idfOf.get(q) ?? 0;
      sum += w * best;
      covered += w * Math.max(...bySim.keys());
      matched.push(q);
    }
    const coverage = idfSum > 0 ? covered / idfSum : 0;
    const score =
      sum *
      (i.mode === 'query' ? coverage ** 2 : coverage) *
      freshness(i.publishedAt.get(articleId), i.now);
    out.push({ articleId, score, matched: terms.filter((t) => matched.includes(t)) });
  }
  return out.sort((a, b) => b.score - a.score || a.articleId.localeCompare(b.articleId));
}
