/** Customer-portal sign-in challenges and the lookup of a customer's own login. */
import { and, asc, desc, eq, gte, isNull, lt, sql } from 'drizzle-orm';
import type { ChallengeChannel, PortalChallenge, PortalRepo } from '../../app/ports/portal-repo.ts';
import type { Db } from '../db.ts';
import { portalChallenges, users } from '../schema.ts';

type Row = typeof portalChallenges.$inferSelect;

const fromRow = (r: Row): PortalChallenge => ({ ...r, channel: r.channel as ChallengeChannel });

export class DrizzlePortalRepo implements PortalRepo {
  constructor(private readonly db: Db) {}

  async issue(c: PortalChallenge): Promise<void> {
    await this.db
      .update(portalChallenges)
      .set({ usedAt: c.createdAt })
      .where(
        and(
          eq(portalChallenges.channel, c.channel),
          eq(portalChallenges.address, c.address),
          isNull(portalChallenges.usedAt),
        ),
      );
    await this.db.insert(portalChallenges).values({ ...c });
  }

  async open(channel: ChallengeChannel, address: string): Promise<PortalChallenge | null> {
    const [r] = await this.db
      .select()
      .from(portalChallenges)
      .where(
        and(
          eq(portalChallenges.channel, channel),
          eq(portalChallenges.address, address),
          isNull(portalChallenges.usedAt),
        ),
      )
      .orderBy(desc(portalChallenges.createdAt))
      .limit(1);
    return r ? fromRow(r) : null;
  }

  async bySecret(channel: ChallengeChannel, secretHash: string): Promise<PortalChallenge | null> {
    const [r] = await this.db
      .select()
      .from(portalChallenges)
      .where(
        and(
          eq(portalChallenges.channel, channel),
          eq(portalChallenges.secretHash, secretHash),
          isNull(portalChallenges.usedAt),
        ),
      )
      .limit(1);
    return r ? fromRow(r) : null;
  }

  async issuedSince(
    f: { channel: ChallengeChannel; address: string } | { ip: string },
    since: Date,
    limit: number,
  ): Promise<Date[]> {
    const who =
      'ip' in f
        ? eq(portalChallenges.ip, f.ip)
        : and(eq(portalChallenges.channel, f.channel), eq(portalChallenges.address, f.address));
    const rows = await this.db
      .select({ at: portalChallenges.createdAt })
      .from(portalChallenges)
      .where(and(who, gte(portalChallenges.createdAt, since)))
      .orderBy(desc(portalChallenges.createdAt))
      .limit(limit);
    return rows.map((r) => r.at);
  }

  async addAttempt(id: string): Promise<number> {
    const [r] = await this.db
      .update(portalChallenges)
      .set({ attempts: sql`${portalChallenges.attempts} + 1` })
      .where(eq(portalChallenges.id, id))
      .returning({ attempts: portalChallenges.attempts });
    return r?.attempts ?? Number.MAX_SAFE_INTEGER;
  }

  async consume(id: string, at: Date): Promise<boolean> {
    const r = await this.db
      .update(portalChallenges)
      .set({ usedAt: at })
      .where(and(eq(portalChallenges.id, id), isNull(portalChallenges.usedAt)))
      .returning({ id: portalChallenges.id });
    return r.length === 1;
  }

  async customerLoginId(customerId: string): Promise<string | null> {
    const [r] = await this.db
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.role, 'customer'), eq(users.customerId, customerId)))
      .orderBy(asc(users.createdAt), asc(users.id))
      .limit(1);
    return r?.id ?? null;
  }

  async deleteIssuedBefore(before: Date): Promise<number> {
    const r = await this.db
      .delete(portalChallenges)
      .where(lt(portalChallenges.createdAt, before))
      .returning({ id: portalChallenges.id });
    return r.length;
  }
}
