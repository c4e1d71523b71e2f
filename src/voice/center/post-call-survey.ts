/**
 * The post-call survey on a caller's leg once the agent has hung up: the question plays (a key
 * cuts it short), the caller has `answerMs` to press 1–5, a valid key is thanked, and the score
 * (or null: no key, another key, or the caller hung up) is returned. The caller hangs up after.
 */
import { surveyPrompt } from '../../domain/quality/ivr-survey.ts';
import type { IvrLanguage } from '../../domain/ivr/ivr-language.ts';
import { parseSurveyScore } from '../../domain/quality/survey-response.ts';
import type { PromptStore } from '../ivr/prompt-store.ts';
import type { Player } from '../rtp/player.ts';
import type { SipLeg } from '../switch/sip-leg.ts';

export interface SurveyAnswerPort {
  /** How long the caller may take to answer, when calls from this queue are surveyed. */
  plan(queueId: string | null): Promise<{ answerMs: number } | null>;
  answered(contactId: string, score: number): Promise<void>;
}

export async function runPostCallSurvey(
  leg: SipLeg,
  player: Player,
  prompts: PromptStore,
  language: IvrLanguage,
  answerMs: number,
): Promise<number | null> {
  let score: number | null = null;
  let wake = () => {};
  const onDigit = (d: string) => {
    if (score !== null) return;
    score = parseSurveyScore(d);
    if (score !== null) {
      player.stop();
      wake();
    }
  };
  const onEnded = () => wake();
  leg.on('dtmf', onDigit);
  leg.once('ended', onEnded);
  try {
    await player.play(await prompts.loadAll([surveyPrompt(language, 'survey-ask')]));
    if (score === null && !leg.ended)
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, answerMs);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
  } finally {
    leg.off('dtmf', onDigit);
    leg.off('ended', onEnded);
  }
  if (score !== null && !leg.ended)
    await player.play(await prompts.loadAll([surveyPrompt(language, 'survey-thanks')]));
  return score;
}
