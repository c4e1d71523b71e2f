/**
 * Survey answers, SMS survey invitations, QA forms and evaluations. Behaviour owed:
 * - `addSurvey` throws `survey.already_answered` when the subject (contact, or case without a
 *   contact) already has an answer on that channel.
 * - `addInvitation` throws `conflict` when the contact has been invited already (one survey SMS
 *   per contact).
 * - `openInvitation` returns only an unanswered invitation that has not expired at `now`, the
 *   newest for the address; `markInvitationAnswered` is atomic (false when it already was).
 * - Saving a form version that exists throws `conflict`; `form(id)` is the newest version.
 */
import type { QaEvaluation, QaState } from '../../domain/quality/qa-evaluation.ts';
import type { QaForm } from '../../domain/quality/qa-form.ts';
import type { SurveyChannel, SurveyResponse } from '../../domain/quality/survey-response.ts';
import type { Page, PageOf } from './store.ts';

export interface SurveyInvitation {
  readonly id: string;
  /** The normalised phone number the survey SMS went to. */
  readonly address: string;
  /** The contact surveyed. */
  readonly contactId: string;
  /** The SMS conversation the survey text went out on (replies are filed there). */
  readonly threadContactId: string;
  readonly sentAt: Date;
  readonly expiresAt: Date;
  readonly answeredAt: Date | null;
}

export interface QaEvaluationFilter {
  readonly agentId?: string;
  readonly evaluatorId?: string;
  readonly contactId?: string;
  readonly state?: QaState;
  /** Leave drafts out (what an agent may see). */
  readonly submittedOnly?: boolean;
}

export interface SurveyGroupRow {
  readonly group: string;
  readonly scores: readonly number[];
}

export interface QualityRepo {
  addSurvey(r: SurveyResponse): Promise<void>;
  surveyFor(subjectKey: string, channel: SurveyChannel): Promise<SurveyResponse | null>;
  /** Scores answered in [from, to), grouped by agent, queue or channel ('' for none). */
  surveyScores(
    from: Date,
    to: Date,
    groupBy: 'agent' | 'queue' | 'channel',
  ): Promise<SurveyGroupRow[]>;
  addInvitation(i: SurveyInvitation): Promise<void>;
  invitationFor(contactId: string): Promise<SurveyInvitation | null>;
  openInvitation(address: string, now: Date): Promise<SurveyInvitation | null>;
  markInvitationAnswered(id: string, at: Date): Promise<boolean>;

  saveForm(f: QaForm): Promise<void>;
  form(id: string, version?: number): Promise<QaForm | null>;
  /** The newest version of every form. */
  forms(): Promise<QaForm[]>;

  insertEvaluation(e: QaEvaluation): Promise<void>;
  /** Writes `e` if the stored version is `e.version - 1`; else throws `conflict`. */
  updateEvaluation(e: QaEvaluation): Promise<void>;
  evaluation(id: string): Promise<QaEvaluation | null>;
  /** Newest (by creation) first. */
  evaluations(f: QaEvaluationFilter, page: Page): Promise<PageOf<QaEvaluation>>;
}

/** The subject key of a survey answer: its contact, else its case. */
export const surveySubjectKey = (r: Pick<SurveyResponse, 'contactId' | 'caseId'>): string =>
  r.contactId ?? `case:${r.caseId ?? ''}`;
