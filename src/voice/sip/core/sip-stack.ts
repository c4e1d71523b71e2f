/**
 * The SIP stack: UDP and TCP transports under the transaction layer (RFC 3261 §17–18).
 * Requests that start a new server transaction and stray 2xx/ACKs (which belong to dialogs, not
 * transactions) go to the handlers the user core registers.
 */
import { randomBytes } from 'node:crypto';
import {
  checkRequest,
  formatVia,
  parseCSeq,
  parseMessage,
  parseVia,
  serializeMessage,
  SipHeaders,
  SipParseError,
  type SipRequest,
  type SipResponse,
  type Via,
} from '../message/index.ts';
import { ClientTransaction, type ClientTxUser } from '../transaction/client-transaction.ts';
import { ServerTransaction } from '../transaction/server-transaction.ts';
import {
  defaultTimers,
  realScheduler,
  type Scheduler,
  type SipTimerValues,
} from '../transaction/sip-timers.ts';
import type { Destination } from '../transport/destination.ts';
import { TcpTransport, normalizeAddress } from '../transport/tcp-transport.ts';
import { UdpTransport } from '../transport/udp-transport.ts';
import { makeResponse } from './make-response.ts';

export interface SipStackOptions {
  /** Address to bind (default 0.0.0.0). */
  readonly host?: string;
  readonly udpPort: number;
  readonly tcpPort: number;
  /** The address peers reach us at (Via sent-by, Contact). */
  readonly publicAddress: string;
  readonly scheduler?: Scheduler;
  readonly timers?: SipTimerValues;
  readonly maxMessageBytes?: number;
  /** Return false to drop a datagram/message from this source (flood guard). */
  readonly admit?: (source: Destination) => boolean;
  readonly supportedExtensions?: readonly string[];
  readonly log?: (
    level: 'debug' | 'info' | 'warn',
    msg: string,
    extra?: Record<string, unknown>,
  ) => void;
}

export interface InboundRequest {
  readonly request: SipRequest;
  /** The server transaction; null for an ACK (2xx ACKs belong to the dialog, §17.1.1.3). */
  readonly tx: ServerTransaction | null;
  readonly source: Destination;
}

const magic = 'z9hG4bK';
/** KEFU_SIP_TRACE=1 prints every SIP message sent and received (debugging peers). */
const trace = process.env['KEFU_SIP_TRACE'] === '1';
export const newBranch = () => `${magic}${randomBytes(10).toString('hex')}`;
export const newTag = () => randomBytes(6).toString('hex');
export const newCallId = (host: string) => `${randomBytes(12).toString('hex')}@${host}`;

export class SipStack {
  private udp: UdpTransport | null = null;
  private tcp: TcpTransport | null = null;
  private readonly clientTx = new Map<string, ClientTransaction>();
  private readonly serverTx = new Map<string, ServerTransaction>();
  private requestHandler: (r: InboundRequest) => void = () => {};
  private strayResponseHandler: (r: SipResponse, source: Destination) => void = () => {};
  private readonly scheduler: Scheduler;
  private readonly timers: SipTimerValues;

  constructor(readonly o: SipStackOptions) {
    this.scheduler = o.scheduler ?? realScheduler;
    this.timers = o.timers ?? defaultTimers;
  }

  get udpPort(): number {
    return this.udp?.port ?? this.o.udpPort;
  }
  get tcpPort(): number {
    return this.tcp?.port ?? this.o.tcpPort;
  }

  onRequest(h: (r: InboundRequest) => void): void {
    this.requestHandler = h;
  }

  /** 2xx responses no transaction takes (retransmissions after Timer M): dialogs re-ACK them. */
  onStrayResponse(h: (r: SipResponse, source: Destination) => void): void {
    this.strayResponseHandler = h;
  }

  async start(): Promise<void> {
    const host = this.o.host ?? '0.0.0.0';
    this.udp = await UdpTransport.listen(host, this.o.udpPort, (d, s) => this.inbound(d, s));
    this.tcp = await TcpTransport.listen(host, this.o.tcpPort, (d, s) => this.inbound(d, s));
  }

  async stop(): Promise<void> {
    for (const t of this.clientTx.values()) t.terminate();
    await Promise.all([this.udp?.close(), this.tcp?.close()]);
  }

  private log(level: 'debug' | 'info' | 'warn', msg: string, extra?: Record<string, unknown>) {
    this.o.log?.(level, msg, extra);
  }

  // ── inbound ──────────────────────────────────────────────────────────────

  private inbound(data: Buffer, source: Destination): void {
    if (this.o.admit && !this.o.admit(source)) return;
    if (trace)
      console.error(
        `<<< ${source.transport} ${source.address}:${source.port}\n${data.toString('utf8')}`,
      );
    // RFC 5626 §3.5.1 keep-alive (CRLF CRLF) over UDP: answer with CRLF.
    if (data.length <= 4 && data.toString('latin1').trim() === '') {
      if (source.transport === 'UDP' && data.length === 4)
        void this.udp?.send(Buffer.from('\r\n'), source).catch(() => undefined);
      return;
    }
    let msg;
    try {
      msg = parseMessage(data, { maxBytes: this.o.maxMessageBytes ?? 65_535 });
    } catch (e) {
      if (e instanceof SipParseError) return this.rejectUnparsable(e, source);
      throw e;
    }
    if (msg.kind === 'request') this.inboundRequest(msg, source);
    else this.inboundResponse(msg, source);
  }

  /** A request we could not parse gets 400 when we know enough to answer (§21.4.1), else drop. */
  private rejectUnparsable(e: SipParseError, source: Destination): void {
    this.log('debug', 'unparsable SIP message', { source, reason: e.message });
    const p = e.partial;
    if (!p?.isRequest || p.method === 'ACK' || !p.via || !p.callId || !p.cseq) return;
    const lines = [
      `SIP/2.0 400 ${e.message.replace(/[\r\n]/g, ' ').slice(0, 100)}`,
      `Via: ${p.via}`,
      ...(p.from ? [`From: ${p.from}`] : []),
      ...(p.to ? [`To: ${p.to}`] : []),
      `Call-ID: ${p.callId}`,
      `CSeq: ${p.cseq}`,
      'Content-Length: 0',
      '',
      '',
    ];
    void this.sendRaw(
      Buffer.from(lines.join('\r\n'), 'latin1'),
      this.replyDestination(safeVia(p.topVia ?? p.via), source),
    ).catch(() => undefined);
  }

  private inboundRequest(req: SipRequest, source: Destination): void {
    const vias = req.headers.getAll('Via');
    const top = vias[0] ? safeVia(vias[0]) : null;
    if (!top) return; // no Via: nowhere to answer
    // §18.2.1 and RFC 3581: note where the request really came from.
    const fixed = stampVia(top, source);
    if (fixed !== top) {
      req.headers.remove('Via');
      req.headers.append('Via', formatVia(fixed));
      for (const v of vias.slice(1)) req.headers.append('Via', v);
    }
    const key = serverKey(req, fixed);
    const existing = key ? this.serverTx.get(key) : undefined;
    if (req.method === 'ACK') {
      if (existing?.isInvite) return existing.ack(); // ACK for a non-2xx final response
      return this.requestHandler({ request: req, tx: null, source });
    }
    if (existing) return existing.retransmission();
    const tx = new ServerTransaction(
      key ?? newBranch(),
      req,
      this.replyDestination(fixed, source),
      this.txSender,
      this.scheduler,
      this.timers,
    );
    if (key) {
      this.serverTx.set(key, tx);
      tx.start(() => this.serverTx.delete(key));
    }
    const problem = checkRequest(req, {
      supportedExtensions: this.o.supportedExtensions ?? [],
      acceptedBodyTypes: ['application/sdp', 'application/dtmf-relay', 'application/dtmf'],
    });
    if (problem) {
      const headers: [string, string][] = problem.unsupported?.length
        ? [['Unsupported', problem.unsupported.join(', ')]]
        : [];
      if (problem.status === 415) headers.push(['Accept', 'application/sdp']);
      return tx.respond(
        makeResponse(req, problem.status, { reason: problem.reason, toTag: newTag(), headers }),
      );
    }
    if (req.method === 'INVITE') tx.respond(makeResponse(req, 100)); // §17.2.1: at once, stops INVITE retransmits
    this.requestHandler({ request: req, tx, source });
  }

  private inboundResponse(res: SipResponse, source: Destination): void {
    const top = res.headers.getAll('Via')[0];
    const via = top ? safeVia(top) : null;
    let method: string;
    try {
      method = parseCSeq(res.headers.get('CSeq') ?? '').method;
    } catch {
      return;
    }
    const tx = via?.branch ? this.clientTx.get(`${via.branch}|${method}`) : undefined;
    if (tx) tx.receive(res);
    else if (res.status >= 200 && res.status < 300 && method === 'INVITE')
      this.strayResponseHandler(res, source);
  }

  /** Where responses to a request go (§18.2.2, RFC 3581 §4). */
  replyDestination(via: Via | null, source: Destination): Destination {
    if (source.transport !== 'UDP' || !via) return source;
    const port = via.rport !== null ? source.port : (via.port ?? 5060);
    return { transport: 'UDP', address: source.address, port };
  }

  // ── outbound ─────────────────────────────────────────────────────────────

  private readonly txSender = {
    send: (m: SipRequest | SipResponse, d: Destination) => this.sendMessage(m, d),
  };

  sendMessage(m: SipRequest | SipResponse, dest: Destination): Promise<void> {
    return this.sendRaw(serializeMessage(m), dest);
  }

  private async sendRaw(data: Buffer, dest: Destination): Promise<void> {
    if (trace)
      console.error(`>>> ${dest.transport} ${dest.address}:${dest.port}\n${data.toString('utf8')}`);
    if (dest.transport === 'TCP') {
      if (!this.tcp) throw new Error('TCP transport not started');
      return this.tcp.send(data, dest);
    }
    if (!this.udp) throw new Error('UDP transport not started');
    if (data.length > 1300) this.log('debug', 'large UDP SIP message', { bytes: data.length }); // §18.1.1 would switch to TCP
    return this.udp.send(data, { ...dest, address: normalizeAddress(dest.address) });
  }

  /** Our Via for a request over `transport` (with rport, RFC 3581). */
  viaFor(transport: Destination['transport'], branch = newBranch()): string {
    const port = transport === 'TCP' ? this.tcpPort : this.udpPort;
    const host = this.o.publicAddress.includes(':')
      ? `[${this.o.publicAddress}]`
      : this.o.publicAddress;
    return `SIP/2.0/${transport} ${host}:${port};branch=${branch};rport`;
  }

  contactFor(transport: Destination['transport'], user: string): string {
    const port = transport === 'TCP' ? this.tcpPort : this.udpPort;
    const host = this.o.publicAddress.includes(':')
      ? `[${this.o.publicAddress}]`
      : this.o.publicAddress;
    return `<sip:${user}@${host}:${port}${transport === 'TCP' ? ';transport=tcp' : ''}>`;
  }

  /** Sends a request in a new client transaction; `req` must not have our Via yet. */
  request(req: SipRequest, dest: Destination, user: ClientTxUser): ClientTransaction {
    const branch = newBranch();
    const others = req.headers.getAll('Via');
    req.headers.remove('Via');
    req.headers.append('Via', this.viaFor(dest.transport, branch));
    for (const v of others) req.headers.append('Via', v);
    const key = `${branch}|${req.method}`;
    const tx = new ClientTransaction(
      key,
      req,
      dest,
      this.txSender,
      user,
      this.scheduler,
      this.timers,
    );
    this.clientTx.set(key, tx);
    tx.start(() => this.clientTx.delete(key));
    return tx;
  }

  /**
   * CANCEL for a pending INVITE (§9.1): same Request-URI, Call-ID, From, To, CSeq number and
   * the INVITE's top Via (same branch), in its own client transaction.
   */
  cancel(invite: ClientTransaction, user: ClientTxUser): ClientTransaction | null {
    const req = invite.request;
    const via = req.headers.getAll('Via')[0];
    const branch = via ? safeVia(via)?.branch : null;
    if (!via || !branch) return null;
    const h = new SipHeaders();
    h.append('Via', via);
    for (const r of req.headers.getAll('Route')) h.append('Route', r);
    h.append('Max-Forwards', '70');
    h.append('From', req.headers.get('From') ?? '');
    h.append('To', req.headers.get('To') ?? '');
    h.append('Call-ID', req.headers.get('Call-ID') ?? '');
    h.append('CSeq', `${(req.headers.get('CSeq') ?? '1').trim().split(/\s+/)[0]} CANCEL`);
    const cancel: SipRequest = {
      kind: 'request',
      method: 'CANCEL',
      uri: req.uri,
      version: 'SIP/2.0',
      headers: h,
      body: Buffer.alloc(0),
    };
    const key = `${branch}|CANCEL`;
    const tx = new ClientTransaction(
      key,
      cancel,
      invite.dest,
      this.txSender,
      user,
      this.scheduler,
      this.timers,
    );
    this.clientTx.set(key, tx);
    tx.start(() => this.clientTx.delete(key));
    return tx;
  }

  /** ACK for a 2xx (sent by the dialog, outside transactions, with its own branch: §13.2.2.4). */
  sendAck(ack: SipRequest, dest: Destination): Promise<void> {
    if (!ack.headers.get('Via')) ack.headers.append('Via', this.viaFor(dest.transport));
    return this.sendMessage(ack, dest);
  }

  /** The INVITE server transaction a CANCEL refers to (§9.2: same branch and sent-by). */
  inviteFor(cancel: SipRequest): ServerTransaction | undefined {
    const top = cancel.headers.getAll('Via')[0];
    const via = top ? safeVia(top) : null;
    if (!via?.branch) return undefined;
    return this.serverTx.get(`${via.branch}|${via.host}:${via.port ?? ''}|INVITE`);
  }

  stats() {
    return { clientTransactions: this.clientTx.size, serverTransactions: this.serverTx.size };
  }
}

function safeVia(s: string): Via | null {
  try {
    return parseVia(s);
  } catch {
    return null;
  }
}

/** Adds `received` when the sent-by host is not where the packet came from, fills `rport`. */
function stampVia(v: Via, source: Destination): Via {
  const params = new Map(v.params);
  let changed = false;
  if (normalizeAddress(v.host) !== source.address) {
    params.set('received', source.address);
    changed = true;
  }
  if (v.rport === true) {
    params.set('rport', String(source.port));
    changed = true;
  }
  if (!changed) return v;
  return {
    ...v,
    params,
    received: params.get('received') ?? v.received,
    rport: v.rport === true ? source.port : v.rport,
  };
}

/** §17.2.3: branch (with the magic cookie) + sent-by + method; ACK matches its INVITE. */
function serverKey(req: SipRequest, via: Via): string | null {
  const method = req.method === 'ACK' ? 'INVITE' : req.method;
  if (via.branch?.startsWith(magic)) return `${via.branch}|${via.host}:${via.port ?? ''}|${method}`;
  // RFC 2543 peers: fall back to the dialog identifiers and CSeq number (§17.2.3).
  const callId = req.headers.get('Call-ID');
  const cseq = req.headers.get('CSeq');
  if (!callId || !cseq) return null;
  const seq = cseq.trim().split(/\s+/)[0];
  const fromTag = /;\s*tag=([^;>\s]+)/i.exec(req.headers.get('From') ?? '')?.[1] ?? '';
  return `2543|${callId}|${seq}|${fromTag}|${via.host}:${via.port ?? ''}|${method}`;
}
