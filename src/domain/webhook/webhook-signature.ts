/**
 * The signature header on every webhook request, in the style Stripe documents:
 *
 *   Kefu-Signature: t=1764468000,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd
 *
 * `v1` is the hex HMAC-SHA256 (RFC 2104, FIPS 180-4) keyed with the subscription's secret over
 * `${t}.${body}` — the Unix time in seconds, a dot, and the raw request body. A receiver:
 * 1. parses t and every v1 (during a rotation there may be more than one),
 * 2. computes the HMAC over `${t}.${rawBody}` with its secret and compares in constant time,
 * 3. rejects t more than 5 minutes from its own clock, so a captured request cannot be replayed
 *    later. Then it de-duplicates by `Kefu-Event-Id`.
 * The HMAC itself is computed in the app layer (node:crypto); this file is the pure format.
 */
export const signatureHeaderName = 'Kefu-Signature';
export const eventIdHeaderName = 'Kefu-Event-Id';
export const eventTypeHeaderName = 'Kefu-Event-Type';
export const deliveryIdHeaderName = 'Kefu-Delivery-Id';
/** How far a receiver should accept a timestamp from its own clock. */
export const signatureToleranceSec = 300;

export const signedPayload = (t: number, body: string): string => `${t}.${body}`;

export function formatSignature(t: number, v1: readonly string[]): string {
  return [`t=${t}`, ...v1.map((s) => `v1=${s}`)].join(',');
}

/** Null when the header is not `t=<int>,v1=<hex>[,v1=…]` (unknown schemes are ignored). */
export function parseSignature(header: string): { t: number; v1: string[] } | null {
  let t: number | null = null;
  const v1: string[] = [];
  for (const part of header.split(',')) {
    const eq = part.indexOf('=');
    if (eq < 0) return null;
    const k = part.slice(0, eq).trim();
    const v = part.slice(eq + 1).trim();
    if (k === 't') {
      if (!/^\d{1,12}$/.test(v)) return null;
      t = Number(v);
    } else if (k === 'v1') {
      if (!/^[0-9a-f]{64}$/.test(v)) return null;
      v1.push(v);
    }
  }
  return t === null || v1.length === 0 ? null : { t, v1 };
}

export function isFreshTimestamp(
  t: number,
  now: Date,
  toleranceSec = signatureToleranceSec,
): boolean {
  return Math.abs(Math.floor(now.getTime() / 1000) - t) <= toleranceSec;
}
