/**
 * Articles suggested to an agent for what is in front of them: a case (its title, description,
 * category, the IVR choices of its contacts and what the customer wrote) or a contact (its IVR
 * data and messages). The words go through the same search in `suggest` mode, which keeps the
 * rarest terms and does not square the coverage, since no article holds a whole e-mail.
 */
import { categoryPath } from '../../domain/case/category-tree.ts';
import type { KbLang } from '../../domain/kb/article.ts';
import type { Message } from '../../domain/message/message.ts';
import type { Actor, AppDeps } from '../app-context.ts';
import type { CaseService } from '../cases/case-service.ts';
import type { KbSearch, SearchHit } from './kb-search.ts';

const customerWords = (messages: readonly Message[]) =>
  messages
    .filter((m) => m.direction === 'inbound')
    .slice(-5)
    .map((m) => `${m.subject ?? ''} ${m.body}`);

export class KbSuggestions {
  constructor(
    private readonly deps: AppDeps,
    private readonly cases: CaseService,
    private readonly search: KbSearch,
  ) {}

  async forCase(actor: Actor, caseId: string, lang?: KbLang): Promise<SearchHit[]> {
    const c = await this.cases.get(actor, caseId);
    const store = this.deps.store;
    const [categories, contacts, messages] = await Promise.all([
      store.categories.list(),
      store.contacts.list({ caseId }, { limit: 20, offset: 0 }),
      store.messages.ofCase(caseId),
    ]);
    const words = [
      c.title,
      c.description,
      ...(c.categoryId
        ? categoryPath(categories, c.categoryId).flatMap((x) => [x.name, x.nameZh ?? ''])
        : []),
      ...contacts.items.flatMap((k) => [k.subject ?? '', ...Object.values(k.ivrData)]),
      ...customerWords(messages),
    ];
    return this.search.search(words.join('\n'), {
      audience: 'internal',
      lang,
      limit: 5,
      mode: 'suggest',
    });
  }

  async forContact(contactId: string, lang?: KbLang): Promise<SearchHit[]> {
    const store = this.deps.store;
    const contact = await store.contacts.get(contactId);
    if (!contact) return [];
    const messages = await store.messages.ofContact(contactId);
    const words = [
      contact.subject ?? '',
      ...Object.values(contact.ivrData),
      ...customerWords(messages),
    ];
    return this.search.search(words.join('\n'), {
      audience: 'internal',
      lang,
      limit: 5,
      mode: 'suggest',
    });
  }
}
