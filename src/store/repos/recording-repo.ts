/** The recordings catalogue, read together with each recording's contact and router task. */
import {
  and,
  asc,
  count,
  desc,
  eq,
  gte,
  ilike,
  isNotNull,
  isNull,
  lt,
  or,
  type SQL,
} from 'drizzle-orm';
import type {
  PausedSpan,
  RecordingFilter,
  RecordingListItem,
  RecordingRepo,
} from '../../app/ports/recording-repo.ts';
import type { Page, PageOf } from '../../app/ports/store.ts';
import type { Db } from '../db.ts';
import { contacts, recordings, tasks } from '../schema.ts';
import { containsPattern } from './like.ts';

const columns = {
  contactId: recordings.contactId,
  recordingId: recordings.recordingId,
  startedAt: recordings.startedAt,
  endedAt: recordings.endedAt,
  durationMs: recordings.durationMs,
  sizeBytes: recordings.sizeBytes,
  pauses: recordings.pauses,
  deletedAt: recordings.deletedAt,
  deletedReason: recordings.deletedReason,
  agentId: contacts.agentId,
  customerId: contacts.customerId,
  from: contacts.fromAddr,
  to: contacts.toAddr,
  direction: contacts.direction,
  queueId: tasks.queueId,
  caseId: contacts.caseId,
  contactEndedAt: contacts.endedAt,
};

export class DrizzleRecordingRepo implements RecordingRepo {
  constructor(private readonly db: Db) {}

  async start(r: { contactId: string; recordingId: string; startedAt: Date }): Promise<void> {
    // A restart is a fresh row: no length, size or pauses yet, and no tombstone of an earlier one.
    const row = {
      ...r,
      endedAt: null,
      durationMs: null,
      sizeBytes: null,
      pauses: [],
      deletedAt: null,
      deletedReason: null,
    };
    await this.db
      .insert(recordings)
      .values(row)
      .onConflictDoUpdate({ target: recordings.contactId, set: row });
  }

  async finish(
    contactId: string,
    r: { endedAt: Date; durationMs: number; sizeBytes: number | null; pauses: PausedSpan[] },
  ): Promise<void> {
    await this.db.update(recordings).set(r).where(eq(recordings.contactId, contactId));
  }

  async get(contactId: string): Promise<RecordingListItem | null> {
    const [r] = await this.select().where(eq(recordings.contactId, contactId));
    return r ?? null;
  }

  async list(f: RecordingFilter, page: Page): Promise<PageOf<RecordingListItem>> {
    const conds: SQL[] = [];
    if (f.agentId) conds.push(eq(contacts.agentId, f.agentId));
    if (f.queueId) conds.push(eq(tasks.queueId, f.queueId));
    if (f.caseId) conds.push(eq(contacts.caseId, f.caseId));
    if (f.from) conds.push(gte(recordings.startedAt, f.from));
    if (f.to) conds.push(lt(recordings.startedAt, f.to));
    if (!f.includeDeleted) conds.push(isNull(recordings.deletedAt));
    if (f.customer) {
      const p = containsPattern(f.customer);
      conds.push(
        or(
          eq(contacts.customerId, f.customer),
          ilike(contacts.fromAddr, p),
          ilike(contacts.toAddr, p),
        )!,
      );
    }
    const where = conds.length ? and(...conds) : undefined;
    const items = await this.select()
      .where(where)
      .orderBy(desc(recordings.startedAt), asc(recordings.contactId))
      .limit(page.limit)
      .offset(page.offset);
    const [total] = await this.db
      .select({ n: count() })
      .from(recordings)
      .innerJoin(contacts, eq(contacts.id, recordings.contactId))
      .leftJoin(tasks, eq(tasks.id, contacts.taskId))
      .where(where);
    return { items, total: Number(total?.n ?? 0) };
  }

  async expired(before: Date, limit: number) {
    // Left join: the recording of a deleted contact still expires (its call is long over).
    return this.db
      .select({
        contactId: recordings.contactId,
        recordingId: recordings.recordingId,
        agentId: contacts.agentId,
      })
      .from(recordings)
      .leftJoin(contacts, eq(contacts.id, recordings.contactId))
      .where(
        and(
          lt(recordings.startedAt, before),
          isNotNull(recordings.endedAt),
          isNull(recordings.deletedAt),
          or(isNull(contacts.id), isNotNull(contacts.endedAt)),
        ),
      )
      .orderBy(asc(recordings.startedAt))
      .limit(limit);
  }

  async markDeleted(contactId: string, at: Date, reason: string): Promise<boolean> {
    const r = await this.db
      .update(recordings)
      .set({ deletedAt: at, deletedReason: reason })
      .where(and(eq(recordings.contactId, contactId), isNull(recordings.deletedAt)))
      .returning({ id: recordings.contactId });
    return r.length > 0;
  }

  // Inner join: a recording whose contact was deleted is not listed (its file is orphaned).
  private select() {
    return this.db
      .select(columns)
      .from(recordings)
      .innerJoin(contacts, eq(contacts.id, recordings.contactId))
      .leftJoin(tasks, eq(tasks.id, contacts.taskId))
      .$dynamic();
  }
}
