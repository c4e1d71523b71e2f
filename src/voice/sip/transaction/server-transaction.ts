/**
 * Server transactions, RFC 3261 §17.2 with the RFC 6026 "accepted" state for INVITE.
 *
 * INVITE (§17.2.1, Figure 7; RFC 6026 §8.5):
 * ```
 *   proceeding ──TU 2xx──▶ accepted ──Timer L──▶ terminated
 *       │ ──TU 300-699──▶ completed ──ACK──▶ confirmed ──Timer I──▶ terminated
 *       │                    └──Timer H (no ACK) / transport error──▶ terminated
 *       └──transport error──▶ terminated
 * ```
 * non-INVITE (§17.2.2, Figure 8):
 * ```
 *   trying ──TU 1xx──▶ proceeding ──TU 200-699──▶ completed ──Timer J──▶ terminated
 *     └──TU 200-699──────────────────────────────▶ completed
 * ```
 * Retransmitted requests are absorbed: the last response is sent again (none in `trying`).
 */
import type { SipRequest, SipResponse } from '../message/index.ts';
import type { Destination } from '../transport/destination.ts';
import type { TxSender } from './client-transaction.ts';
import {
  defaultTimers,
  type Scheduler,
  type SipTimerValues,
  type TimerHandle,
} from './sip-timers.ts';

export type ServerTxState =
  'trying' | 'proceeding' | 'completed' | 'confirmed' | 'accepted' | 'terminated';

const inviteTable: Readonly<Record<ServerTxState, readonly ServerTxState[]>> = {
  trying: [],
  proceeding: ['accepted', 'completed', 'terminated'],
  completed: ['confirmed', 'terminated'],
  confirmed: ['terminated'],
  accepted: ['terminated'],
  terminated: [],
};
const nonInviteTable: Readonly<Record<ServerTxState, readonly ServerTxState[]>> = {
  trying: ['proceeding', 'completed', 'terminated'],
  proceeding: ['completed', 'terminated'],
  completed: ['terminated'],
  confirmed: [],
  accepted: [],
  terminated: [],
};

export class ServerTransaction {
  state: ServerTxState;
  lastResponse: SipResponse | null = null;
  private readonly timers = new Map<string, TimerHandle>();
  readonly isInvite: boolean;
  private onDone: (() => void) | null = null;
  /** Called when the transport fails while sending a response (the TU may end the dialog). */
  onTransportError: ((e: Error) => void) | null = null;

  constructor(
    readonly id: string,
    readonly request: SipRequest,
    /** Where responses go: the Via sent-by adjusted by received/rport (§18.2.2, RFC 3581). */
    readonly replyTo: Destination,
    private readonly sender: TxSender,
    private readonly scheduler: Scheduler,
    private readonly t: SipTimerValues = defaultTimers,
  ) {
    this.isInvite = request.method === 'INVITE';
    this.state = this.isInvite ? 'proceeding' : 'trying';
  }

  private get reliable(): boolean {
    return this.replyTo.transport !== 'UDP';
  }

  start(onTerminated: () => void): void {
    this.onDone = onTerminated;
  }

  /** The TU answers (§17.2.1 / §17.2.2). Extra responses after a final one are ignored. */
  respond(res: SipResponse): void {
    const s = res.status;
    if (
      this.state === 'terminated' ||
      this.state === 'completed' ||
      this.state === 'confirmed' ||
      this.state === 'accepted'
    ) {
      // RFC 6026: in accepted, the UAS core retransmits its 2xx itself through here.
      if (this.state === 'accepted' && s >= 200 && s < 300) this.transmit(res);
      return;
    }
    this.lastResponse = res;
    this.transmit(res);
    if (s < 200) {
      if (this.state === 'trying') this.move('proceeding');
      return;
    }
    if (this.isInvite && s < 300) {
      this.move('accepted');
      this.timer('L', 64 * this.t.T1, () => this.move('terminated'));
      return;
    }
    this.move('completed');
    if (this.isInvite) {
      if (!this.reliable) this.retransmitFinal(this.t.T1);
      this.timer('H', 64 * this.t.T1, () => this.move('terminated'));
    } else {
      this.timer('J', this.reliable ? 0 : 64 * this.t.T1, () => this.move('terminated'));
    }
  }

  private retransmitFinal(interval: number): void {
    this.timer('G', interval, () => {
      if (this.state !== 'completed' || !this.lastResponse) return;
      this.transmit(this.lastResponse);
      this.retransmitFinal(Math.min(interval * 2, this.t.T2));
    });
  }

  private transmit(res: SipResponse): void {
    this.sender.send(res, this.replyTo).catch((e: Error) => {
      if (this.state !== 'terminated') this.move('terminated');
      this.onTransportError?.(e);
    });
  }

  /** A retransmission of the request arrived (§17.2.1, §17.2.2). */
  retransmission(): void {
    if (this.lastResponse && (this.state === 'proceeding' || this.state === 'completed'))
      this.transmit(this.lastResponse);
  }

  /** The ACK for a non-2xx final response (§17.2.1). */
  ack(): void {
    if (this.state !== 'completed') return;
    this.move('confirmed');
    this.timers.get('G')?.cancel();
    this.timers.get('H')?.cancel();
    this.timer('I', this.reliable ? 0 : this.t.T4, () => this.move('terminated'));
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

  private move(to: ServerTxState): void {
    const table = this.isInvite ? inviteTable : nonInviteTable;
    if (!table[this.state].includes(to))
      throw new Error(`server transaction ${this.id}: ${this.state} → ${to} is not allowed`);
    this.state = to;
    if (to === 'terminated') {
      for (const t of this.timers.values()) t.cancel();
      this.timers.clear();
      this.onDone?.();
    }
  }
}
