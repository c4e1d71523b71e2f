/**
 * Session Description Protocol (RFC 4566), as much of it as telephony needs: v, o, s, c (IN IP4 /
 * IN IP6), t, m, and the attributes rtpmap, fmtp, ptime, maxptime, rtcp (RFC 3605) and the
 * direction attributes sendrecv/sendonly/recvonly/inactive. Every other line and attribute is
 * kept, in order, at its level (session or media), so a description from Chrome or baresip can be
 * parsed and written back without losing ICE, DTLS or SSRC lines.
 *
 * formatSdp writes CRLF line ends and the line order of RFC 4566 §5 (v o s i u e p c b t r z k a,
 * then per media m i c b k a).
 */

export type SdpDirection = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
export type SdpAddressType = 'IP4' | 'IP6';

/** c= (RFC 4566 §5.7); the network type is always IN. A multicast /ttl suffix is dropped. */
export interface SdpConnection {
  addressType: SdpAddressType;
  address: string;
}

/** o= (RFC 4566 §5.2). Id and version stay strings: Chrome's ids exceed 2^53. */
export interface SdpOrigin {
  username: string;
  sessionId: string;
  sessionVersion: string;
  addressType: SdpAddressType;
  address: string;
}

/** t= (RFC 4566 §5.9), NTP seconds; 0 0 for the unbounded sessions of telephony. */
export interface SdpTiming {
  start: number;
  stop: number;
}

/** a=rtpmap:<payload type> <encoding name>/<clock rate>[/<channels>] (RFC 4566 §6). */
export interface SdpRtpMap {
  payloadType: number;
  encoding: string;
  clockRate: number;
  channels?: number;
}

/** a=fmtp:<format> <parameters> (RFC 4566 §6), parameters verbatim. */
export interface SdpFmtp {
  payloadType: number;
  parameters: string;
}

/** a=rtcp:<port> [IN <type> <address>] (RFC 3605). */
export interface SdpRtcp {
  port: number;
  connection?: SdpConnection;
}

/** An attribute kefu does not interpret: a=<name>[:<value>]. */
export interface SdpAttribute {
  name: string;
  value: string | null;
}

/** Any other line (i, u, e, p, b, r, z, k …), kept verbatim. */
export interface SdpLine {
  type: string;
  value: string;
}

/** One m= section (RFC 4566 §5.14). */
export interface SdpMedia {
  /** audio, video, application … */
  type: string;
  port: number;
  /** The /<number of ports> suffix, when present. */
  portCount?: number;
  /** RTP/AVP, RTP/AVPF, UDP/TLS/RTP/SAVPF … */
  protocol: string;
  /** Formats as written; for RTP profiles these are payload type numbers. */
  formats: string[];
  connection?: SdpConnection;
  direction?: SdpDirection;
  rtpmaps: SdpRtpMap[];
  fmtps: SdpFmtp[];
  /** a=ptime, packet time in ms. */
  ptime?: number;
  maxptime?: number;
  rtcp?: SdpRtcp;
  attributes: SdpAttribute[];
  lines: SdpLine[];
}

/** A session description; `v=0` is implied. */
export interface Sdp {
  origin: SdpOrigin;
  sessionName: string;
  connection?: SdpConnection;
  timing: SdpTiming[];
  direction?: SdpDirection;
  attributes: SdpAttribute[];
  lines: SdpLine[];
  media: SdpMedia[];
}

/** Why SDP was refused: unparseable, or (offer/answer) nothing acceptable in it. */
export type SdpErrorReason = 'malformed' | 'no common codec' | 'no audio stream';

/** Malformed SDP, or an offer kefu cannot answer; a SIP switch replies 488 to the latter. */
export class SdpError extends Error {
  override readonly name = 'SdpError';
  constructor(
    readonly reason: SdpErrorReason,
    message: string,
    /** 1-based line of the SDP text, for parse errors. */
    readonly line?: number,
  ) {
    super(line === undefined ? message : `SDP line ${line}: ${message}`);
  }
}

const directions: readonly string[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

export function isSdpDirection(value: string): value is SdpDirection {
  return directions.includes(value);
}

const lineRe = /^([a-z])=(.*)$/;
const originRe = /^(\S+) (\d+) (\d+) IN (IP4|IP6) (\S+)$/;
const connectionRe = /^IN (IP4|IP6) ([^\s/]+)(?:\/\d+){0,2}$/;
const timingRe = /^(\d+) (\d+)$/;
const mediaRe = /^(\S+) (\d+)(?:\/(\d+))? (\S+)((?: \S+)*)$/;
const rtpmapRe = /^(\d+) ([^\s/]+)\/(\d+)(?:\/(\d+))?$/;
const fmtpRe = /^(\d+) (.*)$/;
const rtcpRe = /^(\d+)(?: IN (IP4|IP6) (\S+))?$/;

type Fail = (message: string) => never;

function address(addressType: string, address: string, fail: Fail): SdpConnection {
  if ((addressType === 'IP6') !== address.includes(':'))
    fail(`address ${address} is not an IN ${addressType} address`);
  return { addressType: addressType as SdpAddressType, address };
}

function parseOrigin(value: string, fail: Fail): SdpOrigin {
  const o = originRe.exec(value) ?? fail('o= must be "<user> <id> <version> IN IP4|IP6 <addr>"');
  const { addressType, address: addr } = address(o[4]!, o[5]!, fail);
  return { username: o[1]!, sessionId: o[2]!, sessionVersion: o[3]!, addressType, address: addr };
}

function parseMedia(value: string, fail: Fail): SdpMedia {
  const m = mediaRe.exec(value) ?? fail('m= must be "<media> <port> <proto> <fmt> …"');
  const port = Number(m[2]);
  if (port > 65535) fail('port out of range');
  const media: SdpMedia = {
    type: m[1]!,
    port,
    protocol: m[4]!,
    formats: m[5]!.split(' ').filter((f) => f !== ''),
    rtpmaps: [],
    fmtps: [],
    attributes: [],
    lines: [],
  };
  if (m[3] !== undefined) media.portCount = Number(m[3]);
  return media;
}

/** Applies a media attribute kefu interprets; returns false for any other attribute. */
function applyMediaAttribute(media: SdpMedia, name: string, arg: string, fail: Fail): boolean {
  switch (name) {
    case 'rtpmap': {
      const r = rtpmapRe.exec(arg) ?? fail('a=rtpmap must be "<pt> <encoding>/<rate>[/<ch>]"');
      const payloadType = Number(r[1]);
      if (payloadType > 127) fail('payload type above 127');
      const rtpmap: SdpRtpMap = { payloadType, encoding: r[2]!, clockRate: Number(r[3]) };
      if (r[4] !== undefined) rtpmap.channels = Number(r[4]);
      media.rtpmaps.push(rtpmap);
      return true;
    }
    case 'fmtp': {
      const f = fmtpRe.exec(arg);
      if (f) media.fmtps.push({ payloadType: Number(f[1]), parameters: f[2]! });
      return f !== null;
    }
    case 'ptime':
    case 'maxptime': {
      const ms = Number(arg.trim());
      if (arg.trim() === '' || !Number.isFinite(ms) || ms <= 0)
        fail(`a=${name} must be a positive number`);
      media[name] = ms;
      return true;
    }
    case 'rtcp': {
      const r = rtcpRe.exec(arg) ?? fail('a=rtcp must be "<port> [IN IP4|IP6 <address>]"');
      media.rtcp = { port: Number(r[1]) };
      if (r[2] !== undefined) media.rtcp.connection = address(r[2], r[3]!, fail);
      return true;
    }
    default:
      return false;
  }
}

/** Parses SDP text (CRLF or LF line ends). Throws SdpError('malformed') naming the line. */
export function parseSdp(text: string): Sdp {
  let origin: SdpOrigin | undefined;
  let sessionName: string | undefined;
  const session: Omit<Sdp, 'origin' | 'sessionName'> = {
    timing: [],
    attributes: [],
    lines: [],
    media: [],
  };
  let media: SdpMedia | null = null;
  let sawVersion = false;

  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return; // tolerate blank lines and the final line end
    const fail: Fail = (message) => {
      throw new SdpError('malformed', `${message}: ${JSON.stringify(line)}`, index + 1);
    };
    const [, type = '', value = ''] = lineRe.exec(line) ?? fail('expected <type>=<value>');
    if (!sawVersion) {
      if (type !== 'v' || value !== '0') fail('SDP must start with v=0');
      sawVersion = true;
      return;
    }
    const level: SdpMedia | Omit<Sdp, 'origin' | 'sessionName'> = media ?? session;
    if (type === 'm') {
      media = parseMedia(value, fail);
      session.media.push(media);
    } else if (type === 'c') {
      if (level.connection) fail('second c= line at the same level');
      const c = connectionRe.exec(value) ?? fail('c= must be "IN IP4|IP6 <address>"');
      level.connection = address(c[1]!, c[2]!, fail);
    } else if (type === 'a') {
      const colon = value.indexOf(':');
      const name = colon < 0 ? value : value.slice(0, colon);
      const arg = colon < 0 ? null : value.slice(colon + 1);
      if (arg === null && isSdpDirection(name)) level.direction = name;
      else if (media === null || arg === null || !applyMediaAttribute(media, name, arg, fail))
        level.attributes.push({ name, value: arg });
    } else if (media !== null) {
      if ('vost'.includes(type)) fail(`${type}= belongs before the first m= line`);
      media.lines.push({ type, value });
    } else if (type === 'v') {
      fail('second v= line');
    } else if (type === 'o') {
      if (origin) fail('second o= line');
      origin = parseOrigin(value, fail);
    } else if (type === 's') {
      sessionName = value;
    } else if (type === 't') {
      const t = timingRe.exec(value) ?? fail('t= must be "<start> <stop>"');
      session.timing.push({ start: Number(t[1]), stop: Number(t[2]) });
    } else {
      session.lines.push({ type, value });
    }
  });

  if (!sawVersion) throw new SdpError('malformed', 'empty SDP');
  if (!origin) throw new SdpError('malformed', 'missing o= line');
  if (session.timing.length === 0) session.timing.push({ start: 0, stop: 0 });
  return { origin, sessionName: sessionName ?? '-', ...session };
}

/** Orders other lines by RFC 4566 §5's sequence; unknown types go last, in their given order. */
function linesOf(lines: readonly SdpLine[], types: string): string[] {
  return lines.filter((l) => types.includes(l.type)).map((l) => `${l.type}=${l.value}`);
}

function otherLines(lines: readonly SdpLine[], known: string): string[] {
  return lines.filter((l) => !known.includes(l.type)).map((l) => `${l.type}=${l.value}`);
}

function formatConnection(c: SdpConnection): string {
  return `IN ${c.addressType} ${c.address}`;
}

function formatAttribute(a: SdpAttribute): string {
  return a.value === null ? `a=${a.name}` : `a=${a.name}:${a.value}`;
}

function formatMedia(m: SdpMedia): string[] {
  const port = m.portCount === undefined ? `${m.port}` : `${m.port}/${m.portCount}`;
  const out = [`m=${[m.type, port, m.protocol, ...m.formats].join(' ')}`, ...linesOf(m.lines, 'i')];
  if (m.connection) out.push(`c=${formatConnection(m.connection)}`);
  out.push(...linesOf(m.lines, 'b'), ...linesOf(m.lines, 'k'), ...otherLines(m.lines, 'ibk'));
  // rtpmap then fmtp per payload type, in m= order; maps for unlisted types after.
  const order = (pt: number): number => {
    const i = m.formats.indexOf(String(pt));
    return i < 0 ? m.formats.length : i;
  };
  const pts = [...new Set([...m.rtpmaps, ...m.fmtps].map((x) => x.payloadType))];
  pts.sort((a, b) => order(a) - order(b));
  for (const pt of pts) {
    for (const r of m.rtpmaps.filter((x) => x.payloadType === pt)) {
      const ch = r.channels === undefined ? '' : `/${r.channels}`;
      out.push(`a=rtpmap:${pt} ${r.encoding}/${r.clockRate}${ch}`);
    }
    for (const f of m.fmtps.filter((x) => x.payloadType === pt))
      out.push(`a=fmtp:${pt} ${f.parameters}`);
  }
  if (m.rtcp) {
    const c = m.rtcp.connection ? ` ${formatConnection(m.rtcp.connection)}` : '';
    out.push(`a=rtcp:${m.rtcp.port}${c}`);
  }
  out.push(...m.attributes.map(formatAttribute));
  if (m.ptime !== undefined) out.push(`a=ptime:${m.ptime}`);
  if (m.maxptime !== undefined) out.push(`a=maxptime:${m.maxptime}`);
  if (m.direction) out.push(`a=${m.direction}`);
  return out;
}

/** Writes SDP text with CRLF line ends (RFC 4566 §5), the last line terminated too. */
export function formatSdp(sdp: Sdp): string {
  const o = sdp.origin;
  const out = [
    'v=0',
    `o=${o.username} ${o.sessionId} ${o.sessionVersion} IN ${o.addressType} ${o.address}`,
    `s=${sdp.sessionName === '' ? '-' : sdp.sessionName}`,
    ...linesOf(sdp.lines, 'iuep'),
  ];
  if (sdp.connection) out.push(`c=${formatConnection(sdp.connection)}`);
  out.push(...linesOf(sdp.lines, 'b'));
  const timing = sdp.timing.length > 0 ? sdp.timing : [{ start: 0, stop: 0 }];
  out.push(...timing.map((t) => `t=${t.start} ${t.stop}`));
  out.push(...linesOf(sdp.lines, 'r'), ...linesOf(sdp.lines, 'z'), ...linesOf(sdp.lines, 'k'));
  out.push(...otherLines(sdp.lines, 'iuepbrzk'));
  out.push(...sdp.attributes.map(formatAttribute));
  if (sdp.direction) out.push(`a=${sdp.direction}`);
  for (const m of sdp.media) out.push(...formatMedia(m));
  return out.map((l) => `${l}\r\n`).join('');
}
