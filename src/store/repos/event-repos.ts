/** The event log (append in transactions, read by sequence) and the audit trail. */
import { and, asc, count, desc, eq, gt, gte, lt, max, or, sql, type SQL } from 'drizzle-orm';
import type { AuditEntry, AuditRepo, EventReader, Page } from '../../app/ports/store.ts';
import { caseAccess, type Viewer } from '../../domain/access/viewer.ts';
import type { DomainEvent, LoggedEvent } from '../../domain/events/domain-event.ts';
import type { Db } from '../db.ts';
import { auditLog, eventCounter, events } from '../schema.ts';

/**
 * Numbers and writes events. Taking the counter row's lock (UPDATE … RETURNING) serialises
 * appenders until they commit, so sequence order is commit order and a rolled-back transaction
 * leaves no gap: a reader paging with `after=SEQ` never misses a late commit.
 */
export async function appendEvents(
  db: Db,
  batch: readonly { event: DomainEvent; actorId: string | null; at: Date }[],
): Promise<LoggedEvent[]> {
  if (batch.length === 0) return [];
  const [r] = await db
    .update(eventCounter)
    .set({ seq: sql`${eventCounter.seq} + ${batch.length}` })
    .where(eq(eventCounter.id, 1))
    .returning({ seq: eventCounter.seq });
  if (!r) throw new Error('event counter row missing: run migrations');
  const first = Number(r.seq) - batch.length + 1;
  const logged: LoggedEvent[] = batch.map((b, i) => ({
    ...b.event,
    seq: first + i,
    at: b.at,
    actorId: b.actorId,
  }));
  for (let i = 0; i < logged.length; i += 500) {
    await db.insert(events).values(
      logged.slice(i, i + 500).map((e) => ({
        seq: e.seq,
        type: e.type,
        at: e.at,
        actorId: e.actorId,
        subjectType: e.subjectType,
        subjectId: e.subjectId,
        scope: {
          userIds: [...e.scope.userIds],
          teamIds: [...e.scope.teamIds],
          dispatchTeamIds: [...e.scope.dispatchTeamIds],
          customerId: e.scope.customerId,
        },
        payload: e.payload,
      })),
    );
  }
  return logged;
}

/** The SQL form of `canSeeEvent` in domain/access/viewer.ts, built from the same CaseAccess. */
function visibleTo(v: Viewer): SQL | undefined {
  const a = caseAccess(v);
  if (a.all) return undefined;
  const has = (key: string, value: string) =>
    sql`${events.scope}->${key} @> ${JSON.stringify([value])}::jsonb`;
  const parts: SQL[] = [];
  if (a.assigneeId !== null) parts.push(has('userIds', a.assigneeId));
  for (const t of a.ownerTeamIds) parts.push(has('teamIds', t));
  for (const t of a.dispatchTeamIds) parts.push(has('dispatchTeamIds', t));
  if (a.customerId !== null) parts.push(sql`${events.scope}->>'customerId' = ${a.customerId}`);
  return parts.length ? or(...parts) : sql`false`;
}

export class DrizzleEventReader implements EventReader {
  constructor(private readonly db: Db) {}
  async after(after: number, limit: number, viewer: Viewer | null): Promise<LoggedEvent[]> {
    const conds = [gt(events.seq, after), viewer ? visibleTo(viewer) : undefined];
    const rows = await this.db
      .select()
      .from(events)
      .where(and(...conds))
      .orderBy(asc(events.seq))
      .limit(limit);
    return rows.map(toEvent);
  }
  async since(from: Date, afterSeq: number, limit: number): Promise<LoggedEvent[]> {
    const rows = await this.db
      .select()
      .from(events)
      .where(and(gte(events.at, from), gt(events.seq, afterSeq)))
      .orderBy(asc(events.seq))
      .limit(limit);
    return rows.map(toEvent);
  }
  async ofType(
    type: string,
    from: Date,
    to: Date,
    afterSeq: number,
    limit: number,
  ): Promise<LoggedEvent[]> {
    // events_type_idx (type, seq) walks one type in order; the time bounds filter it.
    const rows = await this.db
      .select()
      .from(events)
      .where(
        and(
          eq(events.type, type),
          gt(events.seq, afterSeq),
          gte(events.at, from),
          lt(events.at, to),
        ),
      )
      .orderBy(asc(events.seq))
      .limit(limit);
    return rows.map(toEvent);
  }
  async forSubject(subjectType: string, subjectId: string, limit: number): Promise<LoggedEvent[]> {
    const rows = await this.db
      .select()
      .from(events)
      .where(and(eq(events.subjectType, subjectType), eq(events.subjectId, subjectId)))
      .orderBy(asc(events.seq))
      .limit(limit);
    return rows.map(toEvent);
  }
  async lastSeq(): Promise<number> {
    const [r] = await this.db.select({ m: max(events.seq) }).from(events);
    return Number(r?.m ?? 0);
  }
}

const toEvent = (r: typeof events.$inferSelect): LoggedEvent => ({
  seq: Number(r.seq),
  type: r.type,
  at: r.at,
  actorId: r.actorId,
  subjectType: r.subjectType,
  subjectId: r.subjectId,
  scope: r.scope,
  payload: r.payload,
});

export class DrizzleAuditRepo implements AuditRepo {
  constructor(private readonly db: Db) {}
  async insert(e: AuditEntry): Promise<void> {
    await this.db.insert(auditLog).values(e);
  }
  async list(f: { actorId?: string; action?: string }, page: Page) {
    const conds: SQL[] = [];
    if (f.actorId) conds.push(eq(auditLog.actorId, f.actorId));
    if (f.action) conds.push(eq(auditLog.action, f.action));
    const where = conds.length ? and(...conds) : undefined;
    const rows = await this.db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(page.limit)
      .offset(page.offset);
    const [total] = await this.db.select({ n: count() }).from(auditLog).where(where);
    return {
      items: rows.map((r) => ({ ...r, outcome: r.outcome as AuditEntry['outcome'] })),
      total: Number(total?.n ?? 0),
    };
  }
}
