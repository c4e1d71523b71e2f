/** The languages an IVR speaks: prompts are recorded, and numbers said, in each of them. */
export const ivrLanguages = ['zh', 'en'] as const;
export type IvrLanguage = (typeof ivrLanguages)[number];

export const isIvrLanguage = (s: unknown): s is IvrLanguage =>
  typeof s === 'string' && (ivrLanguages as readonly string[]).includes(s);
