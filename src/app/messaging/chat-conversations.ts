/**
 * A chat's life on the center's side, shared by the visitor's and the agent's use cases: the
 * router task that offers it, the contact that records it, and what the visitor is told when
 * either moves (an agent joined, the chat ended, wherever it was ended from).
 */
import type { Actor, AppDeps } from '../app-context.ts';
import type { RouterService } from '../routing/router-service.ts';
import type { ChatSessions } from './chat-sessions.ts';
import { followChatTasks } from './chat-task-follower.ts';
import { acceptsTasks } from '../../domain/agent/agent-state.ts';
import { defaultCapacityProfile, hasRoom } from '../../domain/agent/capacity.ts';
import { contactEvent, type Contact } from '../../domain/contact/contact.ts';
import { DomainError } from '../../domain/errors.ts';

const someAgent = '客服 Agent';

export class ChatConversations {
  private readonly names = new Map<string, string>();
  /** Chats being closed here, so the task follower does not close them a second time. */
  private readonly closing = new Set<string>();

  constructor(
    private readonly deps: AppDeps,
    private readonly router: RouterService,
    private readonly sessions: ChatSessions,
  ) {}

  /** Follows router tasks: an agent joined, a chat ended elsewhere. Returns the stop function. */
  follow(): () => void {
    return followChatTasks(this.deps.store, {
      joined: (contactId, agentId) => this.agentJoined(contactId, agentId),
      // A transfer or a requeue leaves a live task for the chat behind: not the end.
      ended: (contactId) => (this.openTask(contactId) ? undefined : this.taskEnded(contactId)),
    });
  }

  /** Whether a logged-in agent is available now with room for one more chat. */
  async available(): Promise<boolean> {
    const store = this.deps.store;
    for (const a of this.router.agentsView()) {
      if (!acceptsTasks(a.session)) continue;
      const settings = await store.routing.getAgentSettings(a.session.agentId);
      const profile =
        (settings?.capacityProfileId &&
          (await store.routing.getCapacityProfile(settings.capacityProfileId))) ||
        (await store.routing.getCapacityProfile('default')) ||
        defaultCapacityProfile;
      if (hasRoom(profile, a.load, 'webchat')) return true;
    }
    return false;
  }

  /** The chat's live task (not in wrap-up), if any: the router is the one that knows. */
  openTask(contactId: string) {
    return this.router
      .openTasks()
      .find(
        (t) =>
          t.channel === 'webchat' &&
          t.attributes['contactId'] === contactId &&
          (t.state === 'pending' || t.state === 'reserved' || t.state === 'assigned'),
      );
  }

  /** The open chat an agent may act on: `not_found` if they may not see it, `chat.closed` if over. */
  async openChatOf(actor: Actor, contactId: string): Promise<Contact> {
    const c = await this.deps.store.contacts.get(contactId);
    const task = c ? this.openTask(c.id) : null;
    const mine =
      actor.role === 'admin' ||
      actor.role === 'supervisor' ||
      c?.agentId === actor.id ||
      task?.agentId === actor.id;
    if (!c || c.channel !== 'webchat' || !mine)
      throw new DomainError('not_found', 'no such chat', { id: contactId });
    if (c.endedAt) throw new DomainError('chat.closed', 'this chat has ended', { id: contactId });
    return c;
  }

  /** Ends the chat's task (wrap-up when an agent holds it, else cancel) and the contact. */
  async close(actor: Actor | null, contactId: string, by: 'visitor' | 'agent'): Promise<void> {
    this.closing.add(contactId);
    try {
      const t = this.openTask(contactId);
      if (t?.state === 'assigned') await this.router.wrap(actor, t.id, null);
      else if (t) await this.router.cancel(actor, t.id, `ended_by_${by}`);
      await this.markEnded(contactId, `ended_by_${by}`);
    } finally {
      this.closing.delete(contactId);
    }
  }

  async markEnded(contactId: string, why: string): Promise<void> {
    const now = this.deps.clock.now();
    await this.deps.store.transaction(async (tx) => {
      const cur = await tx.contacts.get(contactId);
      if (!cur || cur.endedAt) return;
      const next: Contact = { ...cur, endedAt: now, updatedAt: now };
      await tx.contacts.update(next);
      tx.append([contactEvent(next, 'contact.updated', { why })], { actorId: null, at: now });
    });
  }

  async agentName(userId: string | null): Promise<string> {
    if (!userId) return someAgent;
    const cached = this.names.get(userId);
    if (cached) return cached;
    const u = await this.deps.store.users.get(userId);
    const name = u?.displayName || u?.username || someAgent;
    this.names.set(userId, name);
    return name;
  }

  private async agentJoined(contactId: string, agentId: string): Promise<void> {
    const s = this.sessions.ofContact(contactId);
    if (!s) return;
    s.agentName = await this.agentName(agentId);
    this.sessions.push(s.token, { type: 'agent_joined', name: s.agentName });
  }

  /** A chat's task ended outside the chat service (wrap-up from the desktop, a supervisor). */
  private async taskEnded(contactId: string): Promise<void> {
    if (this.closing.has(contactId)) return;
    const c = await this.deps.store.contacts.get(contactId);
    if (!c || c.endedAt) return;
    await this.markEnded(contactId, 'task_ended');
    const s = this.sessions.ofContact(contactId);
    if (s) this.sessions.push(s.token, { type: 'ended', by: 'agent', transcript: 'none' });
  }
}
