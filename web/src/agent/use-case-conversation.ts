/**
 * A case's conversation on every channel: the messages filed under the case, plus those of its
 * linked text contacts. A chat that opened before its case was created keeps its earlier lines
 * outside the case (linking files only the contact), yet they are what the case is about.
 * Back office may not read contacts (only their cases): they get the filed messages, and the
 * case description, which the front line fills with what the customer wrote.
 */
import { useQueries } from '@tanstack/react-query';
import { get } from '../api/client.ts';
import type { Contact, Message } from '../api/types.ts';
import { useSession } from '../shell/session.tsx';
import { useCaseMessages } from './queries.ts';

const textChannels = ['webchat', 'email', 'sms', 'fax', 'webform'];

export function useCaseConversation(caseId: string, contacts: Contact[]): Message[] {
  const filed = useCaseMessages(caseId);
  const { user } = useSession();
  const mayRead = user?.role !== 'backoffice';
  const linked = useQueries({
    queries: contacts
      .filter((c) => mayRead && textChannels.includes(c.channel))
      .map((c) => ({
        queryKey: ['messages', c.id],
        queryFn: async () =>
          (await get<{ items: Message[] }>(`/api/contacts/${c.id}/messages`)).items,
      })),
  });
  const all = new Map<string, Message>();
  for (const m of filed.data ?? []) all.set(m.id, m);
  for (const q of linked) for (const m of q.data ?? []) all.set(m.id, m);
  return [...all.values()].sort(
    (a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt) || a.id.localeCompare(b.id),
  );
}
