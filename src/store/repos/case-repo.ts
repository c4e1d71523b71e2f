import { and, asc, count, desc, eq, ilike, inArray, lt, or, sql, type SQL } from 'drizzle-orm';
import type {
  CaseFilter,
  CaseNote,
  CaseReply,
  CaseRepo,
  Page,
  PageOf,
  ReplyStatus,
} from '../../app/ports/store.ts';
import type { CaseAccess } from '../../domain/access/viewer.ts';
import type { Case } from '../../domain/case/case.ts';
import { openStages, type CaseStage } from '../../domain/case/case-stage.ts';
import type { Priority } from '../../domain/case/case-type.ts';
import type { Channel } from '../../domain/contact/contact.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Db } from '../db.ts';
import { caseCounters, caseNotes, caseReplies, cases } from '../schema.ts';
import { containsPattern } from './like.ts';

type Row = typeof cases.$inferSelect;

export class DrizzleCaseRepo implements CaseRepo {
  constructor(private readonly db: Db) {}

  async insert(c: Case): Promise<void> {
    await this.db.insert(cases).values(toRow(c));
  }

  async update(c: Case): Promise<void> {
    const { id: _id, createdAt: _c, ...rest } = toRow(c);
    const r = await this.db
      .update(cases)
      .set(rest)
      .where(and(eq(cases.id, c.id), eq(cases.version, c.version - 1)))
      .returning({ id: cases.id });
    if (r.length === 0)
      throw new DomainError('case.version_conflict', 'the case was changed by someone else', {
        caseId: c.id,
      });
  }

  async get(id: string): Promise<Case | null> {
    const [r] = await this.db.select().from(cases).where(eq(cases.id, id));
    return r ? toCase(r) : null;
  }

  async getForUpdate(id: string): Promise<Case | null> {
    const [r] = await this.db.select().from(cases).where(eq(cases.id, id)).for('update');
    return r ? toCase(r) : null;
  }

  async getByNumber(n: string): Promise<Case | null> {
    const [r] = await this.db.select().from(cases).where(eq(cases.number, n));
    return r ? toCase(r) : null;
  }

  async list(f: CaseFilter, access: CaseAccess, page: Page): Promise<PageOf<Case>> {
    const conds: SQL[] = [];
    const acc = accessCondition(access);
    if (acc) conds.push(acc);
    if (f.stage) conds.push(eq(cases.stage, f.stage));
    if (f.type) conds.push(eq(cases.type, f.type));
    if (f.assigneeId) conds.push(eq(cases.assigneeId, f.assigneeId));
    if (f.teamId) {
      const t = or(eq(cases.teamId, f.teamId), eq(cases.dispatchTeamId, f.teamId));
      if (t) conds.push(t);
    }
    if (f.customerId) conds.push(eq(cases.customerId, f.customerId));
    if (f.overdueAt) {
      const due = or(lt(cases.dueAt, f.overdueAt), lt(cases.stageDueAt, f.overdueAt));
      if (due) conds.push(and(inArray(cases.stage, [...openStages]), due) as SQL);
    }
    if (f.q) {
      const like = containsPattern(f.q);
      const t = or(ilike(cases.title, like), ilike(cases.number, like));
      if (t) conds.push(t);
    }
    const where = conds.length ? and(...conds) : undefined;
    const rows = await this.db
      .select()
      .from(cases)
      .where(where)
      .orderBy(desc(cases.createdAt), asc(cases.id))
      .limit(page.limit)
      .offset(page.offset);
    const [total] = await this.db.select({ n: count() }).from(cases).where(where);
    return { items: rows.map(toCase), total: Number(total?.n ?? 0) };
  }

  async nextNumber(localDate: string): Promise<number> {
    // An upsert holds the counter row's lock until commit, so numbers never repeat.
    const [r] = await this.db
      .insert(caseCounters)
      .values({ day: localDate, n: 1 })
      .onConflictDoUpdate({ target: caseCounters.day, set: { n: sql`${caseCounters.n} + 1` } })
      .returning({ n: caseCounters.n });
    if (!r) throw new Error('case counter upsert returned nothing');
    return r.n;
  }

  async addNote(n: CaseNote): Promise<void> {
    await this.db.insert(caseNotes).values(n);
  }

  async notes(caseId: string, includeInternal: boolean): Promise<CaseNote[]> {
    const where = includeInternal
      ? eq(caseNotes.caseId, caseId)
      : and(eq(caseNotes.caseId, caseId), eq(caseNotes.internal, false));
    return this.db
      .select()
      .from(caseNotes)
      .where(where)
      .orderBy(asc(caseNotes.createdAt), asc(caseNotes.id));
  }

  async addReply(r: CaseReply): Promise<void> {
    await this.db.insert(caseReplies).values({ ...r, toAddr: r.to });
  }

  async setReplyStatus(id: string, status: ReplyStatus): Promise<void> {
    await this.db.update(caseReplies).set({ status }).where(eq(caseReplies.id, id));
  }

  async replies(caseId: string): Promise<CaseReply[]> {
    const rows = await this.db
      .select()
      .from(caseReplies)
      .where(eq(caseReplies.caseId, caseId))
      .orderBy(asc(caseReplies.createdAt), asc(caseReplies.id));
    return rows.map((r) => ({
      id: r.id,
      caseId: r.caseId,
      authorId: r.authorId,
      channel: r.channel as Channel,
      to: r.toAddr,
      subject: r.subject,
      body: r.body,
      status: r.status as ReplyStatus,
      createdAt: r.createdAt,
    }));
  }
}

/** The SQL form of the pure access rule in domain/access/viewer.ts. */
function accessCondition(a: CaseAccess): SQL | undefined {
  if (a.all) return undefined;
  const parts: (SQL | undefined)[] = [];
  if (a.assigneeId !== null) parts.push(eq(cases.assigneeId, a.assigneeId));
  if (a.ownerTeamIds.length) parts.push(inArray(cases.teamId, [...a.ownerTeamIds]));
  if (a.dispatchTeamIds.length) parts.push(inArray(cases.dispatchTeamId, [...a.dispatchTeamIds]));
  if (a.customerId !== null) parts.push(eq(cases.customerId, a.customerId));
  return parts.length ? or(...parts) : sql`false`;
}

function toRow(c: Case): typeof cases.$inferInsert {
  return { ...c, stagesVisited: [...c.stagesVisited] };
}

const toCase = (r: Row): Case => ({
  ...r,
  priority: r.priority as Priority,
  stage: r.stage as CaseStage,
  stagesVisited: r.stagesVisited as CaseStage[],
});
