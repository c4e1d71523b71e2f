/**
 * Client transactions, RFC 3261 §17.1 with the RFC 6026 "accepted" state for INVITE.
 *
 * INVITE (§17.1.1, Figure 5; RFC 6026 §8.4):
 * ```
 *   calling ──1xx──▶ proceeding ──2xx──▶ accepted ──Timer M──▶ terminated
 *      │ └──2xx──────────────────────────▶ accepted
 *      ├──300-699 (send ACK)──▶ completed ──Timer D──▶ terminated
 *      └──Timer B / transport error──────────────────▶ terminated
 *   proceeding ──300-699 (send ACK)──▶ completed
 * ```
 * non-INVITE (§17.1.2, Figure 6):
 * ```
 *   trying ──1xx──▶ proceeding ──200-699──▶ completed ──Timer K──▶ terminated
 *     └──200-699─────────────────────────▶ completed
 *   trying / proceeding ──Timer F / transport error──▶ terminated
 * ```
 * Timer A/E retransmit the request over unreliable transports (A doubles; E doubles up to T2,
 * and stays at T2 once a provisional arrived).
 */
import { SipHeaders, type SipRequest, type SipResponse } from '../message/index.ts';
import type { Destination } from '../transport/destination.ts';
import {
  defaultTimers,
  type Scheduler,
  type SipTimerValues,
  type TimerHandle,
} from './sip-timers.ts';

export type ClientTxState =
  'calling' | 'trying' | 'proceeding' | 'completed' | 'accepted' | 'terminated';

const inviteTable: Readonly<Record<ClientTxState, readonly ClientTxState[]>> = {
  calling: ['proceeding', 'accepted', 'completed', 'terminated'],
  trying: [],
  proceeding: ['accepted', 'completed', 'terminated'],
  completed: ['terminated'],
  accepted: ['terminated'],
  terminated: [],
};
const nonInviteTable: Readonly<Record<ClientTxState, readonly ClientTxState[]>> = {
  calling: [],
  trying: ['proceeding', 'completed', 'terminated'],
  proceeding: ['completed', 'terminated'],
  completed: ['terminated'],
  accepted: [],
  terminated: [],
};

export interface ClientTxUser {
  /** Every response the transaction passes up (provisional, final; for INVITE also 2xx retransmissions). */
  onResponse(res: SipResponse): void;
  /** Timer B/F fired: treat as 408 Request Timeout (§8.1.3.1). */
  onTimeout(): void;
  /** The transport failed: treat as 503 (§8.1.3.1). */
  onTransportError(err: Error): void;
}

export interface TxSender {
  send(msg: SipRequest | SipResponse, dest: Destination): Promise<void>;
}

export class ClientTransaction {
  state: ClientTxState;
  private readonly timers = new Map<string, TimerHandle>();
  private readonly isInvite: boolean;
  private onDone: (() => void) | null = null;

  constructor(
    readonly id: string,
    readonly request: SipRequest,
    readonly dest: Destination,
    private readonly sender: TxSender,
    private readonly user: ClientTxUser,
    private readonly scheduler: Scheduler,
    private readonly t: SipTimerValues = defaultTimers,
  ) {
    this.isInvite = request.method === 'INVITE';
    this.state = this.isInvite ? 'calling' : 'trying';
  }

  private get reliable(): boolean {
    return this.dest.transport !== 'UDP';
  }

  /** Called once by the layer with a hook to remove the transaction when it terminates. */
  start(onTerminated: () => void): void {
    this.onDone = onTerminated;
    this.transmit();
    if (!this.reliable) this.retransmitEvery(this.t.T1);
    this.timer(this.isInvite ? 'B' : 'F', 64 * this.t.T1, () => {
      this.move('terminated');
      this.user.onTimeout();
    });
  }

  private transmit(): void {
    this.sender.send(this.request, this.dest).catch((e: Error) => this.transportError(e));
  }

  private retransmitEvery(interval: number): void {
    this.timer(this.isInvite ? 'A' : 'E', interval, () => {
      if (this.state !== 'calling' && this.state !== 'trying' && this.state !== 'proceeding')
        return;
      if (this.isInvite && this.state === 'proceeding') return; // §17.1.1.2: A stops on 1xx
      this.transmit();
      const next = this.isInvite
        ? interval * 2
        : this.state === 'proceeding'
          ? this.t.T2
          : Math.min(interval * 2, this.t.T2);
      this.retransmitEvery(next);
    });
  }

  private transportError(e: Error): void {
    if (this.state === 'terminated' || this.state === 'completed' || this.state === 'accepted')
      return;
    this.move('terminated');
    this.user.onTransportError(e);
  }

  /** A response matched to this transaction (§17.1.3). */
  receive(res: SipResponse): void {
    const s = res.status;
    switch (this.state) {
      case 'calling':
      case 'trying':
      case 'proceeding':
        if (s < 200) {
          if (this.state !== 'proceeding') this.move('proceeding');
          this.user.onResponse(res);
        } else if (this.isInvite && s < 300) {
          this.move('accepted');
          this.timer('M', 64 * this.t.T1, () => this.move('terminated'));
          this.user.onResponse(res);
        } else {
          this.move('completed');
          if (this.isInvite) this.sendAck(res);
          this.user.onResponse(res);
          const wait = this.isInvite ? (this.reliable ? 0 : 32_000) : this.reliable ? 0 : this.t.T4;
          this.timer(this.isInvite ? 'D' : 'K', wait, () => this.move('terminated'));
        }
        break;
      case 'completed':
        // A retransmitted final response: re-ACK it (INVITE) and absorb it (§17.1.1.2).
        if (this.isInvite && s >= 300) this.sendAck(res);
        break;
      case 'accepted':
        // RFC 6026 §7.2: 2xx retransmissions go to the TU, which re-sends its ACK.
        if (s >= 200 && s < 300) this.user.onResponse(res);
        break;
      case 'terminated':
        break;
    }
  }

  /** The ACK for a non-2xx final response belongs to the transaction (§17.1.1.3). */
  private sendAck(res: SipResponse): void {
    const req = this.request;
    const h = new SipHeaders();
    const via = req.headers.getAll('Via')[0];
    if (via) h.append('Via', via);
    for (const r of req.headers.getAll('Route')) h.append('Route', r);
    h.append('Max-Forwards', '70');
    h.append('From', req.headers.get('From') ?? '');
    h.append('To', res.headers.get('To') ?? req.headers.get('To') ?? '');
    h.append('Call-ID', req.headers.get('Call-ID') ?? '');
    const seq = (req.headers.get('CSeq') ?? '1 INVITE').trim().split(/\s+/)[0] ?? '1';
    h.append('CSeq', `${seq} ACK`);
    const ack: SipRequest = {
      kind: 'request',
      method: 'ACK',
      uri: req.uri,
      version: 'SIP/2.0',
      headers: h,
      body: Buffer.alloc(0),
    };
    this.sender.send(ack, this.dest).catch(() => undefined);
  }

  /** The TU gives up (e.g. CANCEL answered but no final response): stop retransmitting. */
  terminate(): void {
    if (this.state !== 'terminated') this.move('terminated');
  }

  private timer(name: string, ms: number, fn: () => void): void {
    this.timers.get(name)?.cancel();
    this.timers.set(
      name,
      this.scheduler.after(ms, () => {
        this.timers.delete(name);
        fn();
      }),
    );
  }

  private move(to: ClientTxState): void {
    const table = this.isInvite ? inviteTable : nonInviteTable;
    if (!table[this.state].includes(to))
      throw new Error(`client transaction ${this.id}: ${this.state} → ${to} is not allowed`);
    this.state = to;
    if (to === 'terminated') {
      for (const t of this.timers.values()) t.cancel();
      this.timers.clear();
      this.onDone?.();
    }
  }
}
