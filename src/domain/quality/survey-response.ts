/**
 * A satisfaction survey answer (满意度调查): the customer scores a contact 1–5 after it, by
 * pressing a key in the post-call IVR, replying to an SMS, or rating on the web (the portal's
 * case rating). Each contact is surveyed at most once per channel: a second answer is refused
 * with `survey.already_answered` (the first answer stands, so a late retry cannot flip a score).
 */
import { DomainError } from '../errors.ts';
import type { DomainEvent } from '../events/domain-event.ts';

export const surveyChannels = ['ivr', 'sms', 'web'] as const;
export type SurveyChannel = (typeof surveyChannels)[number];

export interface SurveyResponse {
  readonly id: string;
  readonly channel: SurveyChannel;
  readonly score: number;
  readonly comment: string | null;
  /** The contact surveyed; null only for a web rating of a case no contact is linked to. */
  readonly contactId: string | null;
  readonly caseId: string | null;
  readonly agentId: string | null;
  /** The queue that offered the contact, so reports can group by queue. */
  readonly queueId: string | null;
  readonly customerId: string | null;
  readonly answeredAt: Date;
}

export const maxSurveyComment = 2000;

/** The digit an SMS reply or a key press means, or null when it is not a score. */
export function parseSurveyScore(text: string): number | null {
  const t = text.trim();
  return /^[1-5]$/.test(t) ? Number(t) : null;
}

export function assertSurveyScore(score: number): void {
  if (!Number.isInteger(score) || score < 1 || score > 5)
    throw new DomainError('survey.invalid', 'a survey score is a whole number from 1 to 5', {
      field: 'score',
    });
}

/** Validates an answer and returns the `survey.answered` event that records it. */
export function answerSurvey(r: SurveyResponse): DomainEvent {
  assertSurveyScore(r.score);
  if (!surveyChannels.includes(r.channel))
    throw new DomainError('survey.invalid', `unknown survey channel '${String(r.channel)}'`, {
      field: 'channel',
    });
  if (r.comment !== null && r.comment.length > maxSurveyComment)
    throw new DomainError('survey.invalid', `a comment is at most ${maxSurveyComment} characters`, {
      field: 'comment',
    });
  if (r.contactId === null && r.caseId === null)
    throw new DomainError('survey.invalid', 'a survey answer concerns a contact or a case', {
      field: 'contactId',
    });
  return {
    type: 'survey.answered',
    subjectType: r.contactId ? 'contact' : 'case',
    subjectId: r.contactId ?? (r.caseId as string),
    payload: {
      responseId: r.id,
      channel: r.channel,
      score: r.score,
      comment: r.comment,
      contactId: r.contactId,
      caseId: r.caseId,
      agentId: r.agentId,
      queueId: r.queueId,
      customerId: r.customerId,
    },
    // Agents see the scores they were given; supervisors see their teams' through the agent.
    scope: {
      userIds: r.agentId ? [r.agentId] : [],
      teamIds: [],
      dispatchTeamIds: [],
      customerId: null,
    },
  };
}

/** Rebuilds a response from its event (reports can be recomputed from the log alone). */
export function surveyFromEvent(e: {
  payload: Record<string, unknown>;
  at: Date;
}): SurveyResponse | null {
  const p = e.payload;
  const str = (k: string) => (typeof p[k] === 'string' ? (p[k] as string) : null);
  if (typeof p['score'] !== 'number' || typeof p['responseId'] !== 'string') return null;
  return {
    id: p['responseId'],
    channel: str('channel') as SurveyChannel,
    score: p['score'],
    comment: str('comment'),
    contactId: str('contactId'),
    caseId: str('caseId'),
    agentId: str('agentId'),
    queueId: str('queueId'),
    customerId: str('customerId'),
    answeredAt: e.at,
  };
}
