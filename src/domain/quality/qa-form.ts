/**
 * A QA evaluation form (质检评分表): weighted sections of weighted questions. A question is
 * answered yes / no / n.a., or on a 0–N scale; an auto-fail item answered "no" (or 0) zeroes the
 * whole evaluation. Forms are versioned: editing one makes a new version, and an evaluation keeps
 * the version it was scored on, so old scores never change under it.
 */
import { DomainError } from '../errors.ts';

export type QaAnswerKind = 'yes_no' | 'scale';

export interface QaQuestion {
  readonly id: string;
  readonly text: string;
  readonly weight: number;
  readonly kind: QaAnswerKind;
  /** The top of the scale (kind 'scale'): answers are 0..scaleMax. */
  readonly scaleMax: number | null;
  readonly autoFail: boolean;
}

export interface QaSection {
  readonly id: string;
  readonly title: string;
  readonly weight: number;
  readonly questions: readonly QaQuestion[];
}

export interface QaForm {
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly sections: readonly QaSection[];
  /** Inactive forms stay readable for old evaluations but take no new ones. */
  readonly active: boolean;
  readonly createdBy: string | null;
  readonly createdAt: Date;
}

export const qaLimits = { sections: 30, questions: 100, name: 200, text: 500, scaleMax: 10 };

const bad = (message: string, field: string) =>
  new DomainError('quality.invalid_form', message, { field });

/** Checks a form's shape: names, positive weights, unique ids, sane scales. */
export function assertQaForm(f: Pick<QaForm, 'name' | 'sections'>): void {
  if (!f.name.trim() || f.name.length > qaLimits.name)
    throw bad(`a form needs a name of 1–${qaLimits.name} characters`, 'name');
  if (f.sections.length === 0 || f.sections.length > qaLimits.sections)
    throw bad(`a form has 1–${qaLimits.sections} sections`, 'sections');
  const ids = new Set<string>();
  let questions = 0;
  f.sections.forEach((s, i) => {
    const at = `sections.${i}`;
    if (!s.title.trim() || s.title.length > qaLimits.text) throw bad('a section needs a title', at);
    if (!(s.weight > 0) || !Number.isFinite(s.weight))
      throw bad('a section weight is a positive number', `${at}.weight`);
    if (s.questions.length === 0) throw bad('a section needs at least one question', at);
    if (ids.has(s.id)) throw bad(`duplicate id '${s.id}'`, `${at}.id`);
    ids.add(s.id);
    s.questions.forEach((q, j) => {
      const qat = `${at}.questions.${j}`;
      questions++;
      if (!q.text.trim() || q.text.length > qaLimits.text) throw bad('a question needs text', qat);
      if (!(q.weight >= 0) || !Number.isFinite(q.weight))
        throw bad('a question weight is zero or more', `${qat}.weight`);
      if (q.kind === 'scale') {
        if (!Number.isInteger(q.scaleMax) || (q.scaleMax ?? 0) < 1 || (q.scaleMax ?? 0) > 10)
          throw bad(`a scale runs 0..N with N from 1 to ${qaLimits.scaleMax}`, `${qat}.scaleMax`);
      } else if (q.kind !== 'yes_no') throw bad(`unknown answer kind`, `${qat}.kind`);
      if (ids.has(q.id)) throw bad(`duplicate id '${q.id}'`, `${qat}.id`);
      ids.add(q.id);
    });
  });
  if (questions > qaLimits.questions)
    throw bad(`a form has at most ${qaLimits.questions} questions`, 'sections');
}
