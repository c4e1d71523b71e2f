/**
 * Ephemeral notices to staff browsers over their event-stream connections ("the visitor is
 * typing"). Like softphone signalling they mean nothing a moment later, so they never reach the
 * event log. Messages are small JSON objects whose `kind` names the feature (`chat`).
 */
export interface AgentPushMessage {
  readonly kind: 'chat';
  readonly type: string;
  readonly [k: string]: unknown;
}

type Sender = (msg: AgentPushMessage) => void;

export class AgentPush {
  private readonly connections = new Map<string, Set<Sender>>();

  /** A staff browser connected for this user; returns what to call when it goes. */
  attach(userId: string, send: Sender): () => void {
    const set = this.connections.get(userId) ?? new Set<Sender>();
    set.add(send);
    this.connections.set(userId, set);
    return () => {
      set.delete(send);
      if (set.size === 0 && this.connections.get(userId) === set) this.connections.delete(userId);
    };
  }

  /** Sends to every open connection of the user; false when none is open (nothing is kept). */
  send(userId: string, msg: AgentPushMessage): boolean {
    const set = this.connections.get(userId);
    if (!set?.size) return false;
    for (const s of set) s(msg);
    return true;
  }
}
