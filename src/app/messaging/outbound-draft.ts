/**
 * Turns what an agent (or the system) wants to send into a complete outbound message: which
 * conversation it continues, whom it goes to, and the threading headers of an e-mail. The
 * customer's last message on the channel is the one answered; without one, the customer's
 * address on file is used, and a new outbound contact records the conversation.
 */
import type { Actor, AppDeps } from '../app-context.ts';
import type { StoreTx } from '../ports/store.ts';
import type { OutboxAddresses } from './outbox-service.ts';
import { contactEvent, type Contact } from '../../domain/contact/contact.ts';
import { DomainError } from '../../domain/errors.ts';
import { replyReferences, replySubject } from '../../domain/message/email-threading.ts';
import type { Message, MessageChannel, MessageMeta } from '../../domain/message/message.ts';

export interface OutboundDraft {
  readonly channel: MessageChannel;
  readonly body: string;
  readonly caseId?: string | null | undefined;
  readonly contactId?: string | null | undefined;
  readonly to?: string | null | undefined;
  readonly subject?: string | null | undefined;
  readonly kind?: MessageMeta['kind'];
  /** Use this id (a case reply's id) so the reply and its message are one record. */
  readonly id?: string | undefined;
  /** The message being answered, when the caller knows it (an acknowledgement). */
  readonly answering?: Message | null | undefined;
  readonly attachments?:
    readonly { filename: string; contentType: string; data: Uint8Array }[] | undefined;
  /** Extra e-mail headers (Auto-Submitted on automatic mail). */
  readonly headers?: Readonly<Record<string, string>> | undefined;
}

export interface ResolvedDraft {
  readonly message: Omit<Message, 'attachments'> & { attachments: [] };
  readonly scope: { agentId: string | null; teamId: string | null };
}

export async function resolveDraft(
  tx: StoreTx,
  deps: AppDeps,
  own: OutboxAddresses,
  actor: Actor,
  d: OutboundDraft,
  now: Date,
): Promise<ResolvedDraft> {
  const kase = d.caseId ? await tx.cases.get(d.caseId) : null;
  if (d.caseId && !kase) throw new DomainError('not_found', 'no such case', { id: d.caseId });
  let contact = d.contactId ? await tx.contacts.get(d.contactId) : null;
  if (d.contactId && !contact)
    throw new DomainError('not_found', 'no such contact', { id: d.contactId });
  const thread = contact
    ? await tx.messages.ofContact(contact.id)
    : kase
      ? await tx.messages.ofCase(kase.id)
      : [];
  const parent =
    d.answering ??
    thread.filter((m) => m.channel === d.channel && m.direction === 'inbound').at(-1) ??
    null;
  if (!contact && parent) contact = await tx.contacts.get(parent.contactId);
  const customerId = kase?.customerId ?? contact?.customerId ?? parent?.customerId ?? null;
  const customer = customerId ? await tx.customers.get(customerId) : null;
  const from = d.channel === 'webchat' ? 'agent' : (own[d.channel as 'email'] ?? own.email);
  const to =
    d.to?.trim() ||
    (d.channel === 'webchat'
      ? (contact?.from ?? null)
      : ((parent?.meta['replyTo'] as string | undefined) ?? parent?.from ?? null)) ||
    (d.channel === 'email'
      ? customer?.email
      : d.channel === 'sms' || d.channel === 'fax'
        ? customer?.msisdn
        : null) ||
    null;
  if (!to)
    throw new DomainError('message.no_address', `no ${d.channel} address to send to`, {
      channel: d.channel,
    });
  if (d.channel === 'webchat' && (!contact || contact.channel !== 'webchat'))
    throw new DomainError('chat.closed', 'a chat reply needs the chat it answers', {
      field: 'contactId',
    });
  if (!contact || contact.channel !== d.channel) {
    contact = newOutboundContact(
      deps,
      d.channel,
      from,
      to,
      customerId,
      kase?.id ?? null,
      actor,
      now,
    );
    await tx.contacts.insert(contact);
    tx.append([contactEvent(contact, 'contact.created')], {
      actorId: actor.id === 'system' ? null : actor.id,
      at: now,
    });
  }
  const id = d.id ?? deps.ids.newId();
  const meta: Record<string, unknown> = { kind: d.kind ?? 'reply' };
  let subject = d.subject ?? null;
  let externalId: string | null = null;
  if (d.channel === 'email' || d.channel === 'fax') {
    externalId = `${id}@${own.messageIdDomain}`;
    meta['messageId'] = externalId;
    const parentId = parent?.meta.messageId;
    if (parentId) {
      meta['inReplyTo'] = parentId;
      meta['references'] = replyReferences(parentId, parent?.meta.references ?? []);
    }
    subject ??= replySubject(parent?.subject ?? kase?.title ?? null, kase?.number ?? null);
    if (d.headers) meta['headers'] = { ...d.headers };
  }
  return {
    message: {
      id,
      contactId: contact.id,
      caseId: kase?.id ?? contact.caseId,
      customerId,
      channel: d.channel,
      direction: 'outbound',
      from,
      to,
      subject,
      body: d.body,
      status: 'queued',
      externalId,
      meta,
      authorId: actor.id === 'system' ? null : actor.id,
      attempts: 0,
      nextAttemptAt: null,
      createdAt: now,
      updatedAt: now,
      sentAt: null,
      deliveredAt: null,
      attachments: [],
    },
    scope: { agentId: contact.agentId, teamId: contact.teamId },
  };
}

function newOutboundContact(
  deps: AppDeps,
  channel: MessageChannel,
  from: string,
  to: string,
  customerId: string | null,
  caseId: string | null,
  actor: Actor,
  now: Date,
): Contact {
  return {
    id: deps.ids.newId(),
    channel,
    direction: 'outbound',
    from,
    to,
    subject: null,
    startedAt: now,
    endedAt: now,
    ivrData: {},
    wrapUpCode: null,
    customerId,
    caseId,
    agentId: actor.role === 'agent' || actor.role === 'supervisor' ? actor.id : null,
    teamId: null,
    taskId: null,
    queuedAt: null,
    offeredAt: null,
    answeredAt: null,
    recordingId: null,
    createdAt: now,
    updatedAt: now,
  };
}
