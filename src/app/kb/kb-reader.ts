/**
 * Reading the knowledge base: customers (portal, chat widget; no login) see published public
 * articles within their validity; agents and back office also internal ones. Every search and
 * article view is recorded for the statistics.
 */
import { DomainError } from '../../domain/errors.ts';
import {
  isLiveFor,
  type Article,
  type Audience,
  type KbLang,
  type LiveCopy,
} from '../../domain/kb/article.ts';
import type { Actor, AppDeps } from '../app-context.ts';
import type { KbActivityLog } from './kb-activity.ts';
import type { KbSearch, SearchHit } from './kb-search.ts';

export type LiveArticle = Article & { live: LiveCopy };

const notFound = (key: string) => new DomainError('not_found', 'no such article', { key });

export class KbReader {
  constructor(
    private readonly deps: AppDeps,
    private readonly search: KbSearch,
    private readonly log: KbActivityLog,
  ) {}

  async publicSearch(
    q: string,
    o: { lang?: KbLang | undefined; sessionId?: string | undefined; limit?: number },
  ) {
    const hits = await this.search.search(q, {
      audience: 'public',
      lang: o.lang,
      limit: o.limit ?? 10,
    });
    await this.log.record('search', 'portal', {
      query: q,
      results: hits.length,
      sessionId: o.sessionId,
    });
    return hits;
  }

  async deskSearch(
    actor: Actor,
    q: string,
    o: { lang?: KbLang | undefined; limit?: number },
  ): Promise<SearchHit[]> {
    const hits = await this.search.search(q, {
      audience: 'internal',
      lang: o.lang,
      limit: o.limit ?? 10,
    });
    await this.log.record('search', 'desk', { query: q, results: hits.length, userId: actor.id });
    return hits;
  }

  /** A public article by slug, for the portal; anything not public and valid is not found. */
  async publicArticle(slug: string, sessionId: string | undefined): Promise<LiveArticle> {
    const a = await this.visible(slug, 'public');
    await this.log.record('view', 'portal', { articleId: a.id, sessionId });
    return a;
  }

  /** The other languages of a live article that the same audience may read. */
  async translations(a: Article, audience: Audience): Promise<LiveArticle[]> {
    const group = await this.deps.store.kb.articles(
      { groupId: a.groupId },
      { limit: 20, offset: 0 },
    );
    const now = this.deps.clock.now();
    return group.items.filter(
      (x): x is LiveArticle => x.id !== a.id && isLiveFor(x.live, audience, now),
    );
  }

  async publicFeedback(
    slug: string,
    helpful: boolean,
    sessionId: string | undefined,
  ): Promise<void> {
    const a = await this.visible(slug, 'public');
    await this.log.record('feedback', 'portal', { articleId: a.id, helpful, sessionId });
  }

  /** The portal opened a contact (case, form, chat) in this session: it was not deflected. */
  async publicContact(sessionId: string): Promise<void> {
    await this.log.record('contact', 'portal', { sessionId });
  }

  /** An agent read an article (counted as a view). */
  async deskView(actor: Actor, a: Article): Promise<void> {
    await this.log.record('view', 'desk', { articleId: a.id, userId: actor.id });
  }

  /** An agent put the article, or a link to it, into a reply on a case. */
  async used(actor: Actor, id: string, caseId: string | null): Promise<void> {
    const a = await this.deps.store.kb.article(id);
    if (!a?.live) throw notFound(id);
    await this.log.record('used', 'desk', { articleId: id, caseId, userId: actor.id });
  }

  /** "This answered it" (or did not) from the desk. */
  async deskFeedback(
    actor: Actor,
    id: string,
    helpful: boolean,
    caseId: string | null,
  ): Promise<void> {
    const a = await this.deps.store.kb.article(id);
    if (!a?.live) throw notFound(id);
    await this.log.record('feedback', 'desk', { articleId: id, caseId, userId: actor.id, helpful });
  }

  private async visible(slug: string, audience: Audience): Promise<LiveArticle> {
    const a = await this.deps.store.kb.articleBySlug(slug);
    if (!a || !isLiveFor(a.live, audience, this.deps.clock.now())) throw notFound(slug);
    return a as LiveArticle;
  }
}
