/** Customers (客户): identified by MSISDN, e-mail or a web login; a level drives priority. */
import { DomainError } from '../errors.ts';

export const customerLevels = ['normal', 'silver', 'gold', 'platinum', 'vip'] as const;
export type CustomerLevel = (typeof customerLevels)[number];

export interface Customer {
  readonly id: string;
  readonly msisdn: string | null;
  readonly name: string;
  readonly email: string | null;
  readonly level: CustomerLevel;
  readonly tags: readonly string[];
  readonly language: string;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/**
 * Normalises a phone number to international digits without '+': '+86 138-0013-8000',
 * '0086 13800138000' and (with default country 86) '13800138000' all give '8613800138000'.
 * A national number with a trunk prefix '0' loses the '0' when the country code is added.
 */
export function normalizeMsisdn(input: string, defaultCountryCode = '86'): string {
  const trimmed = input.trim();
  const digits = trimmed.replace(/[\s().-]/g, '');
  if (!/^\+?\d+$/.test(digits))
    throw new DomainError('validation.failed', 'a phone number has only digits, spaces, + - ( )', {
      field: 'msisdn',
    });
  let n: string;
  if (digits.startsWith('+')) n = digits.slice(1);
  else if (digits.startsWith('00')) n = digits.slice(2);
  else if (digits.startsWith('0')) n = defaultCountryCode + digits.slice(1);
  else if (digits.length <= 11) n = defaultCountryCode + digits;
  else n = digits;
  if (n.length < 6 || n.length > 15)
    throw new DomainError('validation.failed', 'a phone number has 6–15 digits (E.164)', {
      field: 'msisdn',
    });
  return n;
}

/**
 * The stored forms a typed or received number may match. Without a '+' an 11-digit number is
 * ambiguous (Chinese mobile '13800138000' or US '14155550100' with its country code), so a
 * lookup tries the normalised form first and then the digits as given.
 */
export function msisdnCandidates(input: string, defaultCountryCode = '86'): string[] {
  const normalized = normalizeMsisdn(input, defaultCountryCode);
  const asGiven = input
    .trim()
    .replace(/[\s().-]/g, '')
    .replace(/^\+|^00/, '');
  return asGiven !== normalized && /^\d{6,15}$/.test(asGiven)
    ? [normalized, asGiven]
    : [normalized];
}

const emailPattern = /^[^\s@<>()",;]+@[^\s@<>()",;]+\.[^\s@<>()",;]+$/;

export function normalizeEmail(input: string): string {
  const e = input.trim().toLowerCase();
  if (e.length > 254 || !emailPattern.test(e))
    throw new DomainError('validation.failed', 'not an e-mail address', { field: 'email' });
  return e;
}

export function normalizeTags(tags: readonly string[]): string[] {
  const out = [...new Set(tags.map((t) => t.trim()).filter((t) => t.length > 0))];
  if (out.some((t) => t.length > 40))
    throw new DomainError('validation.failed', 'tags are at most 40 characters', {
      field: 'tags',
    });
  return out.sort();
}
