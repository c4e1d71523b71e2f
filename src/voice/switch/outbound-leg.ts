/**
 * A call we place (UAC side, RFC 3261 §13.2): to an agent's phone or through a trunk. We send
 * the INVITE with our SDP offer, learn the answer from the 2xx and ACK it (re-ACKing 2xx
 * retransmissions), or CANCEL while it rings.
 *
 * ```
 *   calling ──1xx──▶ ringing ──2xx (ACK)──▶ connected ──BYE (either side)──▶ ended
 *      └──────────────┴── 3xx-6xx / timeout / CANCEL done ──────────────────▶ ended
 * ```
 */
import {
  SipHeaders,
  type SipRequest,
  type SipResponse,
  type SipUri,
} from '../sip/message/index.ts';
import { newCallId, newTag, type SipStack } from '../sip/core/sip-stack.ts';
import { Dialog } from '../sip/dialog/dialog.ts';
import type { ClientTransaction } from '../sip/transaction/client-transaction.ts';
import type { Destination } from '../sip/transport/destination.ts';
import type { MediaSession } from './media-session.ts';
import { allow, SipLeg } from './sip-leg.ts';

export type OutboundState = 'calling' | 'ringing' | 'connected' | 'ended';

const table: Readonly<Record<OutboundState, readonly OutboundState[]>> = {
  calling: ['ringing', 'connected', 'ended'],
  ringing: ['connected', 'ended'],
  connected: ['ended'],
  ended: [],
};

export interface OutboundCall {
  readonly target: SipUri;
  readonly dest: Destination;
  /** Display name and user for From (caller ID). */
  readonly fromUser: string;
  readonly fromDisplay?: string;
  readonly fromHost: string;
  readonly headers?: readonly [string, string][];
}

export class OutboundLeg extends SipLeg {
  state: OutboundState = 'calling';
  private tx: ClientTransaction | null = null;
  private invite: SipRequest | null = null;
  private cancelled = false;
  readonly localTag = newTag();
  readonly callIdValue: string;
  answeredAt: number | null = null;

  constructor(
    stack: SipStack,
    media: MediaSession,
    private readonly call: OutboundCall,
  ) {
    super(stack, media, call.dest);
    this.callIdValue = newCallId(stack.o.publicAddress);
  }

  get callId(): string {
    return this.callIdValue;
  }

  /** Sends the INVITE; `ringing`/`answered`/`failed` events report progress. */
  start(events: {
    ringing?: () => void;
    answered?: () => void;
    failed?: (status: number, reason: string) => void;
  }): void {
    const c = this.call;
    const h = new SipHeaders();
    h.append('Max-Forwards', '70');
    const display = c.fromDisplay ? `"${c.fromDisplay.replace(/["\\]/g, '')}" ` : '';
    h.append('From', `${display}<sip:${c.fromUser}@${c.fromHost}>;tag=${this.localTag}`);
    h.append('To', `<${formatTarget(c.target)}>`);
    h.append('Call-ID', this.callIdValue);
    h.append('CSeq', '1 INVITE');
    h.append('Contact', this.stack.contactFor(c.dest.transport, 'kefu'));
    h.append('Allow', allow);
    for (const [k, v] of c.headers ?? []) h.append(k, v);
    h.append('Content-Type', 'application/sdp');
    const invite: SipRequest = {
      kind: 'request',
      method: 'INVITE',
      uri: c.target,
      version: 'SIP/2.0',
      headers: h,
      body: Buffer.from(this.media.offer()),
    };
    this.invite = invite;
    this.tx = this.stack.request(invite, c.dest, {
      onResponse: (res) => this.onResponse(res, events),
      onTimeout: () => this.fail(408, 'Request Timeout', events),
      onTransportError: (e) => this.fail(503, e.message, events),
    });
  }

  private onResponse(
    res: SipResponse,
    events: {
      ringing?: () => void;
      answered?: () => void;
      failed?: (status: number, reason: string) => void;
    },
  ): void {
    if (res.status < 200) {
      if (res.status >= 180 && this.state === 'calling') {
        this.move('ringing');
        events.ringing?.();
      }
      return;
    }
    if (res.status < 300) {
      if (!this.invite) return;
      if (!this.dialog) this.dialog = Dialog.asUac(this.invite, res, this.call.dest);
      this.dialog.confirm(res);
      this.ack(res);
      if (this.state === 'connected' || this.ended) {
        // A 2xx retransmission (ACK again), or a late 2xx after we gave up: take it and hang up.
        if (this.ended || this.cancelled) this.byeNow();
        return;
      }
      if (this.cancelled) {
        // 2xx crossed our CANCEL (§9.1): the call is up; end it at once.
        this.byeNow();
        return this.finish('local');
      }
      try {
        if (res.body.length) this.media.applyAnswer(res.body.toString('utf8'));
      } catch {
        this.byeNow();
        this.fail(488, 'Not Acceptable Here', events);
        return;
      }
      this.move('connected');
      this.answeredAt = Date.now();
      events.answered?.();
      return;
    }
    this.fail(res.status, res.reason, events);
  }

  /** A 2xx retransmission that arrived after the INVITE transaction ended: ACK it again. */
  reack(res: SipResponse): void {
    this.ack(res);
  }

  private ack(res: SipResponse): void {
    const d = this.dialog;
    if (!d) return;
    const seq = Number((res.headers.get('CSeq') ?? '1').trim().split(/\s+/)[0]);
    this.stack.sendAck(d.createRequest('ACK', { cseq: seq }), d.dest).catch(() => undefined);
  }

  private byeNow(): void {
    const d = this.dialog;
    if (!d) return;
    this.stack.request(d.createRequest('BYE'), d.dest, {
      onResponse: () => {},
      onTimeout: () => {},
      onTransportError: () => {},
    });
  }

  private fail(
    status: number,
    reason: string,
    events: { failed?: (status: number, reason: string) => void },
  ): void {
    if (this.ended) return;
    this.finish(
      status === 486 || status === 600
        ? 'busy'
        : status === 408 || status === 480 || status === 487
          ? 'no_answer'
          : 'failed',
    );
    events.failed?.(status, reason);
  }

  /** Stops ringing (CANCEL) or hangs up (BYE) — whichever fits the state. */
  hangup(): void {
    if (this.ended) return;
    if (this.state === 'connected') {
      this.bye();
      return this.finish('local');
    }
    this.cancelled = true;
    if (this.tx && this.state === 'ringing') {
      // §9.1: CANCEL only after a provisional response; the INVITE then ends with 487.
      this.stack.cancel(this.tx, {
        onResponse: () => {},
        onTimeout: () => {},
        onTransportError: () => {},
      });
    } else if (this.tx && this.state === 'calling') {
      // Nothing heard yet: wait briefly for a provisional before cancelling, else give up.
      const tx = this.tx;
      setTimeout(() => {
        if (!this.ended && this.state === 'ringing')
          this.stack.cancel(tx, {
            onResponse: () => {},
            onTimeout: () => {},
            onTransportError: () => {},
          });
        else if (!this.ended) tx.terminate();
      }, 500);
    }
    this.finish('local');
  }

  protected override onEnded(): void {
    this.state = 'ended';
  }

  private move(to: OutboundState): void {
    if (!table[this.state].includes(to)) throw new Error(`outbound leg: ${this.state} → ${to}`);
    this.state = to;
  }
}

import { formatUri } from '../sip/message/index.ts';
const formatTarget = (u: SipUri) => formatUri(u);
