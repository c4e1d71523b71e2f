/**
 * The web chat as use cases, free of any transport: a visitor says hello (anonymous with a
 * name, or identified by e-mail or phone, matched to a customer), writes messages that open and
 * continue one contact routed to an agent with chat capacity, sees the agent join and type, ends
 * the chat and may have its transcript e-mailed; with no agent available they leave a message,
 * which becomes a case. Agents answer through the outbox (the chat socket delivers) and may type
 * and end the chat. Who is typing is pushed, never stored.
 */
import type { Actor, AppDeps } from '../app-context.ts';
import type { CustomerService } from '../customers/customer-service.ts';
import { AgentPush } from '../ports/agent-push.ts';
import type { RouterService } from '../routing/router-service.ts';
import type { InboxService } from './inbox-service.ts';
import type { OutboxService } from './outbox-service.ts';
import { ChatConversations } from './chat-conversations.ts';
import {
  ChatSessions,
  defaultSessionLimits,
  type ChatSession,
  type SessionLimits,
  type TranscriptOutcome,
} from './chat-sessions.ts';
import { mailTranscript } from './chat-transcript.ts';
import { normalizeEmail, normalizeMsisdn } from '../../domain/customer/customer.ts';
import { DomainError } from '../../domain/errors.ts';
import { messageLimits } from '../../domain/message/message.ts';

export type { VisitorFrame, TranscriptOutcome } from './chat-sessions.ts';

export interface VisitorHello {
  readonly token?: string | null | undefined;
  readonly name?: string | null | undefined;
  readonly email?: string | null | undefined;
  readonly phone?: string | null | undefined;
}

export interface HistoryLine {
  readonly id: string;
  readonly from: 'visitor' | 'agent';
  readonly name: string;
  readonly text: string;
  readonly at: string;
}

export interface Welcome {
  readonly token: string;
  readonly resumed: boolean;
  readonly name: string;
  readonly available: boolean;
  /** The conversation shown is over (a new message starts another). */
  readonly ended: boolean;
  readonly agentName: string | null;
  readonly history: readonly HistoryLine[];
}

export interface LeaveMessage {
  readonly name?: string | null | undefined;
  readonly email?: string | null | undefined;
  readonly phone?: string | null | undefined;
  readonly text: string;
}

const chatAddress = 'webchat';
const clean = (s: string | null | undefined, max: number) => s?.trim().slice(0, max) || null;

export class ChatService {
  /** Ephemeral pushes to agents' browsers; the event stream attaches their connections. */
  readonly agents = new AgentPush();
  readonly sessions: ChatSessions;
  private readonly chats: ChatConversations;

  constructor(
    private readonly deps: AppDeps,
    private readonly s: {
      customers: CustomerService;
      router: RouterService;
      inbox: InboxService;
      outbox: OutboxService;
    },
    limits: SessionLimits = defaultSessionLimits,
  ) {
    this.sessions = new ChatSessions(limits);
    this.chats = new ChatConversations(deps, s.router, this.sessions);
  }

  private now(): number {
    return this.deps.clock.now().getTime();
  }

  /** Follows router tasks: an agent joined, a chat ended elsewhere. Returns the stop function. */
  start(): () => void {
    return this.chats.follow();
  }

  // ── visitors ───────────────────────────────────────────────────────────

  /**
   * Resumes the session a token names, or starts a new one (`allowNew` is the caller's
   * per-address budget; false: `rate_limited`).
   */
  async hello(h: VisitorHello, allowNew: () => boolean): Promise<Welcome> {
    const now = this.now();
    const known = h.token ? this.sessions.get(h.token, now) : null;
    if (known) return this.welcome(known, true);
    const email = h.email?.trim() ? normalizeEmail(h.email) : null;
    const phone = h.phone?.trim()
      ? normalizeMsisdn(h.phone, this.deps.config.defaultCountryCode)
      : null;
    if (!allowNew()) throw new DomainError('rate_limited', 'too many new chats from your address');
    const customerId = await this.findCustomer(email, phone);
    const name = clean(h.name, 80) ?? email ?? phone ?? '访客 Visitor';
    return this.welcome(this.sessions.create({ name, email, phone, customerId }, now), false);
  }

  private async welcome(s: ChatSession, resumed: boolean): Promise<Welcome> {
    const contact = s.contactId ? await this.deps.store.contacts.get(s.contactId) : null;
    const messages = contact ? await this.deps.store.messages.ofContact(contact.id) : [];
    const history: HistoryLine[] = [];
    for (const m of messages.slice(-200))
      history.push({
        id: m.id,
        from: m.direction === 'inbound' ? 'visitor' : 'agent',
        name: m.direction === 'inbound' ? s.name : await this.chats.agentName(m.authorId),
        text: m.body,
        at: m.createdAt.toISOString(),
      });
    return {
      token: s.token,
      resumed,
      name: s.name,
      available: await this.chats.available(),
      ended: contact ? contact.endedAt !== null : false,
      agentName: contact?.endedAt ? null : s.agentName,
      history,
    };
  }

  /** A line from the visitor: the first opens the contact (routed), later ones continue it. */
  visitorMessage(token: string, text: string): Promise<{ id: string; at: string }> {
    const now = this.now();
    const s = this.sessions.require(token, now);
    this.sessions.spend(s, now);
    const body = checkText(text);
    const run = s.chain.then(async () => {
      const r = await this.s.inbox.receive({
        channel: 'webchat',
        from: s.email ?? s.phone ?? s.visitorId,
        fromName: s.name,
        to: chatAddress,
        body,
        contactId: s.contactId,
        customerId: s.customerId,
        meta: { visitor: { name: s.name, email: s.email, phone: s.phone, verified: false } },
      });
      if (r.contact.id !== s.contactId) {
        s.agentName = null;
        this.sessions.bind(s, r.contact.id);
      }
      return { id: r.message.id, at: r.message.createdAt.toISOString() };
    });
    s.chain = run.catch(() => undefined);
    return run;
  }

  /** The visitor is typing: the agent holding the chat sees it (if connected). */
  visitorTyping(token: string): void {
    const s = this.sessions.require(token, this.now());
    const agentId = s.contactId ? this.chats.openTask(s.contactId)?.agentId : null;
    if (agentId && s.contactId)
      this.agents.send(agentId, { kind: 'chat', type: 'typing', contactId: s.contactId });
  }

  /** No agent: the visitor leaves a message, which opens a case for the back office. */
  async leaveMessage(token: string, m: LeaveMessage): Promise<{ caseNumber: string | null }> {
    const now = this.now();
    const s = this.sessions.require(token, now);
    this.sessions.spend(s, now);
    const email = m.email?.trim() ? normalizeEmail(m.email) : s.email;
    const phone = m.phone?.trim()
      ? normalizeMsisdn(m.phone, this.deps.config.defaultCountryCode)
      : s.phone;
    if (!email && !phone)
      throw new DomainError('validation.failed', 'leave an e-mail address or a phone number', {
        field: 'email',
      });
    const body = checkText(m.text);
    const name = clean(m.name, 80) ?? s.name;
    const title = `网页留言 Web message: ${name}`.slice(0, 120);
    const r = await this.s.inbox.receive({
      channel: 'webchat',
      from: email ?? phone ?? s.visitorId,
      fromName: name,
      to: chatAddress,
      subject: title,
      body,
      customerId: s.customerId ?? (await this.findCustomer(email, phone)),
      route: false,
      openCase: { type: 'query', title },
      meta: { visitor: { name, email, phone, verified: false }, offline: true },
    });
    // A left message is not a live conversation: its contact ends at once; the case goes on.
    await this.chats.markEnded(r.contact.id, 'visitor_left_message');
    return { caseNumber: r.case?.number ?? null };
  }

  /** The visitor ends the chat (or, after it ended, asks for the transcript). */
  async endByVisitor(token: string, transcriptTo?: string | null): Promise<TranscriptOutcome> {
    const now = this.now();
    const s = this.sessions.require(token, now);
    this.sessions.spend(s, now);
    const to = transcriptTo?.trim() ? normalizeEmail(transcriptTo) : null;
    const contactId = s.contactId;
    if (!contactId) {
      this.sessions.push(s.token, { type: 'ended', by: 'visitor', transcript: 'none' });
      return 'none';
    }
    const contact = await this.deps.store.contacts.get(contactId);
    const wasOpen = contact !== null && contact.endedAt === null;
    if (wasOpen) await this.chats.close(null, contactId, 'visitor');
    const transcript = to ? await this.sendTranscript(s, contactId, to) : 'none';
    if (wasOpen || transcript !== 'none')
      this.sessions.push(s.token, { type: 'ended', by: 'visitor', transcript });
    return transcript;
  }

  /** One transcript per chat: a visitor cannot make the center mail someone repeatedly. */
  private async sendTranscript(
    s: ChatSession,
    contactId: string,
    to: string,
  ): Promise<TranscriptOutcome> {
    if (s.transcripts.has(contactId)) return 'queued';
    const r = await mailTranscript(this.deps, this.s.outbox, (id) => this.chats.agentName(id), {
      contactId,
      visitor: s.name,
      to,
    });
    if (r === 'queued') s.transcripts.add(contactId);
    return r;
  }

  // ── agents ─────────────────────────────────────────────────────────────

  /** The agent is typing in the chat: the visitor sees it. */
  async agentTyping(actor: Actor, contactId: string): Promise<void> {
    await this.chats.openChatOf(actor, contactId);
    const s = this.sessions.ofContact(contactId);
    if (s) this.sessions.push(s.token, { type: 'typing' });
  }

  /** The agent ends the chat: the task goes to wrap-up, the visitor is told. */
  async endByAgent(actor: Actor, contactId: string): Promise<void> {
    await this.chats.openChatOf(actor, contactId);
    await this.chats.close(actor, contactId, 'agent');
    const s = this.sessions.ofContact(contactId);
    if (s) this.sessions.push(s.token, { type: 'ended', by: 'agent', transcript: 'none' });
  }

  // ── the chat channel's sender ──────────────────────────────────────────

  /** The visitor's session token (if known) and whether the chat is over. */
  async deliveryTarget(contactId: string): Promise<{ token: string | null; closed: boolean }> {
    const s = this.sessions.ofContact(contactId);
    const c = await this.deps.store.contacts.get(contactId);
    return { token: s?.token ?? null, closed: !c || c.endedAt !== null };
  }

  agentName(userId: string | null): Promise<string> {
    return this.chats.agentName(userId);
  }

  private async findCustomer(email: string | null, phone: string | null): Promise<string | null> {
    const page = { limit: 1, offset: 0 };
    if (email) {
      const r = await this.s.customers.search({ email }, page);
      if (r.items[0]) return r.items[0].id;
    }
    if (phone) {
      const r = await this.s.customers.search({ msisdn: phone }, page);
      if (r.items[0]) return r.items[0].id;
    }
    return null;
  }
}

function checkText(text: unknown): string {
  const body = typeof text === 'string' ? text.trim() : '';
  if (!body) throw new DomainError('message.invalid', 'the message is empty', { field: 'text' });
  if (body.length > messageLimits.chatChars)
    throw new DomainError('message.too_large', `at most ${messageLimits.chatChars} characters`, {
      field: 'text',
      max: messageLimits.chatChars,
    });
  return body;
}
