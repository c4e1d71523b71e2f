/**
 * Quality assurance (质检): supervisors keep versioned evaluation forms and evaluate agents'
 * contacts; an agent reads their own submitted evaluations and acknowledges or disputes each;
 * a supervisor resolves a dispute. Every change is an event. Drafts are the evaluator's own: an
 * agent sees an evaluation only once it is submitted, and never someone else's.
 */
import { DomainError } from '../../domain/errors.ts';
import {
  evaluationEvent,
  moveEvaluation,
  newEvaluation,
  type QaCommand,
  type QaEvaluation,
  type QaResolution,
  type QaState,
} from '../../domain/quality/qa-evaluation.ts';
import { assertQaForm, type QaForm, type QaSection } from '../../domain/quality/qa-form.ts';
import type { QaAnswers } from '../../domain/quality/qa-score.ts';
import type { Actor, AppDeps } from '../app-context.ts';
import type { Page, PageOf, StoreTx } from '../ports/store.ts';

type Draft<T> = { -readonly [K in keyof T]?: T[K] };
export interface FormInput {
  readonly name: string;
  readonly active?: boolean;
  readonly sections: readonly (Omit<QaSection, 'id' | 'questions'> & {
    id?: string;
    questions: readonly (Omit<QaSection['questions'][number], 'id' | 'scaleMax' | 'autoFail'> &
      Draft<Pick<QaSection['questions'][number], 'id' | 'scaleMax' | 'autoFail'>>)[];
  })[];
}

const isManager = (a: Actor) => a.role === 'admin' || a.role === 'supervisor';

export class QaService {
  constructor(private readonly deps: AppDeps) {}

  forms(): Promise<QaForm[]> {
    return this.deps.store.quality.forms();
  }

  async form(id: string, version?: number): Promise<QaForm> {
    const f = await this.deps.store.quality.form(id, version);
    if (!f) throw new DomainError('not_found', 'no such form', { id, version });
    return f;
  }

  createForm(actor: Actor, input: FormInput): Promise<QaForm> {
    return this.saveVersion(actor, this.deps.ids.newId(), 1, input);
  }

  /** Saves the form as a new version; evaluations already made keep the version they used. */
  async updateForm(actor: Actor, id: string, input: FormInput): Promise<QaForm> {
    const cur = await this.form(id);
    return this.saveVersion(actor, id, cur.version + 1, input);
  }

  private async saveVersion(
    actor: Actor,
    id: string,
    version: number,
    input: FormInput,
  ): Promise<QaForm> {
    const form: QaForm = {
      id,
      version,
      name: input.name.trim(),
      active: input.active ?? true,
      sections: input.sections.map((s) => ({
        id: s.id ?? this.deps.ids.newId(),
        title: s.title.trim(),
        weight: s.weight,
        questions: s.questions.map((q) => ({
          id: q.id ?? this.deps.ids.newId(),
          text: q.text.trim(),
          weight: q.weight,
          kind: q.kind,
          scaleMax: q.kind === 'scale' ? (q.scaleMax ?? null) : null,
          autoFail: q.autoFail ?? false,
        })),
      })),
      createdBy: actor.id,
      createdAt: this.deps.clock.now(),
    };
    assertQaForm(form);
    await this.deps.store.transaction(async (tx) => {
      await tx.quality.saveForm(form);
      tx.append(
        [
          {
            type: 'qa_form.saved',
            subjectType: 'qa_form',
            subjectId: id,
            payload: { name: form.name, version, active: form.active },
            scope: { userIds: [], teamIds: [], dispatchTeamIds: [], customerId: null },
          },
        ],
        { actorId: actor.id, at: form.createdAt },
      );
    });
    return form;
  }

  /** A supervisor evaluates a contact an agent handled; `submit` sends it to the agent at once. */
  async evaluate(
    actor: Actor,
    i: {
      formId: string;
      contactId: string;
      answers: QaAnswers;
      comment?: string | null;
      submit?: boolean;
    },
  ): Promise<QaEvaluation> {
    const form = await this.form(i.formId);
    const now = this.deps.clock.now();
    return this.deps.store.transaction(async (tx) => {
      const contact = await tx.contacts.get(i.contactId);
      if (!contact) throw new DomainError('not_found', 'no such contact', { id: i.contactId });
      if (!contact.agentId)
        throw new DomainError('validation.failed', 'no agent handled this contact', {
          field: 'contactId',
        });
      const comment = i.comment?.trim() || null;
      let e = newEvaluation(
        {
          id: this.deps.ids.newId(),
          form,
          contactId: contact.id,
          agentId: contact.agentId,
          evaluatorId: actor.id,
        },
        i.answers,
        comment,
        now,
      );
      await tx.quality.insertEvaluation(e);
      const events = [evaluationEvent(e, 'qa_evaluation.created')];
      if (i.submit) {
        const r = moveEvaluation(e, form, { kind: 'submit', answers: i.answers, comment }, now);
        e = r.evaluation;
        await tx.quality.updateEvaluation(e);
        events.push(r.event);
      }
      tx.append(events, { actorId: actor.id, at: now });
      return e;
    });
  }

  /** The evaluator edits a draft (`submit: true` sends it). */
  edit(
    actor: Actor,
    id: string,
    i: { answers: QaAnswers; comment?: string | null; submit?: boolean },
  ): Promise<QaEvaluation> {
    return this.move(actor, id, (e) => {
      if (e.evaluatorId !== actor.id && actor.role !== 'admin')
        throw new DomainError('quality.not_yours', 'only the evaluator edits a draft');
      return {
        kind: i.submit ? 'submit' : 'save',
        answers: i.answers,
        comment: i.comment?.trim() || null,
      };
    });
  }

  acknowledge(actor: Actor, id: string): Promise<QaEvaluation> {
    return this.move(actor, id, (e) => (ownAgent(actor, e), { kind: 'acknowledge' }));
  }

  dispute(actor: Actor, id: string, comment: string): Promise<QaEvaluation> {
    return this.move(actor, id, (e) => (ownAgent(actor, e), { kind: 'dispute', comment }));
  }

  resolve(
    actor: Actor,
    id: string,
    i: { resolution: QaResolution; comment: string; answers?: QaAnswers },
  ): Promise<QaEvaluation> {
    return this.move(actor, id, () => ({ kind: 'resolve', ...i }));
  }

  async get(actor: Actor, id: string): Promise<QaEvaluation> {
    const e = await this.deps.store.quality.evaluation(id);
    if (!e || !canSee(actor, e)) throw new DomainError('not_found', 'no such evaluation', { id });
    return e;
  }

  /** Managers list any; an agent lists their own submitted evaluations only. */
  list(
    actor: Actor,
    f: { agentId?: string; contactId?: string; state?: QaState },
    page: Page,
  ): Promise<PageOf<QaEvaluation>> {
    if (isManager(actor)) return this.deps.store.quality.evaluations(f, page);
    return this.deps.store.quality.evaluations(
      { ...f, agentId: actor.id, submittedOnly: true },
      page,
    );
  }

  private move(
    actor: Actor,
    id: string,
    command: (e: QaEvaluation) => QaCommand,
  ): Promise<QaEvaluation> {
    return this.deps.store.transaction(async (tx: StoreTx) => {
      const e = await tx.quality.evaluation(id);
      if (!e || !canSee(actor, e)) throw new DomainError('not_found', 'no such evaluation', { id });
      const form = await tx.quality.form(e.formId, e.formVersion);
      if (!form) throw new DomainError('not_found', 'the evaluation form is gone', { id });
      const now = this.deps.clock.now();
      const r = moveEvaluation(e, form, command(e), now);
      await tx.quality.updateEvaluation(r.evaluation);
      tx.append([r.event], { actorId: actor.id, at: now });
      return r.evaluation;
    });
  }
}

const canSee = (actor: Actor, e: QaEvaluation) =>
  isManager(actor) || (e.agentId === actor.id && e.state !== 'draft');

function ownAgent(actor: Actor, e: QaEvaluation): void {
  if (e.agentId !== actor.id)
    throw new DomainError('quality.not_yours', 'only the evaluated agent answers an evaluation');
}
