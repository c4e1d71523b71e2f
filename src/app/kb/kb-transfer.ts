/**
 * Bulk authoring: articles as Markdown files with front matter, in and out.
 *
 *     ---
 *     slug: roaming-japan-en
 *     lang: en
 *     title: "Roaming in Japan: rates and activation"
 *     translationOf: roaming-japan-zh
 *     category: Roaming / Asia
 *     tags: [roaming, japan]
 *     audience: public
 *     validFrom: 2026-01-01
 *     validUntil:
 *     state: published        # export only: where the article stands; ignored on import
 *     ---
 *     Markdown body
 *
 * Export writes each article's working copy. Import matches by slug: a new slug creates a draft,
 * a known one saves a new version when something changed (and leaves it alone otherwise); with
 * `submit` every changed article goes to review. Nothing is published by an import: a reviewer
 * still signs each one off. Missing categories (by path of names, either language) are created.
 * Each file is its own transaction, so one bad file is reported and the rest still land.
 */
import { DomainError, isDomainError } from '../../domain/errors.ts';
import {
  audiences,
  kbLangs,
  type Article,
  type ArticleContent,
  type Audience,
  type KbLang,
} from '../../domain/kb/article.ts';
import {
  parseMarkdownFile,
  writeMarkdownFile,
  type FrontValue,
} from '../../domain/kb/front-matter.ts';
import { kbCategoryAt, kbCategoryPath } from '../../domain/kb/kb-category.ts';
import type { Actor, AppDeps } from '../app-context.ts';
import type { KbArticleService } from './kb-article-service.ts';
import type { KbCategories } from './kb-categories.ts';

export interface KbFile {
  readonly name: string;
  readonly content: string;
}

export interface ImportResult {
  readonly name: string;
  readonly slug: string | null;
  readonly result: 'created' | 'updated' | 'unchanged' | 'failed';
  readonly code?: string;
  readonly message?: string;
}

const day = (d: Date | null) => (d ? d.toISOString().replace('T00:00:00.000Z', '') : null);

export class KbTransfer {
  constructor(
    private readonly deps: AppDeps,
    private readonly articles: KbArticleService,
    private readonly categories: KbCategories,
  ) {}

  async export(): Promise<KbFile[]> {
    const all: Article[] = [];
    for (let offset = 0; ; offset += 500) {
      const page = await this.deps.store.kb.articles({}, { limit: 500, offset });
      all.push(...page.items);
      if (page.items.length < 500) break;
    }
    const cats = await this.categories.list();
    const byId = new Map(all.map((a) => [a.id, a]));
    all.sort((a, b) => a.slug.localeCompare(b.slug));
    return all.map((a) => {
      const root = byId.get(a.groupId);
      const w = a.working;
      const meta: Record<string, FrontValue> = {
        slug: a.slug,
        lang: a.lang,
        title: w.title,
        translationOf: root && root.id !== a.id ? root.slug : null,
        category: w.categoryId ? kbCategoryPath(cats, w.categoryId).join(' / ') : null,
        tags: [...w.tags],
        audience: w.audience,
        validFrom: day(w.validFrom),
        validUntil: day(w.validUntil),
        state: a.state,
      };
      return { name: `${a.slug}.md`, content: writeMarkdownFile({ meta, body: w.body }) };
    });
  }

  async import(
    actor: Actor,
    files: readonly KbFile[],
    o: { submit?: boolean } = {},
  ): Promise<ImportResult[]> {
    const parsed = files.map((f) => {
      try {
        return { f, file: parseMarkdownFile(f.content), error: null };
      } catch (e) {
        return { f, file: null, error: e };
      }
    });
    // Originals first, so translations find the article they translate.
    const order = [...parsed].sort(
      (a, b) => Number(!!a.file?.meta['translationOf']) - Number(!!b.file?.meta['translationOf']),
    );
    const results = new Map<KbFile, ImportResult>();
    for (const p of order) {
      const slug = typeof p.file?.meta['slug'] === 'string' ? p.file.meta['slug'] : null;
      try {
        if (p.error) throw p.error;
        results.set(p.f, {
          name: p.f.name,
          slug,
          result: await this.one(actor, p.f, p.file as never, o),
        });
      } catch (e) {
        if (!isDomainError(e)) throw e;
        results.set(p.f, {
          name: p.f.name,
          slug,
          result: 'failed',
          code: e.code,
          message: e.message,
        });
      }
    }
    return files.map((f) => results.get(f) as ImportResult);
  }

  private async one(
    actor: Actor,
    f: KbFile,
    file: { meta: Readonly<Record<string, FrontValue>>; body: string },
    o: { submit?: boolean },
  ): Promise<ImportResult['result']> {
    const m = file.meta;
    const str = (k: string): string | null => {
      const v = m[k];
      if (v === undefined || v === null) return null;
      if (typeof v !== 'string') throw bad(k, `${k} is one value, not a list`);
      return v;
    };
    const slug = str('slug') ?? f.name.replace(/^.*\//, '').replace(/\.md$/i, '');
    const lang = (str('lang') ?? 'zh-CN') as KbLang;
    if (!kbLangs.includes(lang)) throw bad('lang', `lang is one of ${kbLangs.join(', ')}`);
    const audience = (str('audience') ?? 'internal') as Audience;
    if (!audiences.includes(audience))
      throw bad('audience', `audience is one of ${audiences.join(', ')}`);
    const tags = m['tags'] ?? [];
    const content: ArticleContent = {
      title: str('title') ?? '',
      body: file.body.replace(/\s+$/, ''),
      tags: Array.isArray(tags) ? tags : [tags],
      categoryId: await this.categoryFor(actor, str('category')),
      audience,
      validFrom: date(str('validFrom'), 'validFrom'),
      validUntil: date(str('validUntil'), 'validUntil'),
    };
    const note = `imported from ${f.name}`.slice(0, 500);
    const existing = await this.articles.bySlug(slug);
    let a: Article;
    let result: ImportResult['result'];
    if (!existing) {
      const of = str('translationOf');
      const original = of ? await this.articles.bySlug(of) : null;
      if (of && !original) throw bad('translationOf', `no article ${of} to translate`);
      a = await this.articles.create(actor, {
        ...content,
        slug,
        lang,
        note,
        translationOf: original?.id ?? null,
      });
      result = 'created';
    } else {
      if (existing.lang !== lang)
        throw bad('lang', `${slug} is in ${existing.lang}; a translation needs its own slug`);
      if (sameContent(existing.working, content)) return 'unchanged';
      a = await this.articles.edit(actor, existing.id, existing.rev, { ...content, note });
      result = 'updated';
    }
    if (o.submit && a.state === 'draft')
      await this.articles.move(actor, a.id, a.rev, 'submit', null);
    return result;
  }

  private async categoryFor(actor: Actor, path: string | null): Promise<string | null> {
    if (!path) return null;
    const names = path
      .split('/')
      .map((s) => s.trim())
      .filter(Boolean);
    let parentId: string | null = null;
    for (let i = 0; i < names.length; i++) {
      const all = await this.categories.list();
      const found = kbCategoryAt(all, names.slice(0, i + 1));
      parentId = found
        ? found.id
        : (
            await this.categories.create(actor, {
              parentId,
              name: names[i] as string,
              nameZh: null,
            })
          ).id;
    }
    return parentId;
  }
}

const bad = (field: string, message: string) =>
  new DomainError('kb.invalid_import', message, { field });

function date(s: string | null, field: string): Date | null {
  if (!s) return null;
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(s) ? `${s}T00:00:00Z` : s);
  if (Number.isNaN(d.getTime()))
    throw bad(field, `${field} is a date (YYYY-MM-DD) or an ISO instant`);
  return d;
}

function sameContent(a: ArticleContent, b: ArticleContent): boolean {
  return (
    a.title === b.title.trim() &&
    a.body === b.body &&
    a.tags.join('\u0000') ===
      b.tags
        .map((t) => t.trim())
        .filter(Boolean)
        .join('\u0000') &&
    a.categoryId === b.categoryId &&
    a.audience === b.audience &&
    a.validFrom?.getTime() === b.validFrom?.getTime() &&
    a.validUntil?.getTime() === b.validUntil?.getTime()
  );
}
