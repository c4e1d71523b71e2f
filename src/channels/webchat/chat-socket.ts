/**
 * `/chat/ws`: the visitors' WebSocket (the embeddable widget, web/public/chat-widget.js). JSON
 * frames, one object each:
 *
 *   visitor → center                              center → visitor
 *   {type:"hello", token?, name?, email?, phone?} {type:"welcome", token, available, history, …}
 *   {type:"message", text, clientId}              {type:"ack", clientId, id, at}
 *   {type:"typing"}                               {type:"typing"}
 *   {type:"delivered", id}  (an agent message)    {type:"message", id, from:"agent", name, text, at}
 *   {type:"end", transcriptTo?}                   {type:"agent_joined", name}
 *   {type:"leave_message", name?, email?, phone?, text}   {type:"message_left", caseNumber}
 *   {type:"ping"}                                 {type:"ended", by, transcript} · {type:"pong"}
 *
 * Every mistake is answered `{type:"error", code, detail, ref?}` with a stable code and the
 * socket stays open. New sessions are limited per client address and minute; the server pings
 * to find dead connections.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { ChatService } from '../../app/messaging/chat-service.ts';
import type { OutboxService } from '../../app/messaging/outbox-service.ts';
import { DomainError, isDomainError } from '../../domain/errors.ts';
import { ChatSender } from './chat-sender.ts';

export interface ChatSocketOptions {
  readonly chat: ChatService;
  readonly outbox: OutboxService;
  /** Registers the upgrade path so other WebSocket endpoints on the server leave it alone. */
  readonly claimPath?: (server: Server, path: string) => void;
  readonly path?: string;
  readonly pingMs?: number;
  /** New chat sessions per client address per minute. */
  readonly sessionsPerMinute?: number;
  readonly ackTimeoutMs?: number;
  /** Take the client address from X-Forwarded-For (behind a reverse proxy you trust). */
  readonly trustProxy?: boolean;
  readonly log?: (level: 'warn' | 'error', msg: string, extra?: Record<string, unknown>) => void;
}

type Frame = Record<string, unknown>;

/** At most `limit` takes per address per minute. */
class AddressBudget {
  private readonly seen = new Map<string, { start: number; n: number }>();
  constructor(private readonly limit: number) {}

  take(ip: string, now = Date.now()): boolean {
    if (this.seen.size > 10_000)
      for (const [k, v] of this.seen) if (now - v.start >= 60_000) this.seen.delete(k);
    const cur = this.seen.get(ip);
    if (!cur || now - cur.start >= 60_000) {
      this.seen.set(ip, { start: now, n: 1 });
      return this.limit > 0;
    }
    return ++cur.n <= this.limit;
  }
}

/** A string field, absent as null; anything else is the visitor's mistake. */
function str(f: Frame, key: string, max: number): string | null {
  const v = f[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string' || v.length > max)
    throw new DomainError('validation.failed', `${key} must be a string of at most ${max}`, {
      field: key,
    });
  return v;
}

function parse(data: RawData, isBinary: boolean): Frame {
  let v: unknown;
  try {
    if (isBinary) throw new Error('binary');
    v = JSON.parse(String(data));
  } catch {
    throw new DomainError('request.malformed_json', 'send one JSON object per frame');
  }
  if (
    typeof v !== 'object' ||
    v === null ||
    Array.isArray(v) ||
    typeof (v as Frame)['type'] !== 'string'
  )
    throw new DomainError('validation.failed', 'a frame is an object with a string `type`', {
      field: 'type',
    });
  return v as Frame;
}

function clientAddress(req: IncomingMessage, trustProxy: boolean): string {
  const fwd = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const first = (Array.isArray(fwd) ? fwd[0] : fwd)?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress || 'unknown';
}

/** Attaches the endpoint and the webchat sender; returns a function that closes everything. */
export function attachChatSocket(server: Server, o: ChatSocketOptions): () => void {
  const path = o.path ?? '/chat/ws';
  const log =
    o.log ??
    ((level, msg, extra) =>
      level === 'warn' ? console.warn(msg, extra ?? '') : console.error(msg, extra ?? ''));
  const wss = new WebSocketServer({ noServer: true, maxPayload: 16 * 1024 });
  const budget = new AddressBudget(o.sessionsPerMinute ?? 20);
  const sender = new ChatSender(o.chat, o.ackTimeoutMs);
  o.claimPath?.(server, path);
  o.outbox.register('webchat', sender);
  const stopFollow = o.chat.start();

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname !== path) return;
    const ip = clientAddress(req, o.trustProxy ?? false);
    wss.handleUpgrade(req, socket, head, (ws) => serve(ws, ip));
  };
  server.on('upgrade', onUpgrade);

  function serve(ws: WebSocket, ip: string): void {
    const chat = o.chat;
    let token: string | null = null;
    let detach = () => {};
    let queue: Promise<void> = Promise.resolve();
    const send = (f: object) => {
      if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(f));
    };

    const handle = async (f: Frame): Promise<void> => {
      switch (f['type']) {
        case 'hello': {
          const w = await chat.hello(
            {
              token: str(f, 'token', 64),
              name: str(f, 'name', 200),
              email: str(f, 'email', 254),
              phone: str(f, 'phone', 32),
            },
            () => budget.take(ip),
          );
          if (w.token !== token) {
            detach();
            token = w.token;
            detach = chat.sessions.subscribe(w.token, send);
          }
          return send({ type: 'welcome', ...w });
        }
        case 'message': {
          const clientId = str(f, 'clientId', 100);
          const r = await chat.visitorMessage(token ?? '', str(f, 'text', 16_000) ?? '');
          return send({ type: 'ack', clientId, id: r.id, at: r.at });
        }
        case 'typing':
          return chat.visitorTyping(token ?? '');
        case 'delivered': {
          const id = str(f, 'id', 100);
          if (token && id) sender.acked(token, id);
          return;
        }
        case 'end': {
          const outcome = await chat.endByVisitor(token ?? '', str(f, 'transcriptTo', 254));
          if (outcome === 'unavailable')
            send({
              type: 'error',
              code: 'channel.unavailable',
              detail: 'the transcript cannot be e-mailed: e-mail is not set up here',
            });
          return;
        }
        case 'leave_message': {
          const r = await chat.leaveMessage(token ?? '', {
            name: str(f, 'name', 200),
            email: str(f, 'email', 254),
            phone: str(f, 'phone', 32),
            text: str(f, 'text', 16_000) ?? '',
          });
          return send({ type: 'message_left', caseNumber: r.caseNumber });
        }
        case 'ping':
          return send({ type: 'pong' });
        default:
          throw new DomainError('validation.failed', `unknown frame type`, { field: 'type' });
      }
    };

    ws.on('message', (data, isBinary) => {
      let f: Frame;
      try {
        f = parse(data, isBinary);
      } catch (e) {
        return send(errorFrame(e, null));
      }
      const ref = typeof f['clientId'] === 'string' ? f['clientId'] : null;
      // One frame at a time per connection: a message is stored before the end that follows it.
      queue = queue
        .then(() => handle(f))
        .catch((e: unknown) => {
          if (!isDomainError(e)) log('error', 'chat frame failed', { err: String(e) });
          send(errorFrame(e, ref));
        });
    });

    let alive = true;
    ws.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, o.pingMs ?? 30_000);
    ws.on('close', () => {
      clearInterval(ping);
      detach();
    });
  }

  return () => {
    server.off('upgrade', onUpgrade);
    stopFollow();
    for (const c of wss.clients) c.terminate();
    wss.close();
  };
}

function errorFrame(e: unknown, ref: string | null): object {
  const base = isDomainError(e)
    ? {
        type: 'error',
        code: e.code,
        detail: e.message,
        ...(e.details ? { details: e.details } : {}),
      }
    : { type: 'error', code: 'internal', detail: 'something went wrong; try again' };
  return ref ? { ...base, ref } : base;
}
