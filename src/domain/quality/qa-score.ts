/**
 * The score of a QA evaluation, 0–100. A question's credit is 1 for yes, 0 for no, k/N on a
 * 0–N scale; "na" leaves it out. A section scores Σ(question weight × credit) ÷ Σ(weights of its
 * answered questions); the form scores Σ(section weight × section score) ÷ Σ(weights of sections
 * with an answered question) × 100. Any auto-fail item answered no (or 0) makes the score 0.
 */
import { DomainError } from '../errors.ts';
import type { QaForm, QaQuestion } from './qa-form.ts';

/** 'yes' | 'no' | 'na' for yes/no questions; a whole number 0..N or 'na' for scales. */
export type QaAnswer = 'yes' | 'no' | 'na' | number;
export type QaAnswers = Readonly<Record<string, QaAnswer>>;

export interface QaScore {
  /** null when nothing scorable was answered (every question n.a.). */
  readonly score: number | null;
  readonly autoFailed: boolean;
  readonly sections: readonly { id: string; score: number | null }[];
}

const invalid = (message: string, question: string) =>
  new DomainError('quality.invalid_answer', message, { question });

/** The credit 0..1 of one answer, null for n.a.; rejects answers the question cannot take. */
export function answerCredit(q: QaQuestion, a: QaAnswer): number | null {
  if (a === 'na') return null;
  if (q.kind === 'yes_no') {
    if (a === 'yes') return 1;
    if (a === 'no') return 0;
    throw invalid(`'${q.text}' takes yes, no or na`, q.id);
  }
  const max = q.scaleMax ?? 0;
  if (typeof a !== 'number' || !Number.isInteger(a) || a < 0 || a > max)
    throw invalid(`'${q.text}' takes a whole number from 0 to ${max}, or na`, q.id);
  return a / max;
}

/**
 * Checks answers against the form (no unknown questions, legal values); with `complete`, every
 * question must be answered (submitting). Drafts may leave questions open.
 */
export function assertAnswers(
  form: Pick<QaForm, 'sections'>,
  answers: QaAnswers,
  complete: boolean,
): void {
  const known = new Map(form.sections.flatMap((s) => s.questions.map((q) => [q.id, q] as const)));
  for (const [id, a] of Object.entries(answers)) {
    const q = known.get(id);
    if (!q) throw invalid(`no question '${id}' on this form`, id);
    answerCredit(q, a);
  }
  if (complete)
    for (const q of known.values())
      if (!(q.id in answers)) throw invalid(`'${q.text}' is not answered`, q.id);
}

export function scoreEvaluation(form: Pick<QaForm, 'sections'>, answers: QaAnswers): QaScore {
  let autoFailed = false;
  let total = 0;
  let totalWeight = 0;
  const sections = form.sections.map((s) => {
    let got = 0;
    let weight = 0;
    for (const q of s.questions) {
      const a = answers[q.id];
      if (a === undefined) continue;
      const credit = answerCredit(q, a);
      if (credit === null) continue;
      if (q.autoFail && credit === 0) autoFailed = true;
      got += q.weight * credit;
      weight += q.weight;
    }
    const score = weight > 0 ? got / weight : null;
    if (score !== null) {
      total += s.weight * score;
      totalWeight += s.weight;
    }
    return { id: s.id, score: score === null ? null : round(score * 100) };
  });
  const score = totalWeight > 0 ? round((total / totalWeight) * 100) : null;
  return { score: autoFailed ? 0 : score, autoFailed, sections };
}

const round = (x: number) => Math.round(x * 100) / 100;
