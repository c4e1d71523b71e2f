/**
 * Digest hash algorithms kefu speaks: MD5 (RFC 2617 §3.2.1, the RFC 3261 §22.4 baseline every
 * phone supports) and SHA-256 (RFC 7616 §3.2, brought to SIP by RFC 8760 §2). The "-sess"
 * variants and SHA-512-256 are not offered, so credentials naming them are refused.
 */
import { createHash } from 'node:crypto';

export const digestAlgorithms = ['SHA-256', 'MD5'] as const;

export type DigestAlgorithm = (typeof digestAlgorithms)[number];

/** Hashes `input` (UTF-8) with `algorithm` and answers lowercase hex (RFC 7616 §3.4: "H(data)"). */
export type DigestHash = (algorithm: DigestAlgorithm, input: string) => string;

export const nodeDigestHash: DigestHash = (algorithm, input) =>
  createHash(algorithm === 'MD5' ? 'md5' : 'sha256')
    .update(input, 'utf8')
    .digest('hex');

/** Length in hex digits of a hash of `algorithm` (MD5 128 bits, SHA-256 256 bits). */
export function hexLength(algorithm: DigestAlgorithm): number {
  return algorithm === 'MD5' ? 32 : 64;
}

/**
 * Reads an `algorithm` token case-insensitively (RFC 7616 §3.3: tokens are case-insensitive);
 * answers undefined for anything kefu does not support.
 */
export function parseDigestAlgorithm(token: string): DigestAlgorithm | undefined {
  const t = token.toUpperCase();
  return t === 'MD5' ? 'MD5' : t === 'SHA-256' ? 'SHA-256' : undefined;
}
