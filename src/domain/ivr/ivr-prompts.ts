/**
 * Turns a node's prompt references into the files to play: `{ prompt: 'welcome' }` is
 * 'zh/welcome' in a Mandarin session, `{ say: 'amount', value: '${balance.amount}' }` the words
 * of the amount. A name that already holds a folder ('common/beep') is played as written; a
 * value that cannot be said (not a number, say) plays nothing.
 */
import type { Prompts } from './ivr-flow.ts';
import type { IvrLanguage } from './ivr-language.ts';
import type { ResolvedPrompt } from './ivr-action.ts';
import { say } from './say.ts';
import { renderTemplate } from './template.ts';

export function resolvePrompts(
  prompts: Prompts,
  language: IvrLanguage,
  variables: Readonly<Record<string, string>>,
): ResolvedPrompt[] {
  const out: ResolvedPrompt[] = [];
  for (const ref of prompts) {
    const lang = ref.language ?? language;
    if ('prompt' in ref) out.push(ref.prompt.includes('/') ? ref.prompt : `${lang}/${ref.prompt}`);
    else out.push(...(say(lang, ref.say, renderTemplate(ref.value, variables)) ?? []));
  }
  return out;
}
