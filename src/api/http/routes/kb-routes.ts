/**
 * The knowledge base for staff: search and suggestions for agents, the authors' articles with
 * versions and the review workflow, categories, statistics and Markdown import/export.
 */
import type { OpenAPIHono } from '@hono/zod-openapi';
import { z } from 'zod';
import type { Actor } from '../../../app/app-context.ts';
import { articleHtml } from '../../../app/kb/article-html.ts';
import { IdParam, Ok, pageOf } from '../../../contracts/common.ts';
import {
  KbArticleCreate,
  KbArticleEdit,
  KbArticleQuery,
  KbArticleView,
  KbCategoryInput,
  KbCategoryView,
  KbDeskFeedback,
  KbExportView,
  KbHitView,
  KbImport,
  KbImportReport,
  KbRender,
  KbSearchQuery,
  KbStatsQuery,
  KbStatsView,
  KbSuggestQuery,
  KbUse,
  KbVersionView,
  KbWorkflow,
} from '../../../contracts/kb.ts';
import type { ArticleInput } from '../../../app/kb/kb-article-service.ts';
import type { ApiEnv } from '../api-env.ts';
import { jsonify } from '../jsonify.ts';
import { deleteRoute, jsonBody, jsonResponse, managers, secured, staff } from '../secured-route.ts';
import { articleView, hitView, isAuthor, toDate, versionView } from './kb-views.ts';

const tags = ['knowledge base'];
const hits = { 200: jsonResponse(z.object({ items: z.array(KbHitView) })) };
const one = { 200: jsonResponse(KbArticleView) };

const content = (
  b: z.infer<typeof KbArticleEdit> | z.infer<typeof KbArticleCreate>,
): ArticleInput => ({
  title: b.title,
  body: b.body,
  tags: b.tags,
  categoryId: b.categoryId,
  audience: b.audience,
  validFrom: toDate(b.validFrom),
  validUntil: toDate(b.validUntil),
  ...(b.note !== undefined ? { note: b.note } : {}),
});

export function kbRoutes(app: OpenAPIHono<ApiEnv>): void {
  const view = async (c: { var: ApiEnv['Variables'] }, id: string) => {
    const kb = c.var.services.kb;
    const actor = c.var.actor as Actor;
    const a = await kb.articles.get(actor, id);
    return articleView(a, actor, await kb.articles.translations(id));
  };

  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/kb/search',
      tags,
      summary: 'Search published articles (internal and public), best first, with highlights',
      request: { query: KbSearchQuery },
      responses: hits,
    }),
    async (c) => {
      const { q, lang, limit } = c.req.valid('query');
      const r = await c.var.services.kb.reader.deskSearch(c.var.actor as Actor, q, { lang, limit });
      return c.json({ items: r.map(hitView) }, 200);
    },
  );
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/kb/suggestions',
      tags,
      summary:
        'Articles for a case or contact: its title, category, IVR choices and the customer’s words',
      request: { query: KbSuggestQuery },
      responses: hits,
    }),
    async (c) => {
      const { caseId, contactId, lang } = c.req.valid('query');
      const kb = c.var.services.kb;
      const r = caseId
        ? await kb.suggestions.forCase(c.var.actor as Actor, caseId, lang)
        : await kb.suggestions.forContact(contactId as string, lang);
      return c.json({ items: r.map(hitView) }, 200);
    },
  );
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/kb/articles',
      tags,
      summary: 'Articles for authors, newest change first (title or slug filter, state, language)',
      request: { query: KbArticleQuery },
      responses: { 200: jsonResponse(pageOf(KbArticleView)) },
    }),
    async (c) => {
      const { limit, offset, ...f } = c.req.valid('query');
      const r = await c.var.services.kb.articles.list(f, { limit, offset });
      const actor = c.var.actor as Actor;
      return c.json({ items: r.items.map((a) => articleView(a, actor, [])), total: r.total }, 200);
    },
  );
  app.openapi(
    secured(managers, {
      method: 'post',
      path: '/api/kb/articles',
      tags,
      summary: 'Write a new article (a draft, version 1), optionally as a translation of another',
      request: { body: jsonBody(KbArticleCreate) },
      responses: { 201: jsonResponse(KbArticleView) },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const a = await c.var.services.kb.articles.create(c.var.actor as Actor, {
        ...content(b),
        slug: b.slug,
        lang: b.lang,
        translationOf: b.translationOf ?? null,
      });
      return c.json(await view(c, a.id), 201);
    },
  );
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/kb/articles/{id}',
      tags,
      summary:
        'One article: authors get the working copy too; others only a live one (counted as a view)',
      request: { params: IdParam },
      responses: one,
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const actor = c.var.actor as Actor;
      const v = await view(c, id);
      if (!isAuthor(actor))
        await c.var.services.kb.reader.deskView(
          actor,
          await c.var.services.kb.articles.get(actor, id),
        );
      return c.json(v, 200);
    },
  );
  app.openapi(
    secured(managers, {
      method: 'put',
      path: '/api/kb/articles/{id}',
      tags,
      summary:
        'Save the article as its next version (a published one stays live until the new one is)',
      request: { params: IdParam, body: jsonBody(KbArticleEdit) },
      responses: one,
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const b = c.req.valid('json');
      await c.var.services.kb.articles.edit(c.var.actor as Actor, id, b.rev, content(b));
      return c.json(await view(c, id), 200);
    },
  );
  app.openapi(
    secured(managers, {
      method: 'post',
      path: '/api/kb/articles/{id}/workflow',
      tags,
      summary:
        'Review: submit, reject (with a comment), publish (by someone else), archive, restore',
      request: { params: IdParam, body: jsonBody(KbWorkflow) },
      responses: one,
    }),
    async (c) => {
      const id = c.req.valid('param').id;
      const b = c.req.valid('json');
      await c.var.services.kb.articles.move(
        c.var.actor as Actor,
        id,
        b.rev,
        b.action,
        b.comment ?? null,
      );
      return c.json(await view(c, id), 200);
    },
  );
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/kb/articles/{id}/versions',
      tags,
      summary: 'Every saved version, newest first, with author and change note',
      request: { params: IdParam },
      responses: { 200: jsonResponse(z.object({ items: z.array(KbVersionView) })) },
    }),
    async (c) => {
      const v = await c.var.services.kb.articles.versions(c.req.valid('param').id);
      return c.json({ items: v.map(versionView) }, 200);
    },
  );
  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/kb/articles/{id}/used',
      tags,
      summary: 'The agent put this article (or a link to it) into a reply',
      request: { params: IdParam, body: jsonBody(KbUse) },
      responses: { 200: jsonResponse(Ok) },
    }),
    async (c) => {
      const b = c.req.valid('json');
      await c.var.services.kb.reader.used(c.var.actor as Actor, c.req.valid('param').id, b.caseId);
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    secured(staff, {
      method: 'post',
      path: '/api/kb/articles/{id}/feedback',
      tags,
      summary: '"This answered it" (helpful: true) or not, from the desk',
      request: { params: IdParam, body: jsonBody(KbDeskFeedback) },
      responses: { 200: jsonResponse(Ok) },
    }),
    async (c) => {
      const b = c.req.valid('json');
      await c.var.services.kb.reader.deskFeedback(
        c.var.actor as Actor,
        c.req.valid('param').id,
        b.helpful,
        b.caseId,
      );
      return c.json({ ok: true as const }, 200);
    },
  );
  app.openapi(
    secured(managers, {
      method: 'post',
      path: '/api/kb/render',
      tags,
      summary: 'Preview: Markdown rendered and sanitized exactly as readers will see it',
      request: { body: jsonBody(KbRender) },
      responses: { 200: jsonResponse(z.object({ html: z.string() })) },
    }),
    (c) => c.json({ html: articleHtml(c.req.valid('json').body) }, 200),
  );
  app.openapi(
    secured(staff, {
      method: 'get',
      path: '/api/kb/categories',
      tags,
      summary: 'Knowledge-base categories (a tree by parentId)',
      responses: { 200: jsonResponse(z.object({ items: z.array(KbCategoryView) })) },
    }),
    async (c) => c.json({ items: await c.var.services.kb.categories.list() }, 200),
  );
  app.openapi(
    secured(managers, {
      method: 'post',
      path: '/api/kb/categories',
      tags,
      summary: 'Add a category',
      request: { body: jsonBody(KbCategoryInput) },
      responses: { 201: jsonResponse(KbCategoryView) },
    }),
    async (c) =>
      c.json(
        await c.var.services.kb.categories.create(c.var.actor as Actor, c.req.valid('json')),
        201,
      ),
  );
  app.openapi(
    secured(managers, {
      method: 'patch',
      path: '/api/kb/categories/{id}',
      tags,
      summary: 'Rename or move a category',
      request: { params: IdParam, body: jsonBody(KbCategoryInput) },
      responses: { 200: jsonResponse(KbCategoryView) },
    }),
    async (c) =>
      c.json(
        await c.var.services.kb.categories.update(
          c.var.actor as Actor,
          c.req.valid('param').id,
          c.req.valid('json'),
        ),
        200,
      ),
  );
  deleteRoute(
    app,
    managers,
    {
      path: '/api/kb/categories/{id}',
      tags,
      summary: 'Remove a category (its children become roots)',
    },
    (s, actor, id) => s.kb.categories.remove(actor, id),
  );
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/kb/stats',
      tags,
      summary: 'Most viewed, most used in replies, searches with no result, feedback, deflection',
      request: { query: KbStatsQuery },
      responses: { 200: jsonResponse(KbStatsView) },
    }),
    async (c) => {
      const q = c.req.valid('query');
      // Up to and including now (the range is half-open).
      const to = q.to ? new Date(q.to) : new Date(c.var.services.clock.now().getTime() + 1);
      const from = q.from ? new Date(q.from) : new Date(to.getTime() - 30 * 86_400_000);
      return c.json(jsonify(await c.var.services.kb.activity.stats(from, to)), 200);
    },
  );
  app.openapi(
    secured(managers, {
      method: 'get',
      path: '/api/kb/export',
      tags,
      summary: 'Every article as a Markdown file with front matter (docs/knowledge-base.md)',
      responses: { 200: jsonResponse(KbExportView) },
    }),
    async (c) => c.json({ files: await c.var.services.kb.transfer.export() }, 200),
  );
  app.openapi(
    secured(managers, {
      method: 'post',
      path: '/api/kb/import',
      tags,
      summary:
        'Import Markdown files: new slugs become drafts, changed ones new versions; a report per file',
      request: { body: jsonBody(KbImport) },
      responses: { 200: jsonResponse(KbImportReport) },
    }),
    async (c) => {
      const b = c.req.valid('json');
      const items = await c.var.services.kb.transfer.import(c.var.actor as Actor, b.files, {
        submit: b.submit,
      });
      return c.json({ items }, 200);
    },
  );
}
