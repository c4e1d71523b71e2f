/**
 * A knowledge-base article (知识库文章): one language of one answer, with every saved version.
 * Translations share a `groupId`. The working copy is the newest version; the live copy is the
 * version last published, which is what agents and customers read while the next version is
 * drafted and reviewed (see article-state.ts for the workflow).
 */
import { DomainError } from '../errors.ts';
import type { DomainEvent } from '../events/domain-event.ts';
import type { Role } from '../user/user.ts';
import { articleTransition, type ArticleAction, type ArticleState } from './article-state.ts';

export const kbLangs = ['zh-CN', 'en'] as const;
export type KbLang = (typeof kbLangs)[number];
export const audiences = ['internal', 'public'] as const;
/** internal: agents only; public: also customers on the portal and in the chat widget. */
export type Audience = (typeof audiences)[number];

export interface ArticleContent {
  readonly title: string;
  /** Markdown. */
  readonly body: string;
  readonly tags: readonly string[];
  readonly categoryId: string | null;
  readonly audience: Audience;
  /** The answer holds from (e.g. a tariff's start), inclusive; null = always. */
  readonly validFrom: Date | null;
  /** The answer holds until, exclusive; null = no end. */
  readonly validUntil: Date | null;
}

export interface ArticleVersion extends ArticleContent {
  readonly articleId: string;
  readonly version: number;
  readonly authorId: string;
  readonly note: string;
  readonly createdAt: Date;
}

export interface LiveCopy extends ArticleContent {
  readonly version: number;
  readonly publishedAt: Date;
}

export interface Article {
  readonly id: string;
  readonly slug: string;
  readonly lang: KbLang;
  readonly groupId: string;
  readonly state: ArticleState;
  /** The working copy, the newest version. */
  readonly version: number;
  readonly working: ArticleContent;
  readonly live: LiveCopy | null;
  /** Who submitted the version under review (they may not publish it). */
  readonly submittedBy: string | null;
  /** The reviewer's word when a version was sent back. */
  readonly reviewComment: string | null;
  readonly createdBy: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  /** Bumped on every change, for optimistic concurrency. */
  readonly rev: number;
}

export const articleLimits = { title: 200, body: 100_000, tags: 20, tag: 40, note: 500 } as const;

const invalid = (field: string, message: string): never => {
  throw new DomainError('kb.invalid_article', message, { field });
};

export function assertSlug(slug: string): void {
  if (!/^[a-z0-9][a-z0-9-]{0,99}$/.test(slug))
    invalid('slug', 'a slug is 1–100 lower-case letters, digits and hyphens');
}

/** Trims and checks content; tags are trimmed and de-duplicated (case-insensitively). */
export function cleanContent(c: ArticleContent): ArticleContent {
  const title = c.title.trim();
  if (!title || title.length > articleLimits.title)
    invalid('title', `a title is 1–${articleLimits.title} characters`);
  if (!c.body.trim()) invalid('body', 'an article needs a body');
  if (c.body.length > articleLimits.body)
    invalid('body', `a body is at most ${articleLimits.body} characters`);
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const raw of c.tags) {
    const t = raw.trim();
    if (!t) continue;
    if (t.length > articleLimits.tag)
      invalid('tags', `a tag is at most ${articleLimits.tag} characters`);
    if (seen.has(t.toLowerCase())) continue;
    seen.add(t.toLowerCase());
    tags.push(t);
  }
  if (tags.length > articleLimits.tags) invalid('tags', `at most ${articleLimits.tags} tags`);
  if (c.validFrom && c.validUntil && c.validUntil.getTime() <= c.validFrom.getTime())
    invalid('validUntil', 'validUntil must be after validFrom');
  return { ...c, title, tags };
}

/** Whether a live copy may be shown to this audience at `now` (validity is half-open). */
export function isLiveFor(live: LiveCopy | null, audience: Audience, now: Date): live is LiveCopy {
  if (!live) return false;
  if (audience === 'public' && live.audience !== 'public') return false;
  if (live.validFrom && live.validFrom.getTime() > now.getTime()) return false;
  if (live.validUntil && live.validUntil.getTime() <= now.getTime()) return false;
  return true;
}

function cleanNote(note: string): string {
  const n = note.trim();
  if (n.length > articleLimits.note)
    invalid('note', `a note is at most ${articleLimits.note} characters`);
  return n;
}

export interface ArticleChange {
  readonly article: Article;
  /** The version written, when the change saved content. */
  readonly version: ArticleVersion | null;
  readonly event: DomainEvent;
}

export function newArticle(
  o: { id: string; slug: string; lang: KbLang; groupId: string | null },
  content: ArticleContent,
  author: { id: string; note: string },
  now: Date,
): ArticleChange {
  assertSlug(o.slug);
  const working = cleanContent(content);
  const article: Article = {
    id: o.id,
    slug: o.slug,
    lang: o.lang,
    groupId: o.groupId ?? o.id,
    state: 'draft',
    version: 1,
    working,
    live: null,
    submittedBy: null,
    reviewComment: null,
    createdBy: author.id,
    createdAt: now,
    updatedAt: now,
    rev: 1,
  };
  const version = versionOf(article, author.id, cleanNote(author.note) || 'created', now);
  return { article, version, event: articleEvent(article, 'kb_article.created', author.id) };
}

function versionOf(a: Article, authorId: string, note: string, now: Date): ArticleVersion {
  return { ...a.working, articleId: a.id, version: a.version, authorId, note, createdAt: now };
}

/** Saves new content as the next version; a published article goes back to draft but stays live. */
export function editArticle(
  a: Article,
  content: ArticleContent,
  author: { id: string; note: string },
  now: Date,
): ArticleChange {
  const state = articleTransition(a.state, 'edit');
  const next: Article = {
    ...a,
    state,
    version: a.version + 1,
    working: cleanContent(content),
    submittedBy: null,
    updatedAt: now,
    rev: a.rev + 1,
  };
  return {
    article: next,
    version: versionOf(next, author.id, cleanNote(author.note), now),
    event: articleEvent(next, 'kb_article.edited', author.id),
  };
}

export type WorkflowAction = Exclude<ArticleAction, 'edit'>;

/** A review step by `actor`; `comment` is required to reject. */
export function moveArticle(
  a: Article,
  action: WorkflowAction,
  actor: { id: string; role: Role },
  comment: string | null,
  now: Date,
): ArticleChange {
  const state = articleTransition(a.state, action);
  let next: Article = { ...a, state, updatedAt: now, rev: a.rev + 1 };
  switch (action) {
    case 'submit':
      next = { ...next, submittedBy: actor.id, reviewComment: null };
      break;
    case 'reject': {
      const why = (comment ?? '').trim();
      if (!why) invalid('comment', 'sending an article back says why');
      next = { ...next, submittedBy: null, reviewComment: cleanNote(why) };
      break;
    }
    case 'publish':
      if (a.submittedBy === actor.id && actor.role !== 'admin')
        throw new DomainError('kb.own_review', 'someone else must review what you submitted', {
          submittedBy: a.submittedBy,
        });
      next = {
        ...next,
        live: { ...a.working, version: a.version, publishedAt: now },
        reviewComment: comment?.trim() ? cleanNote(comment) : null,
      };
      break;
    case 'archive':
      // Off the air: the versions keep the record; restoring starts a draft, not a comeback.
      next = { ...next, live: null, submittedBy: null };
      break;
    case 'restore':
      break;
  }
  return {
    article: next,
    version: null,
    event: articleEvent(next, `kb_article.${pastTense[action]}`, actor.id),
  };
}

const pastTense: Record<WorkflowAction, string> = {
  submit: 'submitted',
  reject: 'rejected',
  publish: 'published',
  archive: 'archived',
  restore: 'restored',
};

/** Article changes are the authors' business: administrators, the creator and the submitter. */
export function articleEvent(a: Article, type: string, actorId: string): DomainEvent {
  return {
    type,
    subjectType: 'kb_article',
    subjectId: a.id,
    payload: {
      slug: a.slug,
      lang: a.lang,
      title: a.working.title,
      state: a.state,
      version: a.version,
      liveVersion: a.live?.version ?? null,
    },
    scope: {
      userIds: [...new Set([a.createdBy, a.submittedBy, actorId].filter((x): x is string => !!x))],
      teamIds: [],
      dispatchTeamIds: [],
      customerId: null,
    },
  };
}
