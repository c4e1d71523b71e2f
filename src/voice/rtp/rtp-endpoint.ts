/**
 * One RTP stream end (RFC 3550) on a UDP port: receives audio and RFC 4733 DTMF, sends audio
 * with its own SSRC, sequence numbers and timestamps (so whatever feeds it — a prompt, music,
 * the other party — the peer sees one continuous stream: renumbering on every source change).
 * Symmetric RTP (RFC 4961): once packets arrive from an address other than the SDP's, we send
 * there instead — the phone is behind NAT.
 */
import { createSocket, type Socket } from 'node:dgram';
import { randomInt } from 'node:crypto';
import { RtpHeader, RtpPacket } from 'werift-rtp';
import { DtmfReceiver, DtmfSender, isDtmfDigit } from '../media/dtmf.ts';

export type G711 = 'PCMU' | 'PCMA';

export interface RemoteMedia {
  readonly address: string;
  readonly port: number;
  readonly codec: G711;
  readonly payloadType: number;
  readonly telephoneEventPt: number | null;
}

export interface RtpStats {
  packetsIn: number;
  packetsOut: number;
  lost: number;
  dtmfIn: number;
  lastPacketAt: number | null;
}

export class RtpEndpoint {
  private remote: RemoteMedia | null = null;
  private latched = false;
  private readonly ssrc = randomInt(1, 2 ** 31);
  private seq = randomInt(0, 65_535);
  private ts = randomInt(0, 2 ** 31);
  private lastInSeq: number | null = null;
  private audioListeners = new Set<(payload: Buffer, codec: G711) => void>();
  private dtmfListeners = new Set<(digit: string) => void>();
  private readonly dtmfIn = new DtmfReceiver();
  readonly stats: RtpStats = {
    packetsIn: 0,
    packetsOut: 0,
    lost: 0,
    dtmfIn: 0,
    lastPacketAt: null,
  };
  private closed = false;

  private constructor(
    private readonly socket: Socket,
    readonly port: number,
  ) {
    socket.on('message', (buf, rinfo) => this.receive(buf, rinfo.address, rinfo.port));
  }

  static open(host: string, port: number): Promise<RtpEndpoint> {
    return new Promise((resolve, reject) => {
      const socket = createSocket(host.includes(':') ? 'udp6' : 'udp4');
      socket.once('error', reject);
      socket.bind(port, host, () => {
        socket.off('error', reject);
        socket.on('error', () => undefined);
        resolve(new RtpEndpoint(socket, socket.address().port));
      });
    });
  }

  setRemote(r: RemoteMedia): void {
    this.remote = r;
    this.latched = false;
  }

  get remoteMedia(): RemoteMedia | null {
    return this.remote;
  }

  get codec(): G711 {
    return this.remote?.codec ?? 'PCMU';
  }

  onAudio(l: (payload: Buffer, codec: G711) => void): () => void {
    this.audioListeners.add(l);
    return () => this.audioListeners.delete(l);
  }

  onDtmf(l: (digit: string) => void): () => void {
    this.dtmfListeners.add(l);
    return () => this.dtmfListeners.delete(l);
  }

  private receive(buf: Buffer, address: string, port: number): void {
    if (this.closed || buf.length < 12 || (buf[0] ?? 0) >> 6 !== 2) return;
    const pt = (buf[1] ?? 0) & 0x7f;
    if (pt >= 72 && pt <= 79) return; // RTCP multiplexed on the RTP port (RFC 5761): ignore
    let p: RtpPacket;
    try {
      p = RtpPacket.deSerialize(buf);
    } catch {
      return;
    }
    const r = this.remote;
    if (r && !this.latched && (r.address !== address || r.port !== port))
      this.remote = { ...r, address, port };
    this.latched = true;
    this.stats.packetsIn++;
    this.stats.lastPacketAt = Date.now();
    const s = p.header.sequenceNumber;
    if (this.lastInSeq !== null) {
      const gap = (s - this.lastInSeq + 65_536) % 65_536;
      if (gap > 1 && gap < 3000) this.stats.lost += gap - 1;
    }
    this.lastInSeq = s;
    if (
      r?.telephoneEventPt !== null &&
      r?.telephoneEventPt !== undefined &&
      p.header.payloadType === r.telephoneEventPt
    ) {
      const got = this.dtmfIn.receive({
        timestamp: p.header.timestamp,
        marker: p.header.marker,
        payload: p.payload,
      });
      if (got) {
        this.stats.dtmfIn++;
        for (const l of this.dtmfListeners) l(got.digit);
      }
      return;
    }
    const codec: G711 | null =
      p.header.payloadType === 0 ? 'PCMU' : p.header.payloadType === 8 ? 'PCMA' : null;
    if (!codec) return;
    for (const l of this.audioListeners) l(p.payload, codec);
  }

  /** Sends one frame of G.711 audio (1 byte per sample, so the timestamp advances by its length). */
  sendAudio(payload: Buffer, marker = false): void {
    const r = this.remote;
    if (!r || this.closed) return;
    const header = new RtpHeader({
      payloadType: r.payloadType,
      sequenceNumber: this.seq,
      timestamp: this.ts >>> 0,
      ssrc: this.ssrc,
      marker,
    });
    this.seq = (this.seq + 1) & 0xffff;
    this.ts = (this.ts + payload.length) >>> 0;
    this.transmit(new RtpPacket(header, payload).serialize());
  }

  /**
   * Sends a DTMF digit as RFC 4733 events, paced one packet per 20 ms (needs the peer's
   * telephone-event payload type); resolves when the last end packet is out.
   */
  sendDtmf(digit: string, durationMs = 100): Promise<boolean> {
    const r = this.remote;
    if (!r || r.telephoneEventPt === null || !isDtmfDigit(digit)) return Promise.resolve(false);
    const pt = r.telephoneEventPt;
    const sender = new DtmfSender({ durationMs });
    const start = this.ts;
    const packets = sender.packets(digit, start);
    this.ts = (this.ts + sender.span + sender.interval) >>> 0;
    return new Promise((resolve) => {
      let sent = 0;
      for (const ev of packets)
        setTimeout(() => {
          const header = new RtpHeader({
            payloadType: pt,
            sequenceNumber: this.seq,
            timestamp: ev.timestamp,
            ssrc: this.ssrc,
            marker: ev.marker,
          });
          this.seq = (this.seq + 1) & 0xffff;
          this.transmit(new RtpPacket(header, Buffer.from(ev.payload)).serialize());
          if (++sent === packets.length) resolve(true);
        }, ev.at / 8);
    });
  }

  private transmit(buf: Buffer): void {
    const r = this.remote;
    if (!r) return;
    this.stats.packetsOut++;
    this.socket.send(buf, r.port, r.address);
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.audioListeners.clear();
    this.dtmfListeners.clear();
    try {
      this.socket.close();
    } catch {
      // already closed
    }
  }
}
