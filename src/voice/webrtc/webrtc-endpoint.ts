/**
 * The server's end of a browser softphone: a WebRTC peer connection (werift) carrying PCMU both
 * ways, DTMF from the browser's insertDTMF as RFC 4733 events (Chrome offers telephone-event as
 * payload type 126, read from the negotiated codecs), and host ICE candidates only — agents'
 * browsers reach the server directly, as they reach its HTTP port. It offers the same audio
 * port as an RTP endpoint, so the media room needs no WebRTC knowledge.
 */
import { randomInt } from 'node:crypto';
import {
  RTCPeerConnection,
  RTCRtpCodecParameters,
  RtpHeader,
  RtpPacket,
  type RTCRtpTransceiver,
} from 'werift';
import { DtmfReceiver } from '../media/dtmf.ts';
import type { AudioPort } from '../rtp/audio-port.ts';
import type { G711 } from '../rtp/rtp-endpoint.ts';

export interface WebRtcOptions {
  /** UDP ports for ICE (host candidates), e.g. the RTP range's upper part. */
  readonly portRange?: readonly [number, number];
  /** Addresses to offer as host candidates (default: every interface). */
  readonly addresses?: readonly string[];
}

const pcmu = () =>
  new RTCRtpCodecParameters({
    mimeType: 'audio/PCMU',
    clockRate: 8000,
    channels: 1,
    payloadType: 0,
  });
const telephoneEvent = () =>
  new RTCRtpCodecParameters({
    mimeType: 'audio/telephone-event',
    clockRate: 8000,
    channels: 1,
    payloadType: 126,
  });

export class WebRtcEndpoint implements AudioPort {
  readonly codec: G711 = 'PCMU';
  readonly pc: RTCPeerConnection;
  private readonly transceiver: RTCRtpTransceiver;
  private readonly audio = new Set<(payload: Buffer, codec: G711) => void>();
  private readonly dtmf = new Set<(digit: string) => void>();
  private readonly dtmfIn = new DtmfReceiver();
  private seq = randomInt(0, 0xffff);
  private ts = randomInt(0, 0x7fffffff);
  private closed = false;
  packetsIn = 0;
  packetsOut = 0;

  constructor(o: WebRtcOptions = {}) {
    this.pc = new RTCPeerConnection({
      codecs: { audio: [pcmu(), telephoneEvent()] },
      ...(o.portRange
        ? { icePortRange: [o.portRange[0], o.portRange[1]] as [number, number] }
        : {}),
      ...(o.addresses ? { iceAdditionalHostAddresses: [...o.addresses] } : {}),
      iceUseIpv6: false,
    });
    this.transceiver = this.pc.addTransceiver('audio', { direction: 'sendrecv' });
    this.transceiver.onTrack.subscribe((track) => {
      track.onReceiveRtp.subscribe((rtp) => this.receive(rtp));
    });
  }

  /** Our offer, with every host candidate gathered (no trickle: one message each way). */
  async offer(): Promise<string> {
    await this.pc.setLocalDescription(await this.pc.createOffer());
    await this.gathered();
    return this.pc.localDescription!.sdp;
  }

  async acceptAnswer(sdp: string): Promise<void> {
    await this.pc.setRemoteDescription({ type: 'answer', sdp });
  }

  private gathered(): Promise<void> {
    if (this.pc.iceGatheringState === 'complete') return Promise.resolve();
    return new Promise((resolve) => {
      const t = setTimeout(resolve, 3000);
      this.pc.iceGatheringStateChange.subscribe((s) => {
        if (s === 'complete') {
          clearTimeout(t);
          resolve();
        }
      });
    });
  }

  onAudio(l: (payload: Buffer, codec: G711) => void): () => void {
    this.audio.add(l);
    return () => this.audio.delete(l);
  }

  onDtmf(l: (digit: string) => void): () => void {
    this.dtmf.add(l);
    return () => this.dtmf.delete(l);
  }

  private receive(rtp: RtpPacket): void {
    if (this.closed) return;
    this.packetsIn++;
    const pt = rtp.header.payloadType;
    if (pt === 0) {
      for (const l of this.audio) l(rtp.payload, 'PCMU');
      return;
    }
    const codec = this.transceiver.codecs.find((c) => c.payloadType === pt);
    if (codec?.mimeType.toLowerCase() === 'audio/telephone-event') {
      const got = this.dtmfIn.receive({
        timestamp: rtp.header.timestamp,
        marker: rtp.header.marker,
        payload: rtp.payload,
      });
      if (got) for (const l of this.dtmf) l(got.digit);
    }
  }

  sendAudio(payload: Buffer): void {
    if (this.closed || this.pc.connectionState !== 'connected') return;
    const header = new RtpHeader({
      payloadType: 0,
      sequenceNumber: this.seq,
      timestamp: this.ts >>> 0,
      marker: false,
    });
    this.seq = (this.seq + 1) & 0xffff;
    this.ts = (this.ts + payload.length) >>> 0;
    this.packetsOut++;
    void this.transceiver.sender.sendRtp(new RtpPacket(header, payload)).catch(() => undefined);
  }

  /** Browsers play what they get; DTMF towards a softphone is not needed (it has keys). */
  sendDtmf(): Promise<boolean> {
    return Promise.resolve(false);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.audio.clear();
    this.dtmf.clear();
    void this.pc.close().catch(() => undefined);
  }
}
