/** Shapes the quality pages read and send, from the server's contracts (types only). */
import type { z } from 'zod';
import type {
  QaAnswer,
  QaEvaluationView,
  QaFormInput,
  QaFormView,
} from '../../../src/contracts/quality.ts';

export type QaForm = z.infer<typeof QaFormView>;
export type QaFormDraft = z.infer<typeof QaFormInput>;
export type QaEvaluation = z.infer<typeof QaEvaluationView>;
export type Answer = z.infer<typeof QaAnswer>;
export type Answers = Record<string, Answer>;

export const stateColor: Record<QaEvaluation['state'], string> = {
  draft: 'default',
  submitted: 'processing',
  acknowledged: 'success',
  disputed: 'warning',
  resolved: 'purple',
};

/** Every question of a form answered (what submitting requires). */
export const complete = (f: QaForm, a: Answers) =>
  f.sections.every((s) => s.questions.every((q) => a[q.id] !== undefined));
