/** QA form checks, score computation (weights, scales, n.a., auto-fail) and the evaluation machine. */
import { describe, expect, it } from 'vitest';
import { moveEvaluation, newEvaluation } from '../../../../src/domain/quality/qa-evaluation.ts';
import { assertQaForm, type QaForm } from '../../../../src/domain/quality/qa-form.ts';
import { scoreEvaluation } from '../../../../src/domain/quality/qa-score.ts';
import { parseSurveyScore } from '../../../../src/domain/quality/survey-response.ts';
import { surveyKpis } from '../../../../src/domain/stats/kpis.ts';
import { expectDomainError } from '../expect-domain-error.ts';

const q = (id: string, weight: number, o: Partial<QaForm['sections'][0]['questions'][0]> = {}) => ({
  id,
  text: `question ${id}`,
  weight,
  kind: 'yes_no' as const,
  scaleMax: null,
  autoFail: false,
  ...o,
});

const form: QaForm = {
  id: 'f',
  version: 3,
  name: 'Call quality',
  active: true,
  createdBy: null,
  createdAt: new Date(0),
  sections: [
    { id: 's1', title: 'Greeting', weight: 1, questions: [q('greet', 1), q('name', 3)] },
    {
      id: 's2',
      title: 'Resolution',
      weight: 3,
      questions: [q('solved', 1, { kind: 'scale', scaleMax: 4 }), q('rude', 1, { autoFail: true })],
    },
  ],
};

describe('scoreEvaluation', () => {
  it('weights questions within sections and sections within the form', () => {
    // s1: (1·1 + 3·0) / 4 = 25 %; s2: (1·3/4 + 1·1) / 2 = 87.5 %; form: (1·25 + 3·87.5) / 4.
    const s = scoreEvaluation(form, { greet: 'yes', name: 'no', solved: 3, rude: 'yes' });
    expect(s.sections).toEqual([
      { id: 's1', score: 25 },
      { id: 's2', score: 87.5 },
    ]);
    expect(s).toMatchObject({ score: 71.88, autoFailed: false });
  });

  it('leaves n.a. answers and unanswered sections out of the weights', () => {
    const s = scoreEvaluation(form, { greet: 'yes', name: 'na', solved: 'na', rude: 'na' });
    expect(s).toMatchObject({ score: 100, sections: [{ score: 100 }, { score: null }] });
    expect(scoreEvaluation(form, {}).score).toBeNull();
  });

  it('zeroes the score when an auto-fail item is answered no', () => {
    const s = scoreEvaluation(form, { greet: 'yes', name: 'yes', solved: 4, rude: 'no' });
    expect(s).toMatchObject({ score: 0, autoFailed: true });
  });

  it('refuses answers a question cannot take', () => {
    expectDomainError(() => scoreEvaluation(form, { solved: 5 }), 'quality.invalid_answer', {
      question: 'solved',
    });
    expectDomainError(() => scoreEvaluation(form, { greet: 2 }), 'quality.invalid_answer');
  });
});

describe('assertQaForm', () => {
  it('refuses empty forms, bad weights, bad scales and duplicate ids', () => {
    expectDomainError(
      () => assertQaForm({ name: ' ', sections: form.sections }),
      'quality.invalid_form',
    );
    expectDomainError(() => assertQaForm({ name: 'x', sections: [] }), 'quality.invalid_form');
    const s = form.sections[0]!;
    expectDomainError(
      () => assertQaForm({ name: 'x', sections: [{ ...s, weight: 0 }] }),
      'quality.invalid_form',
      { field: 'sections.0.weight' },
    );
    expectDomainError(
      () =>
        assertQaForm({
          name: 'x',
          sections: [{ ...s, questions: [q('a', 1, { kind: 'scale' })] }],
        }),
      'quality.invalid_form',
      { field: 'sections.0.questions.0.scaleMax' },
    );
    expectDomainError(
      () => assertQaForm({ name: 'x', sections: [{ ...s, questions: [q('a', 1), q('a', 1)] }] }),
      'quality.invalid_form',
    );
    expect(() => assertQaForm(form)).not.toThrow();
  });
});

describe('the evaluation state machine', () => {
  const now = new Date(Date.parse('2026-12-01T08:00:00Z'));
  const all = { greet: 'yes', name: 'yes', solved: 4, rude: 'yes' } as const;
  const draft = newEvaluation(
    { id: 'e', form, contactId: 'c', agentId: 'a', evaluatorId: 's' },
    { greet: 'yes' },
    null,
    now,
  );

  it('keeps the form version, and submits only a complete evaluation', () => {
    expect(draft).toMatchObject({ state: 'draft', formVersion: 3, score: 100 });
    expectDomainError(
      () =>
        moveEvaluation(
          draft,
          form,
          { kind: 'submit', answers: { greet: 'yes' }, comment: null },
          now,
        ),
      'quality.invalid_answer',
    );
    const r = moveEvaluation(draft, form, { kind: 'submit', answers: all, comment: null }, now);
    expect(r.evaluation).toMatchObject({ state: 'submitted', score: 100, version: 2 });
    expect(r.event).toMatchObject({
      type: 'qa_evaluation.submitted',
      scope: { userIds: ['s', 'a'] },
    });
  });

  it('acknowledges or disputes a submitted one; a dispute is resolved once', () => {
    const sub = moveEvaluation(
      draft,
      form,
      { kind: 'submit', answers: all, comment: null },
      now,
    ).evaluation;
    const ack = moveEvaluation(sub, form, { kind: 'acknowledge' }, now).evaluation;
    expectDomainError(
      () => moveEvaluation(ack, form, { kind: 'dispute', comment: 'no' }, now),
      'quality.illegal_transition',
      { from: 'acknowledged', to: 'disputed', allowed: [] },
    );
    expectDomainError(
      () => moveEvaluation(sub, form, { kind: 'dispute', comment: ' ' }, now),
      'validation.failed',
    );
    const dis = moveEvaluation(
      sub,
      form,
      { kind: 'dispute', comment: 'I was polite' },
      now,
    ).evaluation;
    expect(dis).toMatchObject({ state: 'disputed', disputeComment: 'I was polite' });
    expectDomainError(
      () =>
        moveEvaluation(dis, form, { kind: 'resolve', resolution: 'changed', comment: 'ok' }, now),
      'quality.invalid_answer',
    );
    const res = moveEvaluation(
      dis,
      form,
      { kind: 'resolve', resolution: 'changed', comment: 'fair', answers: { ...all, name: 'no' } },
      now,
    ).evaluation;
    expect(res).toMatchObject({ state: 'resolved', resolution: 'changed', score: 81.25 });
    expectDomainError(
      () => moveEvaluation(res, form, { kind: 'resolve', resolution: 'upheld', comment: 'x' }, now),
      'quality.illegal_transition',
    );
    expectDomainError(
      () => moveEvaluation(draft, form, { kind: 'acknowledge' }, now),
      'quality.illegal_transition',
    );
  });

  it('refuses a retired form for new evaluations', () => {
    expectDomainError(
      () =>
        newEvaluation(
          {
            id: 'e',
            form: { ...form, active: false },
            contactId: 'c',
            agentId: 'a',
            evaluatorId: 's',
          },
          {},
          null,
          now,
        ),
      'quality.invalid_form',
    );
  });
});

describe('surveys', () => {
  it('reads a reply digit 1–5 and nothing else as a score', () => {
    expect(['5', ' 3 \n', '1'].map(parseSurveyScore)).toEqual([5, 3, 1]);
    expect(['0', '6', '55', 'yes', '4.', ''].map(parseSurveyScore)).toEqual([
      null,
      null,
      null,
      null,
      null,
      null,
    ]);
  });
  it('computes CSAT as 4–5 answers ÷ answers, no value without answers', () => {
    expect(surveyKpis([5, 4, 1, 2])).toEqual({ count: 4, average: 3, csat: 0.5 });
    expect(surveyKpis([])).toEqual({ count: 0, average: null, csat: null });
  });
});
