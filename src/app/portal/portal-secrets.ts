/**
 * The secrets of portal sign-in. A six-digit SMS code has little entropy, so it is stored as a
 * salted scrypt hash (cracking one takes longer than it lives) and compared in constant time;
 * an e-mail link token has 256 bits, so a SHA-256 digest is enough and doubles as its lookup key
 * (timing of that lookup tells an attacker nothing without a preimage of the digest).
 */
import { createHash, randomBytes, randomInt } from 'node:crypto';
import { hashPassword, verifyPassword } from '../auth/password-hash.ts';

export const codeDigits = 6;

export const newCode = (): string =>
  String(randomInt(0, 10 ** codeDigits)).padStart(codeDigits, '0');

export const hashCode = (code: string): Promise<string> => hashPassword(code);

/** Constant-time check of a typed code against its stored hash. */
export const codeMatches = (code: string, stored: string): Promise<boolean> =>
  verifyPassword(code, stored);

export const newLinkToken = (): string => randomBytes(32).toString('base64url');

export const hashLinkToken = (token: string): string =>
  createHash('sha256').update(token).digest('base64url');
