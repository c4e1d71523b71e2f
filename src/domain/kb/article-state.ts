/**
 * The review workflow of a knowledge-base article (知识库文章审核流程).
 *
 *               submit                 publish
 *     draft ───────────────▶ in_review ─────────▶ published ──archive──▶ archived
 *      ▲  ▲                     │                    │                      │
 *      │  └──────reject─────────┘                    │ edit (a new version) │
 *      │◀────────────────────────────────────────────┘                      │
 *      │◀─────────────────────────────── restore ───────────────────────────┘
 *      └──archive (withdraw a draft)──▶ archived
 *
 * `state` is the workflow state of the working copy. An article that was published stays live
 * (its published version is what agents and customers read) while a new version is drafted and
 * reviewed; only `archive` takes it off the air, and `restore` brings it back as a draft that
 * must be reviewed again. Publishing needs a second person: the one who
 * submitted a version may not publish it, unless they are an administrator (a one-person center
 * has nobody else to ask).
 */
import { DomainError } from '../errors.ts';

export const articleStates = ['draft', 'in_review', 'published', 'archived'] as const;
export type ArticleState = (typeof articleStates)[number];

export const articleActions = [
  'edit',
  'submit',
  'reject',
  'publish',
  'archive',
  'restore',
] as const;
export type ArticleAction = (typeof articleActions)[number];

export const articleTransitions: Readonly<Record<ArticleState, readonly ArticleState[]>> = {
  draft: ['draft', 'in_review', 'archived'],
  in_review: ['draft', 'published'],
  published: ['draft', 'archived'],
  archived: ['draft'],
};

/** Where each action leads, and the states it may start from (a subset of the table). */
const actionTable: Readonly<
  Record<ArticleAction, { from: readonly ArticleState[]; to: ArticleState }>
> = {
  edit: { from: ['draft', 'published'], to: 'draft' },
  submit: { from: ['draft'], to: 'in_review' },
  reject: { from: ['in_review'], to: 'draft' },
  publish: { from: ['in_review'], to: 'published' },
  archive: { from: ['draft', 'published'], to: 'archived' },
  restore: { from: ['archived'], to: 'draft' },
};

/** The state an action leads to from `from`; throws `kb.illegal_transition` when it may not. */
export function articleTransition(from: ArticleState, action: ArticleAction): ArticleState {
  const a = actionTable[action];
  if (!a.from.includes(from) || !articleTransitions[from].includes(a.to))
    throw new DomainError('kb.illegal_transition', `a ${from} article cannot ${action}`, {
      from,
      action,
      allowed: allowedActions(from),
    });
  return a.to;
}

/** The actions legal from a state (the web page shows these buttons). */
export function allowedActions(from: ArticleState): ArticleAction[] {
  return articleActions.filter((a) => actionTable[a].from.includes(from));
}
