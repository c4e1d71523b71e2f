/**
 * The public web form (网上受理): anyone may open a case without logging in. The form is filed
 * through the inbox on the `webform` channel, so it becomes a contact, a message and a case,
 * and is routed to an agent like any other contact.
 *
 * - A honeypot field (hidden from people by CSS) filled in marks a bot: the answer looks like
 *   success, nothing is stored, and the attempt is written to the audit log.
 * - Each client address may send a few forms per window (429 with Retry-After after that).
 * - The customer is found by phone, then by e-mail; when none matches the case stays unlinked.
 *   No customer record is created: the form's identity is unverified, and a record made from
 *   it would let anyone put names and numbers into the customer base. Agents link or create
 *   the customer once they have spoken to the person.
 */
import { randomInt } from 'node:crypto';
import { formatCaseNumber } from '../../domain/case/case-number.ts';
import type { CaseStage } from '../../domain/case/case-stage.ts';
import { DomainError } from '../../domain/errors.ts';
import { localDateOf } from '../../domain/sla/zoned-time.ts';
import type { AppDeps } from '../app-context.ts';
import type { InboxService } from '../messaging/inbox-service.ts';
import {
  customerByEmail,
  customerByPhone,
  normalizeAddress,
  normalizePhone,
} from './customer-lookup.ts';
import { RateWindow, type RateLimit } from './rate-window.ts';

export interface WebForm {
  readonly name: string;
  readonly phone?: string | null | undefined;
  readonly email?: string | null | undefined;
  /** Case type code; 'query' when not given. */
  readonly type?: string | undefined;
  /** A case category id, kept on the message for the agent who classifies the case. */
  readonly category?: string | null | undefined;
  readonly subject: string;
  readonly message: string;
  /** The honeypot: people never see it, so anything in it was typed by a program. */
  readonly website?: string | null | undefined;
}

export interface WebFormReceipt {
  readonly caseNumber: string;
  readonly status: CaseStage;
}

export const defaultFormLimit: RateLimit = { windowMs: 10 * 60_000, limit: 5 };

export class WebFormService {
  private readonly perIp: RateWindow;

  constructor(
    private readonly deps: AppDeps,
    private readonly inbox: Pick<InboxService, 'receive'>,
    limit: RateLimit = defaultFormLimit,
  ) {
    this.perIp = new RateWindow(deps.clock, limit);
  }

  async submit(f: WebForm, ip: string | null): Promise<WebFormReceipt> {
    const key = ip ?? 'unknown';
    const wait = this.perIp.retryAfterMs(key);
    if (wait > 0)
      throw new DomainError('rate_limited', 'too many forms from this address; try again later', {
        retryAfterSeconds: Math.ceil(wait / 1000),
      });
    if (f.website?.trim()) {
      this.perIp.record(key);
      await this.auditBot(ip, f);
      return { caseNumber: this.decoyNumber(), status: 'accepted' };
    }
    const { store, config } = this.deps;
    const phone = f.phone?.trim() ? normalizePhone(f.phone, config.defaultCountryCode) : null;
    const email = f.email?.trim() ? normalizeAddress(f.email) : null;
    if (!phone && !email)
      throw new DomainError('validation.failed', 'give a phone number or an e-mail address', {
        field: 'phone',
      });
    const type = f.type ?? 'query';
    const def = await store.caseTypes.get(type);
    if (!def?.active)
      throw new DomainError('validation.failed', `unknown case type ${type}`, { field: 'type' });
    const category = f.category ? await store.categories.get(f.category) : null;
    if (f.category && !category)
      throw new DomainError('validation.failed', `unknown category ${f.category}`, {
        field: 'category',
      });
    const customer =
      (phone ? await customerByPhone(store, phone, config.defaultCountryCode) : null) ??
      (email ? await customerByEmail(store, email) : null);
    this.perIp.record(key);
    const r = await this.inbox.receive({
      channel: 'webform',
      from: phone ?? (email as string),
      fromName: f.name.trim(),
      to: 'form',
      subject: f.subject.trim(),
      body: f.message,
      customerId: customer?.id ?? null,
      meta: {
        form: {
          name: f.name.trim(),
          phone,
          email,
          categoryId: category?.id ?? null,
        },
      },
      openCase: { type: def.code, title: f.subject.trim(), categoryId: category?.id ?? null },
    });
    if (!r.case) throw new Error('the inbox did not open a case for a web form');
    return { caseNumber: r.case.number, status: r.case.stage };
  }

  /** A case number like the real ones, so a bot cannot tell it was caught. */
  private decoyNumber(): string {
    const day = localDateOf(this.deps.clock.now(), this.deps.config.timeZone);
    return formatCaseNumber(day, randomInt(1, 1000));
  }

  private async auditBot(ip: string | null, f: WebForm): Promise<void> {
    await this.deps.store.audit.insert({
      at: this.deps.clock.now(),
      actorId: null,
      actorName: null,
      action: 'form.honeypot',
      targetType: 'form',
      targetId: null,
      ip,
      outcome: 'denied',
      details: {
        website: f.website?.slice(0, 200) ?? null,
        subject: f.subject.slice(0, 200),
        name: f.name.slice(0, 100),
      },
    });
  }
}
