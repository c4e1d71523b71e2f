/**
 * A call leg to an agent's browser softphone. Ringing sends the browser an SDP offer over the
 * agent's WebSocket; the agent answers (or rejects) there. The leg outlives a page reload: when
 * the browser connects again during the call, a fresh peer connection is offered for the same
 * leg and, once answered, replaces the old one in the call's media (`media` event). Without a
 * browser for `graceMs` the leg ends.
 */
import { EventEmitter } from 'node:events';
import { randomUUID } from 'node:crypto';
import type { SoftphoneChannel, SoftphoneMessage } from '../../app/ports/softphone-channel.ts';
import { WebRtcEndpoint, type WebRtcOptions } from './webrtc-endpoint.ts';

export interface WebRtcLegEvents {
  ended: [reason: string];
  dtmf: [digit: string];
  /** The browser reconnected: `media.endpoint` is a new one. */
  media: [];
}

export interface RingInfo {
  readonly from: string;
  readonly display: string;
  readonly contactId?: string;
}

export class WebRtcLeg extends EventEmitter<WebRtcLegEvents> {
  readonly callId = `webrtc-${randomUUID()}`;
  ended = false;
  answered = false;
  media: { endpoint: WebRtcEndpoint };
  private events: { answered?: () => void; failed?: (status: number, reason: string) => void } = {};
  private graceTimer: NodeJS.Timeout | null = null;

  constructor(
    private readonly channel: SoftphoneChannel,
    readonly userId: string,
    private readonly info: RingInfo,
    private readonly o: WebRtcOptions & { graceMs?: number },
  ) {
    super();
    this.media = { endpoint: this.newEndpoint() };
  }

  private newEndpoint(): WebRtcEndpoint {
    const ep = new WebRtcEndpoint(this.o);
    ep.onDtmf((d) => this.emit('dtmf', d));
    return ep;
  }

  /** Offers the call to the browser; `answered`/`failed` report what the agent did. */
  start(events: {
    answered?: () => void;
    failed?: (status: number, reason: string) => void;
  }): void {
    this.events = events;
    void this.offer(this.media.endpoint, false).catch(() => this.finish('failed'));
  }

  private async offer(ep: WebRtcEndpoint, reconnect: boolean): Promise<void> {
    const sdp = await ep.offer();
    if (this.ended) return;
    const sent = this.channel.send(this.userId, {
      kind: 'softphone',
      type: 'offer',
      legId: this.callId,
      sdp,
      reconnect,
      from: this.info.from,
      display: this.info.display,
      contactId: this.info.contactId ?? null,
    });
    if (!sent && !reconnect) {
      this.events.failed?.(480, 'softphone not connected');
      this.finish('failed');
    }
  }

  /** A message from the agent's browser about this leg. */
  async onBrowser(msg: SoftphoneMessage): Promise<void> {
    if (this.ended) return;
    if (msg.type === 'answer' && typeof msg['sdp'] === 'string') {
      const ep = this.pendingReconnect ?? this.media.endpoint;
      await ep.acceptAnswer(msg['sdp']);
      await connected(ep);
      if (this.pendingReconnect) {
        const old = this.media.endpoint;
        this.media = { endpoint: ep };
        this.pendingReconnect = null;
        old.close();
        this.emit('media');
        return;
      }
      if (!this.answered) {
        this.answered = true;
        this.events.answered?.();
      }
    } else if (msg.type === 'reject') {
      if (!this.answered) this.events.failed?.(486, 'rejected');
      this.finish('rejected');
    } else if (msg.type === 'hangup') {
      this.finish('remote_bye');
    }
  }

  private pendingReconnect: WebRtcEndpoint | null = null;

  /** The browser connected again: offer it a new connection for the call in progress. */
  reconnect(): void {
    if (this.ended || !this.answered) return;
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.graceTimer = null;
    this.pendingReconnect?.close();
    const ep = this.newEndpoint();
    this.pendingReconnect = ep;
    void this.offer(ep, true).catch(() => undefined);
  }

  /** The browser went away: wait for it to come back before giving up. */
  disconnected(): void {
    if (this.ended || this.graceTimer) return;
    this.graceTimer = setTimeout(() => this.finish('softphone_gone'), this.o.graceMs ?? 30_000);
    this.graceTimer.unref();
  }

  hangup(): void {
    if (this.ended) return;
    this.channel.send(this.userId, { kind: 'softphone', type: 'hangup', legId: this.callId });
    if (!this.answered) this.events.failed?.(487, 'canceled');
    this.finish('local');
  }

  private finish(reason: string): void {
    if (this.ended) return;
    this.ended = true;
    if (this.graceTimer) clearTimeout(this.graceTimer);
    this.media.endpoint.close();
    this.pendingReconnect?.close();
    this.emit('ended', reason);
  }
}

function connected(ep: WebRtcEndpoint): Promise<void> {
  if (ep.pc.connectionState === 'connected') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('WebRTC did not connect')), 10_000);
    ep.pc.connectionStateChange.subscribe((s) => {
      if (s === 'connected') {
        clearTimeout(t);
        resolve();
      } else if (s === 'failed') {
        clearTimeout(t);
        reject(new Error('WebRTC failed'));
      }
    });
  });
}
