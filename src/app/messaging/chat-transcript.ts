/**
 * The transcript of a chat that a visitor asks to have e-mailed: plain text, one line per
 * message with the time in the center's time zone and who wrote it, with bilingual headings
 * (the visitor's language is not known when the mail is written). It goes through the outbox
 * like any e-mail; without an e-mail channel the outbox refuses (`channel.unavailable`).
 */
import type { AppDeps } from '../app-context.ts';
import { systemActor } from '../app-context.ts';
import type { OutboxService } from './outbox-service.ts';
import { isDomainError } from '../../domain/errors.ts';
import type { Message } from '../../domain/message/message.ts';

export interface TranscriptNames {
  readonly visitor: string;
  /** Display names of the agents who wrote (authorId → name). */
  readonly agents: ReadonlyMap<string, string>;
}

export const transcriptSubject = '在线客服聊天记录 / Your chat transcript';

export function renderTranscript(
  messages: readonly Message[],
  names: TranscriptNames,
  timeZone: string,
): string {
  const time = new Intl.DateTimeFormat('sv-SE', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
  const lines = messages.map((m) => {
    const who =
      m.direction === 'inbound'
        ? names.visitor
        : ((m.authorId && names.agents.get(m.authorId)) ?? '客服 Agent');
    // Continuation lines are indented so a multi-line message stays readable in any mail client.
    const text = m.body.replace(/\r?\n/g, '\n    ');
    return `[${time.format(m.createdAt)}] ${who}: ${text}`;
  });
  return [
    '您与客服的聊天记录 / The transcript of your chat with us',
    `(${timeZone})`,
    '',
    ...lines,
    '',
    '感谢您的咨询。 Thank you for contacting us.',
  ].join('\n');
}

/** Queues the transcript of a chat to `to`; 'unavailable' when e-mail is not configured. */
export async function mailTranscript(
  deps: AppDeps,
  outbox: OutboxService,
  agentName: (id: string) => Promise<string>,
  chat: { contactId: string; visitor: string; to: string },
): Promise<'queued' | 'unavailable'> {
  const contact = await deps.store.contacts.get(chat.contactId);
  const messages = await deps.store.messages.ofContact(chat.contactId);
  const agents = new Map<string, string>();
  for (const m of messages)
    if (m.authorId && !agents.has(m.authorId)) agents.set(m.authorId, await agentName(m.authorId));
  try {
    // No contactId: the chat contact is not an e-mail one; the mail gets its own contact and
    // stays with the chat's case, if any.
    await outbox.enqueue(systemActor, {
      channel: 'email',
      to: chat.to,
      caseId: contact?.caseId ?? null,
      kind: 'transcript',
      subject: transcriptSubject,
      body: renderTranscript(messages, { visitor: chat.visitor, agents }, deps.config.timeZone),
    });
    return 'queued';
  } catch (e) {
    if (isDomainError(e) && e.code === 'channel.unavailable') return 'unavailable';
    throw e;
  }
}
