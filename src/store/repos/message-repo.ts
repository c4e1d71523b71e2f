import { and, asc, desc, eq, inArray, isNull, lte, or, sql, type SQL } from 'drizzle-orm';
import type { MessageRepo, NewAttachment, StoredAttachment } from '../../app/ports/message-repo.ts';
import type {
  AttachmentInfo,
  Message,
  MessageChannel,
  MessageMeta,
  MessageStatus,
} from '../../domain/message/message.ts';
import type { Db } from '../db.ts';
import { attachments, messages } from '../schema.ts';

type Row = typeof messages.$inferSelect;

export class DrizzleMessageRepo implements MessageRepo {
  constructor(private readonly db: Db) {}

  async insert(m: Message, files: readonly NewAttachment[]): Promise<void> {
    await this.db.insert(messages).values(toRow(m));
    if (files.length)
      await this.db.insert(attachments).values(
        files.map((f, position) => ({
          id: f.id,
          position,
          messageId: m.id,
          filename: f.filename,
          contentType: f.contentType,
          size: f.data.byteLength,
          data: f.data,
          createdAt: m.createdAt,
        })),
      );
  }

  async update(m: Message): Promise<void> {
    await this.db
      .update(messages)
      .set({
        caseId: m.caseId,
        customerId: m.customerId,
        status: m.status,
        externalId: m.externalId,
        meta: { ...m.meta },
        attempts: m.attempts,
        nextAttemptAt: m.nextAttemptAt,
        updatedAt: m.updatedAt,
        sentAt: m.sentAt,
        deliveredAt: m.deliveredAt,
      })
      .where(eq(messages.id, m.id));
  }

  async get(id: string): Promise<Message | null> {
    const [r] = await this.db.select().from(messages).where(eq(messages.id, id));
    return this.one(r);
  }

  async getForUpdate(id: string): Promise<Message | null> {
    const [r] = await this.db.select().from(messages).where(eq(messages.id, id)).for('update');
    return this.one(r);
  }

  async byExternalId(
    channel: MessageChannel,
    externalId: string,
    direction?: 'inbound' | 'outbound',
  ): Promise<Message | null> {
    const [r] = await this.db
      .select()
      .from(messages)
      .where(
        and(
          eq(messages.channel, channel),
          eq(messages.externalId, externalId),
          direction ? eq(messages.direction, direction) : undefined,
        ),
      )
      .orderBy(desc(messages.createdAt))
      .limit(1);
    return this.one(r);
  }

  async firstByExternalIds(
    channel: MessageChannel,
    ids: readonly string[],
  ): Promise<Message | null> {
    if (ids.length === 0) return null;
    const rows = await this.db
      .select()
      .from(messages)
      .where(and(eq(messages.channel, channel), inArray(messages.externalId, [...ids])));
    const best = ids.map((id) => rows.find((r) => r.externalId === id)).find((r) => r);
    return this.one(best);
  }

  ofContact(contactId: string): Promise<Message[]> {
    return this.timeline(eq(messages.contactId, contactId));
  }

  async fileUnderCase(contactId: string, caseId: string): Promise<number> {
    const r = await this.db
      .update(messages)
      .set({ caseId })
      .where(and(eq(messages.contactId, contactId), isNull(messages.caseId)))
      .returning({ id: messages.id });
    return r.length;
  }

  ofCase(caseId: string): Promise<Message[]> {
    return this.timeline(eq(messages.caseId, caseId));
  }

  /** Messages matching `where`, oldest first, with their attachment lists. */
  private async timeline(where: SQL): Promise<Message[]> {
    const rows = await this.db
      .select()
      .from(messages)
      .where(where)
      .orderBy(asc(messages.createdAt), asc(messages.id));
    return this.withFiles(rows);
  }

  private async one(r: Row | undefined): Promise<Message | null> {
    return r ? ((await this.withFiles([r]))[0] ?? null) : null;
  }

  async lastOutboundTo(channel: MessageChannel, to: string, kind: string): Promise<Message | null> {
    const [r] = await this.db
      .select()
      .from(messages)
      .where(
        and(
          eq(messages.channel, channel),
          eq(messages.direction, 'outbound'),
          eq(messages.toAddr, to),
          sql`${messages.meta}->>'kind' = ${kind}`,
        ),
      )
      .orderBy(desc(messages.createdAt))
      .limit(1);
    return this.one(r);
  }

  async due(now: Date, limit: number): Promise<Message[]> {
    const rows = await this.db
      .select()
      .from(messages)
      .where(
        and(
          eq(messages.status, 'queued'),
          or(isNull(messages.nextAttemptAt), lte(messages.nextAttemptAt, now)),
        ),
      )
      .orderBy(asc(messages.createdAt))
      .limit(limit);
    return this.withFiles(rows);
  }

  async requeueStale(now: Date): Promise<number> {
    const r = await this.db
      .update(messages)
      .set({ status: 'queued', nextAttemptAt: now, updatedAt: now })
      .where(eq(messages.status, 'sending'))
      .returning({ id: messages.id });
    return r.length;
  }

  async attachment(id: string): Promise<StoredAttachment | null> {
    const [r] = await this.db.select().from(attachments).where(eq(attachments.id, id));
    return r ? toStored(r) : null;
  }

  async attachmentsOf(messageId: string): Promise<StoredAttachment[]> {
    const rows = await this.db
      .select()
      .from(attachments)
      .where(eq(attachments.messageId, messageId))
      .orderBy(asc(attachments.position), asc(attachments.id));
    return rows.map(toStored);
  }

  /** Adds the attachment list (without data) to each message in one query. */
  private async withFiles(rows: Row[]): Promise<Message[]> {
    if (rows.length === 0) return [];
    const files = await this.db
      .select({
        id: attachments.id,
        messageId: attachments.messageId,
        filename: attachments.filename,
        contentType: attachments.contentType,
        size: attachments.size,
      })
      .from(attachments)
      .where(
        inArray(
          attachments.messageId,
          rows.map((r) => r.id),
        ),
      )
      .orderBy(asc(attachments.position), asc(attachments.id));
    const by = new Map<string, AttachmentInfo[]>();
    for (const f of files) {
      const list = by.get(f.messageId) ?? [];
      list.push({ id: f.id, filename: f.filename, contentType: f.contentType, size: f.size });
      by.set(f.messageId, list);
    }
    return rows.map((r) => toMessage(r, by.get(r.id) ?? []));
  }
}

function toStored(r: typeof attachments.$inferSelect): StoredAttachment {
  return {
    id: r.id,
    messageId: r.messageId,
    filename: r.filename,
    contentType: r.contentType,
    size: r.size,
    data: new Uint8Array(r.data),
  };
}

function toRow(m: Message): typeof messages.$inferInsert {
  return {
    id: m.id,
    contactId: m.contactId,
    caseId: m.caseId,
    customerId: m.customerId,
    channel: m.channel,
    direction: m.direction,
    fromAddr: m.from,
    toAddr: m.to,
    subject: m.subject,
    body: m.body,
    status: m.status,
    externalId: m.externalId,
    meta: { ...m.meta },
    authorId: m.authorId,
    attempts: m.attempts,
    nextAttemptAt: m.nextAttemptAt,
    createdAt: m.createdAt,
    updatedAt: m.updatedAt,
    sentAt: m.sentAt,
    deliveredAt: m.deliveredAt,
  };
}

function toMessage(r: Row, files: AttachmentInfo[]): Message {
  return {
    id: r.id,
    contactId: r.contactId,
    caseId: r.caseId,
    customerId: r.customerId,
    channel: r.channel as MessageChannel,
    direction: r.direction as 'inbound' | 'outbound',
    from: r.fromAddr,
    to: r.toAddr,
    subject: r.subject,
    body: r.body,
    status: r.status as MessageStatus,
    externalId: r.externalId,
    meta: r.meta as MessageMeta,
    authorId: r.authorId,
    attempts: r.attempts,
    nextAttemptAt: r.nextAttemptAt,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    sentAt: r.sentAt,
    deliveredAt: r.deliveredAt,
    attachments: files,
  };
}
