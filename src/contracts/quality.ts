/** QA evaluation forms and evaluations (质检), shared by the API and the web app. */
import { z } from 'zod';
import { channels } from '../domain/contact/contact.ts';
import { qaStates } from '../domain/quality/qa-evaluation.ts';
import { Id, PageQuery, Timestamp } from './common.ts';

export const QaQuestionInput = z.strictObject({
  id: Id.optional().describe('keep the id when editing, so answers still match'),
  text: z.string().trim().min(1).max(500),
  weight: z.number().min(0).max(1000),
  kind: z.enum(['yes_no', 'scale']),
  scaleMax: z.number().int().min(1).max(10).nullable().optional(),
  autoFail: z.boolean().optional().describe('answered no (or 0): the whole evaluation scores 0'),
});

export const QaSectionInput = z.strictObject({
  id: Id.optional(),
  title: z.string().trim().min(1).max(500),
  weight: z.number().positive().max(1000),
  questions: z.array(QaQuestionInput).min(1).max(100),
});

export const QaFormInput = z
  .strictObject({
    name: z.string().trim().min(1).max(200),
    active: z.boolean().optional(),
    sections: z.array(QaSectionInput).min(1).max(30),
  })
  .meta({ id: 'QaFormInput' });

export const QaFormView = z
  .object({
    id: z.string(),
    version: z.number().int(),
    name: z.string(),
    active: z.boolean(),
    sections: z.array(
      z.object({
        id: z.string(),
        title: z.string(),
        weight: z.number(),
        questions: z.array(
          z.object({
            id: z.string(),
            text: z.string(),
            weight: z.number(),
            kind: z.enum(['yes_no', 'scale']),
            scaleMax: z.number().int().nullable(),
            autoFail: z.boolean(),
          }),
        ),
      }),
    ),
    createdBy: z.string().nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: 'QaForm' });

export const QaAnswer = z.union([z.enum(['yes', 'no', 'na']), z.number().int().min(0).max(10)]);
export const QaAnswers = z.record(Id, QaAnswer).describe('question id → yes | no | na | 0..N');

export const QaEvaluationCreate = z
  .strictObject({
    formId: Id,
    contactId: Id,
    answers: QaAnswers,
    comment: z.string().max(2000).nullable().optional(),
    submit: z.boolean().optional().describe('send it to the agent now (all questions answered)'),
  })
  .meta({ id: 'QaEvaluationCreate' });

export const QaEvaluationEdit = z
  .strictObject({
    answers: QaAnswers,
    comment: z.string().max(2000).nullable().optional(),
    submit: z.boolean().optional(),
  })
  .meta({ id: 'QaEvaluationEdit' });

export const QaDispute = z.strictObject({ comment: z.string().trim().min(1).max(2000) });

export const QaResolve = z
  .strictObject({
    resolution: z.enum(['upheld', 'changed']),
    comment: z.string().trim().min(1).max(2000),
    answers: QaAnswers.optional().describe('the corrected answers (resolution changed)'),
  })
  .meta({ id: 'QaResolve' });

export const QaEvaluationView = z
  .object({
    id: z.string(),
    formId: z.string(),
    formVersion: z.number().int(),
    contactId: z.string(),
    agentId: z.string(),
    evaluatorId: z.string(),
    state: z.enum(qaStates),
    answers: QaAnswers,
    comment: z.string().nullable(),
    score: z.number().nullable().describe('0–100; 0 when an auto-fail item failed'),
    autoFailed: z.boolean(),
    disputeComment: z.string().nullable(),
    resolution: z.enum(['upheld', 'changed']).nullable(),
    resolutionComment: z.string().nullable(),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    version: z.number().int(),
  })
  .meta({ id: 'QaEvaluation' });

export const QaEvaluationQuery = PageQuery.extend({
  agentId: Id.optional(),
  contactId: Id.optional(),
  state: z.enum(qaStates).optional(),
});

export const QaFormQuery = z.object({ version: z.coerce.number().int().min(1).optional() });

export const SmsSurveySettingsView = z
  .strictObject({
    enabled: z.boolean(),
    channels: z.array(z.enum(channels)).max(channels.length),
    queueIds: z.array(Id).max(200).describe('empty: every queue'),
    text: z.string().min(1).max(300),
    replyHours: z.number().int().min(1).max(168),
  })
  .meta({ id: 'SmsSurveySettings' });

/** The score rule itself, so the evaluation form shows the score the server will store. */
export { scoreEvaluation } from '../domain/quality/qa-score.ts';

export const IvrSurveySettingsView = z
  .strictObject({
    enabled: z.boolean(),
    queueIds: z.array(Id).max(200).describe('empty: every queue'),
    answerSeconds: z.number().int().min(2).max(30),
  })
  .meta({ id: 'IvrSurveySettings' });
