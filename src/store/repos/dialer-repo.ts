/** Dialer campaigns, records (attempts are a JSON array on the record) and the DNC list. */
import { and, asc, count, eq, gte, isNull, lte, sql } from 'drizzle-orm';
import type { DialerRepo } from '../../app/ports/dialer-repo.ts';
import type { Page, PageOf } from '../../app/ports/store.ts';
import type { Campaign } from '../../domain/dialer/campaign.ts';
import type {
  CampaignRecord,
  DialAttempt,
  DialResult,
  RecordState,
} from '../../domain/dialer/campaign-record.ts';
import type { DncEntry } from '../../domain/dialer/dnc.ts';
import type { Db } from '../db.ts';
import { dialerCampaigns, dialerRecords, dncEntries } from '../schema.ts';

type CampaignRow = typeof dialerCampaigns.$inferSelect;
type RecordRow = typeof dialerRecords.$inferSelect;

const campaignOf = (r: CampaignRow): Campaign => ({
  ...r,
  kind: r.kind as Campaign['kind'],
  mode: r.mode as Campaign['mode'],
  state: r.state as Campaign['state'],
  retry: r.retry as Campaign['retry'],
});
const campaignRow = (c: Campaign): CampaignRow => ({
  ...c,
  windows: c.windows as CampaignRow['windows'],
  holidays: [...c.holidays],
  retry: { ...c.retry },
});

const attemptOf = (a: RecordRow['attempts'][number]): DialAttempt => ({
  at: new Date(a.at),
  result: a.result as DialResult,
  agentId: a.agentId,
});
const recordOf = (r: RecordRow): CampaignRecord => ({
  ...r,
  state: r.state as RecordState,
  attempts: r.attempts.map(attemptOf),
});
const recordRow = (r: CampaignRecord): RecordRow => ({
  ...r,
  data: { ...r.data },
  attempts: r.attempts.map((a) => ({ ...a, at: a.at.toISOString() })),
});

export class DrizzleDialerRepo implements DialerRepo {
  constructor(private readonly db: Db) {}

  async insertCampaign(c: Campaign): Promise<void> {
    await this.db.insert(dialerCampaigns).values(campaignRow(c));
  }

  async updateCampaign(c: Campaign): Promise<void> {
    const { id, ...rest } = campaignRow(c);
    await this.db.update(dialerCampaigns).set(rest).where(eq(dialerCampaigns.id, id));
  }

  async getCampaign(id: string): Promise<Campaign | null> {
    const [r] = await this.db.select().from(dialerCampaigns).where(eq(dialerCampaigns.id, id));
    return r ? campaignOf(r) : null;
  }

  async getCampaignForUpdate(id: string): Promise<Campaign | null> {
    const [r] = await this.db
      .select()
      .from(dialerCampaigns)
      .where(eq(dialerCampaigns.id, id))
      .for('update');
    return r ? campaignOf(r) : null;
  }

  async listCampaigns(): Promise<Campaign[]> {
    const rows = await this.db
      .select()
      .from(dialerCampaigns)
      .orderBy(asc(dialerCampaigns.createdAt), asc(dialerCampaigns.id));
    return rows.map(campaignOf);
  }

  async insertRecords(rs: readonly CampaignRecord[]): Promise<number> {
    let n = 0;
    // Batches keep each statement's parameter count well under PostgreSQL's 65535.
    for (let i = 0; i < rs.length; i += 1000) {
      const r = await this.db
        .insert(dialerRecords)
        .values(rs.slice(i, i + 1000).map(recordRow))
        .onConflictDoNothing()
        .returning({ id: dialerRecords.id });
      n += r.length;
    }
    return n;
  }

  async updateRecord(r: CampaignRecord): Promise<void> {
    const { id, ...rest } = recordRow(r);
    await this.db.update(dialerRecords).set(rest).where(eq(dialerRecords.id, id));
  }

  async getRecord(id: string): Promise<CampaignRecord | null> {
    const [r] = await this.db.select().from(dialerRecords).where(eq(dialerRecords.id, id));
    return r ? recordOf(r) : null;
  }

  async getRecordForUpdate(id: string): Promise<CampaignRecord | null> {
    const [r] = await this.db
      .select()
      .from(dialerRecords)
      .where(eq(dialerRecords.id, id))
      .for('update');
    return r ? recordOf(r) : null;
  }

  async recordByNumberForUpdate(
    campaignId: string,
    number: string,
  ): Promise<CampaignRecord | null> {
    const [r] = await this.db
      .select()
      .from(dialerRecords)
      .where(and(eq(dialerRecords.campaignId, campaignId), eq(dialerRecords.number, number)))
      .for('update');
    return r ? recordOf(r) : null;
  }

  async listRecords(
    campaignId: string,
    f: { state?: RecordState },
    page: Page,
  ): Promise<PageOf<CampaignRecord>> {
    const where = and(
      eq(dialerRecords.campaignId, campaignId),
      f.state ? eq(dialerRecords.state, f.state) : undefined,
    );
    const rows = await this.db
      .select()
      .from(dialerRecords)
      .where(where)
      .orderBy(asc(dialerRecords.position), asc(dialerRecords.id))
      .limit(page.limit)
      .offset(page.offset);
    const [t] = await this.db.select({ n: count() }).from(dialerRecords).where(where);
    return { items: rows.map(recordOf), total: t?.n ?? 0 };
  }

  async nextPosition(campaignId: string): Promise<number> {
    const [r] = await this.db
      .select({ max: sql<number | null>`max(${dialerRecords.position})` })
      .from(dialerRecords)
      .where(eq(dialerRecords.campaignId, campaignId));
    return r?.max === null || r?.max === undefined ? 0 : Number(r.max) + 1;
  }

  async campaignNumbers(campaignId: string): Promise<Set<string>> {
    const rows = await this.db
      .select({ number: dialerRecords.number })
      .from(dialerRecords)
      .where(eq(dialerRecords.campaignId, campaignId));
    return new Set(rows.map((r) => r.number));
  }

  async dueRecords(campaignId: string, now: Date, limit: number): Promise<CampaignRecord[]> {
    // Two scans the (campaign, state, next_at, position) index serves in order — never tried
    // (next_at null) by position, then due retries by time — instead of one OR that must sort
    // every pending record (bench/dialer.ts).
    const pending = and(
      eq(dialerRecords.campaignId, campaignId),
      eq(dialerRecords.state, 'pending'),
    );
    const fresh = await this.db
      .select()
      .from(dialerRecords)
      .where(and(pending, isNull(dialerRecords.nextAt)))
      .orderBy(asc(dialerRecords.position), asc(dialerRecords.id))
      .limit(limit);
    if (fresh.length >= limit) return fresh.map(recordOf);
    const retries = await this.db
      .select()
      .from(dialerRecords)
      .where(and(pending, lte(dialerRecords.nextAt, now)))
      .orderBy(asc(dialerRecords.nextAt), asc(dialerRecords.position), asc(dialerRecords.id))
      .limit(limit - fresh.length);
    return [...fresh, ...retries].map(recordOf);
  }

  async countByState(campaignId: string): Promise<Partial<Record<RecordState, number>>> {
    const rows = await this.db
      .select({ state: dialerRecords.state, n: count() })
      .from(dialerRecords)
      .where(eq(dialerRecords.campaignId, campaignId))
      .groupBy(dialerRecords.state);
    return Object.fromEntries(rows.map((r) => [r.state, r.n]));
  }

  async attempts(campaignId: string, since: Date | null): Promise<DialAttempt[]> {
    // A record's updated_at moves with each attempt, so older rows hold no attempt since `since`.
    const rows = await this.db
      .select({ attempts: dialerRecords.attempts })
      .from(dialerRecords)
      .where(
        and(
          eq(dialerRecords.campaignId, campaignId),
          sql`jsonb_array_length(${dialerRecords.attempts}) > 0`,
          since ? gte(dialerRecords.updatedAt, since) : undefined,
        ),
      );
    const all = rows.flatMap((r) => r.attempts.map(attemptOf));
    return since ? all.filter((a) => a.at.getTime() >= since.getTime()) : all;
  }

  async addDnc(e: DncEntry): Promise<void> {
    await this.db.insert(dncEntries).values(e).onConflictDoNothing();
  }

  async removeDnc(number: string): Promise<boolean> {
    const r = await this.db
      .delete(dncEntries)
      .where(eq(dncEntries.number, number))
      .returning({ n: dncEntries.number });
    return r.length > 0;
  }

  async isDnc(number: string): Promise<boolean> {
    const [r] = await this.db
      .select({ n: dncEntries.number })
      .from(dncEntries)
      .where(eq(dncEntries.number, number));
    return r !== undefined;
  }

  async listDnc(page: Page): Promise<PageOf<DncEntry>> {
    const rows = await this.db
      .select()
      .from(dncEntries)
      .orderBy(asc(dncEntries.number))
      .limit(page.limit)
      .offset(page.offset);
    const [t] = await this.db.select({ n: count() }).from(dncEntries);
    return { items: rows, total: t?.n ?? 0 };
  }

  async dncNumbers(): Promise<string[]> {
    const rows = await this.db.select({ n: dncEntries.number }).from(dncEntries);
    return rows.map((r) => r.n);
  }
}
