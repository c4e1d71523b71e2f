/**
 * What readers do with the knowledge base, and the statistics made of it: most viewed, most
 * used in replies, searches that found nothing (what to write next), feedback, and the
 * deflection rate of portal sessions (defined in domain/kb/deflection.ts).
 */
import { DomainError } from '../../domain/errors.ts';
import type { Article } from '../../domain/kb/article.ts';
import { deflection, type Deflection } from '../../domain/kb/deflection.ts';
import type { AppDeps } from '../app-context.ts';
import type { KbActivity, KbActivityKind } from '../ports/kb-repo.ts';

export type KbRecord = Partial<Omit<KbActivity, 'id' | 'kind' | 'source' | 'at'>>;

export interface ArticleCount {
  readonly articleId: string;
  readonly slug: string | null;
  readonly title: string | null;
  readonly n: number;
}

export interface KbStats {
  readonly from: Date;
  readonly to: Date;
  readonly searches: number;
  readonly mostViewed: ArticleCount[];
  readonly mostUsed: ArticleCount[];
  readonly emptySearches: { query: string; n: number }[];
  readonly feedback: (ArticleCount & {
    source: 'portal' | 'desk';
    helpful: number;
    notHelpful: number;
  })[];
  readonly deflection: Deflection;
}

/** Session ids come from browsers: bounded and plain, so they cannot bloat or smuggle anything. */
export function assertSessionId(s: string): void {
  if (!/^[A-Za-z0-9_-]{8,64}$/.test(s))
    throw new DomainError('validation.failed', 'a session id is 8–64 letters, digits, - or _', {
      field: 'session',
    });
}

export class KbActivityLog {
  constructor(private readonly deps: AppDeps) {}

  async record(kind: KbActivityKind, source: 'portal' | 'desk', r: KbRecord): Promise<void> {
    if (r.sessionId) assertSessionId(r.sessionId);
    await this.deps.store.kb.addActivity({
      id: this.deps.ids.newId(),
      kind,
      source,
      articleId: r.articleId ?? null,
      sessionId: r.sessionId ?? null,
      userId: r.userId ?? null,
      caseId: r.caseId ?? null,
      // Trimmed and with inner runs of spaces folded, so the same question counts once.
      query: r.query ? r.query.trim().replace(/\s+/g, ' ').slice(0, 200) : null,
      results: r.results ?? null,
      helpful: r.helpful ?? null,
      at: this.deps.clock.now(),
    });
  }

  async stats(from: Date, to: Date): Promise<KbStats> {
    const kb = this.deps.store.kb;
    const [views, used, empty, searches, feedback, sessions] = await Promise.all([
      kb.topArticles('view', from, to, 10),
      kb.topArticles('used', from, to, 10),
      kb.emptySearches(from, to, 20),
      kb.searchCount(from, to),
      kb.feedback(from, to),
      kb.portalSessions(from, to),
    ]);
    const ids = [
      ...new Set([...views, ...used].map((r) => r.key).concat(feedback.map((f) => f.articleId))),
    ];
    const byId = new Map<string, Article>((await kb.articlesById(ids)).map((a) => [a.id, a]));
    const named = (articleId: string, n: number): ArticleCount => {
      const a = byId.get(articleId);
      return { articleId, slug: a?.slug ?? null, title: a?.working.title ?? null, n };
    };
    return {
      from,
      to,
      searches,
      mostViewed: views.map((r) => named(r.key, r.n)),
      mostUsed: used.map((r) => named(r.key, r.n)),
      emptySearches: empty.map((r) => ({ query: r.key, n: r.n })),
      feedback: feedback.map((f) => ({
        ...named(f.articleId, f.helpful + f.notHelpful),
        source: f.source,
        helpful: f.helpful,
        notHelpful: f.notHelpful,
      })),
      deflection: deflection(sessions, this.deps.clock.now()),
    };
  }
}
