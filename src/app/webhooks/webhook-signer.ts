/**
 * HMAC-SHA256 (RFC 2104) of `${t}.${body}` with the subscription's secret; the header format and
 * the receiver's rules are in domain/webhook/webhook-signature.ts.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  formatSignature,
  isFreshTimestamp,
  parseSignature,
  signedPayload,
  signatureToleranceSec,
} from '../../domain/webhook/webhook-signature.ts';

/** A new secret: 32 random bytes, prefixed so it is recognisable when pasted elsewhere. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

const hmacHex = (secret: string, t: number, body: string): string =>
  createHmac('sha256', secret).update(signedPayload(t, body), 'utf8').digest('hex');

/** The `Kefu-Signature` value for a body sent at `now`. */
export function signWebhook(secret: string, body: string, now: Date): string {
  const t = Math.floor(now.getTime() / 1000);
  return formatSignature(t, [hmacHex(secret, t, body)]);
}

/** What a receiver does (kefu uses it in its own tests and docs): signature and freshness. */
export function verifyWebhook(
  secret: string,
  header: string,
  body: string,
  now: Date,
  toleranceSec = signatureToleranceSec,
): boolean {
  const p = parseSignature(header);
  if (!p || !isFreshTimestamp(p.t, now, toleranceSec)) return false;
  const want = Buffer.from(hmacHex(secret, p.t, body), 'hex');
  return p.v1.some((v) => timingSafeEqual(Buffer.from(v, 'hex'), want));
}
