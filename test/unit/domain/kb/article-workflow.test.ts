/** The article review machine and the article operations on top of it. */
import { describe, expect, it } from 'vitest';
import {
  allowedActions,
  articleActions,
  articleStates,
  articleTransition,
  articleTransitions,
} from '../../../../src/domain/kb/article-state.ts';
import {
  editArticle,
  isLiveFor,
  moveArticle,
  newArticle,
  type ArticleContent,
} from '../../../../src/domain/kb/article.ts';
import { expectDomainError } from '../expect-domain-error.ts';

const now = new Date('2026-11-30T02:00:00Z');
const content: ArticleContent = {
  title: ' 日本漫游 ',
  body: '开通 **KTMY**',
  tags: ['漫游', ' roaming ', 'Roaming', ''],
  categoryId: null,
  audience: 'public',
  validFrom: null,
  validUntil: null,
};
const author = { id: 'u-author', role: 'supervisor' as const };
const reviewer = { id: 'u-reviewer', role: 'supervisor' as const };

describe('article workflow machine', () => {
  it('follows the drawn table and rejects every other move with a coded error', () => {
    const legal: Record<string, string> = {
      'draft edit': 'draft',
      'draft submit': 'in_review',
      'draft archive': 'archived',
      'in_review reject': 'draft',
      'in_review publish': 'published',
      'published edit': 'draft',
      'published archive': 'archived',
      'archived restore': 'draft',
    };
    for (const s of articleStates)
      for (const a of articleActions) {
        const want = legal[`${s} ${a}`];
        if (want) {
          expect(articleTransition(s, a)).toBe(want);
          expect(articleTransitions[s]).toContain(want);
        } else
          expectDomainError(() => articleTransition(s, a), 'kb.illegal_transition', {
            from: s,
            action: a,
            allowed: allowedActions(s),
          });
      }
  });
});

describe('article operations', () => {
  const created = newArticle(
    { id: 'a1', slug: 'roaming-japan', lang: 'zh-CN', groupId: null },
    content,
    { id: author.id, note: '' },
    now,
  );

  it('creates a draft, cleaning the title and tags, as version 1 of its own group', () => {
    expect(created.article).toMatchObject({
      state: 'draft',
      version: 1,
      groupId: 'a1',
      live: null,
    });
    expect(created.article.working.title).toBe('日本漫游');
    expect(created.article.working.tags).toEqual(['漫游', 'roaming']);
    expect(created.version).toMatchObject({ version: 1, authorId: author.id, note: 'created' });
    expect(created.event.type).toBe('kb_article.created');
  });

  it('rejects bad slugs, empty bodies and validity that ends before it starts', () => {
    expectDomainError(
      () =>
        newArticle(
          { id: 'x', slug: 'Bad Slug', lang: 'en', groupId: null },
          content,
          { id: 'u', note: '' },
          now,
        ),
      'kb.invalid_article',
      { field: 'slug' },
    );
    expectDomainError(
      () => editArticle(created.article, { ...content, body: '  ' }, { id: 'u', note: '' }, now),
      'kb.invalid_article',
      { field: 'body' },
    );
    expectDomainError(
      () =>
        editArticle(
          created.article,
          { ...content, validFrom: now, validUntil: new Date(now.getTime() - 1) },
          { id: 'u', note: '' },
          now,
        ),
      'kb.invalid_article',
      { field: 'validUntil' },
    );
  });

  it('needs a second person to publish, except an administrator', () => {
    const submitted = moveArticle(created.article, 'submit', author, null, now).article;
    expect(submitted.submittedBy).toBe(author.id);
    expectDomainError(() => moveArticle(submitted, 'publish', author, null, now), 'kb.own_review');
    const published = moveArticle(submitted, 'publish', reviewer, null, now).article;
    expect(published.live).toMatchObject({ version: 1, title: '日本漫游', publishedAt: now });
    const adminSelf = moveArticle(
      moveArticle(created.article, 'submit', { id: 'root', role: 'admin' }, null, now).article,
      'publish',
      { id: 'root', role: 'admin' },
      null,
      now,
    ).article;
    expect(adminSelf.state).toBe('published');
  });

  it('keeps the live copy while a new version is drafted, and drops it on archive', () => {
    const live = moveArticle(
      moveArticle(created.article, 'submit', author, null, now).article,
      'publish',
      reviewer,
      null,
      now,
    ).article;
    const edited = editArticle(
      live,
      { ...content, title: '日本漫游（新）' },
      { id: author.id, note: 'new prices' },
      now,
    );
    expect(edited.article).toMatchObject({ state: 'draft', version: 2 });
    expect(edited.article.live?.title).toBe('日本漫游');
    expect(edited.version).toMatchObject({
      version: 2,
      note: 'new prices',
      title: '日本漫游（新）',
    });
    const archived = moveArticle(edited.article, 'archive', reviewer, null, now).article;
    expect(archived.live).toBeNull();
    expect(moveArticle(archived, 'restore', reviewer, null, now).article).toMatchObject({
      state: 'draft',
      live: null,
    });
  });

  it('needs a reason to send an article back', () => {
    const submitted = moveArticle(created.article, 'submit', author, null, now).article;
    expectDomainError(
      () => moveArticle(submitted, 'reject', reviewer, '  ', now),
      'kb.invalid_article',
      { field: 'comment' },
    );
    expect(
      moveArticle(submitted, 'reject', reviewer, 'prices are wrong', now).article,
    ).toMatchObject({
      state: 'draft',
      reviewComment: 'prices are wrong',
      submittedBy: null,
    });
  });

  it('shows a live copy only within its validity and to its audience', () => {
    const live = { ...content, version: 1, publishedAt: now };
    const from = new Date('2026-12-01T00:00:00Z');
    const until = new Date('2027-01-01T00:00:00Z');
    const dated = { ...live, validFrom: from, validUntil: until };
    expect(isLiveFor(dated, 'public', now)).toBe(false);
    expect(isLiveFor(dated, 'public', from)).toBe(true);
    expect(isLiveFor(dated, 'public', until)).toBe(false);
    expect(isLiveFor({ ...live, audience: 'internal' }, 'public', now)).toBe(false);
    expect(isLiveFor({ ...live, audience: 'internal' }, 'internal', now)).toBe(true);
    expect(isLiveFor(null, 'internal', now)).toBe(false);
  });
});
