/**
 * The post-call IVR survey's settings, and what the switch asks of it: whether a call that
 * waited in a queue is surveyed when its agent hangs up, and recording the key pressed.
 */
import {
  assertIvrSurveySettings,
  defaultIvrSurveySettings,
  ivrSurveyWanted,
  type IvrSurveySettings,
} from '../../domain/quality/ivr-survey.ts';
import type { AppDeps } from '../app-context.ts';
import type { SurveyService } from './survey-service.ts';

const settingsKey = 'quality.ivr_survey';

export class IvrSurveyService {
  constructor(
    private readonly deps: AppDeps,
    private readonly surveys: SurveyService,
  ) {}

  async settings(): Promise<IvrSurveySettings> {
    return {
      ...defaultIvrSurveySettings,
      ...(await this.deps.store.settings.get<IvrSurveySettings>(settingsKey)),
    };
  }

  async setSettings(s: IvrSurveySettings): Promise<IvrSurveySettings> {
    assertIvrSurveySettings(s);
    await this.deps.store.settings.set(settingsKey, s);
    return s;
  }

  /** How long to wait for the caller's key, when calls from this queue are surveyed. */
  async plan(queueId: string | null): Promise<{ answerMs: number } | null> {
    const s = await this.settings();
    return ivrSurveyWanted(s, queueId) ? { answerMs: s.answerSeconds * 1000 } : null;
  }

  async answered(contactId: string, score: number): Promise<void> {
    await this.surveys.record({ channel: 'ivr', contactId, score });
  }
}
