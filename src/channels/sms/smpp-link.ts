/**
 * kefu's side of one SMPP 3.4 transceiver session with the operator's SMSC (kefu is the ESME).
 * Binds with bind_transceiver (§4.1.5), binds again with exponential backoff whenever the
 * connection drops or the bind is refused, probes the link with enquire_link (§4.11), answers
 * the SMSC's enquire_link and unbind (§4.2), keeps at most `window` submit_sm unanswered
 * (§2.7, asynchronous windowing) and hands every deliver_sm (§4.6) to one handler.
 *
 *   connecting ──bind_resp 0──▶ bound ──drop / dead link / unbind──▶ down ──backoff──▶ connecting
 *        └──refused / no TCP──▶ down                                  close() ──▶ down (stays)
 */
import smpp, { type PDU, type Session } from 'smpp';
import { smppStatus, statusName } from './smpp-status.ts';

export type SmppLinkState = 'connecting' | 'bound' | 'down';

export type SmsLog = (
  level: 'info' | 'warn' | 'error',
  msg: string,
  extra?: Record<string, unknown>,
) => void;

export interface SmppLinkOptions {
  /** smpp://host:port (or ssmpp:// for TLS). */
  readonly url: string;
  readonly systemId: string;
  readonly password: string;
  readonly systemType?: string;
  readonly log: SmsLog;
  /** Seconds between our enquire_link probes (default 30). */
  readonly enquireLinkSeconds?: number;
  /** How long a response may take before the request, or the bind, is given up (default 10 s). */
  readonly responseTimeoutMs?: number;
  /** submit_sm sent and not yet answered (default 10); the rest wait in order. */
  readonly window?: number;
  /** Re-bind delays: initialMs doubling up to maxMs (default 1 s → 30 s), with jitter. */
  readonly backoff?: { readonly initialMs?: number; readonly maxMs?: number };
}

/** A request that could not be sent or answered: the link is down or went down. Transient. */
export class SmppLinkError extends Error {
  override readonly name = 'SmppLinkError';
}

/** Answers a deliver_sm: the command_status for its deliver_sm_resp (0 = stored). */
export type DeliverHandler = (pdu: PDU) => Promise<number>;

interface Waiting {
  readonly fields: Record<string, unknown>;
  readonly resolve: (resp: PDU) => void;
  readonly reject: (e: Error) => void;
}

export class SmppLink {
  readonly #o: Required<Omit<SmppLinkOptions, 'backoff' | 'systemType'>> & {
    readonly systemType: string;
    readonly initialMs: number;
    readonly maxMs: number;
  };
  #state: SmppLinkState = 'down';
  #session: Session | null = null;
  #sessionClosed: Promise<void> = Promise.resolve();
  #failures = 0;
  #closing = false;
  #retryTimer: ReturnType<typeof setTimeout> | null = null;
  #bindTimer: ReturnType<typeof setTimeout> | null = null;
  #enquireTimer: ReturnType<typeof setInterval> | null = null;
  #inflight = 0;
  readonly #queue: Waiting[] = [];
  /** Rejections of requests sent on the current session, run when it goes. */
  readonly #pending = new Set<(e: Error) => void>();
  readonly #stateListeners = new Set<(s: SmppLinkState) => void>();
  #onDeliver: DeliverHandler | null = null;

  constructor(options: SmppLinkOptions) {
    this.#o = {
      url: options.url,
      systemId: options.systemId,
      password: options.password,
      systemType: options.systemType ?? '',
      log: options.log,
      enquireLinkSeconds: options.enquireLinkSeconds ?? 30,
      responseTimeoutMs: options.responseTimeoutMs ?? 10_000,
      window: options.window ?? 10,
      initialMs: options.backoff?.initialMs ?? 1000,
      maxMs: options.backoff?.maxMs ?? 30_000,
    };
  }

  get state(): SmppLinkState {
    return this.#state;
  }

  /** submit_sm waiting for a free place in the window. */
  get queued(): number {
    return this.#queue.length;
  }

  onState(listener: (s: SmppLinkState) => void): () => void {
    this.#stateListeners.add(listener);
    return () => this.#stateListeners.delete(listener);
  }

  onDeliver(handler: DeliverHandler): void {
    this.#onDeliver = handler;
  }

  /** Connects and keeps the link bound until close(). */
  start(): void {
    if (this.#closing || this.#session || this.#retryTimer) return;
    this.#connect();
  }

  /** Resolves once bound; rejects with SmppLinkError after `timeoutMs`. */
  bound(timeoutMs = 10_000): Promise<void> {
    if (this.#state === 'bound') return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        off();
        reject(new SmppLinkError(`SMPP link not bound within ${timeoutMs} ms`));
      }, timeoutMs);
      const off = this.onState((s) => {
        if (s !== 'bound') return;
        clearTimeout(timer);
        off();
        resolve();
      });
    });
  }

  /**
   * Sends a submit_sm (§4.4) once the window has room. Resolves with the submit_sm_resp (or
   * generic_nack) whatever its command_status; rejects with SmppLinkError when the link is not
   * bound, goes down before the answer, or the answer is late.
   */
  submit(fields: Record<string, unknown>): Promise<PDU> {
    if (this.#state !== 'bound') return Promise.reject(new SmppLinkError('SMPP link is down'));
    return new Promise((resolve, reject) => {
      this.#queue.push({ fields, resolve, reject });
      this.#pump();
    });
  }

  /** Unbinds cleanly (§4.2) and stops re-binding; pending submits fail as link errors. */
  async close(): Promise<void> {
    this.#closing = true;
    this.#clearTimers();
    const s = this.#session;
    if (s && this.#state === 'bound') {
      try {
        await this.#request(s, new smpp.PDU('unbind'), Math.min(this.#o.responseTimeoutMs, 2000));
      } catch {
        // The SMSC did not answer: close the socket anyway.
      }
    }
    if (s) {
      this.#session = null;
      s.close();
      const forced = setTimeout(() => s.destroy(), 1000);
      await this.#sessionClosed;
      clearTimeout(forced);
    }
    this.#dropped('closed');
  }

  #connect(): void {
    this.#retryTimer = null;
    this.#setState('connecting');
    const s = smpp.connect({ url: this.#o.url });
    // PDUs are small and answered one by one: Nagle's algorithm would hold them for an ACK.
    s.socket.setNoDelay(true);
    this.#session = s;
    this.#sessionClosed = new Promise((resolve) => s.once('close', () => resolve()));
    s.on('close', () => {
      if (this.#session === s) this.#dropped('connection closed');
    });
    // A socket error is followed by 'close'; a PDU the library cannot parse leaves the session
    // unable to read, so it is closed as well and the link binds again.
    s.on('error', (e: unknown) => {
      this.#o.log('warn', 'SMPP connection error', { error: errorText(e) });
      s.destroy();
    });
    s.on('connect', () => this.#bind(s));
    s.on('enquire_link', (pdu: PDU) => s.send(pdu.response()));
    s.on('unbind', (pdu: PDU) => {
      this.#o.log('warn', 'SMSC unbound the SMPP session; binding again');
      s.send(pdu.response(), () => s.close());
    });
    s.on('deliver_sm', (pdu: PDU) => void this.#deliver(s, pdu));
    // §3.3: a PDU we do not know is answered with generic_nack (the library makes it).
    s.on('unknown', (pdu: PDU) => s.send(pdu.response()));
    this.#bindTimer = setTimeout(() => {
      this.#o.log('warn', 'SMPP bind timed out', { url: this.#o.url });
      s.destroy();
    }, this.#o.responseTimeoutMs);
  }

  #bind(s: Session): void {
    const pdu = new smpp.PDU('bind_transceiver', {
      system_id: this.#o.systemId,
      password: this.#o.password,
      system_type: this.#o.systemType,
      interface_version: 0x34,
    });
    this.#request(s, pdu, this.#o.responseTimeoutMs).then(
      (resp) => {
        if (this.#session !== s) return;
        if (this.#bindTimer) clearTimeout(this.#bindTimer);
        this.#bindTimer = null;
        if (resp.command_status !== smppStatus.ok) {
          this.#o.log('error', 'SMPP bind refused', {
            status: statusName(resp.command_status),
            systemId: this.#o.systemId,
          });
          s.destroy();
          return;
        }
        this.#failures = 0;
        this.#setState('bound');
        this.#startEnquireLink(s);
        this.#pump();
      },
      () => s.destroy(),
    );
  }

  /** §4.11: no enquire_link_resp in time means the peer or the path is gone. */
  #startEnquireLink(s: Session): void {
    this.#enquireTimer = setInterval(() => {
      this.#request(s, new smpp.PDU('enquire_link'), this.#o.responseTimeoutMs).catch(() => {
        if (this.#session !== s) return;
        this.#o.log('warn', 'enquire_link unanswered: SMPP link is dead, binding again');
        s.destroy();
      });
    }, this.#o.enquireLinkSeconds * 1000);
  }

  async #deliver(s: Session, pdu: PDU): Promise<void> {
    let status: number = smppStatus.systemError;
    try {
      if (this.#onDeliver) status = await this.#onDeliver(pdu);
    } catch (e) {
      this.#o.log('error', 'deliver_sm handling failed', { error: errorText(e) });
    }
    // §4.6.2: a non-zero status makes the SMSC deliver the message again later.
    s.send(pdu.response(status === smppStatus.ok ? {} : { command_status: status }));
  }

  #pump(): void {
    const s = this.#session;
    while (s && this.#state === 'bound' && this.#inflight < this.#o.window) {
      const next = this.#queue.shift();
      if (!next) return;
      this.#inflight++;
      this.#request(s, new smpp.PDU('submit_sm', next.fields), this.#o.responseTimeoutMs)
        .then(next.resolve, next.reject)
        .finally(() => {
          this.#inflight--;
          this.#pump();
        });
    }
  }

  #request(s: Session, pdu: PDU, timeoutMs: number): Promise<PDU> {
    return new Promise((resolve, reject) => {
      const fail = (e: Error) => {
        clearTimeout(timer);
        this.#pending.delete(fail);
        reject(e);
      };
      const timer = setTimeout(
        () => fail(new SmppLinkError(`no ${pdu.command}_resp within ${timeoutMs} ms`)),
        timeoutMs,
      );
      this.#pending.add(fail);
      const sent = s.send(pdu, (resp) => {
        clearTimeout(timer);
        this.#pending.delete(fail);
        resolve(resp);
      });
      if (!sent) fail(new SmppLinkError('SMPP link is down'));
    });
  }

  /** The session is gone: fail what waited on it and, unless closing, bind again later. */
  #dropped(why: string): void {
    this.#clearTimers();
    this.#session = null;
    const down = new SmppLinkError(`SMPP link is down (${why})`);
    for (const fail of [...this.#pending]) fail(down);
    for (const w of this.#queue.splice(0)) w.reject(down);
    this.#setState('down', why);
    if (this.#closing) return;
    // Full jitter over the upper half, so many ESMEs cut at once do not re-bind in step.
    const ceiling = Math.min(this.#o.maxMs, this.#o.initialMs * 2 ** this.#failures);
    const delay = Math.round(ceiling / 2 + (Math.random() * ceiling) / 2);
    this.#failures++;
    this.#retryTimer = setTimeout(() => this.#connect(), delay);
  }

  #clearTimers(): void {
    for (const t of [this.#retryTimer, this.#bindTimer]) if (t) clearTimeout(t);
    if (this.#enquireTimer) clearInterval(this.#enquireTimer);
    this.#retryTimer = this.#bindTimer = this.#enquireTimer = null;
  }

  #setState(next: SmppLinkState, why?: string): void {
    if (next === this.#state) return;
    this.#state = next;
    this.#o.log(next === 'down' && !this.#closing ? 'warn' : 'info', `SMPP link ${next}`, {
      url: this.#o.url,
      ...(why ? { why } : {}),
    });
    for (const l of [...this.#stateListeners]) l(next);
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
