/** Users, teams and skills (administration). Every change is an event and audited by the API. */
import { adminOnlyScope, type DomainEvent } from '../../domain/events/domain-event.ts';
import { DomainError } from '../../domain/errors.ts';
import {
  assertPasswordStrength,
  assertRoleBinding,
  assertSkillLevels,
  assertUsername,
  type Role,
  type Skill,
  type SkillLevel,
  type Team,
  type TeamKind,
  type User,
} from '../../domain/user/user.ts';
import type { Actor, AppDeps } from '../app-context.ts';
import type { Page, StoreTx } from '../ports/store.ts';
import { hashPassword } from '../auth/password-hash.ts';

export interface NewUser {
  readonly username: string;
  readonly password: string;
  readonly displayName?: string | undefined;
  readonly role: Role;
  readonly email?: string | null | undefined;
  readonly customerId?: string | null | undefined;
  readonly teamIds?: readonly string[] | undefined;
  readonly skills?: readonly SkillLevel[] | undefined;
  readonly language?: string | undefined;
}

export type UserPatch = Partial<Omit<NewUser, 'username' | 'password'>> & {
  readonly disabled?: boolean | undefined;
  readonly password?: string | undefined;
};

const orgEvent = (
  type: string,
  subjectType: string,
  subjectId: string,
  payload = {},
): DomainEvent => ({
  type,
  subjectType,
  subjectId,
  payload,
  scope: adminOnlyScope,
});

export class OrgService {
  constructor(
    private readonly deps: AppDeps,
    /** Called after changes that alter what a logged-in user may do. */
    private readonly onUserChanged: () => void = () => {},
  ) {}

  private meta(actor: Actor) {
    return { actorId: actor.id, at: this.deps.clock.now() };
  }

  async createUser(actor: Actor, n: NewUser): Promise<User> {
    assertUsername(n.username);
    assertPasswordStrength(n.password);
    assertRoleBinding(n.role, n.customerId ?? null);
    const skills = n.skills ?? [];
    assertSkillLevels(skills);
    const passwordHash = await hashPassword(n.password);
    const user: User = {
      id: this.deps.ids.newId(),
      username: n.username,
      displayName: n.displayName ?? n.username,
      role: n.role,
      email: n.email ?? null,
      customerId: n.customerId ?? null,
      teamIds: [...new Set(n.teamIds ?? [])].sort(),
      skills: [...skills].sort((a, b) => a.skillId.localeCompare(b.skillId)),
      language: n.language ?? 'zh-CN',
      disabled: false,
      createdAt: this.deps.clock.now(),
    };
    return this.deps.store.transaction(async (tx) => {
      await this.assertRefs(tx, user);
      await tx.users.insert(user, passwordHash);
      tx.append(
        [orgEvent('user.created', 'user', user.id, { username: user.username, role: user.role })],
        this.meta(actor),
      );
      return user;
    });
  }

  async updateUser(actor: Actor, id: string, p: UserPatch): Promise<User> {
    if (p.password !== undefined) assertPasswordStrength(p.password);
    const passwordHash = p.password !== undefined ? await hashPassword(p.password) : null;
    const user = await this.deps.store.transaction(async (tx) => {
      const cur = await tx.users.get(id);
      if (!cur) throw new DomainError('not_found', 'no such user', { id });
      const next: User = {
        ...cur,
        displayName: p.displayName ?? cur.displayName,
        role: p.role ?? cur.role,
        email: p.email !== undefined ? p.email : cur.email,
        customerId: p.customerId !== undefined ? p.customerId : cur.customerId,
        teamIds: p.teamIds ? [...new Set(p.teamIds)].sort() : cur.teamIds,
        skills: p.skills
          ? [...p.skills].sort((a, b) => a.skillId.localeCompare(b.skillId))
          : cur.skills,
        language: p.language ?? cur.language,
        disabled: p.disabled ?? cur.disabled,
      };
      assertRoleBinding(next.role, next.customerId);
      assertSkillLevels(next.skills);
      await this.assertRefs(tx, next);
      await tx.users.update(next);
      if (passwordHash) await tx.users.setPassword(id, passwordHash);
      if (passwordHash || next.disabled) await tx.sessions.deleteForUser(id);
      tx.append(
        [
          orgEvent('user.updated', 'user', id, {
            fields: Object.keys(p).filter((k) => k !== 'password'),
            passwordChanged: passwordHash !== null,
          }),
        ],
        this.meta(actor),
      );
      return next;
    });
    this.onUserChanged();
    return user;
  }

  async deleteUser(actor: Actor, id: string): Promise<void> {
    if (id === actor.id) throw new DomainError('conflict', 'you cannot delete your own account');
    await this.deps.store.transaction(async (tx) => {
      if (!(await tx.users.delete(id))) throw new DomainError('not_found', 'no such user', { id });
      tx.append([orgEvent('user.deleted', 'user', id)], this.meta(actor));
    });
    this.onUserChanged();
  }

  getUser(id: string): Promise<User | null> {
    return this.deps.store.users.get(id);
  }

  listUsers(f: { role?: Role; teamId?: string; q?: string }, page: Page) {
    return this.deps.store.users.list(f, page);
  }

  private async assertRefs(tx: StoreTx, u: User): Promise<void> {
    for (const t of u.teamIds)
      if (!(await tx.teams.get(t)))
        throw new DomainError('validation.failed', `team ${t} does not exist`, {
          field: 'teamIds',
        });
    for (const s of u.skills)
      if (!(await tx.skills.get(s.skillId)))
        throw new DomainError('validation.failed', `skill ${s.skillId} does not exist`, {
          field: 'skills',
        });
    if (u.customerId && !(await tx.customers.get(u.customerId)))
      throw new DomainError('validation.failed', `customer ${u.customerId} does not exist`, {
        field: 'customerId',
      });
  }

  async createTeam(
    actor: Actor,
    t: { name: string; kind: TeamKind; description?: string | undefined },
  ): Promise<Team> {
    const team: Team = {
      id: this.deps.ids.newId(),
      name: t.name,
      kind: t.kind,
      description: t.description ?? '',
    };
    return this.deps.store.transaction(async (tx) => {
      await tx.teams.insert(team);
      tx.append([orgEvent('team.created', 'team', team.id, { name: team.name })], this.meta(actor));
      return team;
    });
  }

  async updateTeam(actor: Actor, id: string, p: Partial<Omit<Team, 'id'>>): Promise<Team> {
    return this.deps.store.transaction(async (tx) => {
      const cur = await tx.teams.get(id);
      if (!cur) throw new DomainError('not_found', 'no such team', { id });
      const next: Team = { ...cur, ...p, id };
      await tx.teams.update(next);
      tx.append([orgEvent('team.updated', 'team', id)], this.meta(actor));
      return next;
    });
  }

  async deleteTeam(actor: Actor, id: string): Promise<void> {
    await this.deps.store.transaction(async (tx) => {
      if (!(await tx.teams.delete(id))) throw new DomainError('not_found', 'no such team', { id });
      tx.append([orgEvent('team.deleted', 'team', id)], this.meta(actor));
    });
    this.onUserChanged();
  }

  async createSkill(
    actor: Actor,
    s: { name: string; description?: string | undefined },
  ): Promise<Skill> {
    const skill: Skill = {
      id: this.deps.ids.newId(),
      name: s.name,
      description: s.description ?? '',
    };
    return this.deps.store.transaction(async (tx) => {
      await tx.skills.insert(skill);
      tx.append(
        [orgEvent('skill.created', 'skill', skill.id, { name: skill.name })],
        this.meta(actor),
      );
      return skill;
    });
  }

  async updateSkill(actor: Actor, id: string, p: Partial<Omit<Skill, 'id'>>): Promise<Skill> {
    return this.deps.store.transaction(async (tx) => {
      const cur = await tx.skills.get(id);
      if (!cur) throw new DomainError('not_found', 'no such skill', { id });
      const next: Skill = { ...cur, ...p, id };
      await tx.skills.update(next);
      tx.append([orgEvent('skill.updated', 'skill', id)], this.meta(actor));
      return next;
    });
  }

  async deleteSkill(actor: Actor, id: string): Promise<void> {
    await this.deps.store.transaction(async (tx) => {
      if (!(await tx.skills.delete(id)))
        throw new DomainError('not_found', 'no such skill', { id });
      tx.append([orgEvent('skill.deleted', 'skill', id)], this.meta(actor));
    });
  }
}
