import { and, asc, count, eq, ilike, inArray, or, type SQL } from 'drizzle-orm';
import type { Page, PageOf, UserRepo } from '../../app/ports/store.ts';
import type { Role, User } from '../../domain/user/user.ts';
import { mapUnique, type Db } from '../db.ts';
import { teamMembers, userSkills, users } from '../schema.ts';
import { containsPattern } from './like.ts';

type Row = typeof users.$inferSelect;

export class DrizzleUserRepo implements UserRepo {
  constructor(private readonly db: Db) {}

  async insert(u: User, passwordHash: string): Promise<void> {
    await mapUnique(
      () =>
        this.db.insert(users).values({
          id: u.id,
          username: u.username,
          displayName: u.displayName,
          role: u.role,
          email: u.email,
          passwordHash,
          customerId: u.customerId,
          language: u.language,
          disabled: u.disabled,
          createdAt: u.createdAt,
          updatedAt: u.createdAt,
        }),
      { users_username_uq: ['user.username_taken', `username ${u.username} is taken`] },
    );
    await this.writeLinks(u);
  }

  async update(u: User): Promise<void> {
    await this.db
      .update(users)
      .set({
        displayName: u.displayName,
        role: u.role,
        email: u.email,
        customerId: u.customerId,
        language: u.language,
        disabled: u.disabled,
        updatedAt: new Date(),
      })
      .where(eq(users.id, u.id));
    await this.db.delete(teamMembers).where(eq(teamMembers.userId, u.id));
    await this.db.delete(userSkills).where(eq(userSkills.userId, u.id));
    await this.writeLinks(u);
  }

  private async writeLinks(u: User): Promise<void> {
    if (u.teamIds.length > 0)
      await this.db
        .insert(teamMembers)
        .values(u.teamIds.map((teamId) => ({ teamId, userId: u.id })));
    if (u.skills.length > 0)
      await this.db
        .insert(userSkills)
        .values(u.skills.map((s) => ({ userId: u.id, skillId: s.skillId, level: s.level })));
  }

  async setPassword(id: string, passwordHash: string): Promise<void> {
    await this.db
      .update(users)
      .set({ passwordHash, updatedAt: new Date() })
      .where(eq(users.id, id));
  }

  async get(id: string): Promise<User | null> {
    const rows = await this.db.select().from(users).where(eq(users.id, id));
    return (await this.hydrate(rows))[0] ?? null;
  }

  async getCredentials(username: string) {
    const rows = await this.db.select().from(users).where(eq(users.username, username));
    const row = rows[0];
    if (!row) return null;
    const [user] = await this.hydrate([row]);
    return user ? { user, passwordHash: row.passwordHash } : null;
  }

  async list(f: { role?: Role; teamId?: string; q?: string }, page: Page): Promise<PageOf<User>> {
    const conds: SQL[] = [];
    if (f.role) conds.push(eq(users.role, f.role));
    if (f.teamId)
      conds.push(
        inArray(
          users.id,
          this.db
            .select({ id: teamMembers.userId })
            .from(teamMembers)
            .where(eq(teamMembers.teamId, f.teamId)),
        ),
      );
    if (f.q) {
      const like = containsPattern(f.q);
      const c = or(ilike(users.username, like), ilike(users.displayName, like));
      if (c) conds.push(c);
    }
    const where = conds.length ? and(...conds) : undefined;
    const rows = await this.db
      .select()
      .from(users)
      .where(where)
      .orderBy(asc(users.username))
      .limit(page.limit)
      .offset(page.offset);
    const [total] = await this.db.select({ n: count() }).from(users).where(where);
    return { items: await this.hydrate(rows), total: Number(total?.n ?? 0) };
  }

  async delete(id: string): Promise<boolean> {
    const r = await this.db.delete(users).where(eq(users.id, id)).returning({ id: users.id });
    return r.length > 0;
  }

  private async hydrate(rows: Row[]): Promise<User[]> {
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const [memberships, skillRows] = await Promise.all([
      this.db
        .select()
        .from(teamMembers)
        .where(inArray(teamMembers.userId, ids))
        .orderBy(asc(teamMembers.teamId)),
      this.db
        .select()
        .from(userSkills)
        .where(inArray(userSkills.userId, ids))
        .orderBy(asc(userSkills.skillId)),
    ]);
    return rows.map((r) => ({
      id: r.id,
      username: r.username,
      displayName: r.displayName,
      role: r.role as Role,
      email: r.email,
      customerId: r.customerId,
      language: r.language,
      disabled: r.disabled,
      createdAt: r.createdAt,
      teamIds: memberships.filter((m) => m.userId === r.id).map((m) => m.teamId),
      skills: skillRows
        .filter((s) => s.userId === r.id)
        .map((s) => ({ skillId: s.skillId, level: s.level })),
    }));
  }
}
