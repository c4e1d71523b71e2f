/**
 * Hold, resume and other re-offers within a session (RFC 3264 §8): detecting hold in a peer's
 * description and producing kefu's next offer with the o= version rules.
 */
import { SdpError, type Sdp, type SdpDirection, type SdpMedia } from './sdp.ts';
import { addressType, effectiveConnection, effectiveDirection } from './sdp-media.ts';

function usesIce(sdp: Sdp, media: SdpMedia): boolean {
  const ice = (attrs: Sdp['attributes']): boolean =>
    attrs.some((a) => a.name === 'ice-ufrag' || a.name === 'candidate');
  return ice(media.attributes) || ice(sdp.attributes);
}

/**
 * Whether the description puts its first audio stream on hold: a=sendonly or a=inactive (RFC 3264
 * §8.4), or the RFC 2543 style c=0.0.0.0 — which is not hold in ICE descriptions (Chrome writes
 * c=IN IP4 0.0.0.0 and lets ICE find the address).
 */
export function isHold(sdp: Sdp): boolean {
  const m = sdp.media.find((x) => x.type === 'audio' && x.port !== 0);
  if (!m) return false;
  const direction = effectiveDirection(sdp, m);
  if (direction === 'sendonly' || direction === 'inactive') return true;
  return effectiveConnection(sdp, m)?.address === '0.0.0.0' && !usesIce(sdp, m);
}

/** A copy with the o= session version incremented by one (RFC 3264 §8). */
export function bumpVersion(sdp: Sdp): Sdp {
  const next = structuredClone(sdp);
  next.origin.sessionVersion = (BigInt(sdp.origin.sessionVersion) + 1n).toString();
  return next;
}

export interface ReofferChanges {
  /** New direction of the audio stream: sendonly (or inactive) to hold, sendrecv to resume. */
  direction?: SdpDirection;
  /** New media address. */
  address?: string;
  port?: number;
}

/**
 * A new offer in the same session (RFC 3264 §8): the previous one with the changes applied to
 * its first audio stream, the o= version incremented by one when anything changed and kept when
 * nothing did.
 */
export function reoffer(previous: Sdp, changes: ReofferChanges): Sdp {
  const next = structuredClone(previous);
  const m = next.media.find((x) => x.type === 'audio' && x.port !== 0);
  if (!m) throw new SdpError('no audio stream', 'the previous offer has no active audio stream');
  if (changes.direction && effectiveDirection(next, m) !== changes.direction)
    m.direction = changes.direction;
  if (changes.port !== undefined) m.port = changes.port;
  if (changes.address !== undefined) {
    const connection = { addressType: addressType(changes.address), address: changes.address };
    if (m.connection) m.connection = connection;
    else next.connection = connection;
  }
  const changed = JSON.stringify(next) !== JSON.stringify(previous);
  return changed ? bumpVersion(next) : next;
}
