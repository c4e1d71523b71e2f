/**
 * Every message a customer sends on a non-voice channel comes in here. In one transaction it
 * finds the customer, threads the message into its conversation and case (inbox-threading.ts),
 * opens a contact (and, for channels that ask for it, a case) when there is none, and stores
 * the message with its attachments; then the new contact is routed as a task to an agent with
 * capacity for the channel. A message already stored (same transport id) is not stored twice:
 * SMTP clients and IMAP polls may hand the same mail over again.
 */
import type { Actor, AppDeps } from '../app-context.ts';
import { systemActor } from '../app-context.ts';
import type { CaseService } from '../cases/case-service.ts';
import type { CustomerService } from '../customers/customer-service.ts';
import type { NewAttachment } from '../ports/message-repo.ts';
import type { StoreTx } from '../ports/store.ts';
import type { RouterService } from '../routing/router-service.ts';
import { casePriority } from '../routing/router-service.ts';
import { caseContactLinkedEvent, type Case } from '../../domain/case/case.ts';
import { contactEvent, type Contact } from '../../domain/contact/contact.ts';
import {
  messageEvent,
  messageLimits,
  type Message,
  type MessageChannel,
  type MessageMeta,
} from '../../domain/message/message.ts';
import { findThread } from './inbox-threading.ts';

export interface InboundMessage {
  readonly channel: MessageChannel;
  readonly from: string;
  readonly fromName?: string | null | undefined;
  readonly to: string;
  readonly subject?: string | null | undefined;
  readonly body: string;
  /** The transport's id (Message-ID without brackets, SMSC id); duplicates are dropped. */
  readonly externalId?: string | null | undefined;
  readonly meta?: MessageMeta | undefined;
  readonly attachments?:
    readonly { filename: string; contentType: string; data: Uint8Array }[] | undefined;
  readonly receivedAt?: Date | undefined;
  /** Known conversation (a chat session) or case (a portal reply), and known customer. */
  readonly contactId?: string | null | undefined;
  readonly caseId?: string | null | undefined;
  readonly customerId?: string | null | undefined;
  /** Whether a new contact is offered to agents (false for a chat already being routed). */
  readonly route?: boolean | undefined;
  /** Open a case for a message that threads into none (e-mail, fax, web form). */
  readonly openCase?:
    { type: string; title?: string; categoryId?: string | null } | null | undefined;
}

export interface InboxResult {
  readonly message: Message;
  readonly contact: Contact;
  readonly case: Case | null;
  readonly duplicate: boolean;
  readonly newContact: boolean;
  readonly newCase: boolean;
}

/**
 * Lets another use case take an inbound SMS inside the inbox's transaction (a survey answer):
 * returns the contact to file it on, without opening or routing a new one, or null.
 */
export type SmsReplyClaim = (tx: StoreTx, from: string, body: string) => Promise<string | null>;

/** Hooks that run after the commit (the e-mail channel's acknowledgement). */
export type InboxListener = (r: InboxResult, input: InboundMessage) => Promise<void> | void;

export class InboxService {
  private readonly listeners: InboxListener[] = [];
  private readonly claims: SmsReplyClaim[] = [];

  constructor(
    private readonly deps: AppDeps,
    private readonly customers: CustomerService,
    private readonly cases: CaseService,
    private readonly router: RouterService | null,
  ) {}

  onReceived(l: InboxListener): void {
    this.listeners.push(l);
  }

  claimSmsReplies(c: SmsReplyClaim): void {
    this.claims.push(c);
  }

  async receive(input: InboundMessage): Promise<InboxResult> {
    const r = await this.deps.store.transaction((tx) => this.receiveIn(tx, input));
    if (r.duplicate) return r;
    let result = r;
    if (r.newContact && input.route !== false && this.router) result = await this.route(r);
    for (const l of this.listeners) {
      try {
        await l(result, input);
      } catch (e) {
        console.error('inbox listener failed', e);
      }
    }
    return result;
  }

  private async receiveIn(tx: StoreTx, i: InboundMessage): Promise<InboxResult> {
    const now = this.deps.clock.now();
    const actor: Actor = systemActor;
    if (i.externalId) {
      const seen = await tx.messages.byExternalId(i.channel, i.externalId, 'inbound');
      if (seen) {
        const contact = (await tx.contacts.get(seen.contactId)) as Contact;
        const kase = seen.caseId ? await tx.cases.get(seen.caseId) : null;
        return {
          message: seen,
          contact,
          case: kase,
          duplicate: true,
          newContact: false,
          newCase: false,
        };
      }
    }
    const customerId =
      i.customerId ?? (await this.customers.identify(tx, i.channel, i.from))?.id ?? null;
    const claimed = await this.claimed(tx, i);
    const t = claimed ?? (await findThread(tx, i, customerId, now.getTime()));
    let kase = t.case;
    let contact = t.contact;
    let newCase = false;
    let newContact = false;
    if (!contact) {
      contact = await this.customers.createContactIn(tx, actor, {
        channel: i.channel,
        direction: 'inbound',
        from: i.from,
        to: i.to,
        subject: i.subject ?? null,
        startedAt: i.receivedAt ?? now,
        customerId,
        caseId: kase?.id ?? null,
        agentId: null,
      });
      newContact = true;
      if (kase) tx.append([caseContactLinkedEvent(kase, contact.id, i.channel)], meta(now));
    }
    if (!kase && i.openCase) {
      kase = await this.cases.createIn(tx, actor, {
        type: i.openCase.type,
        title: (i.openCase.title ?? i.subject ?? i.body.slice(0, 60)).trim() || i.channel,
        description: i.body.slice(0, 4000),
        categoryId: i.openCase.categoryId ?? null,
        customerId: contact.customerId,
        assigneeId: null,
        teamId: null,
        contactId: contact.id,
      });
      newCase = true;
      contact = (await tx.contacts.get(contact.id)) ?? contact;
    }
    const m: Message = {
      id: this.deps.ids.newId(),
      contactId: contact.id,
      caseId: kase?.id ?? contact.caseId,
      customerId: contact.customerId,
      channel: i.channel,
      direction: 'inbound',
      from: i.from,
      to: i.to,
      subject: i.subject?.slice(0, messageLimits.subjectChars) ?? null,
      body: i.body.slice(0, messageLimits.bodyChars),
      status: 'received',
      externalId: i.externalId ?? null,
      meta: { ...(i.meta ?? {}), ...(i.fromName ? { fromName: i.fromName } : {}) },
      authorId: null,
      attempts: 0,
      nextAttemptAt: null,
      createdAt: i.receivedAt ?? now,
      updatedAt: now,
      sentAt: null,
      deliveredAt: null,
      attachments: [],
    };
    const files: NewAttachment[] = (i.attachments ?? []).map((a) => ({
      id: this.deps.ids.newId(),
      filename: a.filename,
      contentType: a.contentType,
      data: a.data,
    }));
    await tx.messages.insert(m, files);
    const stored: Message = {
      ...m,
      attachments: files.map((f) => ({
        id: f.id,
        filename: f.filename,
        contentType: f.contentType,
        size: f.data.byteLength,
      })),
    };
    tx.append(
      [
        messageEvent(
          stored,
          'message.received',
          { agentId: contact.agentId, teamId: contact.teamId },
          { preview: i.body.slice(0, 140), subject: stored.subject },
        ),
      ],
      meta(now),
    );
    if (!newContact && !contact.endedAt) {
      contact = { ...contact, updatedAt: now };
      await tx.contacts.update(contact);
    }
    return { message: stored, contact, case: kase, duplicate: false, newContact, newCase };
  }

  private async claimed(tx: StoreTx, i: InboundMessage) {
    if (i.channel !== 'sms' || i.contactId) return null;
    for (const claim of this.claims) {
      const id = await claim(tx, i.from, i.body);
      const contact = id ? await tx.contacts.get(id) : null;
      if (contact)
        return { contact, case: contact.caseId ? await tx.cases.get(contact.caseId) : null };
    }
    return null;
  }

  /** Offers the new contact to agents; the router's task id is kept on the contact. */
  private async route(r: InboxResult): Promise<InboxResult> {
    const router = this.router as RouterService;
    const task = await router.submit(null, {
      channel: r.contact.channel as MessageChannel,
      attributes: {
        contactId: r.contact.id,
        customerId: r.contact.customerId,
        caseId: r.case?.id ?? null,
        caseNumber: r.case?.number ?? null,
        subject: r.message.subject,
        from: r.message.from,
        ...(r.case?.assigneeId ? { preferredAgentId: r.case.assigneeId } : {}),
      },
      priority: r.case ? casePriority[r.case.priority] : 0,
    });
    const now = this.deps.clock.now();
    const contact = await this.deps.store.transaction(async (tx) => {
      const cur = await tx.contacts.get(r.contact.id);
      if (!cur) return r.contact;
      const next = { ...cur, taskId: task.id, queuedAt: cur.queuedAt ?? now, updatedAt: now };
      await tx.contacts.update(next);
      tx.append([contactEvent(next, 'contact.updated', { taskId: task.id })], meta(now));
      return next;
    });
    return { ...r, contact };
  }
}

const meta = (at: Date) => ({ actorId: null, at });
