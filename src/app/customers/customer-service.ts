/** Customers and their contacts (the seed's "contact data control": read, create, update, delete). */
import {
  assertContactTimes,
  assertIvrData,
  contactEvent,
  type Channel,
  type Contact,
  type Direction,
} from '../../domain/contact/contact.ts';
import {
  normalizeEmail,
  msisdnCandidates,
  normalizeMsisdn,
  normalizeTags,
  type Customer,
  type CustomerLevel,
} from '../../domain/customer/customer.ts';
import { DomainError } from '../../domain/errors.ts';
import type { DomainEvent } from '../../domain/events/domain-event.ts';
import type { Actor, AppDeps } from '../app-context.ts';
import type { ContactFilter, CustomerSearch, Page, StoreTx } from '../ports/store.ts';

export interface CustomerInput {
  readonly msisdn?: string | null | undefined;
  readonly name?: string | undefined;
  readonly email?: string | null | undefined;
  readonly level?: CustomerLevel | undefined;
  readonly tags?: readonly string[] | undefined;
  readonly language?: string | undefined;
}

export interface ContactInput {
  readonly channel: Channel;
  readonly direction: Direction;
  readonly from: string;
  readonly to: string;
  readonly subject?: string | null | undefined;
  readonly startedAt?: Date | undefined;
  readonly endedAt?: Date | null | undefined;
  readonly ivrData?: Readonly<Record<string, string>> | undefined;
  readonly wrapUpCode?: string | null | undefined;
  readonly customerId?: string | null | undefined;
  readonly caseId?: string | null | undefined;
  readonly agentId?: string | null | undefined;
  readonly teamId?: string | null | undefined;
  readonly taskId?: string | null | undefined;
  readonly queuedAt?: Date | null | undefined;
  readonly offeredAt?: Date | null | undefined;
  readonly answeredAt?: Date | null | undefined;
  readonly recordingId?: string | null | undefined;
}

const customerEvent = (
  type: string,
  c: Customer,
  payload: Record<string, unknown> = {},
): DomainEvent => ({
  type,
  subjectType: 'customer',
  subjectId: c.id,
  payload: { name: c.name, ...payload },
  // Customer records are shared by every front-office team; only admins get the raw stream.
  scope: { userIds: [], teamIds: [], dispatchTeamIds: [], customerId: c.id },
});

export class CustomerService {
  constructor(private readonly deps: AppDeps) {}

  private meta(actor: Actor) {
    return { actorId: actor.id, at: this.deps.clock.now() };
  }

  private normalize(i: CustomerInput, cur?: Customer) {
    return {
      msisdn:
        i.msisdn === undefined
          ? (cur?.msisdn ?? null)
          : i.msisdn === null
            ? null
            : normalizeMsisdn(i.msisdn, this.deps.config.defaultCountryCode),
      email:
        i.email === undefined
          ? (cur?.email ?? null)
          : i.email === null
            ? null
            : normalizeEmail(i.email),
      tags: i.tags ? normalizeTags(i.tags) : (cur?.tags ?? []),
    };
  }

  async create(actor: Actor, i: CustomerInput & { name: string }): Promise<Customer> {
    const now = this.deps.clock.now();
    const c: Customer = {
      id: this.deps.ids.newId(),
      name: i.name.trim(),
      level: i.level ?? 'normal',
      language: i.language ?? 'zh-CN',
      createdAt: now,
      updatedAt: now,
      ...this.normalize(i),
    };
    if (!c.name)
      throw new DomainError('validation.failed', 'a customer needs a name', { field: 'name' });
    return this.deps.store.transaction(async (tx) => {
      await tx.customers.insert(c);
      tx.append([customerEvent('customer.created', c)], this.meta(actor));
      return c;
    });
  }

  async update(actor: Actor, id: string, i: CustomerInput): Promise<Customer> {
    return this.deps.store.transaction(async (tx) => {
      const cur = await tx.customers.get(id);
      if (!cur) throw new DomainError('not_found', 'no such customer', { id });
      const next: Customer = {
        ...cur,
        name: i.name?.trim() || cur.name,
        level: i.level ?? cur.level,
        language: i.language ?? cur.language,
        updatedAt: this.deps.clock.now(),
        ...this.normalize(i, cur),
      };
      await tx.customers.update(next);
      tx.append(
        [customerEvent('customer.updated', next, { fields: Object.keys(i) })],
        this.meta(actor),
      );
      return next;
    });
  }

  async delete(actor: Actor, id: string): Promise<void> {
    await this.deps.store.transaction(async (tx) => {
      const cur = await tx.customers.get(id);
      if (!cur || !(await tx.customers.delete(id)))
        throw new DomainError('not_found', 'no such customer', { id });
      tx.append([customerEvent('customer.deleted', cur)], this.meta(actor));
    });
  }

  async get(actor: Actor, id: string): Promise<Customer> {
    if (actor.role === 'customer' && actor.customerId !== id)
      throw new DomainError('not_found', 'no such customer', { id });
    const c = await this.deps.store.customers.get(id);
    if (!c) throw new DomainError('not_found', 'no such customer', { id });
    return c;
  }

  async search(f: CustomerSearch, page: Page) {
    const base: CustomerSearch = {
      ...f,
      ...(f.email ? { email: f.email.trim().toLowerCase() } : {}),
    };
    if (!f.msisdn) return this.deps.store.customers.search(base, page);
    let r = { items: [] as Customer[], total: 0 };
    for (const msisdn of msisdnCandidates(f.msisdn, this.deps.config.defaultCountryCode)) {
      r = await this.deps.store.customers.search({ ...base, msisdn }, page);
      if (r.total > 0) break;
    }
    return r;
  }

  /** Finds the customer behind an address seen on a channel (caller number, e-mail sender). */
  async identify(tx: StoreTx, channel: Channel, address: string): Promise<Customer | null> {
    try {
      if (channel === 'email') {
        const r = await tx.customers.search(
          { email: normalizeEmail(address) },
          { limit: 1, offset: 0 },
        );
        return r.items[0] ?? null;
      }
      if (channel === 'voice' || channel === 'sms' || channel === 'fax') {
        for (const n of msisdnCandidates(address, this.deps.config.defaultCountryCode)) {
          const c = await tx.customers.getByMsisdn(n);
          if (c) return c;
        }
        return null;
      }
    } catch (e) {
      if (e instanceof DomainError) return null; // not an address of that kind
      throw e;
    }
    return null;
  }

  async createContact(actor: Actor, i: ContactInput): Promise<Contact> {
    return this.deps.store.transaction((tx) => this.createContactIn(tx, actor, i));
  }

  /** Records a contact inside the caller's transaction. */
  async createContactIn(tx: StoreTx, actor: Actor, i: ContactInput): Promise<Contact> {
    const now = this.deps.clock.now();
    const startedAt = i.startedAt ?? now;
    assertContactTimes(startedAt, i.endedAt ?? null);
    const ivrData = assertIvrData(i.ivrData ?? {});
    {
      let customerId = i.customerId ?? null;
      if (i.customerId === undefined) {
        const who = await this.identify(tx, i.channel, i.direction === 'inbound' ? i.from : i.to);
        customerId = who?.id ?? null;
      }
      await this.assertRefs(tx, customerId, i.caseId ?? null);
      const c: Contact = {
        id: this.deps.ids.newId(),
        channel: i.channel,
        direction: i.direction,
        from: i.from,
        to: i.to,
        subject: i.subject ?? null,
        startedAt,
        endedAt: i.endedAt ?? null,
        ivrData,
        wrapUpCode: i.wrapUpCode ?? null,
        customerId,
        caseId: i.caseId ?? null,
        agentId: i.agentId ?? (actor.role === 'agent' ? actor.id : null),
        teamId: i.teamId ?? null,
        taskId: i.taskId ?? null,
        queuedAt: i.queuedAt ?? null,
        offeredAt: i.offeredAt ?? null,
        answeredAt: i.answeredAt ?? null,
        recordingId: i.recordingId ?? null,
        createdAt: now,
        updatedAt: now,
      };
      await tx.contacts.insert(c);
      tx.append([contactEvent(c, 'contact.created')], this.meta(actor));
      return c;
    }
  }

  async updateContact(actor: Actor, id: string, i: Partial<ContactInput>): Promise<Contact> {
    return this.deps.store.transaction(async (tx) => {
      const cur = await tx.contacts.get(id);
      if (!cur) throw new DomainError('not_found', 'no such contact', { id });
      const next: Contact = {
        ...cur,
        subject: i.subject !== undefined ? i.subject : cur.subject,
        endedAt: i.endedAt !== undefined ? i.endedAt : cur.endedAt,
        // IVR data merges: a later IVR node or the agent adds keys without losing earlier ones.
        ivrData: i.ivrData ? assertIvrData({ ...cur.ivrData, ...i.ivrData }) : cur.ivrData,
        wrapUpCode: i.wrapUpCode !== undefined ? i.wrapUpCode : cur.wrapUpCode,
        customerId: i.customerId !== undefined ? i.customerId : cur.customerId,
        caseId: i.caseId !== undefined ? i.caseId : cur.caseId,
        agentId: i.agentId !== undefined ? i.agentId : cur.agentId,
        teamId: i.teamId !== undefined ? i.teamId : cur.teamId,
        taskId: i.taskId !== undefined ? i.taskId : cur.taskId,
        queuedAt: i.queuedAt !== undefined ? i.queuedAt : cur.queuedAt,
        offeredAt: i.offeredAt !== undefined ? i.offeredAt : cur.offeredAt,
        answeredAt: i.answeredAt !== undefined ? i.answeredAt : cur.answeredAt,
        recordingId: i.recordingId !== undefined ? i.recordingId : cur.recordingId,
        updatedAt: this.deps.clock.now(),
      };
      assertContactTimes(next.startedAt, next.endedAt);
      await this.assertRefs(tx, next.customerId, next.caseId);
      await tx.contacts.update(next);
      tx.append(
        [contactEvent(next, 'contact.updated', { fields: Object.keys(i) })],
        this.meta(actor),
      );
      return next;
    });
  }

  async deleteContact(actor: Actor, id: string): Promise<void> {
    await this.deps.store.transaction(async (tx) => {
      const cur = await tx.contacts.get(id);
      if (!cur || !(await tx.contacts.delete(id)))
        throw new DomainError('not_found', 'no such contact', { id });
      tx.append([contactEvent(cur, 'contact.deleted')], this.meta(actor));
    });
  }

  async getContact(id: string): Promise<Contact> {
    const c = await this.deps.store.contacts.get(id);
    if (!c) throw new DomainError('not_found', 'no such contact', { id });
    return c;
  }

  listContacts(f: ContactFilter, page: Page) {
    return this.deps.store.contacts.list(f, page);
  }

  private async assertRefs(tx: StoreTx, customerId: string | null, caseId: string | null) {
    if (customerId && !(await tx.customers.get(customerId)))
      throw new DomainError('validation.failed', `customer ${customerId} does not exist`, {
        field: 'customerId',
      });
    if (caseId && !(await tx.cases.get(caseId)))
      throw new DomainError('validation.failed', `case ${caseId} does not exist`, {
        field: 'caseId',
      });
  }
}
