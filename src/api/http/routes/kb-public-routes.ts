/**
 * The knowledge base for customers, with no login: the portal and the chat widget search and
 * read published public articles within their validity, say whether one helped, and report a
 * contact opened from the session (for the deflection rate). Internal articles answer
 * not_found here, exactly like articles that do not exist. What is recorded is bounded per
 * client address (kb-reader.ts).
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import { articleHtml } from '../../../app/kb/article-html.ts';
import { Ok } from '../../../contracts/common.ts';
import {
  KbHitView,
  KbPublicArticleView,
  KbPublicContact,
  KbPublicFeedback,
  KbPublicSearchQuery,
  KbSessionQuery,
  KbSlugParam,
} from '../../../contracts/kb.ts';
import type { ApiEnv } from '../api-env.ts';
import { clientIp } from '../request-info.ts';
import { withRetryAfter } from '../retry-after.ts';
import { jsonBody, jsonResponse, secured } from '../secured-route.ts';
import { hitView } from './kb-views.ts';

const tags = ['knowledge base (public)'];

export function kbPublicRoutes(app: OpenAPIHono<ApiEnv>): void {
  app.openapi(
    secured('public', {
      method: 'get',
      path: '/api/kb/public/search',
      tags,
      summary: 'Search public articles (no login)',
      request: { query: KbPublicSearchQuery },
      responses: { 200: jsonResponse(z.object({ items: z.array(KbHitView) })) },
    }),
    async (c) => {
      const { q, lang, limit, session } = c.req.valid('query');
      const r = await c.var.services.kb.reader.publicSearch(q, {
        lang,
        limit,
        sessionId: session,
        ip: clientIp(c),
      });
      return c.json({ items: r.map(hitView) }, 200);
    },
  );
  app.openapi(
    secured('public', {
      method: 'get',
      path: '/api/kb/public/articles/{slug}',
      tags,
      summary: 'Read a public article (counted as a view of the session)',
      request: { params: KbSlugParam, query: KbSessionQuery },
      responses: { 200: jsonResponse(KbPublicArticleView) },
    }),
    async (c) => {
      const reader = c.var.services.kb.reader;
      const a = await reader.publicArticle(
        c.req.valid('param').slug,
        c.req.valid('query').session,
        clientIp(c),
      );
      const translations = await reader.translations(a, 'public');
      return c.json(
        {
          slug: a.slug,
          lang: a.lang,
          title: a.live.title,
          html: articleHtml(a.live.body),
          tags: [...a.live.tags],
          publishedAt: a.live.publishedAt.toISOString(),
          validUntil: a.live.validUntil?.toISOString() ?? null,
          translations: translations.map((t) => ({
            slug: t.slug,
            lang: t.lang,
            title: t.live.title,
          })),
        },
        200,
      );
    },
  );
  app.openapi(
    secured('public', {
      method: 'post',
      path: '/api/kb/public/articles/{slug}/feedback',
      tags,
      summary: '"Did this help?" from the portal or chat widget',
      request: { params: KbSlugParam, body: jsonBody(KbPublicFeedback) },
      responses: { 200: jsonResponse(Ok), 429: { description: 'too many reports (Retry-After)' } },
    }),
    async (c) => {
      const b = c.req.valid('json');
      await withRetryAfter(c, () =>
        c.var.services.kb.reader.publicFeedback(
          c.req.valid('param').slug,
          b.helpful,
          b.session,
          clientIp(c),
        ),
      );
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    secured('public', {
      method: 'post',
      path: '/api/kb/public/contact',
      tags,
      summary: 'The session went on to open a contact (case, web form, chat): it was not deflected',
      request: { body: jsonBody(KbPublicContact) },
      responses: { 200: jsonResponse(Ok), 429: { description: 'too many reports (Retry-After)' } },
    }),
    async (c) => {
      await withRetryAfter(c, () =>
        c.var.services.kb.reader.publicContact(c.req.valid('json').session, clientIp(c)),
      );
      return c.json({ ok: true as const }, 200);
    },
  );
}
