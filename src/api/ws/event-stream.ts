/**
 * `GET /api/stream` (WebSocket): pushes every event the connected user may see. The client
 * authenticates with the session cookie, `Authorization: Bearer`, or `?token=` (browsers cannot
 * set headers on WebSocket), and resumes after a reconnect with `?after=<last seq>` (or starts
 * at the head of the log with `?after=latest`). The client
 * may send CTI commands on the same connection (ws-call-commands.ts).
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import type { AuthService } from '../../app/auth/auth-service.ts';
import type { EventFeed } from '../../app/events/event-feed.ts';
import type { RealtimeService } from '../../app/realtime/realtime-service.ts';
import { sessionCookie } from '../http/api-env.ts';
import { eventView } from '../http/routes/event-routes.ts';
import type { CallControl } from '../../app/ports/call-control.ts';
import { runWsCommand } from './ws-call-commands.ts';
import { claimUpgradePath, isClaimedElsewhere } from './upgrade-paths.ts';
import type { SoftphoneChannel, SoftphoneMessage } from '../../app/ports/softphone-channel.ts';
import type { AgentPush } from '../../app/ports/agent-push.ts';

/** A softphone signalling message (`{kind:"softphone", type, legId, …}`), or null. */
function softphoneMessage(text: string): SoftphoneMessage | null {
  if (!text.includes('"softphone"')) return null;
  try {
    const m = JSON.parse(text) as Record<string, unknown>;
    return m['kind'] === 'softphone' &&
      typeof m['type'] === 'string' &&
      typeof m['legId'] === 'string'
      ? (m as unknown as SoftphoneMessage)
      : null;
  } catch {
    return null;
  }
}

export interface StreamOptions {
  readonly auth: AuthService;
  readonly feed: EventFeed;
  /** Live figures pushed to staff who connect with `?realtime=1`. */
  readonly realtime?: RealtimeService;
  /** CTI commands sent on the stream (see ws-call-commands.ts). */
  readonly calls?: CallControl;
  /** Browser softphone signalling (offers out, answers in) for staff connections. */
  readonly softphones?: SoftphoneChannel;
  /** Ephemeral notices for staff connections (a chat visitor is typing). */
  readonly agentPush?: AgentPush;
  readonly path?: string;
  readonly pingMs?: number;
}

function tokenOf(req: IncomingMessage, url: URL): string | null {
  const h = req.headers.authorization;
  if (h?.toLowerCase().startsWith('bearer ')) return h.slice(7).trim();
  const q = url.searchParams.get('token');
  if (q) return q;
  const cookie = req.headers.cookie ?? '';
  for (const part of cookie.split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === sessionCookie) return decodeURIComponent(v.join('='));
  }
  return null;
}

function refuse(socket: Duplex, status: number, code: string, detail: string): void {
  const body = JSON.stringify({
    type: `https://kefu.dev/problems/${code.replaceAll('.', '/')}`,
    title: 'Refused',
    status,
    code,
    detail,
  });
  socket.end(
    `HTTP/1.1 ${status} ${status === 401 ? 'Unauthorized' : 'Not Found'}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/** Attaches the stream to an HTTP server; returns a function that closes every connection. */
export function attachEventStream(server: Server, o: StreamOptions): () => void {
  const wss = new WebSocketServer({ noServer: true, maxPayload: 64 * 1024 });
  const path = o.path ?? '/api/stream';
  claimUpgradePath(server, path);

  server.on('upgrade', (req, socket, head) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (isClaimedElsewhere(server, url.pathname, path)) return;
    if (url.pathname !== path)
      return refuse(socket, 404, 'not_found', 'no WebSocket endpoint here');
    const token = tokenOf(req, url);
    // `after=latest` starts at the head of the log (a page that only wants what happens next);
    // a number resumes after that event; none replays the visible log from the start.
    const afterRaw = url.searchParams.get('after') ?? '0';
    void (async () => {
      const actor = token
        ? await o.auth.authenticate(token, req.socket.remoteAddress ?? null)
        : null;
      if (!actor) return refuse(socket, 401, 'auth.required', 'log in first');
      const logHead = afterRaw === 'latest' ? await o.feed.head() : 0;
      wss.handleUpgrade(req, socket, head, (ws) => {
        const afterParam = afterRaw === 'latest' ? logHead : Number(afterRaw);
        const after = Number.isInteger(afterParam) && afterParam >= 0 ? afterParam : 0;
        serve(ws, actor, after, url.searchParams.get('realtime') === '1');
      });
    })().catch(() => refuse(socket, 401, 'auth.required', 'authentication failed'));
  });

  function serve(
    ws: WebSocket,
    actor: NonNullable<Awaited<ReturnType<AuthService['authenticate']>>>,
    after: number,
    wantsRealtime: boolean,
  ) {
    ws.send(JSON.stringify({ kind: 'hello', userId: actor.id, after }));
    const stop = o.feed.follow(actor, after, (e) => {
      if (ws.readyState === ws.OPEN)
        ws.send(JSON.stringify({ kind: 'event', event: eventView(e) }));
    });
    let alive = true;
    ws.on('pong', () => (alive = true));
    const ping = setInterval(() => {
      if (!alive) return ws.terminate();
      alive = false;
      ws.ping();
    }, o.pingMs ?? 30_000);
    const staffUser = actor.role !== 'customer';
    const detachSoftphone =
      staffUser && o.softphones
        ? o.softphones.attach(actor.id, (msg) => {
            if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
          })
        : () => {};
    const detachPush =
      staffUser && o.agentPush
        ? o.agentPush.attach(actor.id, (msg) => {
            if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(msg));
          })
        : () => {};
    ws.on('message', (data) => {
      const text = String(data);
      const softphone = softphoneMessage(text);
      if (softphone) {
        if (staffUser) o.softphones?.receive(actor, softphone);
        return;
      }
      const calls = o.calls;
      if (!calls) return;
      void runWsCommand(calls, actor, text).then((reply) => {
        if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(reply));
      });
    });
    const staff = actor.role !== 'customer';
    const stopRealtime =
      wantsRealtime && staff && o.realtime
        ? o.realtime.subscribe((snapshot) => {
            if (ws.readyState === ws.OPEN) ws.send(JSON.stringify({ kind: 'realtime', snapshot }));
          })
        : () => {};
    ws.on('close', () => {
      detachSoftphone();
      detachPush();
      clearInterval(ping);
      stop();
      stopRealtime();
    });
  }

  return () => {
    for (const c of wss.clients) c.terminate();
    wss.close();
  };
}
