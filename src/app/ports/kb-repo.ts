/**
 * Knowledge-base articles with their versions, categories, the search index and reader
 * activity. Behaviour owed:
 * - `insertArticle` throws `kb.slug_taken` for a slug in use; `updateArticle` writes only when
 *   the stored `rev` is `a.rev - 1` (else `conflict`) and adds `version` when given.
 * - Every `visible` filter means: on air (published and not archived), of the audience (public
 *   searchers see only public copies), valid at `now` (validFrom ≤ now < validUntil), and of the
 *   language when one is given. `termHits`, `docFreq` and `visibleCount` apply the same filter,
 *   so ranking statistics describe exactly the articles a searcher can find.
 * - `replaceTerms` swaps an article's index rows in one go; the trigram table only grows
 *   (a stale word there matches no article, so it costs a lookup, never a wrong result).
 */
import type { Article, ArticleVersion, Audience, KbLang } from '../../domain/kb/article.ts';
import type { ArticleState } from '../../domain/kb/article-state.ts';
import type { SessionActivity } from '../../domain/kb/deflection.ts';
import type { KbCategory } from '../../domain/kb/kb-category.ts';
import type { IndexedTerm, KbField } from '../../domain/kb/kb-tokenizer.ts';
import type { Page, PageOf } from './store.ts';

export interface KbVisibility {
  readonly audience: Audience;
  readonly lang?: KbLang | undefined;
  readonly now: Date;
}

export interface KbArticleFilter {
  readonly state?: ArticleState | undefined;
  readonly lang?: KbLang | undefined;
  readonly categoryId?: string | undefined;
  readonly groupId?: string | undefined;
  /** Words in the working title or slug (authors' list, not the search). */
  readonly q?: string | undefined;
}

export interface TermHitRow {
  readonly articleId: string;
  readonly term: string;
  readonly field: KbField;
  readonly tf: number;
  readonly publishedAt: Date;
}

export const kbActivityKinds = ['view', 'search', 'used', 'feedback', 'contact'] as const;
export type KbActivityKind = (typeof kbActivityKinds)[number];

export interface KbActivity {
  readonly id: string;
  /**
   * view: an article read; search: a query and its result count; used: inserted or linked in
   * a reply; feedback: helpful yes/no (portal) or "this answered it" (desk); contact: the
   * portal session opened a contact (case, web form, chat).
   */
  readonly kind: KbActivityKind;
  readonly source: 'portal' | 'desk';
  readonly articleId: string | null;
  readonly sessionId: string | null;
  readonly userId: string | null;
  readonly caseId: string | null;
  readonly query: string | null;
  readonly results: number | null;
  readonly helpful: boolean | null;
  readonly at: Date;
}

export interface CountRow {
  readonly key: string;
  readonly n: number;
}

export interface FeedbackRow {
  readonly articleId: string;
  readonly source: 'portal' | 'desk';
  readonly helpful: number;
  readonly notHelpful: number;
}

export interface KbRepo {
  insertArticle(a: Article, v: ArticleVersion): Promise<void>;
  updateArticle(a: Article, v: ArticleVersion | null): Promise<void>;
  article(id: string): Promise<Article | null>;
  articleBySlug(slug: string): Promise<Article | null>;
  articlesById(ids: readonly string[]): Promise<Article[]>;
  /** Newest change first. */
  articles(f: KbArticleFilter, page: Page): Promise<PageOf<Article>>;
  /** Newest first. */
  versions(articleId: string): Promise<ArticleVersion[]>;
  version(articleId: string, version: number): Promise<ArticleVersion | null>;

  replaceTerms(articleId: string, terms: readonly IndexedTerm[]): Promise<void>;
  termHits(terms: readonly string[], v: KbVisibility): Promise<TermHitRow[]>;
  docFreq(terms: readonly string[], v: KbVisibility): Promise<Map<string, number>>;
  visibleCount(v: KbVisibility): Promise<number>;
  /** Indexed words sharing at least `minShared` of these trigrams, most shared first. */
  wordsSharingGrams(grams: readonly string[], minShared: number, limit: number): Promise<string[]>;

  categories(): Promise<KbCategory[]>;
  insertCategory(c: KbCategory): Promise<void>;
  updateCategory(c: KbCategory): Promise<void>;
  /** False when absent; articles in it keep their (now dangling) category id. */
  deleteCategory(id: string): Promise<boolean>;

  addActivity(a: KbActivity): Promise<void>;
  /** Articles by how often `kind` happened to them in [from, to), most first. */
  topArticles(kind: 'view' | 'used', from: Date, to: Date, limit: number): Promise<CountRow[]>;
  /** Searches answered with no result, by lower-cased query, most asked first. */
  emptySearches(from: Date, to: Date, limit: number): Promise<CountRow[]>;
  searchCount(from: Date, to: Date): Promise<number>;
  feedback(from: Date, to: Date): Promise<FeedbackRow[]>;
  /** Portal sessions whose first article view was in [from, to), with their first contact after it. */
  portalSessions(from: Date, to: Date): Promise<SessionActivity[]>;
}
