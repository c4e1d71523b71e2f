/**
 * Finding the customer behind a phone number or e-mail address someone typed into the portal
 * or a web form. An e-mail address shared by several customers names none of them: signing in
 * or linking a case must never pick one of two people at random.
 */
import type { Customer } from '../../domain/customer/customer.ts';
import {
  msisdnCandidates,
  normalizeEmail,
  normalizeMsisdn,
} from '../../domain/customer/customer.ts';
import { DomainError, isDomainError } from '../../domain/errors.ts';
import type { Repositories } from '../ports/store.ts';

/** The E.164 digits of a typed phone number; a 400 naming `field` when it is not one. */
export function normalizePhone(input: string, countryCode: string, field = 'phone'): string {
  try {
    return normalizeMsisdn(input, countryCode);
  } catch (e) {
    if (isDomainError(e)) throw new DomainError('validation.failed', e.message, { field });
    throw e;
  }
}

export function normalizeAddress(input: string, field = 'email'): string {
  try {
    return normalizeEmail(input);
  } catch (e) {
    if (isDomainError(e)) throw new DomainError('validation.failed', e.message, { field });
    throw e;
  }
}

export async function customerByPhone(
  repos: Repositories,
  phone: string,
  countryCode: string,
): Promise<Customer | null> {
  for (const n of msisdnCandidates(phone, countryCode)) {
    const c = await repos.customers.getByMsisdn(n);
    if (c) return c;
  }
  return null;
}

export async function customerByEmail(
  repos: Repositories,
  email: string,
): Promise<Customer | null> {
  const r = await repos.customers.search({ email: normalizeEmail(email) }, { limit: 2, offset: 0 });
  return r.total === 1 ? (r.items[0] ?? null) : null;
}
