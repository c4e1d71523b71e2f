/** Survey answers and invitations, QA forms (versioned) and evaluations. */
import {
  and,
  asc,
  count,
  desc,
  eq,
  gt,
  gte,
  isNull,
  lt,
  max,
  ne,
  sql,
  type SQL,
} from 'drizzle-orm';
import type {
  QaEvaluationFilter,
  QualityRepo,
  SurveyGroupRow,
  SurveyInvitation,
} from '../../app/ports/quality-repo.ts';
import { surveySubjectKey } from '../../app/ports/quality-repo.ts';
import type { Page, PageOf } from '../../app/ports/store.ts';
import { DomainError } from '../../domain/errors.ts';
import type { QaEvaluation, QaResolution, QaState } from '../../domain/quality/qa-evaluation.ts';
import type { QaForm, QaSection } from '../../domain/quality/qa-form.ts';
import type { QaAnswers } from '../../domain/quality/qa-score.ts';
import type { SurveyChannel, SurveyResponse } from '../../domain/quality/survey-response.ts';
import { mapUnique, type Db } from '../db.ts';
import { qaEvaluations, qaForms, surveyInvitations, surveyResponses } from '../schema.ts';

const toSurvey = (r: typeof surveyResponses.$inferSelect): SurveyResponse => ({
  id: r.id,
  channel: r.channel as SurveyChannel,
  score: r.score,
  comment: r.comment,
  contactId: r.contactId,
  caseId: r.caseId,
  agentId: r.agentId,
  queueId: r.queueId,
  customerId: r.customerId,
  answeredAt: r.answeredAt,
});

const toForm = (r: typeof qaForms.$inferSelect): QaForm => ({
  ...r,
  sections: r.sections as QaSection[],
});

const toEvaluation = (r: typeof qaEvaluations.$inferSelect): QaEvaluation => ({
  ...r,
  state: r.state as QaState,
  answers: r.answers as QaAnswers,
  resolution: r.resolution as QaResolution | null,
});

const groupColumn = {
  agent: surveyResponses.agentId,
  queue: surveyResponses.queueId,
  channel: surveyResponses.channel,
} as const;

export class DrizzleQualityRepo implements QualityRepo {
  constructor(private readonly db: Db) {}

  async addSurvey(r: SurveyResponse): Promise<void> {
    await mapUnique(
      () => this.db.insert(surveyResponses).values({ ...r, subjectKey: surveySubjectKey(r) }),
      {
        survey_responses_subject_uq: [
          'survey.already_answered',
          'this contact has already been surveyed on this channel',
        ],
      },
    );
  }

  async surveyFor(subjectKey: string, channel: SurveyChannel): Promise<SurveyResponse | null> {
    const [r] = await this.db
      .select()
      .from(surveyResponses)
      .where(and(eq(surveyResponses.subjectKey, subjectKey), eq(surveyResponses.channel, channel)));
    return r ? toSurvey(r) : null;
  }

  async surveyScores(
    from: Date,
    to: Date,
    groupBy: 'agent' | 'queue' | 'channel',
  ): Promise<SurveyGroupRow[]> {
    const col = groupColumn[groupBy];
    const rows = await this.db
      .select({ group: col, score: surveyResponses.score })
      .from(surveyResponses)
      .where(and(gte(surveyResponses.answeredAt, from), lt(surveyResponses.answeredAt, to)));
    const groups = new Map<string, number[]>();
    for (const r of rows) {
      const g = r.group ?? '';
      groups.set(g, [...(groups.get(g) ?? []), r.score]);
    }
    return [...groups.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([group, scores]) => ({ group, scores }));
  }

  async addInvitation(i: SurveyInvitation): Promise<void> {
    await mapUnique(() => this.db.insert(surveyInvitations).values({ ...i }), {
      survey_invitations_contact_uq: ['conflict', 'this contact has been sent a survey already'],
    });
  }

  async invitationFor(contactId: string): Promise<SurveyInvitation | null> {
    const [r] = await this.db
      .select()
      .from(surveyInvitations)
      .where(eq(surveyInvitations.contactId, contactId));
    return r ?? null;
  }

  async openInvitation(address: string, now: Date): Promise<SurveyInvitation | null> {
    const [r] = await this.db
      .select()
      .from(surveyInvitations)
      .where(
        and(
          eq(surveyInvitations.address, address),
          isNull(surveyInvitations.answeredAt),
          gt(surveyInvitations.expiresAt, now),
        ),
      )
      .orderBy(desc(surveyInvitations.sentAt))
      .limit(1);
    return r ?? null;
  }

  async markInvitationAnswered(id: string, at: Date): Promise<boolean> {
    const r = await this.db
      .update(surveyInvitations)
      .set({ answeredAt: at })
      .where(and(eq(surveyInvitations.id, id), isNull(surveyInvitations.answeredAt)))
      .returning({ id: surveyInvitations.id });
    return r.length === 1;
  }

  async saveForm(f: QaForm): Promise<void> {
    await mapUnique(() => this.db.insert(qaForms).values({ ...f, sections: [...f.sections] }), {
      qa_forms_id_version_pk: ['conflict', 'this form was changed meanwhile; reload it'],
    });
  }

  async form(id: string, version?: number): Promise<QaForm | null> {
    const conds: SQL[] = [eq(qaForms.id, id)];
    if (version !== undefined) conds.push(eq(qaForms.version, version));
    const [r] = await this.db
      .select()
      .from(qaForms)
      .where(and(...conds))
      .orderBy(desc(qaForms.version))
      .limit(1);
    return r ? toForm(r) : null;
  }

  async forms(): Promise<QaForm[]> {
    const newest = this.db
      .select({ id: qaForms.id, version: max(qaForms.version).as('v') })
      .from(qaForms)
      .groupBy(qaForms.id)
      .as('newest');
    const rows = await this.db
      .select({ f: qaForms })
      .from(qaForms)
      .innerJoin(newest, and(eq(qaForms.id, newest.id), eq(qaForms.version, newest.version)))
      .orderBy(asc(qaForms.name), asc(qaForms.id));
    return rows.map((r) => toForm(r.f));
  }

  async insertEvaluation(e: QaEvaluation): Promise<void> {
    await this.db.insert(qaEvaluations).values({ ...e, answers: { ...e.answers } });
  }

  async updateEvaluation(e: QaEvaluation): Promise<void> {
    const r = await this.db
      .update(qaEvaluations)
      .set({ ...e, answers: { ...e.answers } })
      .where(and(eq(qaEvaluations.id, e.id), eq(qaEvaluations.version, e.version - 1)))
      .returning({ id: qaEvaluations.id });
    if (r.length !== 1)
      throw new DomainError('conflict', 'the evaluation was changed meanwhile; reload it', {
        id: e.id,
      });
  }

  async evaluation(id: string): Promise<QaEvaluation | null> {
    const [r] = await this.db.select().from(qaEvaluations).where(eq(qaEvaluations.id, id));
    return r ? toEvaluation(r) : null;
  }

  async evaluations(f: QaEvaluationFilter, page: Page): Promise<PageOf<QaEvaluation>> {
    const conds: SQL[] = [];
    if (f.agentId) conds.push(eq(qaEvaluations.agentId, f.agentId));
    if (f.evaluatorId) conds.push(eq(qaEvaluations.evaluatorId, f.evaluatorId));
    if (f.contactId) conds.push(eq(qaEvaluations.contactId, f.contactId));
    if (f.state) conds.push(eq(qaEvaluations.state, f.state));
    if (f.submittedOnly) conds.push(ne(qaEvaluations.state, 'draft'));
    const where = conds.length ? and(...conds) : sql`true`;
    const [rows, [total]] = await Promise.all([
      this.db
        .select()
        .from(qaEvaluations)
        .where(where)
        .orderBy(desc(qaEvaluations.createdAt), asc(qaEvaluations.id))
        .limit(page.limit)
        .offset(page.offset),
      this.db.select({ n: count() }).from(qaEvaluations).where(where),
    ]);
    return { items: rows.map(toEvaluation), total: total?.n ?? 0 };
  }
}
