/** The knowledge base (知识库) over HTTP: articles, review, search, portal reading, statistics. */
import { z } from 'zod';
import { articleActions, articleStates } from '../domain/kb/article-state.ts';
import { audiences, kbLangs } from '../domain/kb/article.ts';
import { Id, PageQuery, Timestamp } from './common.ts';

export const KbLang = z.enum(kbLangs);
const Audience = z.enum(audiences);
const Slug = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{0,99}$/, 'lower-case letters, digits and hyphens');
const SessionId = z
  .string()
  .regex(/^[A-Za-z0-9_-]{8,64}$/)
  .describe('the portal session (a random id the page keeps for the visit)');

export const KbContentInput = z.strictObject({
  title: z.string().trim().min(1).max(200),
  body: z.string().min(1).max(100_000).describe('Markdown'),
  tags: z.array(z.string().max(40)).max(20).default([]),
  categoryId: Id.nullable().default(null),
  audience: Audience.describe('internal: agents only; public: also the portal and chat widget'),
  validFrom: Timestamp.nullable().default(null),
  validUntil: Timestamp.nullable().default(null).describe('exclusive'),
  note: z.string().max(500).optional().describe('the change note of this version'),
});

export const KbArticleCreate = KbContentInput.extend({
  slug: Slug,
  lang: KbLang,
  translationOf: Id.nullable().optional().describe('the article this one translates'),
}).meta({ id: 'KbArticleCreate' });

export const KbArticleEdit = KbContentInput.extend({
  rev: z.number().int().min(1).describe('the rev you edited; a newer one answers conflict'),
}).meta({ id: 'KbArticleEdit' });

export const KbWorkflow = z
  .strictObject({
    action: z.enum(
      articleActions.filter((a) => a !== 'edit') as [
        'submit',
        'reject',
        'publish',
        'archive',
        'restore',
      ],
    ),
    rev: z.number().int().min(1),
    comment: z.string().max(500).nullable().optional().describe('required to reject'),
  })
  .meta({ id: 'KbWorkflow' });

const Content = {
  title: z.string(),
  body: z.string(),
  tags: z.array(z.string()),
  categoryId: z.string().nullable(),
  audience: Audience,
  validFrom: Timestamp.nullable(),
  validUntil: Timestamp.nullable(),
};

export const KbLiveView = z.object({
  ...Content,
  version: z.number().int(),
  publishedAt: Timestamp,
  html: z.string().describe('the body rendered and sanitized'),
  text: z.string().describe('the body as plain text (what an agent inserts into a reply)'),
});

export const KbArticleView = z
  .object({
    id: z.string(),
    slug: z.string(),
    lang: KbLang,
    groupId: z.string(),
    state: z.enum(articleStates),
    version: z.number().int(),
    rev: z.number().int(),
    working: z.object(Content).nullable().describe('authors only'),
    live: KbLiveView.nullable(),
    actions: z.array(z.string()).describe('workflow actions legal now'),
    submittedBy: z.string().nullable(),
    reviewComment: z.string().nullable(),
    createdBy: z.string(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    translations: z.array(z.object({ id: z.string(), slug: z.string(), lang: KbLang })),
  })
  .meta({ id: 'KbArticle' });

export const KbVersionView = z
  .object({
    ...Content,
    articleId: z.string(),
    version: z.number().int(),
    authorId: z.string(),
    note: z.string(),
    createdAt: Timestamp,
  })
  .meta({ id: 'KbVersion' });

export const KbArticleQuery = PageQuery.extend({
  state: z.enum(articleStates).optional(),
  lang: KbLang.optional(),
  categoryId: Id.optional(),
  q: z.string().max(200).optional(),
});

export const Segment = z.object({ text: z.string(), hit: z.boolean() });

export const KbHitView = z
  .object({
    id: z.string(),
    slug: z.string(),
    lang: KbLang,
    audience: Audience,
    title: z.string(),
    titleSegments: z.array(Segment),
    snippet: z.array(Segment).describe('plain text; render each segment as text, hits marked'),
    tags: z.array(z.string()),
    score: z.number(),
  })
  .meta({ id: 'KbHit' });

export const KbSearchQuery = z.object({
  q: z.string().max(500),
  lang: KbLang.optional(),
  limit: z.coerce.number().int().min(1).max(50).default(10),
});
export const KbPublicSearchQuery = KbSearchQuery.extend({ session: SessionId.optional() });

export const KbSuggestQuery = z
  .object({ caseId: Id.optional(), contactId: Id.optional(), lang: KbLang.optional() })
  .refine((q) => !!q.caseId !== !!q.contactId, 'give caseId or contactId');

export const KbUse = z.strictObject({
  caseId: Id.nullable().default(null),
  how: z.enum(['inserted', 'linked']).default('inserted'),
});
export const KbDeskFeedback = z.strictObject({
  caseId: Id.nullable().default(null),
  helpful: z.boolean().describe('true: this answered it'),
});

export const KbPublicArticleView = z
  .object({
    slug: z.string(),
    lang: KbLang,
    title: z.string(),
    html: z.string(),
    tags: z.array(z.string()),
    publishedAt: Timestamp,
    validUntil: Timestamp.nullable(),
    translations: z.array(z.object({ slug: z.string(), lang: KbLang, title: z.string() })),
  })
  .meta({ id: 'KbPublicArticle' });
export const KbSlugParam = z.object({ slug: Slug });
export const KbSessionQuery = z.object({ session: SessionId.optional() });
export const KbPublicFeedback = z.strictObject({
  helpful: z.boolean(),
  session: SessionId.optional(),
});
export const KbPublicContact = z.strictObject({ session: SessionId });

export const KbRender = z.strictObject({ body: z.string().max(100_000) });

export const KbCategoryInput = z
  .strictObject({
    parentId: Id.nullable().default(null),
    name: z.string().trim().min(1).max(100),
    nameZh: z.string().trim().max(100).nullable().default(null),
    position: z.number().int().min(0).max(10_000).optional(),
  })
  .meta({ id: 'KbCategoryInput' });
export const KbCategoryView = z
  .object({
    id: z.string(),
    parentId: z.string().nullable(),
    name: z.string(),
    nameZh: z.string().nullable(),
    position: z.number().int(),
  })
  .meta({ id: 'KbCategory' });

export const KbStatsQuery = z.object({ from: Timestamp.optional(), to: Timestamp.optional() });
const ArticleCount = z.object({
  articleId: z.string(),
  slug: z.string().nullable(),
  title: z.string().nullable(),
  n: z.number().int(),
});
export const KbStatsView = z
  .object({
    from: Timestamp,
    to: Timestamp,
    searches: z.number().int(),
    mostViewed: z.array(ArticleCount),
    mostUsed: z.array(ArticleCount),
    emptySearches: z.array(z.object({ query: z.string(), n: z.number().int() })),
    feedback: z.array(
      ArticleCount.extend({
        source: z.enum(['portal', 'desk']),
        helpful: z.number().int(),
        notHelpful: z.number().int(),
      }),
    ),
    deflection: z
      .object({
        sessions: z.number().int(),
        deflected: z.number().int(),
        rate: z.number().nullable(),
      })
      .describe('portal sessions that read an article and opened no contact within 30 minutes'),
  })
  .meta({ id: 'KbStats' });

export const KbFile = z.object({
  name: z.string().min(1).max(200),
  content: z.string().max(200_000),
});
export const KbExportView = z.object({ files: z.array(KbFile) }).meta({ id: 'KbExport' });
export const KbImport = z
  .strictObject({
    files: z.array(KbFile).min(1).max(2000),
    submit: z.boolean().default(false).describe('send every changed article to review'),
  })
  .meta({ id: 'KbImport' });
export const KbImportReport = z
  .object({
    items: z.array(
      z.object({
        name: z.string(),
        slug: z.string().nullable(),
        result: z.enum(['created', 'updated', 'unchanged', 'failed']),
        code: z.string().optional(),
        message: z.string().optional(),
      }),
    ),
  })
  .meta({ id: 'KbImportReport' });
