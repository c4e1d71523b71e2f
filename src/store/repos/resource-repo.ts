/** Seats, stored trunks and kefu nodes: small tables with plain CRUD. */
import { asc, eq, lt } from 'drizzle-orm';
import type { KefuNode, ResourceRepo } from '../../app/ports/resource-repo.ts';
import type { Seat } from '../../domain/resource/seat.ts';
import type { TrunkDef } from '../../domain/resource/trunk.ts';
import { mapUnique, type Db } from '../db.ts';
import { kefuNodes, seats, trunks } from '../schema.ts';

type TrunkRow = typeof trunks.$inferSelect;
const trunkOf = (r: TrunkRow): TrunkDef => ({ ...r, source: 'stored' });

export class DrizzleResourceRepo implements ResourceRepo {
  constructor(private readonly db: Db) {}

  listSeats(): Promise<Seat[]> {
    return this.db.select().from(seats).orderBy(asc(seats.zone), asc(seats.name));
  }
  async getSeat(id: string): Promise<Seat | null> {
    const [r] = await this.db.select().from(seats).where(eq(seats.id, id));
    return r ?? null;
  }
  async saveSeat(s: Seat): Promise<void> {
    await mapUnique(
      () => this.db.insert(seats).values(s).onConflictDoUpdate({ target: seats.id, set: s }),
      { seats_name_uq: ['resource.name_taken', `a seat named ${s.name} exists`] },
    );
  }
  async deleteSeat(id: string): Promise<boolean> {
    return (
      (await this.db.delete(seats).where(eq(seats.id, id)).returning({ id: seats.id })).length > 0
    );
  }

  async listTrunks(): Promise<TrunkDef[]> {
    return (await this.db.select().from(trunks).orderBy(asc(trunks.name))).map(trunkOf);
  }
  async getTrunk(id: string): Promise<TrunkDef | null> {
    const [r] = await this.db.select().from(trunks).where(eq(trunks.id, id));
    return r ? trunkOf(r) : null;
  }
  async saveTrunk(t: TrunkDef): Promise<void> {
    const row: TrunkRow = {
      id: t.id,
      name: t.name,
      provider: t.provider,
      addresses: [...t.addresses],
      outbound: t.outbound ? { ...t.outbound } : null,
      channelLimit: t.channelLimit,
      numbers: [...t.numbers],
      callerId: t.callerId,
      probe: t.probe,
      enabled: t.enabled,
      createdAt: t.createdAt,
    };
    await mapUnique(
      () => this.db.insert(trunks).values(row).onConflictDoUpdate({ target: trunks.id, set: row }),
      { trunks_name_uq: ['resource.name_taken', `a trunk named ${t.name} exists`] },
    );
  }
  async deleteTrunk(id: string): Promise<boolean> {
    return (
      (await this.db.delete(trunks).where(eq(trunks.id, id)).returning({ id: trunks.id })).length >
      0
    );
  }

  async saveNode(n: KefuNode): Promise<void> {
    const row = { ...n, roles: [...n.roles], health: { ...n.health } };
    await this.db
      .insert(kefuNodes)
      .values(row)
      .onConflictDoUpdate({ target: kefuNodes.id, set: row });
  }
  listNodes(): Promise<KefuNode[]> {
    return this.db.select().from(kefuNodes).orderBy(asc(kefuNodes.name));
  }
  async deleteStaleNodes(before: Date): Promise<number> {
    return (
      await this.db
        .delete(kefuNodes)
        .where(lt(kefuNodes.heartbeatAt, before))
        .returning({ id: kefuNodes.id })
    ).length;
  }
}
