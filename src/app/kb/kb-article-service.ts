/**
 * Authoring knowledge-base articles: drafts, versions, the review workflow and translations.
 * Supervisors and administrators write and review; agents and back office read live copies.
 * The search index follows the live copy: publishing indexes the published version, archiving
 * removes the article from the index, both in the same transaction as the change.
 */
import { DomainError } from '../../domain/errors.ts';
import {
  editArticle,
  moveArticle,
  newArticle,
  type Article,
  type ArticleChange,
  type ArticleContent,
  type ArticleVersion,
  type KbLang,
  type WorkflowAction,
} from '../../domain/kb/article.ts';
import { kbCategoryPath } from '../../domain/kb/kb-category.ts';
import { indexTerms } from '../../domain/kb/kb-tokenizer.ts';
import type { Actor, AppDeps } from '../app-context.ts';
import type { KbArticleFilter } from '../ports/kb-repo.ts';
import type { Page, PageOf, StoreTx } from '../ports/store.ts';
import { markdownText } from './article-html.ts';

export interface ArticleInput extends ArticleContent {
  readonly note?: string;
}
export interface NewArticleInput extends ArticleInput {
  readonly slug: string;
  readonly lang: KbLang;
  /** Another article this one translates (they share its group). */
  readonly translationOf?: string | null;
}

const isAuthor = (a: Actor) => a.role === 'admin' || a.role === 'supervisor';
const notFound = (id: string) => new DomainError('not_found', 'no such article', { id });

export class KbArticleService {
  constructor(private readonly deps: AppDeps) {}

  /** Authors see every article; agents and back office only live ones (as their live copy). */
  async get(actor: Actor, id: string): Promise<Article> {
    const a = await this.deps.store.kb.article(id);
    if (!a || (!isAuthor(actor) && !a.live)) throw notFound(id);
    return a;
  }

  async bySlug(slug: string): Promise<Article | null> {
    return this.deps.store.kb.articleBySlug(slug);
  }

  list(f: KbArticleFilter, page: Page): Promise<PageOf<Article>> {
    return this.deps.store.kb.articles(f, page);
  }

  /** The translations of an article (the others in its group). */
  async translations(id: string): Promise<Article[]> {
    const a = await this.deps.store.kb.article(id);
    if (!a) throw notFound(id);
    const group = await this.deps.store.kb.articles(
      { groupId: a.groupId },
      { limit: 20, offset: 0 },
    );
    return group.items.filter((x) => x.id !== id);
  }

  async versions(id: string): Promise<ArticleVersion[]> {
    if (!(await this.deps.store.kb.article(id))) throw notFound(id);
    return this.deps.store.kb.versions(id);
  }

  async version(id: string, version: number): Promise<ArticleVersion> {
    const v = await this.deps.store.kb.version(id, version);
    if (!v) throw new DomainError('not_found', 'no such version', { id, version });
    return v;
  }

  async create(actor: Actor, i: NewArticleInput): Promise<Article> {
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      let groupId: string | null = null;
      if (i.translationOf) {
        const other = await tx.kb.article(i.translationOf);
        if (!other)
          throw new DomainError('kb.invalid_article', 'no such article to translate', {
            field: 'translationOf',
          });
        if (other.lang === i.lang)
          throw new DomainError('kb.invalid_article', 'a translation is in another language', {
            field: 'lang',
          });
        groupId = other.groupId;
      }
      await this.assertCategory(tx, i.categoryId);
      const change = newArticle(
        { id: this.deps.ids.newId(), slug: i.slug, lang: i.lang, groupId },
        i,
        { id: actor.id, note: i.note ?? '' },
        now,
      );
      await tx.kb.insertArticle(change.article, change.version as ArticleVersion);
      return this.commit(tx, actor, change, now);
    });
  }

  /** Saves the working copy as a new version (`rev` is the one the author edited). */
  async edit(actor: Actor, id: string, rev: number, i: ArticleInput): Promise<Article> {
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      const a = await this.current(tx, id, rev);
      await this.assertCategory(tx, i.categoryId);
      const change = editArticle(a, i, { id: actor.id, note: i.note ?? '' }, now);
      await tx.kb.updateArticle(change.article, change.version);
      return this.commit(tx, actor, change, now);
    });
  }

  async move(
    actor: Actor,
    id: string,
    rev: number,
    action: WorkflowAction,
    comment: string | null,
  ): Promise<Article> {
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      const a = await this.current(tx, id, rev);
      const change = moveArticle(a, action, actor, comment, now);
      await tx.kb.updateArticle(change.article, null);
      if (action === 'publish' || action === 'archive') await this.reindex(tx, change.article);
      return this.commit(tx, actor, change, now);
    });
  }

  /** Rebuilds an article's index rows from its live copy (none when it is off the air). */
  async reindex(tx: StoreTx, a: Article): Promise<void> {
    if (!a.live) return tx.kb.replaceTerms(a.id, []);
    const categories = await tx.kb.categories();
    // Category names count as tags, so a case filed under 漫游 finds the 漫游 articles.
    const path = [
      ...kbCategoryPath(categories, a.live.categoryId, false),
      ...kbCategoryPath(categories, a.live.categoryId, true),
    ];
    await tx.kb.replaceTerms(
      a.id,
      indexTerms({
        title: a.live.title,
        tags: [...a.live.tags, ...new Set(path)],
        body: markdownText(a.live.body),
      }),
    );
  }

  private async current(tx: StoreTx, id: string, rev: number): Promise<Article> {
    const a = await tx.kb.article(id);
    if (!a) throw notFound(id);
    if (a.rev !== rev)
      throw new DomainError('conflict', 'the article was changed meanwhile; reload it', {
        id,
        rev: a.rev,
      });
    return a;
  }

  private async assertCategory(tx: StoreTx, id: string | null): Promise<void> {
    if (id && !(await tx.kb.categories()).some((c) => c.id === id))
      throw new DomainError('kb.invalid_article', 'no such category', { field: 'categoryId' });
  }

  private commit(tx: StoreTx, actor: Actor, change: ArticleChange, at: Date): Article {
    tx.append([change.event], { actorId: actor.id, at });
    return change.article;
  }
}
