/** What a recorded prompt says, per language (a prompt may exist in one language only). */
import type { IvrLanguage } from './ivr-language.ts';

export type PromptTexts = Readonly<Record<string, Readonly<Partial<Record<IvrLanguage, string>>>>>;
