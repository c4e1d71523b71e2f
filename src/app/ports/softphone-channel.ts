/**
 * Signalling between browser softphones and the switch, over each agent's WebSocket. The API
 * side attaches every open connection; the voice side sends offers and hang-ups and handles what
 * browsers send back (answer, reject, hangup). Messages are small JSON objects with
 * `kind: "softphone"`; they are not events (an SDP offer means nothing once answered), so they
 * never reach the event log.
 */
import type { Actor } from '../app-context.ts';

export interface SoftphoneMessage {
  readonly kind: 'softphone';
  readonly type: string;
  readonly legId: string;
  readonly [k: string]: unknown;
}

type Sender = (msg: SoftphoneMessage) => void;

export class SoftphoneChannel {
  private readonly connections = new Map<string, Set<Sender>>();
  private handler: (actor: Actor, msg: SoftphoneMessage) => void = () => {};
  private connectHandler: (userId: string) => void = () => {};
  private disconnectHandler: (userId: string) => void = () => {};

  /** A browser connected for this user; returns what to call when it goes. */
  attach(userId: string, send: Sender): () => void {
    const set = this.connections.get(userId) ?? new Set<Sender>();
    set.add(send);
    this.connections.set(userId, set);
    this.connectHandler(userId);
    return () => {
      set.delete(send);
      if (set.size === 0 && this.connections.get(userId) === set) {
        this.connections.delete(userId);
        this.disconnectHandler(userId);
      }
    };
  }

  connected(userId: string): boolean {
    return (this.connections.get(userId)?.size ?? 0) > 0;
  }

  /** Sends to every open connection of the user; false when none is open. */
  send(userId: string, msg: SoftphoneMessage): boolean {
    const set = this.connections.get(userId);
    if (!set?.size) return false;
    for (const s of set) s(msg);
    return true;
  }

  /** From a browser (the API side calls this for every softphone message it receives). */
  receive(actor: Actor, msg: SoftphoneMessage): void {
    this.handler(actor, msg);
  }

  onMessage(h: (actor: Actor, msg: SoftphoneMessage) => void): void {
    this.handler = h;
  }

  /** Called when a user's browser (re)connects: a call in progress is offered again. */
  onConnect(h: (userId: string) => void): void {
    this.connectHandler = h;
  }

  /** Called when a user's last connection closes. */
  onDisconnect(h: (userId: string) => void): void {
    this.disconnectHandler = h;
  }
}
