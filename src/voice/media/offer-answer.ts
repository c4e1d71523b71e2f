/**
 * The SDP offer/answer model (RFC 3264) for kefu's G.711 calls: one audio stream of PCMU or PCMA
 * (RFC 3551 static payload types 0 and 8) plus RFC 4733 telephone-event for DTMF.
 *
 * - createOffer builds kefu's offer; reoffer changes it (hold, resume, new address) and bumps the
 *   o= version only when the description really changed (RFC 3264 §8).
 * - answerOffer answers a peer's offer: one m= line per offered stream, in order, the first
 *   acceptable audio stream accepted with one codec (the first of the offer's formats kefu
 *   supports, the offerer's preference per RFC 3264 §6.1) and telephone-event under the offer's
 *   own payload type (SIPp uses 101, Chrome 126); every other stream is rejected with port 0.
 * - readAnswer tells the offerer what the answer settled.
 *
 * Only RTP parameters are negotiated here; ICE and DTLS attributes of WebRTC offers belong to the
 * WebRTC termination (werift), which passes its RTP profile in `profiles`.
 */
import { g711PayloadType, type G711Codec } from './g711.ts';
import { SdpError, type Sdp, type SdpDirection, type SdpMedia, type SdpRtpMap } from './sdp.ts';
import { addressType, effectiveConnection, effectiveDirection, rtpmapFor } from './sdp-media.ts';

/** The telephone-event payload type kefu offers (dynamic range, RFC 3551 §3). */
export const DEFAULT_TELEPHONE_EVENT_PT = 101;
/** Packet time when SDP says none (RFC 3551 §4.5: 20 ms default for G.711). */
export const DEFAULT_PTIME = 20;
/** Plain RTP profiles kefu's transport speaks (RFC 3551, RFC 4585). */
export const PLAIN_RTP_PROFILES: readonly string[] = ['RTP/AVP', 'RTP/AVPF'];
/** Events kefu receives: DTMF 0–15 and flash 16 (RFC 4733 §3.2). */
const TELEPHONE_EVENTS = '0-16';

export interface SessionIdentity {
  /** o= session id (RFC 4566 §5.2); keep it for the whole call. */
  sessionId: string | number | bigint;
  /** o= version; defaults to 1. */
  version?: string | number | bigint;
}

export interface OfferOptions extends SessionIdentity {
  address: string;
  port: number;
  /** Codecs in preference order; default PCMU then PCMA. */
  codecs?: readonly G711Codec[];
  /** Offer telephone-event (PT 101); default true. */
  telephoneEvent?: boolean;
  /** Packet time in ms; default 20. */
  ptime?: number;
  direction?: SdpDirection;
}

export interface AnswerOptions extends SessionIdentity {
  address: string;
  port: number;
  /** Codecs kefu will take; default PCMU and PCMA. The offer's order decides between them. */
  supported?: readonly G711Codec[];
  /** What kefu wants (e.g. sendonly to hold); default sendrecv. */
  direction?: SdpDirection;
  /** Answer telephone-event when offered; default true. */
  telephoneEvent?: boolean;
  /** The packet time kefu asks for; default 20. */
  ptime?: number;
  /** RTP profiles accepted; default plain RTP/AVP and RTP/AVPF. */
  profiles?: readonly string[];
}

/** What one side ends up with after offer/answer. */
export interface NegotiatedMedia {
  codec: G711Codec;
  /** Payload type of the codec in this session. */
  payloadType: number;
  /** Payload type of telephone-event/8000 to send and expect DTMF with, or null for none. */
  telephoneEventPt: number | null;
  /** Where to send RTP; null when the peer gave none (port 0, c=0.0.0.0 hold, ICE). */
  remote: { address: string; port: number } | null;
  /** What this side does: sendrecv, sendonly (we send only), recvonly, inactive. */
  direction: SdpDirection;
  /** The packet time the peer asked for (a=ptime), else 20 ms. */
  ptime: number;
  /** Index of the negotiated m= line. */
  mediaIndex: number;
}

export interface AnswerResult {
  answer: Sdp;
  chosen: NegotiatedMedia;
}

const directionBits: Readonly<Record<SdpDirection, readonly [send: boolean, recv: boolean]>> = {
  sendrecv: [true, true],
  sendonly: [true, false],
  recvonly: [false, true],
  inactive: [false, false],
};

function directionOf(send: boolean, recv: boolean): SdpDirection {
  return send ? (recv ? 'sendrecv' : 'sendonly') : recv ? 'recvonly' : 'inactive';
}

/**
 * The answer's direction for an offered one (RFC 3264 §6.1): the answerer may send only if the
 * offerer receives and may receive only if the offerer sends, further limited by what it wants.
 * sendonly → recvonly, recvonly → sendonly, inactive → inactive, sendrecv → `wanted`.
 */
export function answerDirection(
  offered: SdpDirection,
  wanted: SdpDirection = 'sendrecv',
): SdpDirection {
  const [offerSend, offerRecv] = directionBits[offered];
  const [wantSend, wantRecv] = directionBits[wanted];
  return directionOf(offerRecv && wantSend, offerSend && wantRecv);
}

function isNullAddress(address: string): boolean {
  return address === '0.0.0.0' || address === '::';
}

function g711Of(map: SdpRtpMap | undefined): G711Codec | null {
  if (!map || map.clockRate !== 8000 || (map.channels ?? 1) !== 1) return null;
  const name = map.encoding.toUpperCase();
  return name === 'PCMU' || name === 'PCMA' ? name : null;
}

function isTelephoneEvent(map: SdpRtpMap | undefined): boolean {
  return map?.encoding.toLowerCase() === 'telephone-event' && map.clockRate === 8000;
}

/** Payload types listed on the m= line, in order (non-numeric formats skipped). */
function payloadTypes(media: SdpMedia): number[] {
  return media.formats.filter((f) => /^\d+$/.test(f)).map(Number);
}

function telephoneEventPt(media: SdpMedia): number | null {
  return payloadTypes(media).find((pt) => isTelephoneEvent(rtpmapFor(media, pt))) ?? null;
}

function remoteOf(sdp: Sdp, media: SdpMedia): NegotiatedMedia['remote'] {
  const conn = effectiveConnection(sdp, media);
  if (!conn || media.port === 0 || isNullAddress(conn.address)) return null;
  return { address: conn.address, port: media.port };
}

function audioMedia(o: {
  port: number;
  protocol: string;
  codecs: readonly { codec: G711Codec; pt: number }[];
  telephoneEventPt: number | null;
  ptime: number;
  direction: SdpDirection;
}): SdpMedia {
  const rtpmaps: SdpRtpMap[] = o.codecs.map((c) => ({
    payloadType: c.pt,
    encoding: c.codec,
    clockRate: 8000,
  }));
  const fmtps = [];
  if (o.telephoneEventPt !== null) {
    rtpmaps.push({ payloadType: o.telephoneEventPt, encoding: 'telephone-event', clockRate: 8000 });
    fmtps.push({ payloadType: o.telephoneEventPt, parameters: TELEPHONE_EVENTS });
  }
  return {
    type: 'audio',
    port: o.port,
    protocol: o.protocol,
    formats: rtpmaps.map((r) => String(r.payloadType)),
    rtpmaps,
    fmtps,
    ptime: o.ptime,
    direction: o.direction,
    attributes: [],
    lines: [],
  };
}

function session(o: SessionIdentity & { address: string }, media: SdpMedia[]): Sdp {
  const type = addressType(o.address);
  return {
    origin: {
      username: '-',
      sessionId: String(o.sessionId),
      sessionVersion: String(o.version ?? 1),
      addressType: type,
      address: o.address,
    },
    sessionName: 'kefu',
    connection: { addressType: type, address: o.address },
    timing: [{ start: 0, stop: 0 }],
    attributes: [],
    lines: [],
    media,
  };
}

/** kefu's offer: one RTP/AVP audio stream with the given codecs and telephone-event/8000. */
export function createOffer(options: OfferOptions): Sdp {
  const codecs = options.codecs ?? ['PCMU', 'PCMA'];
  if (codecs.length === 0) throw new RangeError('an offer needs at least one codec');
  const media = audioMedia({
    port: options.port,
    protocol: 'RTP/AVP',
    codecs: codecs.map((codec) => ({ codec, pt: g711PayloadType[codec] })),
    telephoneEventPt: options.telephoneEvent === false ? null : DEFAULT_TELEPHONE_EVENT_PT,
    ptime: options.ptime ?? DEFAULT_PTIME,
    direction: options.direction ?? 'sendrecv',
  });
  return session(options, [media]);
}

/** The first payload type of `media`, in its order, that is a codec in `supported`. */
function pickCodec(
  media: SdpMedia,
  supported: readonly G711Codec[],
): { codec: G711Codec; pt: number } | null {
  for (const pt of payloadTypes(media)) {
    const codec = g711Of(rtpmapFor(media, pt));
    if (codec && supported.includes(codec)) return { codec, pt };
  }
  return null;
}

/** The answer to an offered stream kefu does not take. */
const rejected: Omit<SdpMedia, 'type' | 'protocol' | 'formats'> = {
  port: 0,
  rtpmaps: [],
  fmtps: [],
  attributes: [],
  lines: [],
};

/**
 * Answers an offer (RFC 3264 §6). Throws SdpError 'no common codec' when no audio stream offers
 * PCMU/PCMA in an accepted profile, or 'no audio stream' when there is none (both are SIP 488).
 */
export function answerOffer(offer: Sdp, options: AnswerOptions): AnswerResult {
  const supported = options.supported ?? ['PCMU', 'PCMA'];
  const profiles = options.profiles ?? PLAIN_RTP_PROFILES;
  let chosen: NegotiatedMedia | null = null;
  const media = offer.media.map((m, mediaIndex): SdpMedia => {
    const usable = chosen === null && m.type === 'audio' && m.port !== 0;
    const pick = usable && profiles.includes(m.protocol) ? pickCodec(m, supported) : null;
    if (!pick) {
      // Rejected stream: port 0, formats are ignored but one must be listed (RFC 3264 §6).
      const formats = m.formats.slice(0, 1);
      return { ...rejected, type: m.type, protocol: m.protocol, formats };
    }
    const te = options.telephoneEvent === false ? null : telephoneEventPt(m);
    const direction = answerDirection(effectiveDirection(offer, m), options.direction);
    const ptime = m.ptime ?? DEFAULT_PTIME;
    chosen = {
      codec: pick.codec,
      payloadType: pick.pt,
      telephoneEventPt: te,
      remote: remoteOf(offer, m),
      direction,
      ptime,
      mediaIndex,
    };
    return audioMedia({
      port: options.port,
      protocol: m.protocol,
      codecs: [pick],
      telephoneEventPt: te,
      ptime: options.ptime ?? DEFAULT_PTIME,
      direction,
    });
  });
  if (chosen === null) {
    const hasAudio = offer.media.some((m) => m.type === 'audio' && m.port !== 0);
    throw hasAudio
      ? new SdpError('no common codec', `no offered audio stream has ${supported.join(' or ')}`)
      : new SdpError('no audio stream', 'the offer has no active audio stream');
  }
  const answer = session(options, media);
  answer.timing = offer.timing.map((t) => ({ ...t })); // t= MUST equal the offer's (§6)
  return { answer, chosen };
}

/**
 * What the answer to kefu's offer settled (RFC 3264 §7): the first accepted audio stream, the
 * first G.711 codec of the answer's list that was offered, and the answerer's telephone-event
 * payload type (the one to send with). Throws SdpError when the answer has a different number of
 * m= lines ('malformed') or accepted no G.711 stream ('no common codec').
 */
export function readAnswer(offer: Sdp, answer: Sdp): NegotiatedMedia {
  if (answer.media.length !== offer.media.length)
    throw new SdpError(
      'malformed',
      `the answer has ${answer.media.length} m= lines; the offer had ${offer.media.length}`,
    );
  for (const [mediaIndex, a] of answer.media.entries()) {
    const o = offer.media[mediaIndex];
    if (!o || a.type !== 'audio' || o.type !== 'audio' || a.port === 0 || o.port === 0) continue;
    const offered = new Set(
      payloadTypes(o)
        .map((pt) => g711Of(rtpmapFor(o, pt)))
        .filter((c) => c !== null),
    );
    const pick = pickCodec(a, [...offered]);
    if (!pick) continue;
    const [offerSend, offerRecv] = directionBits[effectiveDirection(offer, o)];
    const [answerSend, answerRecv] = directionBits[effectiveDirection(answer, a)];
    return {
      codec: pick.codec,
      payloadType: pick.pt,
      telephoneEventPt: telephoneEventPt(o) === null ? null : telephoneEventPt(a),
      remote: remoteOf(answer, a),
      direction: directionOf(offerSend && answerRecv, offerRecv && answerSend),
      ptime: a.ptime ?? DEFAULT_PTIME,
      mediaIndex,
    };
  }
  throw new SdpError('no common codec', 'the answer accepted no PCMU/PCMA audio stream');
}
