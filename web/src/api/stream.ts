/**
 * The live connection to kefu (`/api/stream`): logged events, the realtime snapshot once a
 * second for staff who ask for it, and pushes that are not events (softphone signalling, typing).
 * Reconnects with backoff and resumes after the last event seen, so nothing is missed.
 */
import { session } from './client.ts';
import type { LoggedEvent, Realtime } from './types.ts';

export type StreamItem =
  | { kind: 'event'; event: LoggedEvent }
  | { kind: 'realtime'; snapshot: Realtime }
  | { kind: 'push'; message: Record<string, unknown> };

type Listener = (item: StreamItem) => void;

export class Stream {
  private ws: WebSocket | null = null;
  private readonly listeners = new Set<Listener>();
  /** Null until the server said where the log's head is: the first connect starts there. */
  private after: number | null = null;
  private closed = false;
  private retry = 0;
  connected = false;

  constructor(private readonly realtime: boolean) {}

  on(l: Listener): () => void {
    this.listeners.add(l);
    return () => this.listeners.delete(l);
  }

  /** Sends a JSON message on the connection (softphone answers, CTI commands). */
  send(message: unknown): boolean {
    if (this.ws?.readyState !== WebSocket.OPEN) return false;
    this.ws.send(JSON.stringify(message));
    return true;
  }

  open(): void {
    const token = session.token;
    if (this.closed || !token) return;
    const proto = location.protocol === 'https:' ? 'wss' : 'ws';
    const q = new URLSearchParams({
      token,
      after: this.after === null ? 'latest' : String(this.after),
    });
    if (this.realtime) q.set('realtime', '1');
    const ws = new WebSocket(`${proto}://${location.host}/api/stream?${q}`);
    this.ws = ws;
    ws.onopen = () => {
      this.connected = true;
      this.retry = 0;
    };
    ws.onmessage = (m) => this.dispatch(String(m.data));
    ws.onclose = () => {
      this.connected = false;
      if (this.closed) return;
      const wait = Math.min(10_000, 500 * 2 ** this.retry++);
      setTimeout(() => this.open(), wait);
    };
  }

  private dispatch(text: string): void {
    let m: Record<string, unknown>;
    try {
      m = JSON.parse(text) as Record<string, unknown>;
    } catch {
      return;
    }
    let item: StreamItem;
    if (m['kind'] === 'hello' && typeof m['after'] === 'number') {
      this.after = Math.max(this.after ?? 0, m['after']);
      return;
    }
    if (m['kind'] === 'event' && m['event']) {
      const event = m['event'] as LoggedEvent;
      this.after = Math.max(this.after ?? 0, event.seq);
      item = { kind: 'event', event };
    } else if (m['kind'] === 'realtime' && m['snapshot']) {
      item = { kind: 'realtime', snapshot: m['snapshot'] as Realtime };
    } else item = { kind: 'push', message: m };
    for (const l of this.listeners) l(item);
  }

  close(): void {
    this.closed = true;
    this.ws?.close();
  }
}
