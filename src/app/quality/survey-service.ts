/**
 * Satisfaction surveys: records an answer against the contact it rates (and through it the
 * agent, queue, case and customer), writes it with its `survey.answered` event in one
 * transaction, and reports CSAT per agent, queue or channel.
 */
import { DomainError } from '../../domain/errors.ts';
import {
  answerSurvey,
  type SurveyChannel,
  type SurveyResponse,
} from '../../domain/quality/survey-response.ts';
import { surveyKpis, type SurveyKpis } from '../../domain/stats/kpis.ts';
import type { AppDeps } from '../app-context.ts';
import { surveySubjectKey } from '../ports/quality-repo.ts';
import type { Repositories, StoreTx } from '../ports/store.ts';

export interface SurveyAnswer {
  readonly channel: SurveyChannel;
  readonly score: number;
  readonly comment?: string | null;
  readonly contactId?: string | null;
  /** For a rating of a case (the portal); the case's assignee is the agent rated. */
  readonly caseId?: string | null;
}

export interface SurveyReportRow extends SurveyKpis {
  readonly group: string;
}

export type SurveyGroup = 'agent' | 'queue' | 'channel';

export class SurveyService {
  constructor(private readonly deps: AppDeps) {}

  record(a: SurveyAnswer): Promise<SurveyResponse> {
    return this.deps.store.transaction((tx) => this.recordIn(tx, a));
  }

  /** Records inside the caller's transaction (a portal rating and its case change commit together). */
  async recordIn(tx: StoreTx, a: SurveyAnswer): Promise<SurveyResponse> {
    const r = await this.responseFor(tx, a);
    const event = answerSurvey(r);
    // Checked before inserting: a unique violation would abort the caller's whole transaction.
    if (await tx.quality.surveyFor(surveySubjectKey(r), r.channel))
      throw new DomainError(
        'survey.already_answered',
        'this contact has already been surveyed on this channel',
        { channel: r.channel },
      );
    await tx.quality.addSurvey(r);
    tx.append([event], { actorId: null, at: r.answeredAt });
    return r;
  }

  async report(q: { from: Date; to: Date; groupBy: SurveyGroup }): Promise<SurveyReportRow[]> {
    if (!(q.from.getTime() < q.to.getTime()))
      throw new DomainError('validation.failed', 'from must be before to', { field: 'from' });
    const rows = await this.deps.store.quality.surveyScores(q.from, q.to, q.groupBy);
    return rows.map((r) => ({ group: r.group, ...surveyKpis(r.scores) }));
  }

  private async responseFor(repos: Repositories, a: SurveyAnswer): Promise<SurveyResponse> {
    const base = {
      id: this.deps.ids.newId(),
      channel: a.channel,
      score: a.score,
      comment: a.comment?.trim() || null,
      answeredAt: this.deps.clock.now(),
    };
    if (a.contactId) {
      const c = await repos.contacts.get(a.contactId);
      if (!c) throw new DomainError('not_found', 'no such contact', { id: a.contactId });
      const task = c.taskId ? await repos.routing.getTask(c.taskId) : null;
      return {
        ...base,
        contactId: c.id,
        caseId: c.caseId,
        agentId: c.agentId,
        queueId: task?.queueId ?? null,
        customerId: c.customerId,
      };
    }
    if (!a.caseId)
      throw new DomainError('survey.invalid', 'a survey answer concerns a contact or a case', {
        field: 'contactId',
      });
    const k = await repos.cases.get(a.caseId);
    if (!k) throw new DomainError('not_found', 'no such case', { id: a.caseId });
    return {
      ...base,
      contactId: null,
      caseId: k.id,
      agentId: k.assigneeId,
      queueId: null,
      customerId: k.customerId,
    };
  }
}
