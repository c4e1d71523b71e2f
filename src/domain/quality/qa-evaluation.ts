/**
 * A QA evaluation (质检) of one contact by a supervisor, and what the agent does with it.
 *
 *     draft ──submit──▶ submitted ──acknowledge──▶ acknowledged
 *       │ save              │
 *       ▼                   └──dispute──▶ disputed ──resolve (upheld | changed)──▶ resolved
 *     draft
 *
 * Only the evaluator edits and submits a draft; only the evaluated agent acknowledges or
 * disputes; a supervisor resolves a dispute, either upholding the score or changing answers
 * (the score is recomputed on the evaluation's own form version).
 */
import { DomainError } from '../errors.ts';
import type { DomainEvent } from '../events/domain-event.ts';
import type { QaForm } from './qa-form.ts';
import { assertAnswers, scoreEvaluation, type QaAnswers } from './qa-score.ts';

export const qaStates = ['draft', 'submitted', 'acknowledged', 'disputed', 'resolved'] as const;
export type QaState = (typeof qaStates)[number];
export type QaResolution = 'upheld' | 'changed';

export const qaTransitions: Readonly<Record<QaState, readonly QaState[]>> = {
  draft: ['draft', 'submitted'],
  submitted: ['acknowledged', 'disputed'],
  acknowledged: [],
  disputed: ['resolved'],
  resolved: [],
};

export interface QaEvaluation {
  readonly id: string;
  readonly formId: string;
  readonly formVersion: number;
  readonly contactId: string;
  readonly agentId: string;
  readonly evaluatorId: string;
  readonly state: QaState;
  readonly answers: QaAnswers;
  readonly comment: string | null;
  readonly score: number | null;
  readonly autoFailed: boolean;
  readonly disputeComment: string | null;
  readonly resolution: QaResolution | null;
  readonly resolutionComment: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
  readonly version: number;
}

export type QaCommand =
  | { kind: 'save'; answers: QaAnswers; comment: string | null }
  | { kind: 'submit'; answers: QaAnswers; comment: string | null }
  | { kind: 'acknowledge' }
  | { kind: 'dispute'; comment: string }
  | { kind: 'resolve'; resolution: QaResolution; comment: string; answers?: QaAnswers };

const target: Record<QaCommand['kind'], QaState> = {
  save: 'draft',
  submit: 'submitted',
  acknowledge: 'acknowledged',
  dispute: 'disputed',
  resolve: 'resolved',
};

export function assertQaMove(from: QaState, to: QaState): void {
  if (!qaTransitions[from].includes(to))
    throw new DomainError(
      'quality.illegal_transition',
      `an evaluation ${from} cannot become ${to}`,
      {
        from,
        to,
        allowed: qaTransitions[from],
      },
    );
}

/** A new draft evaluation of a contact handled by `agentId`, on the form's current version. */
export function newEvaluation(
  o: { id: string; form: QaForm; contactId: string; agentId: string; evaluatorId: string },
  answers: QaAnswers,
  comment: string | null,
  now: Date,
): QaEvaluation {
  if (!o.form.active)
    throw new DomainError('quality.invalid_form', 'this form is retired', { field: 'formId' });
  assertAnswers(o.form, answers, false);
  const s = scoreEvaluation(o.form, answers);
  return {
    id: o.id,
    formId: o.form.id,
    formVersion: o.form.version,
    contactId: o.contactId,
    agentId: o.agentId,
    evaluatorId: o.evaluatorId,
    state: 'draft',
    answers,
    comment,
    score: s.score,
    autoFailed: s.autoFailed,
    disputeComment: null,
    resolution: null,
    resolutionComment: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

/** Applies a command (after the caller checked who may give it); returns the evaluation and event. */
export function moveEvaluation(
  e: QaEvaluation,
  form: QaForm,
  cmd: QaCommand,
  now: Date,
): { evaluation: QaEvaluation; event: DomainEvent } {
  const to = target[cmd.kind];
  assertQaMove(e.state, to);
  let next: QaEvaluation = { ...e, state: to, updatedAt: now, version: e.version + 1 };
  if (cmd.kind === 'save' || cmd.kind === 'submit') {
    assertAnswers(form, cmd.answers, cmd.kind === 'submit');
    const s = scoreEvaluation(form, cmd.answers);
    next = { ...next, answers: cmd.answers, comment: cmd.comment, ...scored(s) };
  } else if (cmd.kind === 'dispute') {
    next = { ...next, disputeComment: requireText(cmd.comment, 'a dispute says why') };
  } else if (cmd.kind === 'resolve') {
    const comment = requireText(cmd.comment, 'a resolution says why');
    if (cmd.resolution === 'changed') {
      if (!cmd.answers)
        throw new DomainError('quality.invalid_answer', 'changing a score needs the new answers', {
          field: 'answers',
        });
      assertAnswers(form, cmd.answers, true);
      next = { ...next, answers: cmd.answers, ...scored(scoreEvaluation(form, cmd.answers)) };
    }
    next = { ...next, resolution: cmd.resolution, resolutionComment: comment };
  }
  return { evaluation: next, event: evaluationEvent(next, `qa_evaluation.${eventName[cmd.kind]}`) };
}

const eventName: Record<QaCommand['kind'], string> = {
  save: 'saved',
  submit: 'submitted',
  acknowledge: 'acknowledged',
  dispute: 'disputed',
  resolve: 'resolved',
};

const scored = (s: { score: number | null; autoFailed: boolean }) => ({
  score: s.score,
  autoFailed: s.autoFailed,
});

function requireText(s: string, message: string): string {
  const t = s.trim();
  if (!t || t.length > 2000)
    throw new DomainError('validation.failed', `${message} (1–2000 characters)`, {
      field: 'comment',
    });
  return t;
}

/** The event for a change; drafts are the evaluator's own until submitted. */
export function evaluationEvent(e: QaEvaluation, type: string): DomainEvent {
  return {
    type,
    subjectType: 'qa_evaluation',
    subjectId: e.id,
    payload: {
      contactId: e.contactId,
      agentId: e.agentId,
      evaluatorId: e.evaluatorId,
      formId: e.formId,
      formVersion: e.formVersion,
      state: e.state,
      score: e.score,
      autoFailed: e.autoFailed,
      resolution: e.resolution,
    },
    scope: {
      userIds: e.state === 'draft' ? [e.evaluatorId] : [e.evaluatorId, e.agentId],
      teamIds: [],
      dispatchTeamIds: [],
      customerId: null,
    },
  };
}
