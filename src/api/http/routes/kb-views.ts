/** How articles and search hits look over HTTP (dates as ISO strings, bodies rendered). */
import type { z } from 'zod';
import type { Actor } from '../../../app/app-context.ts';
import { articleHtml, markdownText } from '../../../app/kb/article-html.ts';
import type { SearchHit } from '../../../app/kb/kb-search.ts';
import type { Article, ArticleContent, ArticleVersion } from '../../../domain/kb/article.ts';
import { allowedActions } from '../../../domain/kb/article-state.ts';
import type { KbArticleView, KbHitView, KbVersionView } from '../../../contracts/kb.ts';

const iso = (d: Date | null) => d?.toISOString() ?? null;

const contentView = (c: ArticleContent) => ({
  title: c.title,
  body: c.body,
  tags: [...c.tags],
  categoryId: c.categoryId,
  audience: c.audience,
  validFrom: iso(c.validFrom),
  validUntil: iso(c.validUntil),
});

export const isAuthor = (a: Actor) => a.role === 'admin' || a.role === 'supervisor';

/** Authors see the working copy and the workflow; readers only the live copy. */
export function articleView(
  a: Article,
  actor: Actor,
  translations: readonly Article[],
): z.infer<typeof KbArticleView> {
  const author = isAuthor(actor);
  return {
    id: a.id,
    slug: a.slug,
    lang: a.lang,
    groupId: a.groupId,
    state: a.state,
    version: a.version,
    rev: a.rev,
    working: author ? contentView(a.working) : null,
    live: a.live
      ? {
          ...contentView(a.live),
          version: a.live.version,
          publishedAt: a.live.publishedAt.toISOString(),
          html: articleHtml(a.live.body),
          text: markdownText(a.live.body),
        }
      : null,
    actions: author ? allowedActions(a.state).filter((x) => x !== 'edit') : [],
    submittedBy: a.submittedBy,
    reviewComment: a.reviewComment,
    createdBy: a.createdBy,
    createdAt: a.createdAt.toISOString(),
    updatedAt: a.updatedAt.toISOString(),
    translations: translations
      .filter((t) => author || t.live)
      .map((t) => ({ id: t.id, slug: t.slug, lang: t.lang })),
  };
}

export const versionView = (v: ArticleVersion): z.infer<typeof KbVersionView> => ({
  ...contentView(v),
  articleId: v.articleId,
  version: v.version,
  authorId: v.authorId,
  note: v.note,
  createdAt: v.createdAt.toISOString(),
});

export const hitView = (h: SearchHit): z.infer<typeof KbHitView> => ({
  id: h.article.id,
  slug: h.article.slug,
  lang: h.article.lang,
  audience: h.article.live.audience,
  title: h.article.live.title,
  titleSegments: h.title.map((s) => ({ ...s })),
  snippet: h.snippet.map((s) => ({ ...s })),
  tags: [...h.article.live.tags],
  score: Math.round(h.score * 1000) / 1000,
});

export const toDate = (s: string | null | undefined): Date | null => (s ? new Date(s) : null);
