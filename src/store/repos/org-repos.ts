/** Sessions, teams and skills: small tables with plain CRUD. */
import { and, asc, eq, lt } from 'drizzle-orm';
import type { SessionRecord, SessionRepo, SkillRepo, TeamRepo } from '../../app/ports/store.ts';
import type { Skill, Team, TeamKind } from '../../domain/user/user.ts';
import { mapUnique, type Db } from '../db.ts';
import { sessions, skills, teamMembers, teams } from '../schema.ts';

export class DrizzleSessionRepo implements SessionRepo {
  constructor(private readonly db: Db) {}
  async insert(s: SessionRecord): Promise<void> {
    await this.db.insert(sessions).values(s);
  }
  async get(tokenHash: string): Promise<SessionRecord | null> {
    const [r] = await this.db.select().from(sessions).where(eq(sessions.tokenHash, tokenHash));
    return r ?? null;
  }
  async delete(tokenHash: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.tokenHash, tokenHash));
  }
  async deleteForUser(userId: string): Promise<void> {
    await this.db.delete(sessions).where(eq(sessions.userId, userId));
  }
  async deleteExpired(now: Date): Promise<number> {
    const r = await this.db
      .delete(sessions)
      .where(and(lt(sessions.expiresAt, now)))
      .returning({ t: sessions.tokenHash });
    return r.length;
  }
}

export class DrizzleTeamRepo implements TeamRepo {
  constructor(private readonly db: Db) {}
  async insert(t: Team): Promise<void> {
    await mapUnique(() => this.db.insert(teams).values({ ...t, createdAt: new Date() }), {
      teams_name_uq: ['team.name_taken', `a team named ${t.name} exists`],
    });
  }
  async update(t: Team): Promise<void> {
    await mapUnique(
      () =>
        this.db
          .update(teams)
          .set({ name: t.name, kind: t.kind, description: t.description })
          .where(eq(teams.id, t.id)),
      { teams_name_uq: ['team.name_taken', `a team named ${t.name} exists`] },
    );
  }
  async get(id: string): Promise<Team | null> {
    const [r] = await this.db.select().from(teams).where(eq(teams.id, id));
    return r ? toTeam(r) : null;
  }
  async list(): Promise<Team[]> {
    return (await this.db.select().from(teams).orderBy(asc(teams.name))).map(toTeam);
  }
  async delete(id: string): Promise<boolean> {
    return (
      (await this.db.delete(teams).where(eq(teams.id, id)).returning({ id: teams.id })).length > 0
    );
  }
  async memberIds(teamId: string): Promise<string[]> {
    const rows = await this.db
      .select({ userId: teamMembers.userId })
      .from(teamMembers)
      .where(eq(teamMembers.teamId, teamId));
    return rows.map((r) => r.userId).sort();
  }
}

const toTeam = (r: typeof teams.$inferSelect): Team => ({
  id: r.id,
  name: r.name,
  kind: r.kind as TeamKind,
  description: r.description,
});

export class DrizzleSkillRepo implements SkillRepo {
  constructor(private readonly db: Db) {}
  async insert(s: Skill): Promise<void> {
    await mapUnique(() => this.db.insert(skills).values(s), {
      skills_name_uq: ['skill.name_taken', `a skill named ${s.name} exists`],
    });
  }
  async update(s: Skill): Promise<void> {
    await mapUnique(
      () =>
        this.db
          .update(skills)
          .set({ name: s.name, description: s.description })
          .where(eq(skills.id, s.id)),
      { skills_name_uq: ['skill.name_taken', `a skill named ${s.name} exists`] },
    );
  }
  async get(id: string): Promise<Skill | null> {
    const [r] = await this.db.select().from(skills).where(eq(skills.id, id));
    return r ?? null;
  }
  async list(): Promise<Skill[]> {
    return this.db.select().from(skills).orderBy(asc(skills.name));
  }
  async delete(id: string): Promise<boolean> {
    return (
      (await this.db.delete(skills).where(eq(skills.id, id)).returning({ id: skills.id })).length >
      0
    );
  }
}
