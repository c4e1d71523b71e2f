/**
 * Customer-portal sign-in without a password: a six-digit code by SMS, or a single-use link by
 * e-mail, both sent through the one outbox. Proving the phone or mailbox signs the customer in
 * with a normal session (customer-sign-in.ts).
 *
 * Nothing tells a caller whether a customer has that phone or address: a request for an
 * unknown one is answered, stored, counted and limited exactly like a known one; only no
 * message is sent (sending codes to strangers' phones would make kefu an SMS cannon). Its
 * challenge holds the hash of a code nobody knows, so every guess fails like a wrong code.
 *
 * Limits: a code lives 5 minutes and allows 5 guesses (the 6th is refused even if right); a
 * link lives 15 minutes and works once; requesting a new one retires the old; each phone or
 * address, and each client address, may request a few per hour; wrong guesses are also
 * throttled per client address across phones, so guessing cannot be spread over many numbers.
 */
import { DomainError } from '../../domain/errors.ts';
import { systemActor, type AppDeps } from '../app-context.ts';
import type { LoginResult } from '../auth/auth-service.ts';
import type { OutboxService } from '../messaging/outbox-service.ts';
import type { ChallengeChannel } from '../ports/portal-repo.ts';
import {
  customerByEmail,
  customerByPhone,
  normalizeAddress,
  normalizePhone,
} from './customer-lookup.ts';
import type { CustomerSignIn } from './customer-sign-in.ts';
import { codeMatches, hashCode, hashLinkToken, newCode, newLinkToken } from './portal-secrets.ts';
import { codeSms, linkMail } from './portal-texts.ts';
import { RateWindow } from './rate-window.ts';

export interface PortalAuthLimits {
  readonly codeTtlMs: number;
  readonly linkTtlMs: number;
  /** Guesses allowed per code. */
  readonly maxAttempts: number;
  /** Window of the request limits below. */
  readonly windowMs: number;
  readonly perAddress: number;
  readonly perIp: number;
  /** Wrong guesses per client address (any phone) within 15 minutes. */
  readonly failuresPerIp: number;
}

export const defaultPortalAuthLimits: PortalAuthLimits = {
  codeTtlMs: 5 * 60_000,
  linkTtlMs: 15 * 60_000,
  maxAttempts: 5,
  windowMs: 3600_000,
  perAddress: 5,
  perIp: 20,
  failuresPerIp: 30,
};

export interface PortalAuthOptions {
  /** The portal page the e-mail link opens (configured, never taken from a request's Host). */
  readonly portalUrl: string;
  readonly limits?: Partial<PortalAuthLimits> | undefined;
}

export interface ChallengeIssued {
  readonly expiresInSeconds: number;
}

type Outbox = Pick<OutboxService, 'has' | 'enqueueIn' | 'kick'>;

const invalid = (reason: string) =>
  new DomainError('portal.invalid_code', 'the code is wrong or has expired', { reason });

export class PortalAuthService {
  private readonly limits: PortalAuthLimits;
  private readonly guesses: RateWindow;
  private lastSweep = 0;

  constructor(
    private readonly deps: AppDeps,
    private readonly outbox: Outbox,
    private readonly signIn: CustomerSignIn,
    private readonly o: PortalAuthOptions,
  ) {
    this.limits = { ...defaultPortalAuthLimits, ...o.limits };
    this.guesses = new RateWindow(deps.clock, {
      windowMs: 15 * 60_000,
      limit: this.limits.failuresPerIp,
    });
  }

  /** Sends a sign-in code to the phone if it is a customer's; the answer is the same if not. */
  async requestCode(phoneInput: string, ip: string | null): Promise<ChallengeIssued> {
    const { store, config } = this.deps;
    const phone = normalizePhone(phoneInput, config.defaultCountryCode);
    this.assertChannel('sms');
    await this.assertQuota('sms', phone, ip);
    const customer = await customerByPhone(store, phone, config.defaultCountryCode);
    const code = newCode();
    const secretHash = await hashCode(code);
    const minutes = Math.round(this.limits.codeTtlMs / 60_000);
    await store.transaction(async (tx) => {
      await tx.portal.issue(this.challenge('sms', phone, secretHash, customer?.id ?? null, ip));
      if (customer)
        await this.outbox.enqueueIn(tx, systemActor, {
          channel: 'sms',
          to: customer.msisdn ?? phone,
          body: codeSms(code, minutes, customer.language),
          kind: 'otp',
        });
    });
    this.outbox.kick();
    await this.sweep();
    return { expiresInSeconds: Math.round(this.limits.codeTtlMs / 1000) };
  }

  async verifyCode(phoneInput: string, code: string, ip: string | null): Promise<LoginResult> {
    const phone = normalizePhone(phoneInput, this.deps.config.defaultCountryCode);
    this.assertNotGuessing(ip);
    const { store } = this.deps;
    const ch = await store.portal.open('sms', phone);
    if (!ch) throw this.failed(ip, 'no_code');
    if (ch.expiresAt.getTime() <= this.deps.clock.now().getTime()) throw this.failed(ip, 'expired');
    // Counted before checking, atomically, so parallel guesses cannot exceed the limit.
    if (
      ch.attempts >= this.limits.maxAttempts ||
      (await store.portal.addAttempt(ch.id)) > this.limits.maxAttempts
    )
      throw new DomainError('rate_limited', 'too many wrong codes; ask for a new code', {
        reason: 'too_many_attempts',
        retryAfterSeconds: 60,
      });
    const ok = await codeMatches(code, ch.secretHash);
    if (!ok || !ch.customerId) throw this.failed(ip, 'wrong');
    if (!(await store.portal.consume(ch.id, this.deps.clock.now()))) throw this.failed(ip, 'used');
    return this.signIn.signIn(ch.customerId, ip, 'sms');
  }

  /** Sends a sign-in link to the address if it is a customer's; the answer is the same if not. */
  async requestLink(emailInput: string, ip: string | null): Promise<ChallengeIssued> {
    const { store } = this.deps;
    const email = normalizeAddress(emailInput);
    this.assertChannel('email');
    await this.assertQuota('email', email, ip);
    const customer = await customerByEmail(store, email);
    const token = newLinkToken();
    const minutes = Math.round(this.limits.linkTtlMs / 60_000);
    const mail = linkMail(
      `${this.o.portalUrl}#login=${encodeURIComponent(token)}`,
      minutes,
      customer?.language ?? null,
    );
    await store.transaction(async (tx) => {
      const c = this.challenge('email', email, hashLinkToken(token), customer?.id ?? null, ip);
      await tx.portal.issue(c);
      if (customer)
        await this.outbox.enqueueIn(tx, systemActor, {
          channel: 'email',
          to: customer.email ?? email,
          subject: mail.subject,
          body: mail.body,
          kind: 'otp',
        });
    });
    this.outbox.kick();
    await this.sweep();
    return { expiresInSeconds: Math.round(this.limits.linkTtlMs / 1000) };
  }

  async verifyLink(token: string, ip: string | null): Promise<LoginResult> {
    this.assertNotGuessing(ip);
    const { store, clock } = this.deps;
    const ch = await store.portal.bySecret('email', hashLinkToken(token));
    if (!ch || !ch.customerId) throw this.failed(ip, 'wrong');
    if (ch.expiresAt.getTime() <= clock.now().getTime()) throw this.failed(ip, 'expired');
    if (!(await store.portal.consume(ch.id, clock.now()))) throw this.failed(ip, 'used');
    return this.signIn.signIn(ch.customerId, ip, 'email');
  }

  private challenge(
    channel: ChallengeChannel,
    address: string,
    secretHash: string,
    customerId: string | null,
    ip: string | null,
  ) {
    const now = this.deps.clock.now();
    const ttl = channel === 'sms' ? this.limits.codeTtlMs : this.limits.linkTtlMs;
    return {
      id: this.deps.ids.newId(),
      channel,
      address,
      secretHash,
      customerId,
      ip,
      attempts: 0,
      createdAt: now,
      expiresAt: new Date(now.getTime() + ttl),
      usedAt: null,
    };
  }

  /** Refused alike for every address, so an unconfigured channel reveals no customer. */
  private assertChannel(channel: ChallengeChannel): void {
    if (!this.outbox.has(channel))
      throw new DomainError('channel.unavailable', `sign-in by ${channel} is not available`, {
        channel,
      });
  }

  private async assertQuota(channel: ChallengeChannel, address: string, ip: string | null) {
    const now = this.deps.clock.now().getTime();
    const since = new Date(now - this.limits.windowMs);
    const waits = [
      this.waitMs(
        await this.deps.store.portal.issuedSince(
          { channel, address },
          since,
          this.limits.perAddress,
        ),
        this.limits.perAddress,
        now,
      ),
      ip
        ? this.waitMs(
            await this.deps.store.portal.issuedSince({ ip }, since, this.limits.perIp),
            this.limits.perIp,
            now,
          )
        : 0,
    ];
    const wait = Math.max(...waits);
    if (wait > 0)
      throw new DomainError('rate_limited', 'too many sign-in requests; try again later', {
        retryAfterSeconds: Math.ceil(wait / 1000),
      });
  }

  /** With `issued` newest first: 0 if under the limit, else until the limit-th newest ages out. */
  private waitMs(issued: readonly Date[], limit: number, now: number): number {
    const pivot = issued.length >= limit ? issued[limit - 1] : undefined;
    return pivot ? Math.max(1000, pivot.getTime() + this.limits.windowMs - now) : 0;
  }

  private assertNotGuessing(ip: string | null): void {
    const wait = ip ? this.guesses.retryAfterMs(ip) : 0;
    if (wait > 0)
      throw new DomainError('rate_limited', 'too many wrong codes from this address', {
        retryAfterSeconds: Math.ceil(wait / 1000),
      });
  }

  private failed(ip: string | null, reason: string): DomainError {
    if (ip) this.guesses.record(ip);
    return invalid(reason);
  }

  /** Old challenges only matter to the hourly counts; forget them now and then. */
  private async sweep(): Promise<void> {
    const now = this.deps.clock.now().getTime();
    if (now - this.lastSweep < this.limits.windowMs) return;
    this.lastSweep = now;
    const keep = Math.max(this.limits.windowMs, this.limits.linkTtlMs, this.limits.codeTtlMs);
    await this.deps.store.portal.deleteIssuedBefore(new Date(now - keep));
  }
}
