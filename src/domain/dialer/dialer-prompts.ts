/**
 * What a dialer call says on its own: the message an answered call hears when no agent is free
 * (the abandoned-call message regulators require: who called, and that they will call again).
 * Recorded like the IVR's prompts (scripts/generate-prompts.ts).
 */
import type { ResolvedPrompt } from '../ivr/ivr-action.ts';
import type { IvrLanguage } from '../ivr/ivr-language.ts';
import type { PromptTexts } from '../ivr/prompt-texts.ts';

export const dialerPromptTexts: PromptTexts = {
  'dialer-abandon': {
    zh: '这里是kefu客服中心，座席正忙，我们稍后再给您回电。',
    en: 'This is the kefu contact center. All agents are busy; we will call you back later.',
  },
};

export const dialerAbandonPrompt = (language: IvrLanguage): ResolvedPrompt =>
  `${language}/dialer-abandon`;
