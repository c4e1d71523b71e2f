import { and, asc, count, desc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type {
  ContactFilter,
  ContactRepo,
  CustomerRepo,
  CustomerSearch,
  Page,
  PageOf,
} from '../../app/ports/store.ts';
import type { Contact, Channel, Direction } from '../../domain/contact/contact.ts';
import type { Customer, CustomerLevel } from '../../domain/customer/customer.ts';
import { mapUnique, type Db } from '../db.ts';
import { contacts, customers } from '../schema.ts';
import { containsPattern } from './like.ts';

const msisdnTaken: Record<string, ['customer.msisdn_taken', string]> = {
  customers_msisdn_uq: ['customer.msisdn_taken', 'a customer with this phone number exists'],
};

export class DrizzleCustomerRepo implements CustomerRepo {
  constructor(private readonly db: Db) {}
  async insert(c: Customer): Promise<void> {
    await mapUnique(
      () => this.db.insert(customers).values({ ...c, tags: [...c.tags] }),
      msisdnTaken,
    );
  }
  async update(c: Customer): Promise<void> {
    await mapUnique(
      () =>
        this.db
          .update(customers)
          .set({
            msisdn: c.msisdn,
            name: c.name,
            email: c.email,
            level: c.level,
            tags: [...c.tags],
            language: c.language,
            updatedAt: c.updatedAt,
          })
          .where(eq(customers.id, c.id)),
      msisdnTaken,
    );
  }
  async get(id: string): Promise<Customer | null> {
    const [r] = await this.db.select().from(customers).where(eq(customers.id, id));
    return r ? toCustomer(r) : null;
  }
  async getByMsisdn(msisdn: string): Promise<Customer | null> {
    const [r] = await this.db.select().from(customers).where(eq(customers.msisdn, msisdn));
    return r ? toCustomer(r) : null;
  }
  async search(f: CustomerSearch, page: Page): Promise<PageOf<Customer>> {
    const conds: SQL[] = [];
    if (f.msisdn) conds.push(eq(customers.msisdn, f.msisdn));
    if (f.email) conds.push(eq(customers.email, f.email));
    if (f.name) conds.push(ilike(customers.name, containsPattern(f.name)));
    if (f.level) conds.push(eq(customers.level, f.level));
    if (f.tag) conds.push(sql`${customers.tags} @> ${JSON.stringify([f.tag])}::jsonb`);
    if (f.q) {
      const like = containsPattern(f.q);
      const digits = f.q.replace(/\D/g, '');
      const any = or(
        ilike(customers.name, like),
        ilike(customers.email, like),
        digits.length >= 3 ? ilike(customers.msisdn, containsPattern(digits)) : undefined,
      );
      if (any) conds.push(any);
    }
    const where = conds.length ? and(...conds) : undefined;
    const rows = await this.db
      .select()
      .from(customers)
      .where(where)
      .orderBy(asc(customers.name), asc(customers.id))
      .limit(page.limit)
      .offset(page.offset);
    const [total] = await this.db.select({ n: count() }).from(customers).where(where);
    return { items: rows.map(toCustomer), total: Number(total?.n ?? 0) };
  }
  async delete(id: string): Promise<boolean> {
    const r = await this.db
      .delete(customers)
      .where(eq(customers.id, id))
      .returning({ id: customers.id });
    return r.length > 0;
  }
}

const toCustomer = (r: typeof customers.$inferSelect): Customer => ({
  id: r.id,
  msisdn: r.msisdn,
  name: r.name,
  email: r.email,
  level: r.level as CustomerLevel,
  tags: r.tags,
  language: r.language,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});

export class DrizzleContactRepo implements ContactRepo {
  constructor(private readonly db: Db) {}
  async insert(c: Contact): Promise<void> {
    await this.db.insert(contacts).values(toRow(c));
  }
  async update(c: Contact): Promise<void> {
    const { id: _id, createdAt: _c, ...rest } = toRow(c);
    await this.db.update(contacts).set(rest).where(eq(contacts.id, c.id));
  }
  async get(id: string): Promise<Contact | null> {
    const [r] = await this.db.select().from(contacts).where(eq(contacts.id, id));
    return r ? toContact(r) : null;
  }
  async list(f: ContactFilter, page: Page): Promise<PageOf<Contact>> {
    const conds: SQL[] = [];
    if (f.customerId) conds.push(eq(contacts.customerId, f.customerId));
    if (f.caseId) conds.push(eq(contacts.caseId, f.caseId));
    if (f.channel) conds.push(eq(contacts.channel, f.channel));
    if (f.agentId) conds.push(eq(contacts.agentId, f.agentId));
    if (f.taskId) conds.push(eq(contacts.taskId, f.taskId));
    if (f.open) conds.push(isNull(contacts.endedAt));
    if (f.from) conds.push(eq(contacts.fromAddr, f.from));
    const where = conds.length ? and(...conds) : undefined;
    const rows = await this.db
      .select()
      .from(contacts)
      .where(where)
      .orderBy(desc(contacts.startedAt), asc(contacts.id))
      .limit(page.limit)
      .offset(page.offset);
    const [total] = await this.db.select({ n: count() }).from(contacts).where(where);
    return { items: rows.map(toContact), total: Number(total?.n ?? 0) };
  }
  async delete(id: string): Promise<boolean> {
    const r = await this.db
      .delete(contacts)
      .where(eq(contacts.id, id))
      .returning({ id: contacts.id });
    return r.length > 0;
  }
}

function toRow(c: Contact): typeof contacts.$inferInsert {
  return {
    id: c.id,
    channel: c.channel,
    direction: c.direction,
    fromAddr: c.from,
    toAddr: c.to,
    subject: c.subject,
    startedAt: c.startedAt,
    endedAt: c.endedAt,
    ivrData: { ...c.ivrData },
    wrapUpCode: c.wrapUpCode,
    customerId: c.customerId,
    caseId: c.caseId,
    agentId: c.agentId,
    teamId: c.teamId,
    taskId: c.taskId,
    queuedAt: c.queuedAt,
    offeredAt: c.offeredAt,
    answeredAt: c.answeredAt,
    recordingId: c.recordingId,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

const toContact = (r: typeof contacts.$inferSelect): Contact => ({
  id: r.id,
  channel: r.channel as Channel,
  direction: r.direction as Direction,
  from: r.fromAddr,
  to: r.toAddr,
  subject: r.subject,
  startedAt: r.startedAt,
  endedAt: r.endedAt,
  ivrData: r.ivrData,
  wrapUpCode: r.wrapUpCode,
  customerId: r.customerId,
  caseId: r.caseId,
  agentId: r.agentId,
  teamId: r.teamId,
  taskId: r.taskId,
  queuedAt: r.queuedAt,
  offeredAt: r.offeredAt,
  answeredAt: r.answeredAt,
  recordingId: r.recordingId,
  createdAt: r.createdAt,
  updatedAt: r.updatedAt,
});
