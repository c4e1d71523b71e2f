/**
 * The media side of one call leg: an RTP endpoint on a pooled port and its SDP offer/answer
 * (RFC 3264). Re-offers (hold/resume) keep the session id and bump the version.
 */
import { randomInt } from 'node:crypto';
import {
  answerOffer,
  createOffer,
  readAnswer,
  type NegotiatedMedia,
} from '../media/offer-answer.ts';
import { formatSdp, parseSdp, type Sdp } from '../media/sdp.ts';
import type { PortPool } from '../rtp/port-pool.ts';
import { RtpEndpoint } from '../rtp/rtp-endpoint.ts';

export interface MediaHost {
  readonly ports: PortPool;
  /** Address to bind RTP sockets to. */
  readonly bindAddress: string;
  /** Address written in SDP (c=), what peers send RTP to. */
  readonly publicAddress: string;
}

export class MediaSession {
  private readonly sessionId = randomInt(1, 2 ** 31);
  private version = 1;
  private offered: Sdp | null = null;
  negotiated: NegotiatedMedia | null = null;

  private constructor(
    private readonly host: MediaHost,
    readonly endpoint: RtpEndpoint,
  ) {}

  static async open(host: MediaHost): Promise<MediaSession> {
    for (let attempt = 0; attempt < 5; attempt++) {
      const port = host.ports.take();
      try {
        return new MediaSession(host, await RtpEndpoint.open(host.bindAddress, port));
      } catch {
        // The port is busy (another process): skip it for good.
      }
    }
    throw new Error('could not open an RTP port');
  }

  /** Answers a peer's offer; throws SdpError (→ 488) when nothing is acceptable. */
  answer(offerText: string): string {
    const offer = parseSdp(offerText);
    const { answer, chosen } = answerOffer(offer, {
      address: this.host.publicAddress,
      port: this.endpoint.port,
      sessionId: this.sessionId,
      version: this.version++,
    });
    this.apply(chosen);
    return formatSdp(answer);
  }

  /** Our offer (for calls we place, and re-INVITEs to hold with direction sendonly). */
  offer(direction: 'sendrecv' | 'sendonly' | 'inactive' = 'sendrecv'): string {
    this.offered = createOffer({
      address: this.host.publicAddress,
      port: this.endpoint.port,
      sessionId: this.sessionId,
      version: this.version++,
      direction,
    });
    return formatSdp(this.offered);
  }

  /** The peer's answer to our last offer. */
  applyAnswer(answerText: string): NegotiatedMedia {
    if (!this.offered) throw new Error('no offer outstanding');
    const chosen = readAnswer(this.offered, parseSdp(answerText));
    this.apply(chosen);
    return chosen;
  }

  private apply(n: NegotiatedMedia): void {
    this.negotiated = n;
    if (n.remote)
      this.endpoint.setRemote({
        address: n.remote.address,
        port: n.remote.port,
        codec: n.codec,
        payloadType: n.payloadType,
        telephoneEventPt: n.telephoneEventPt,
      });
  }

  close(): void {
    this.endpoint.close();
    this.host.ports.give(this.endpoint.port);
  }
}
