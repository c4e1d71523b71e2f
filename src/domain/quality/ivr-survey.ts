/**
 * The post-call IVR survey (话后满意度调查): when the agent ends a call, the caller stays on the
 * line, hears "rate us 1–5", and a key 1–5 is the answer. Whether it runs is configured per
 * queue; the prompts are recorded like the IVR's (scripts/generate-prompts.ts).
 */
import { DomainError } from '../errors.ts';
import type { ResolvedPrompt } from '../ivr/ivr-action.ts';
import type { IvrLanguage } from '../ivr/ivr-language.ts';
import type { PromptTexts } from '../ivr/prompt-texts.ts';

export interface IvrSurveySettings {
  readonly enabled: boolean;
  /** Queues whose calls are surveyed; empty means every queue. */
  readonly queueIds: readonly string[];
  /** How long to wait for a key after the question. */
  readonly answerSeconds: number;
}

export const defaultIvrSurveySettings: IvrSurveySettings = {
  enabled: false,
  queueIds: [],
  answerSeconds: 8,
};

export function assertIvrSurveySettings(s: IvrSurveySettings): void {
  if (!Number.isInteger(s.answerSeconds) || s.answerSeconds < 2 || s.answerSeconds > 30)
    throw new DomainError('survey.invalid', 'callers get 2 to 30 seconds to answer', {
      field: 'answerSeconds',
    });
}

export const ivrSurveyWanted = (s: IvrSurveySettings, queueId: string | null): boolean =>
  s.enabled && (s.queueIds.length === 0 || (queueId !== null && s.queueIds.includes(queueId)));

export const surveyPromptTexts: PromptTexts = {
  'survey-ask': {
    zh: '请对本次服务评分。非常满意请按五，不满意请按一。',
    en: 'Please rate our service: press five if you were very satisfied, down to one if you were not.',
  },
  'survey-thanks': { zh: '感谢您的评价，再见。', en: 'Thank you for your rating. Goodbye.' },
};

export const surveyPrompt = (
  language: IvrLanguage,
  key: 'survey-ask' | 'survey-thanks',
): ResolvedPrompt => `${language}/${key}`;
