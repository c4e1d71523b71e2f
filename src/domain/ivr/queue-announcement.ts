/**
 * What a caller hears while queued (the voice runner plays it between music-on-hold loops):
 * "所有座席正忙，请稍候。您现在排在第三位，感谢您的耐心等待。如需我们稍后回电，请按一。"
 */
import type { ResolvedPrompt } from './ivr-action.ts';
import type { IvrLanguage } from './ivr-language.ts';
import type { PromptTexts } from './prompt-texts.ts';
import { say } from './say.ts';

export const queueAnnouncementTexts: PromptTexts = {
  'queue-wait': {
    zh: '所有座席正忙，请稍候。',
    en: 'All our agents are busy. Please stay on the line.',
  },
  'queue-position': { zh: '您现在排在第', en: 'Your position in the queue is' },
  'queue-position-end': { zh: '位，感谢您的耐心等待。', en: 'Thank you for waiting.' },
  'queue-callback-offer': {
    zh: '如需我们稍后回电，请按',
    en: 'To be called back instead, press',
  },
};

/** The music-on-hold loop, language-neutral. */
export const musicOnHold: ResolvedPrompt = 'moh';

/** The files naming one key: 一 / "one", 星号 / "star". */
export function keyPrompts(language: IvrLanguage, key: string): ResolvedPrompt[] {
  if (key >= '0' && key <= '9') return say(language, 'number', key) ?? [];
  return say(language, 'digits', key) ?? [];
}

export interface QueueAnnouncementOptions {
  /** 1 for the caller next in line; omitted or < 1 when unknown. */
  readonly position?: number;
  /** The key that leaves the queue for a call-back, if offered. */
  readonly callbackDigit?: string | null;
  /** Include "all our agents are busy" (the first announcement). */
  readonly busy?: boolean;
}

/** The prompts of one announcement, in order. */
export function queueAnnouncement(
  language: IvrLanguage,
  options: QueueAnnouncementOptions,
): ResolvedPrompt[] {
  const out: ResolvedPrompt[] = [];
  if (options.busy === true) out.push(`${language}/queue-wait`);
  const position = options.position;
  if (position !== undefined && Number.isInteger(position) && position >= 1) {
    out.push(`${language}/queue-position`);
    out.push(...(say(language, 'number', String(position)) ?? []));
    out.push(`${language}/queue-position-end`);
  }
  if (options.callbackDigit)
    out.push(`${language}/queue-callback-offer`, ...keyPrompts(language, options.callbackDigit));
  return out;
}
