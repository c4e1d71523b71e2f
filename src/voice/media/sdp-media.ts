/**
 * Reading one m= section of a parsed description (RFC 4566) the way offer/answer (RFC 3264)
 * needs it: its effective connection and direction, and the codec behind a payload type,
 * including the static payload types of RFC 3551 that may appear without an rtpmap.
 */
import type {
  Sdp,
  SdpAddressType,
  SdpConnection,
  SdpDirection,
  SdpMedia,
  SdpRtpMap,
} from './sdp.ts';

/** Static payload types of RFC 3551 §6 (table 4) that may appear without an rtpmap. */
const staticPayloadTypes: ReadonlyMap<number, SdpRtpMap> = new Map(
  (
    [
      [0, 'PCMU', 8000],
      [3, 'GSM', 8000],
      [4, 'G723', 8000],
      [8, 'PCMA', 8000],
      [9, 'G722', 8000],
      [13, 'CN', 8000],
      [18, 'G729', 8000],
    ] as const
  ).map(([payloadType, encoding, clockRate]) => [
    payloadType,
    { payloadType, encoding, clockRate, channels: 1 },
  ]),
);

/** The rtpmap of a payload type in `media`, falling back to the static ones of RFC 3551. */
export function rtpmapFor(media: SdpMedia, payloadType: number): SdpRtpMap | undefined {
  return (
    media.rtpmaps.find((r) => r.payloadType === payloadType) ?? staticPayloadTypes.get(payloadType)
  );
}

/** The media's c= or else the session's (RFC 4566 §5.7). */
export function effectiveConnection(sdp: Sdp, media: SdpMedia): SdpConnection | undefined {
  return media.connection ?? sdp.connection;
}

/** The media's direction, else the session's, else sendrecv (RFC 3264 §5.1). */
export function effectiveDirection(sdp: Sdp, media: SdpMedia): SdpDirection {
  return media.direction ?? sdp.direction ?? 'sendrecv';
}

/** The c=/o= address type of an address: IP6 when it contains a colon, else IP4. */
export function addressType(address: string): SdpAddressType {
  return address.includes(':') ? 'IP6' : 'IP4';
}
