/** Knowledge-base articles, versions, categories, the search index and reader activity. */
import {
  and,
  asc,
  count,
  countDistinct,
  desc,
  eq,
  gt,
  gte,
  inArray,
  isNotNull,
  isNull,
  lt,
  lte,
  or,
  sql,
  type SQL,
} from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type {
  CountRow,
  FeedbackRow,
  KbActivity,
  KbArticleFilter,
  KbRepo,
  KbVisibility,
  TermHitRow,
} from '../../app/ports/kb-repo.ts';
import type { Page, PageOf } from '../../app/ports/store.ts';
import { DomainError } from '../../domain/errors.ts';
import type {
  Article,
  ArticleContent,
  ArticleVersion,
  Audience,
  KbLang,
} from '../../domain/kb/article.ts';
import type { ArticleState } from '../../domain/kb/article-state.ts';
import type { SessionActivity } from '../../domain/kb/deflection.ts';
import type { KbCategory } from '../../domain/kb/kb-category.ts';
import type { IndexedTerm, KbField } from '../../domain/kb/kb-tokenizer.ts';
import { trigrams } from '../../domain/kb/term-similarity.ts';
import { mapUnique, type Db } from '../db.ts';
import { containsPattern } from './like.ts';
import {
  kbActivity,
  kbArticles,
  kbArticleVersions,
  kbCategories,
  kbTermGrams,
  kbTerms,
} from '../schema.ts';

const working = alias(kbArticleVersions, 'w');
const live = alias(kbArticleVersions, 'l');

type VersionRow = typeof kbArticleVersions.$inferSelect;

const content = (v: VersionRow): ArticleContent => ({
  title: v.title,
  body: v.body,
  tags: v.tags,
  categoryId: v.categoryId,
  audience: v.audience as Audience,
  validFrom: v.validFrom,
  validUntil: v.validUntil,
});

const toVersion = (v: VersionRow): ArticleVersion => ({
  ...content(v),
  articleId: v.articleId,
  version: v.version,
  authorId: v.authorId,
  note: v.note,
  createdAt: v.createdAt,
});

function toArticle(r: {
  a: typeof kbArticles.$inferSelect;
  w: VersionRow | null;
  l: VersionRow | null;
}): Article {
  if (!r.w) throw new Error(`article ${r.a.id} has no version ${r.a.version}`);
  return {
    id: r.a.id,
    slug: r.a.slug,
    lang: r.a.lang as KbLang,
    groupId: r.a.groupId,
    state: r.a.state as ArticleState,
    version: r.a.version,
    working: content(r.w),
    live:
      r.l && r.a.publishedAt
        ? { ...content(r.l), version: r.l.version, publishedAt: r.a.publishedAt }
        : null,
    submittedBy: r.a.submittedBy,
    reviewComment: r.a.reviewComment,
    createdBy: r.a.createdBy,
    createdAt: r.a.createdAt,
    updatedAt: r.a.updatedAt,
    rev: r.a.rev,
  };
}

function articleRow(a: Article): typeof kbArticles.$inferInsert {
  return {
    id: a.id,
    slug: a.slug,
    lang: a.lang,
    groupId: a.groupId,
    state: a.state,
    version: a.version,
    liveVersion: a.live?.version ?? null,
    publishedAt: a.live?.publishedAt ?? null,
    onAir: a.live !== null,
    liveAudience: a.live?.audience ?? null,
    liveValidFrom: a.live?.validFrom ?? null,
    liveValidUntil: a.live?.validUntil ?? null,
    liveCategoryId: a.live?.categoryId ?? null,
    submittedBy: a.submittedBy,
    reviewComment: a.reviewComment,
    createdBy: a.createdBy,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
    rev: a.rev,
  };
}

const versionRow = (v: ArticleVersion): typeof kbArticleVersions.$inferInsert => ({
  ...v,
  tags: [...v.tags],
});

function visible(v: KbVisibility): SQL {
  const conds: SQL[] = [
    eq(kbArticles.onAir, true),
    or(isNull(kbArticles.liveValidFrom), lte(kbArticles.liveValidFrom, v.now)) as SQL,
    or(isNull(kbArticles.liveValidUntil), gt(kbArticles.liveValidUntil, v.now)) as SQL,
  ];
  if (v.audience === 'public') conds.push(eq(kbArticles.liveAudience, 'public'));
  if (v.lang) conds.push(eq(kbArticles.lang, v.lang));
  return and(...conds) as SQL;
}

const asDate = (x: unknown): Date | null =>
  x === null || x === undefined ? null : x instanceof Date ? x : new Date(String(x));

export class DrizzleKbRepo implements KbRepo {
  constructor(private readonly db: Db) {}

  private select() {
    return this.db
      .select({ a: kbArticles, w: working, l: live })
      .from(kbArticles)
      .leftJoin(
        working,
        and(eq(working.articleId, kbArticles.id), eq(working.version, kbArticles.version)),
      )
      .leftJoin(
        live,
        and(eq(live.articleId, kbArticles.id), eq(live.version, kbArticles.liveVersion)),
      );
  }

  async insertArticle(a: Article, v: ArticleVersion): Promise<void> {
    await mapUnique(() => this.db.insert(kbArticles).values(articleRow(a)), {
      kb_articles_slug_uq: ['kb.slug_taken', `the slug ${a.slug} is in use`],
    });
    await this.db.insert(kbArticleVersions).values(versionRow(v));
  }

  async updateArticle(a: Article, v: ArticleVersion | null): Promise<void> {
    const r = await this.db
      .update(kbArticles)
      .set(articleRow(a))
      .where(and(eq(kbArticles.id, a.id), eq(kbArticles.rev, a.rev - 1)))
      .returning({ id: kbArticles.id });
    if (r.length !== 1)
      throw new DomainError('conflict', 'the article was changed meanwhile; reload it', {
        id: a.id,
      });
    if (v) await this.db.insert(kbArticleVersions).values(versionRow(v));
  }

  async article(id: string): Promise<Article | null> {
    const [r] = await this.select().where(eq(kbArticles.id, id));
    return r ? toArticle(r) : null;
  }

  async articleBySlug(slug: string): Promise<Article | null> {
    const [r] = await this.select().where(eq(kbArticles.slug, slug));
    return r ? toArticle(r) : null;
  }

  async articlesById(ids: readonly string[]): Promise<Article[]> {
    if (ids.length === 0) return [];
    const rows = await this.select().where(inArray(kbArticles.id, [...ids]));
    return rows.map(toArticle);
  }

  async articles(f: KbArticleFilter, page: Page): Promise<PageOf<Article>> {
    const conds: SQL[] = [];
    if (f.state) conds.push(eq(kbArticles.state, f.state));
    if (f.lang) conds.push(eq(kbArticles.lang, f.lang));
    if (f.groupId) conds.push(eq(kbArticles.groupId, f.groupId));
    if (f.categoryId) conds.push(eq(working.categoryId, f.categoryId));
    if (f.q?.trim()) {
      const p = containsPattern(f.q.trim());
      conds.push(or(sql`${working.title} ilike ${p}`, sql`${kbArticles.slug} ilike ${p}`) as SQL);
    }
    const where = conds.length ? and(...conds) : sql`true`;
    const [rows, [total]] = await Promise.all([
      this.select()
        .where(where)
        .orderBy(desc(kbArticles.updatedAt), asc(kbArticles.id))
        .limit(page.limit)
        .offset(page.offset),
      this.db
        .select({ n: count() })
        .from(kbArticles)
        .leftJoin(
          working,
          and(eq(working.articleId, kbArticles.id), eq(working.version, kbArticles.version)),
        )
        .where(where),
    ]);
    return { items: rows.map(toArticle), total: total?.n ?? 0 };
  }

  async versions(articleId: string): Promise<ArticleVersion[]> {
    const rows = await this.db
      .select()
      .from(kbArticleVersions)
      .where(eq(kbArticleVersions.articleId, articleId))
      .orderBy(desc(kbArticleVersions.version));
    return rows.map(toVersion);
  }

  async version(articleId: string, version: number): Promise<ArticleVersion | null> {
    const [r] = await this.db
      .select()
      .from(kbArticleVersions)
      .where(
        and(eq(kbArticleVersions.articleId, articleId), eq(kbArticleVersions.version, version)),
      );
    return r ? toVersion(r) : null;
  }

  async replaceTerms(articleId: string, terms: readonly IndexedTerm[]): Promise<void> {
    await this.db.delete(kbTerms).where(eq(kbTerms.articleId, articleId));
    const rows = terms.map((t) => ({ articleId, term: t.term, field: t.field, tf: t.tf }));
    // Batches keep each statement well under the bind-parameter limit.
    for (let i = 0; i < rows.length; i += 1000)
      await this.db.insert(kbTerms).values(rows.slice(i, i + 1000));
    const words = [...new Set(terms.filter((t) => t.kind === 'word').map((t) => t.term))];
    const grams = words.flatMap((term) => trigrams(term).map((gram) => ({ gram, term })));
    for (let i = 0; i < grams.length; i += 1000)
      await this.db
        .insert(kbTermGrams)
        .values(grams.slice(i, i + 1000))
        .onConflictDoNothing();
  }

  async termHits(terms: readonly string[], v: KbVisibility): Promise<TermHitRow[]> {
    if (terms.length === 0) return [];
    const rows = await this.db
      .select({
        articleId: kbTerms.articleId,
        term: kbTerms.term,
        field: kbTerms.field,
        tf: kbTerms.tf,
        publishedAt: kbArticles.publishedAt,
      })
      .from(kbTerms)
      .innerJoin(kbArticles, eq(kbArticles.id, kbTerms.articleId))
      .where(and(inArray(kbTerms.term, [...terms]), visible(v)));
    return rows.map((r) => ({
      ...r,
      field: r.field as KbField,
      publishedAt: r.publishedAt as Date,
    }));
  }

  async docFreq(terms: readonly string[], v: KbVisibility): Promise<Map<string, number>> {
    if (terms.length === 0) return new Map();
    const rows = await this.db
      .select({ term: kbTerms.term, n: countDistinct(kbTerms.articleId) })
      .from(kbTerms)
      .innerJoin(kbArticles, eq(kbArticles.id, kbTerms.articleId))
      .where(and(inArray(kbTerms.term, [...terms]), visible(v)))
      .groupBy(kbTerms.term);
    return new Map(rows.map((r) => [r.term, Number(r.n)]));
  }

  async visibleCount(v: KbVisibility): Promise<number> {
    const [r] = await this.db.select({ n: count() }).from(kbArticles).where(visible(v));
    return r?.n ?? 0;
  }

  async wordsSharingGrams(
    grams: readonly string[],
    minShared: number,
    limit: number,
  ): Promise<string[]> {
    if (grams.length === 0) return [];
    const shared = count();
    const rows = await this.db
      .select({ term: kbTermGrams.term, n: shared })
      .from(kbTermGrams)
      .where(inArray(kbTermGrams.gram, [...grams]))
      .groupBy(kbTermGrams.term)
      .having(gte(shared, minShared))
      .orderBy(desc(shared), asc(kbTermGrams.term))
      .limit(limit);
    return rows.map((r) => r.term);
  }

  async categories(): Promise<KbCategory[]> {
    return this.db
      .select()
      .from(kbCategories)
      .orderBy(asc(kbCategories.position), asc(kbCategories.name));
  }

  async insertCategory(c: KbCategory): Promise<void> {
    await this.db.insert(kbCategories).values({ ...c });
  }

  async updateCategory(c: KbCategory): Promise<void> {
    await this.db
      .update(kbCategories)
      .set({ ...c })
      .where(eq(kbCategories.id, c.id));
  }

  async deleteCategory(id: string): Promise<boolean> {
    const r = await this.db
      .delete(kbCategories)
      .where(eq(kbCategories.id, id))
      .returning({ id: kbCategories.id });
    if (r.length === 0) return false;
    // Its children become roots rather than vanish with it.
    await this.db.update(kbCategories).set({ parentId: null }).where(eq(kbCategories.parentId, id));
    return true;
  }

  async addActivity(a: KbActivity): Promise<void> {
    await this.db.insert(kbActivity).values({ ...a });
  }

  async topArticles(
    kind: 'view' | 'used',
    from: Date,
    to: Date,
    limit: number,
  ): Promise<CountRow[]> {
    const n = count();
    const rows = await this.db
      .select({ key: kbActivity.articleId, n })
      .from(kbActivity)
      .where(
        and(
          eq(kbActivity.kind, kind),
          isNotNull(kbActivity.articleId),
          gte(kbActivity.at, from),
          lt(kbActivity.at, to),
        ),
      )
      .groupBy(kbActivity.articleId)
      .orderBy(desc(n), asc(kbActivity.articleId))
      .limit(limit);
    return rows.map((r) => ({ key: r.key ?? '', n: r.n }));
  }

  async emptySearches(from: Date, to: Date, limit: number): Promise<CountRow[]> {
    const key = sql<string>`lower(${kbActivity.query})`;
    const n = count();
    const rows = await this.db
      .select({ key, n })
      .from(kbActivity)
      .where(
        and(
          eq(kbActivity.kind, 'search'),
          eq(kbActivity.results, 0),
          gte(kbActivity.at, from),
          lt(kbActivity.at, to),
        ),
      )
      .groupBy(key)
      .orderBy(desc(n), asc(key))
      .limit(limit);
    return rows.map((r) => ({ key: String(r.key), n: r.n }));
  }

  async searchCount(from: Date, to: Date): Promise<number> {
    const [r] = await this.db
      .select({ n: count() })
      .from(kbActivity)
      .where(and(eq(kbActivity.kind, 'search'), gte(kbActivity.at, from), lt(kbActivity.at, to)));
    return r?.n ?? 0;
  }

  async feedback(from: Date, to: Date): Promise<FeedbackRow[]> {
    const rows = await this.db
      .select({
        articleId: kbActivity.articleId,
        source: kbActivity.source,
        helpful: sql<number>`count(*) filter (where ${kbActivity.helpful})`.mapWith(Number),
        notHelpful: sql<number>`count(*) filter (where not ${kbActivity.helpful})`.mapWith(Number),
      })
      .from(kbActivity)
      .where(
        and(
          eq(kbActivity.kind, 'feedback'),
          isNotNull(kbActivity.articleId),
          gte(kbActivity.at, from),
          lt(kbActivity.at, to),
        ),
      )
      .groupBy(kbActivity.articleId, kbActivity.source)
      .orderBy(asc(kbActivity.articleId), asc(kbActivity.source));
    return rows.map((r) => ({
      articleId: r.articleId ?? '',
      source: r.source as 'portal' | 'desk',
      helpful: r.helpful,
      notHelpful: r.notHelpful,
    }));
  }

  async portalSessions(from: Date, to: Date): Promise<SessionActivity[]> {
    const first = this.db
      .select({
        sessionId: kbActivity.sessionId,
        firstViewAt: sql<Date>`min(${kbActivity.at})`.as('first_view_at'),
      })
      .from(kbActivity)
      .where(
        and(
          eq(kbActivity.kind, 'view'),
          eq(kbActivity.source, 'portal'),
          isNotNull(kbActivity.sessionId),
        ),
      )
      .groupBy(kbActivity.sessionId)
      .as('first');
    const c = alias(kbActivity, 'c');
    const rows = await this.db
      .select({
        sessionId: first.sessionId,
        firstViewAt: first.firstViewAt,
        contactAt: sql<unknown>`min(${c.at})`,
      })
      .from(first)
      .leftJoin(
        c,
        and(eq(c.sessionId, first.sessionId), eq(c.kind, 'contact'), gte(c.at, first.firstViewAt)),
      )
      .where(and(gte(first.firstViewAt, from), lt(first.firstViewAt, to)))
      .groupBy(first.sessionId, first.firstViewAt);
    return rows.map((r) => ({
      sessionId: r.sessionId ?? '',
      firstViewAt: asDate(r.firstViewAt) as Date,
      contactAt: asDate(r.contactAt),
    }));
  }
}
