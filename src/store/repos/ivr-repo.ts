import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { IvrRepo, StoredFlow } from '../../app/ports/ivr-repo.ts';
import type { IvrFlow } from '../../domain/ivr/ivr-flow.ts';
import { mapUnique, type Db } from '../db.ts';
import { ivrFlows, ivrNumbers } from '../schema.ts';

const toStored = (r: typeof ivrFlows.$inferSelect): StoredFlow => ({
  flow: r.document as unknown as IvrFlow,
  createdAt: r.createdAt,
  createdBy: r.createdBy,
});

export class DrizzleIvrRepo implements IvrRepo {
  constructor(private readonly db: Db) {}

  async latest(): Promise<StoredFlow[]> {
    const rows = await this.db
      .select()
      .from(ivrFlows)
      .where(
        sql`(${ivrFlows.id}, ${ivrFlows.version}) in (select id, max(version) from ivr_flows group by id)`,
      )
      .orderBy(asc(ivrFlows.name));
    return rows.map(toStored);
  }

  async get(id: string, version?: number): Promise<StoredFlow | null> {
    const [r] = await this.db
      .select()
      .from(ivrFlows)
      .where(
        version === undefined
          ? eq(ivrFlows.id, id)
          : and(eq(ivrFlows.id, id), eq(ivrFlows.version, version)),
      )
      .orderBy(desc(ivrFlows.version))
      .limit(1);
    return r ? toStored(r) : null;
  }

  async versions(id: string) {
    return this.db
      .select({
        version: ivrFlows.version,
        createdAt: ivrFlows.createdAt,
        createdBy: ivrFlows.createdBy,
      })
      .from(ivrFlows)
      .where(eq(ivrFlows.id, id))
      .orderBy(desc(ivrFlows.version));
  }

  async insert(f: StoredFlow): Promise<void> {
    await mapUnique(
      () =>
        this.db.insert(ivrFlows).values({
          id: f.flow.id,
          version: f.flow.version,
          name: f.flow.name,
          document: JSON.parse(JSON.stringify(f.flow)) as Record<string, unknown>,
          createdAt: f.createdAt,
          createdBy: f.createdBy,
        }),
      { ivr_flows_id_version_pk: ['conflict', 'that flow version exists'] },
    );
  }

  async numbers() {
    return this.db.select().from(ivrNumbers).orderBy(asc(ivrNumbers.number));
  }

  async flowForNumber(number: string): Promise<string | null> {
    const [r] = await this.db.select().from(ivrNumbers).where(eq(ivrNumbers.number, number));
    return r?.flowId ?? null;
  }

  async setNumber(number: string, flowId: string | null): Promise<void> {
    if (flowId === null) await this.db.delete(ivrNumbers).where(eq(ivrNumbers.number, number));
    else
      await this.db
        .insert(ivrNumbers)
        .values({ number, flowId })
        .onConflictDoUpdate({ target: ivrNumbers.number, set: { flowId } });
  }
}
