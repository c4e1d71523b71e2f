/**
 * The web chat's visitors, in memory. Each has a random 128-bit token (the widget keeps it in
 * localStorage to resume after a page reload), what they said about themselves, the
 * conversation (contact) they are in, and the open connections frames for them go to. Sessions
 * idle for a day are forgotten; a restart forgets all of them (the visitor simply starts again,
 * the conversation itself is stored as a contact with its messages).
 */
import { DomainError } from '../../domain/errors.ts';

/** What the center pushes to a visitor; never stored (messages are stored by the outbox). */
export type VisitorFrame =
  | { type: 'message'; id: string; from: 'agent'; name: string; text: string; at: string }
  | { type: 'typing' }
  | { type: 'agent_joined'; name: string }
  | { type: 'ended'; by: 'visitor' | 'agent'; transcript: TranscriptOutcome };

export type TranscriptOutcome = 'none' | 'queued' | 'unavailable';

export interface ChatSession {
  readonly token: string;
  /** Stands for the visitor in addresses (`from`) when they gave neither e-mail nor phone. */
  readonly visitorId: string;
  readonly name: string;
  readonly email: string | null;
  readonly phone: string | null;
  readonly customerId: string | null;
  contactId: string | null;
  agentName: string | null;
  /** Contacts whose transcript was already e-mailed: one per chat. */
  readonly transcripts: Set<string>;
  lastSeenAt: number;
  /** Flood limit: actions counted in the current window. */
  windowStart: number;
  actions: number;
  /** Serialises this visitor's messages, so two quick ones cannot open two contacts. */
  chain: Promise<unknown>;
}

export interface SessionLimits {
  readonly idleMs: number;
  readonly maxSessions: number;
  /** Messages, leave-messages and ends per visitor per window. */
  readonly actionsPerWindow: number;
  readonly windowMs: number;
}

export const defaultSessionLimits: SessionLimits = {
  idleMs: 24 * 3600_000,
  maxSessions: 50_000,
  actionsPerWindow: 30,
  windowMs: 10_000,
};

type Listener = (f: VisitorFrame) => void;

const base64url = (bytes: Uint8Array) =>
  btoa(String.fromCharCode(...bytes))
    .replaceAll('+', '-')
    .replaceAll('/', '_')
    .replace(/=+$/, '');

/** 128 random bits: unguessable, so the token alone is the visitor's credential. */
export const newChatToken = () => base64url(crypto.getRandomValues(new Uint8Array(16)));

export class ChatSessions {
  private readonly byToken = new Map<string, ChatSession>();
  private readonly byContact = new Map<string, string>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private lastSweep = 0;

  constructor(private readonly limits: SessionLimits = defaultSessionLimits) {}

  create(
    who: { name: string; email: string | null; phone: string | null; customerId: string | null },
    now: number,
  ): ChatSession {
    this.sweep(now);
    if (this.byToken.size >= this.limits.maxSessions)
      throw new DomainError('rate_limited', 'too many chats at the moment; try again later');
    const s: ChatSession = {
      ...who,
      token: newChatToken(),
      visitorId: `visitor-${newChatToken().slice(0, 10)}`,
      contactId: null,
      agentName: null,
      transcripts: new Set(),
      lastSeenAt: now,
      windowStart: now,
      actions: 0,
      chain: Promise.resolve(),
    };
    this.byToken.set(s.token, s);
    return s;
  }

  get(token: string, now: number): ChatSession | null {
    const s = this.byToken.get(token) ?? null;
    if (s) s.lastSeenAt = now;
    return s;
  }

  /** The session a token names, or `auth.required` (the visitor must say hello first). */
  require(token: string | null, now: number): ChatSession {
    const s = token ? this.get(token, now) : null;
    if (!s) throw new DomainError('auth.required', 'say hello first (no chat session)');
    return s;
  }

  /** Counts one action against the visitor's flood limit. */
  spend(s: ChatSession, now: number): void {
    if (now - s.windowStart >= this.limits.windowMs) {
      s.windowStart = now;
      s.actions = 0;
    }
    if (++s.actions > this.limits.actionsPerWindow)
      throw new DomainError('rate_limited', 'slow down: too many messages at once');
  }

  bind(s: ChatSession, contactId: string): void {
    if (s.contactId && s.contactId !== contactId) this.byContact.delete(s.contactId);
    s.contactId = contactId;
    this.byContact.set(contactId, s.token);
  }

  ofContact(contactId: string): ChatSession | null {
    const token = this.byContact.get(contactId);
    return token ? (this.byToken.get(token) ?? null) : null;
  }

  /** A connection of the visitor; returns what to call when it closes. */
  subscribe(token: string, l: Listener): () => void {
    const set = this.listeners.get(token) ?? new Set<Listener>();
    set.add(l);
    this.listeners.set(token, set);
    return () => {
      set.delete(l);
      if (set.size === 0 && this.listeners.get(token) === set) this.listeners.delete(token);
    };
  }

  /** Pushes to every open connection of the visitor; returns how many there were. */
  push(token: string, f: VisitorFrame): number {
    const set = this.listeners.get(token);
    for (const l of set ?? []) l(f);
    return set?.size ?? 0;
  }

  private sweep(now: number): void {
    if (now - this.lastSweep < 60_000) return;
    this.lastSweep = now;
    for (const s of this.byToken.values()) {
      if (now - s.lastSeenAt < this.limits.idleMs || this.listeners.has(s.token)) continue;
      this.byToken.delete(s.token);
      if (s.contactId && this.byContact.get(s.contactId) === s.token)
        this.byContact.delete(s.contactId);
    }
  }
}
