/**
 * What every call leg does once its dialog exists, whichever side created it: answer in-dialog
 * requests (BYE, re-INVITE/UPDATE for hold and resume, INFO DTMF, OPTIONS), send BYE, and end
 * once, releasing its media.
 */
import { EventEmitter } from 'node:events';
import { SdpError } from '../media/sdp.ts';
import type { SipRequest } from '../sip/message/index.ts';
import { makeResponse } from '../sip/core/make-response.ts';
import type { SipStack } from '../sip/core/sip-stack.ts';
import type { Dialog } from '../sip/dialog/dialog.ts';
import type { ServerTransaction } from '../sip/transaction/server-transaction.ts';
import type { Destination } from '../sip/transport/destination.ts';
import type { MediaSession } from './media-session.ts';

export type EndReason =
  | 'remote_bye'
  | 'remote_cancel'
  | 'local'
  | 'no_ack'
  | 'rejected'
  | 'no_answer'
  | 'busy'
  | 'failed'
  | 'error';

export interface LegEvents {
  ended: [reason: EndReason];
  dtmf: [digit: string];
  hold: [held: boolean];
}

export const allow = 'INVITE, ACK, CANCEL, BYE, OPTIONS, INFO, UPDATE';

export abstract class SipLeg extends EventEmitter<LegEvents> {
  dialog: Dialog | null = null;
  ended = false;
  endReason: EndReason | null = null;

  constructor(
    protected readonly stack: SipStack,
    readonly media: MediaSession,
    /** Where the peer's signalling comes from (their transport address). */
    readonly peer: Destination,
  ) {
    super();
    media.endpoint.onDtmf((d) => this.emit('dtmf', d));
  }

  abstract get callId(): string;
  /** Our dialog tag (To tag when we answered, From tag when we called). */
  abstract readonly localTag: string;
  /** Ends the leg whatever its state (BYE, CANCEL or a final response). */
  abstract hangup(): void;

  /** A request inside our dialog. */
  onRequest(req: SipRequest, tx: ServerTransaction): void {
    const check = this.dialog?.acceptRequest(req);
    if (check && !check.ok) return tx.respond(makeResponse(req, check.status));
    switch (req.method) {
      case 'BYE':
        tx.respond(makeResponse(req, 200));
        this.finish('remote_bye');
        return;
      case 'INVITE':
      case 'UPDATE':
        return this.onReoffer(req, tx);
      case 'INFO':
        return this.onInfo(req, tx);
      case 'OPTIONS':
        return tx.respond(makeResponse(req, 200, { headers: [['Allow', allow]] }));
      default:
        return tx.respond(makeResponse(req, 405, { headers: [['Allow', allow]] }));
    }
  }

  private onReoffer(req: SipRequest, tx: ServerTransaction): void {
    const contact: [string, string] = [
      'Contact',
      this.stack.contactFor(this.peer.transport, 'kefu'),
    ];
    if (req.body.length === 0) {
      // An offerless re-INVITE: we offer in the 2xx and the ACK carries the answer (§14.2).
      return tx.respond(
        makeResponse(req, 200, { body: Buffer.from(this.media.offer()), headers: [contact] }),
      );
    }
    try {
      const sdp = this.media.answer(req.body.toString('utf8'));
      tx.respond(makeResponse(req, 200, { body: Buffer.from(sdp), headers: [contact] }));
      const dir = this.media.negotiated?.direction;
      this.emit('hold', dir === 'recvonly' || dir === 'inactive');
    } catch (e) {
      if (e instanceof SdpError) return tx.respond(makeResponse(req, 488));
      throw e;
    }
  }

  /** SIP INFO DTMF: `Signal=5` (application/dtmf-relay) or a bare digit (application/dtmf). */
  private onInfo(req: SipRequest, tx: ServerTransaction): void {
    const type = (req.headers.get('Content-Type') ?? '').toLowerCase();
    const body = req.body.toString('utf8');
    let digit: string | null = null;
    if (type.startsWith('application/dtmf-relay'))
      digit = /Signal\s*=\s*([0-9*#A-D])/i.exec(body)?.[1]?.toUpperCase() ?? null;
    else if (type.startsWith('application/dtmf'))
      digit = /^\s*([0-9*#A-D])/i.exec(body)?.[1]?.toUpperCase() ?? null;
    tx.respond(makeResponse(req, digit || !body ? 200 : 415));
    if (digit) this.emit('dtmf', digit);
  }

  protected bye(): void {
    const d = this.dialog;
    if (!d || d.state !== 'confirmed') return;
    this.stack.request(d.createRequest('BYE'), d.dest, {
      onResponse: () => {},
      onTimeout: () => {},
      onTransportError: () => {},
    });
  }

  protected finish(reason: EndReason): void {
    if (this.ended) return;
    this.ended = true;
    this.endReason = reason;
    this.dialog?.terminate();
    this.media.close();
    this.onEnded(reason);
    this.emit('ended', reason);
  }

  /** Subclasses stop their timers here. */
  protected onEnded(_reason: EndReason): void {}
}
