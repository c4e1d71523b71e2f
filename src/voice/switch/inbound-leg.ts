/**
 * A call that reached us (UAS side, RFC 3261 §13.3): from a trunk or a phone. We answer it with
 * an SDP answer, retransmit the 2xx until the ACK arrives (§13.3.1.4), and handle what the peer
 * sends in the dialog: BYE, CANCEL, re-INVITE (hold/resume), INFO (DTMF, RFC 2976 style
 * application/dtmf-relay), OPTIONS.
 *
 * ```
 *   offered ──answer()──▶ answered ──ACK──▶ confirmed ──BYE (either side)──▶ ended
 *      └── reject() / CANCEL ──────────────────────────────────────────────▶ ended
 *   answered ──no ACK in 64·T1 (send BYE)──▶ ended
 * ```
 */
import { SdpError } from '../media/sdp.ts';
import type { SipRequest } from '../sip/message/index.ts';
import { makeResponse } from '../sip/core/make-response.ts';
import { newTag, type SipStack } from '../sip/core/sip-stack.ts';
import { Dialog } from '../sip/dialog/dialog.ts';
import type { ServerTransaction } from '../sip/transaction/server-transaction.ts';
import type { Destination } from '../sip/transport/destination.ts';
import type { MediaSession } from './media-session.ts';
import { allow, SipLeg, type EndReason } from './sip-leg.ts';

export type InboundState = 'offered' | 'answered' | 'confirmed' | 'ended';

const table: Readonly<Record<InboundState, readonly InboundState[]>> = {
  offered: ['answered', 'ended'],
  answered: ['confirmed', 'ended'],
  confirmed: ['ended'],
  ended: [],
};

export class InboundLeg extends SipLeg {
  state: InboundState = 'offered';
  readonly localTag = newTag();
  private okRetransmit: NodeJS.Timeout | null = null;
  readonly startedAt = Date.now();
  answeredAt: number | null = null;

  constructor(
    stack: SipStack,
    readonly invite: SipRequest,
    private readonly tx: ServerTransaction,
    source: Destination,
    media: MediaSession,
  ) {
    super(stack, media, source);
  }

  get callId(): string {
    return this.invite.headers.get('Call-ID') ?? '';
  }

  /** The caller's number/user from From (for caller ID and customer lookup). */
  get caller(): string {
    const from = this.invite.headers.get('From') ?? '';
    return /sips?:([^@;>]+)/i.exec(from)?.[1] ?? /tel:([^;>]+)/i.exec(from)?.[1] ?? '';
  }

  /** The number dialled: the Request-URI user (DID). */
  get called(): string {
    return this.invite.uri.user ?? '';
  }

  ringing(): void {
    if (this.state === 'offered')
      this.tx.respond(makeResponse(this.invite, 180, { toTag: this.localTag }));
  }

  /** Answers with our SDP; false if the offer had nothing we can take (then 488 was sent). */
  answer(): boolean {
    if (this.state !== 'offered') return false;
    let sdp: string;
    try {
      sdp = this.media.answer(this.invite.body.toString('utf8'));
    } catch (e) {
      if (e instanceof SdpError) {
        this.reject(488);
        return false;
      }
      throw e;
    }
    const ok = makeResponse(this.invite, 200, {
      toTag: this.localTag,
      body: Buffer.from(sdp),
      headers: [
        ['Contact', this.stack.contactFor(this.peer.transport, 'kefu')],
        ['Allow', allow],
      ],
    });
    this.dialog = Dialog.asUas(this.invite, this.localTag, this.peer);
    this.move('answered');
    this.answeredAt = Date.now();
    this.tx.respond(ok);
    // §13.3.1.4: the UAS core retransmits the 2xx (T1, doubling to T2) until the ACK.
    let interval = 500;
    const started = Date.now();
    const again = () => {
      if (this.state !== 'answered') return;
      if (Date.now() - started >= 32_000) {
        this.dialog?.confirm();
        this.bye();
        this.finish('no_ack');
        return;
      }
      if (this.peer.transport === 'UDP') this.tx.respond(ok);
      interval = Math.min(interval * 2, 4000);
      this.okRetransmit = setTimeout(again, interval);
    };
    this.okRetransmit = setTimeout(again, interval);
    return true;
  }

  reject(status: number, reason?: string): void {
    if (this.state !== 'offered') return;
    this.tx.respond(
      makeResponse(this.invite, status, { toTag: this.localTag, ...(reason ? { reason } : {}) }),
    );
    this.finish('rejected');
  }

  /** The peer's ACK for our 2xx. */
  onAck(): void {
    if (this.state !== 'answered') return;
    if (this.okRetransmit) clearTimeout(this.okRetransmit);
    this.dialog?.confirm();
    this.move('confirmed');
  }

  /** CANCEL for our pending INVITE (§9.2): 200 to the CANCEL, 487 to the INVITE. */
  onCancel(cancelTx: ServerTransaction, cancel: SipRequest): void {
    cancelTx.respond(makeResponse(cancel, 200, { toTag: this.localTag }));
    if (this.state !== 'offered') return;
    this.tx.respond(makeResponse(this.invite, 487, { toTag: this.localTag }));
    this.finish('remote_cancel');
  }

  /** Ends the call from our side: BYE when established, 480 when still offered. */
  hangup(): void {
    if (this.state === 'offered') {
      this.tx.respond(makeResponse(this.invite, 480, { toTag: this.localTag }));
      return this.finish('local');
    }
    if (this.ended) return;
    if (this.state === 'answered') this.dialog?.confirm();
    this.bye();
    this.finish('local');
  }

  protected override onEnded(): void {
    if (this.okRetransmit) clearTimeout(this.okRetransmit);
    if (this.state !== 'ended') this.state = 'ended';
  }

  private move(to: InboundState): void {
    if (!table[this.state].includes(to)) throw new Error(`inbound leg: ${this.state} → ${to}`);
    this.state = to;
  }
}

export type { EndReason };
