/**
 * Reading the knowledge base: customers (portal, chat widget; no login) see published public
 * articles within their validity; agents and back office also internal ones. Every search and
 * article view is recorded for the statistics.
 *
 * Anyone may call the public side, so what it records is bounded per client address: reading
 * is never refused, but past `recordLimit` a reader's views and searches stop being counted;
 * feedback and contact reports past `voteLimit` are refused (rate_limited), so a script cannot
 * vote an article up or down or push the deflection rate around.
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
import { RateWindow, type RateLimit } from '../portal/rate-window.ts';
import type { KbActivityLog } from './kb-activity.ts';
import type { KbSearch, SearchHit } from './kb-search.ts';

export type LiveArticle = Article & { live: LiveCopy };

const notFound = (key: string) => new DomainError('not_found', 'no such article', { key });

export const kbPublicLimits = {
  recordLimit: { windowMs: 10 * 60_000, limit: 300 } as RateLimit,
  voteLimit: { windowMs: 10 * 60_000, limit: 30 } as RateLimit,
};

export class KbReader {
  private readonly reads: RateWindow;
  private readonly votes: RateWindow;

  constructor(
    private readonly deps: AppDeps,
    private readonly search: KbSearch,
    private readonly log: KbActivityLog,
    limits = kbPublicLimits,
  ) {
    this.reads = new RateWindow(deps.clock, limits.recordLimit);
    this.votes = new RateWindow(deps.clock, limits.voteLimit);
  }

  /** Whether this address's reading is still counted (and counts it). */
  private counted(ip: string | null): boolean {
    const key = ip ?? 'unknown';
    if (this.reads.retryAfterMs(key) > 0) return false;
    this.reads.record(key);
    return true;
  }

  /** Refuses a vote or contact report past the limit for this address. */
  private allowVote(ip: string | null): void {
    const key = ip ?? 'unknown';
    const wait = this.votes.retryAfterMs(key);
    if (wait > 0)
      throw new DomainError('rate_limited', 'too many reports from this address; try again later', {
        retryAfterSeconds: Math.ceil(wait / 1000),
      });
    this.votes.record(key);
  }

  async publicSearch(
    q: string,
    o: {
      lang?: KbLang | undefined;
      sessionId?: string | undefined;
      limit?: number;
      ip?: string | null;
    },
  ) {
    const hits = await this.search.search(q, {
      audience: 'public',
      lang: o.lang,
      limit: o.limit ?? 10,
    });
    // An empty box searched is not a question anyone asked.
    if (q.trim() && this.counted(o.ip ?? null))
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
    if (q.trim())
      await this.log.record('search', 'desk', { query: q, results: hits.length, userId: actor.id });
    return hits;
  }

  /** A public article by slug, for the portal; anything not public and valid is not found. */
  async publicArticle(
    slug: string,
    sessionId: string | undefined,
    ip: string | null = null,
  ): Promise<LiveArticle> {
    const a = await this.visible(slug, 'public');
    if (this.counted(ip)) await this.log.record('view', 'portal', { articleId: a.id, sessionId });
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
    ip: string | null = null,
  ): Promise<void> {
    const a = await this.visible(slug, 'public');
    this.allowVote(ip);
    await this.log.record('feedback', 'portal', { articleId: a.id, helpful, sessionId });
  }

  /** The portal opened a contact (case, form, chat) in this session: it was not deflected. */
  async publicContact(sessionId: string, ip: string | null = null): Promise<void> {
    this.allowVote(ip);
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
