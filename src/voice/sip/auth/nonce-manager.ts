/**
 * Stateless server nonces (RFC 7616 §3.3 and §5.4 suggest "time-stamp H(time-stamp ":" ETag ":"
 * secret-data)"; RFC 2617 §3.2.1 the same shape):
 *
 *   nonce = base64url( timestamp(8 bytes, ms, big-endian) ‖ random(16) ‖
 *                      HMAC-SHA256(secret, timestamp ‖ random ‖ realm) )
 *
 * Any node holding the secret can check a nonce without having stored it, and a nonce issued
 * for one realm is refused in another. A nonce older than `ttlMs` is answered `stale`, so the
 * challenge carries stale=TRUE and the phone retries without asking its user (RFC 7616 §3.3).
 *
 * Replay (RFC 7616 §3.4, §5.4; RFC 3261 §22.4): for qop=auth the client counts its uses of a
 * nonce in `nc`; {@link NonceManager.acceptNonceCount} insists that count grows, remembering the
 * last one per nonce in a bounded LRU. Record a count only after the response verified, so a
 * guessing attacker cannot burn the counts of a real phone.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export type NonceStatus = 'valid' | 'stale' | 'invalid';

export interface NonceManagerOptions {
  /** HMAC key, at least 16 bytes; share it between nodes that answer the same phones. */
  readonly secret: string | Uint8Array;
  /** Realm used when `issue`/`check` are called without one. */
  readonly realm?: string;
  /** Lifetime of a nonce (default 300 s). */
  readonly ttlMs?: number;
  /** How far in the future a timestamp may lie (clock skew between nodes; default 5 s). */
  readonly maxSkewMs?: number;
  /** Nonces whose last `nc` is remembered (default 10 000; least recently used forgotten). */
  readonly maxTracked?: number;
  /** Source of random bytes (tests may fix it). */
  readonly random?: (size: number) => Uint8Array;
}

const timestampBytes = 8;
const randomSize = 16;
const macSize = 32;
const nonceBytes = timestampBytes + randomSize + macSize;
/** base64url without padding of 56 bytes. */
const nonceShape = /^[A-Za-z0-9_-]{75}$/;

export class NonceManager {
  readonly ttlMs: number;
  private readonly secret: Buffer;
  private readonly defaultRealm: string;
  private readonly maxSkewMs: number;
  private readonly maxTracked: number;
  private readonly random: (size: number) => Uint8Array;
  /** nonce → highest nc accepted; Map order is the LRU order (oldest first). */
  private readonly counts = new Map<string, number>();

  constructor(options: NonceManagerOptions) {
    this.secret = Buffer.from(options.secret);
    if (this.secret.length < 16) throw new RangeError('nonce secret must be at least 16 bytes');
    this.defaultRealm = options.realm ?? '';
    this.ttlMs = options.ttlMs ?? 300_000;
    this.maxSkewMs = options.maxSkewMs ?? 5_000;
    this.maxTracked = options.maxTracked ?? 10_000;
    this.random = options.random ?? randomBytes;
    if (!(this.ttlMs > 0)) throw new RangeError('ttlMs must be positive');
    if (!(this.maxTracked >= 1)) throw new RangeError('maxTracked must be at least 1');
  }

  /** A fresh nonce issued at `now` (ms since the epoch) for `realm`. */
  issue(now: number, realm: string = this.defaultRealm): string {
    const buf = Buffer.alloc(nonceBytes);
    buf.writeBigUInt64BE(BigInt(Math.max(0, Math.floor(now))), 0);
    const rnd = this.random(randomSize);
    if (rnd.length !== randomSize) throw new RangeError(`random must give ${randomSize} bytes`);
    buf.set(rnd, timestampBytes);
    this.mac(buf.subarray(0, timestampBytes + randomSize), realm).copy(
      buf,
      timestampBytes + randomSize,
    );
    return buf.toString('base64url');
  }

  /**
   * `valid`: ours, for this realm, within its lifetime. `stale`: ours and for this realm, but
   * expired. `invalid`: malformed, forged, for another realm, or dated in the future.
   */
  check(nonce: string, now: number, realm: string = this.defaultRealm): NonceStatus {
    const issuedAt = this.verifiedTimestamp(nonce, realm);
    if (issuedAt === undefined) return 'invalid';
    if (issuedAt > now + this.maxSkewMs) return 'invalid';
    return now - issuedAt > this.ttlMs ? 'stale' : 'valid';
  }

  /** When a genuine nonce was issued (ms), or undefined if it is not one of ours for `realm`. */
  issuedAt(nonce: string, realm: string = this.defaultRealm): number | undefined {
    return this.verifiedTimestamp(nonce, realm);
  }

  /**
   * Records that `nonce` was used with count `nc` (RFC 7616 §3.4: "nc … MUST be incremented")
   * and answers true, unless a count at least as high was already accepted — a replay — in which
   * case nothing changes and it answers false.
   */
  acceptNonceCount(nonce: string, nc: number): boolean {
    const last = this.counts.get(nonce);
    if (last !== undefined && nc <= last) return false;
    this.counts.delete(nonce);
    this.counts.set(nonce, nc);
    while (this.counts.size > this.maxTracked) {
      const oldest = this.counts.keys().next();
      if (oldest.done) break;
      this.counts.delete(oldest.value);
    }
    return true;
  }

  /** Nonces whose count is currently remembered (bounded by `maxTracked`). */
  get tracked(): number {
    return this.counts.size;
  }

  private mac(data: Buffer, realm: string): Buffer {
    return createHmac('sha256', this.secret).update(data).update(realm, 'utf8').digest();
  }

  private verifiedTimestamp(nonce: string, realm: string): number | undefined {
    if (typeof nonce !== 'string' || !nonceShape.test(nonce)) return undefined;
    const buf = Buffer.from(nonce, 'base64url');
    // Reject non-canonical spellings (stray low bits in the last character) so one nonce has
    // exactly one text form and the nc bookkeeping cannot be sidestepped.
    if (buf.length !== nonceBytes || buf.toString('base64url') !== nonce) return undefined;
    const expected = this.mac(buf.subarray(0, timestampBytes + randomSize), realm);
    if (!timingSafeEqual(expected, buf.subarray(timestampBytes + randomSize))) return undefined;
    return Number(buf.readBigUInt64BE(0));
  }
}
