import { asc, eq } from 'drizzle-orm';
import type { DeviceRepo, SipDevice } from '../../app/ports/device-repo.ts';
import type { Db } from '../db.ts';
import { sipDevices } from '../schema.ts';

const deviceOf = (r: typeof sipDevices.$inferSelect): SipDevice => ({
  ...r,
  kind: r.kind === 'softphone' ? 'softphone' : 'desk_phone',
});

export class DrizzleDeviceRepo implements DeviceRepo {
  constructor(private readonly db: Db) {}
  async get(extension: string): Promise<SipDevice | null> {
    const [r] = await this.db.select().from(sipDevices).where(eq(sipDevices.extension, extension));
    return r ? deviceOf(r) : null;
  }
  async list(): Promise<SipDevice[]> {
    return (await this.db.select().from(sipDevices).orderBy(asc(sipDevices.extension))).map(
      deviceOf,
    );
  }
  async upsert(d: SipDevice): Promise<void> {
    await this.db
      .insert(sipDevices)
      .values(d)
      .onConflictDoUpdate({ target: sipDevices.extension, set: d });
  }
  async delete(extension: string): Promise<boolean> {
    const r = await this.db
      .delete(sipDevices)
      .where(eq(sipDevices.extension, extension))
      .returning({ e: sipDevices.extension });
    return r.length > 0;
  }
}
