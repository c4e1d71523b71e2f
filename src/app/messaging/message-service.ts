/**
 * Reading a conversation and answering in it, with the access rules of the case it belongs to:
 * staff see conversations (agents those of their contacts, cases and teams; supervisors and
 * admins all), a customer sees only messages on their own cases.
 */
import type { Actor, AppDeps } from '../app-context.ts';
import type { StoredAttachment } from '../ports/message-repo.ts';
import type { OutboxService } from './outbox-service.ts';
import { canSeeCase } from '../../domain/access/viewer.ts';
import type { Contact } from '../../domain/contact/contact.ts';
import { DomainError } from '../../domain/errors.ts';
import { isMessageChannel, type Message } from '../../domain/message/message.ts';

export interface MessageSend {
  readonly body: string;
  readonly to?: string | null | undefined;
  readonly subject?: string | null | undefined;
  readonly attachments?:
    readonly { filename: string; contentType: string; data: Uint8Array }[] | undefined;
}

const notFound = (what: string, id: string) =>
  new DomainError('not_found', `no such ${what}`, { id });

export class MessageService {
  constructor(
    private readonly deps: AppDeps,
    private readonly outbox: OutboxService,
  ) {}

  private async seeContact(actor: Actor, id: string): Promise<Contact> {
    const c = await this.deps.store.contacts.get(id);
    if (!c) throw notFound('contact', id);
    if (actor.role === 'admin' || actor.role === 'supervisor') return c;
    if (actor.role === 'agent' || actor.role === 'backoffice') {
      if (c.agentId === actor.id || (c.teamId && actor.teamIds.includes(c.teamId))) return c;
      // Whoever may work the case (a back office it was dispatched to) may read its contacts.
      const kase = c.caseId ? await this.deps.store.cases.get(c.caseId) : null;
      if (kase && canSeeCase(actor, kase)) return c;
      // An agent offered or holding the contact's task sees it (the offer banner).
      if (
        c.taskId &&
        (await this.deps.store.routing.reservationsForTask(c.taskId)).some(
          (r) => r.agentId === actor.id,
        )
      )
        return c;
    }
    throw notFound('contact', id);
  }

  async ofContact(actor: Actor, contactId: string): Promise<Message[]> {
    await this.seeContact(actor, contactId);
    return this.deps.store.messages.ofContact(contactId);
  }

  async ofCase(actor: Actor, caseId: string): Promise<Message[]> {
    const kase = await this.deps.store.cases.get(caseId);
    if (!kase || !canSeeCase(actor, kase)) throw notFound('case', caseId);
    return this.deps.store.messages.ofCase(caseId);
  }

  async get(actor: Actor, id: string): Promise<Message> {
    const m = await this.deps.store.messages.get(id);
    if (!m) throw notFound('message', id);
    await this.visible(actor, m);
    return m;
  }

  async attachment(actor: Actor, id: string): Promise<StoredAttachment> {
    const a = await this.deps.store.messages.attachment(id);
    if (!a) throw notFound('attachment', id);
    const m = await this.deps.store.messages.get(a.messageId);
    if (!m) throw notFound('attachment', id);
    try {
      await this.visible(actor, m);
    } catch {
      throw notFound('attachment', id);
    }
    return a;
  }

  private async visible(actor: Actor, m: Message): Promise<void> {
    if (actor.role === 'customer') {
      const kase = m.caseId ? await this.deps.store.cases.get(m.caseId) : null;
      if (!kase || !canSeeCase(actor, kase)) throw notFound('message', m.id);
      return;
    }
    await this.seeContact(actor, m.contactId);
  }

  /** An agent answers in a conversation, on its channel (chat line, SMS, e-mail reply). */
  async send(actor: Actor, contactId: string, s: MessageSend): Promise<Message> {
    const c = await this.seeContact(actor, contactId);
    if (!isMessageChannel(c.channel))
      throw new DomainError('validation.failed', `cannot send messages on a ${c.channel} contact`, {
        field: 'contactId',
      });
    return this.outbox.enqueue(actor, {
      channel: c.channel,
      contactId,
      caseId: c.caseId,
      body: s.body,
      to: s.to,
      subject: s.subject,
      attachments: s.attachments,
    });
  }
}
