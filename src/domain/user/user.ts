/** Users, teams (workgroups) and skills. Agents belong to teams and hold skills at levels 1–5. */
import { DomainError } from '../errors.ts';

export const roles = ['admin', 'supervisor', 'agent', 'backoffice', 'customer'] as const;
export type Role = (typeof roles)[number];
export const staffRoles: readonly Role[] = ['admin', 'supervisor', 'agent', 'backoffice'];

export interface SkillLevel {
  readonly skillId: string;
  readonly level: number;
}

export interface User {
  readonly id: string;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly email: string | null;
  /** For role `customer`: the customer record this login belongs to. */
  readonly customerId: string | null;
  readonly teamIds: readonly string[];
  readonly skills: readonly SkillLevel[];
  readonly language: string;
  readonly disabled: boolean;
  readonly createdAt: Date;
}

export const teamKinds = ['front', 'backoffice'] as const;
export type TeamKind = (typeof teamKinds)[number];

export interface Team {
  readonly id: string;
  readonly name: string;
  readonly kind: TeamKind;
  readonly description: string;
}

export interface Skill {
  readonly id: string;
  readonly name: string;
  readonly description: string;
}

export const minSkillLevel = 1;
export const maxSkillLevel = 5;

export function assertSkillLevels(skills: readonly SkillLevel[]): void {
  const seen = new Set<string>();
  for (const s of skills) {
    if (!Number.isInteger(s.level) || s.level < minSkillLevel || s.level > maxSkillLevel)
      throw new DomainError('skill.invalid_level', `skill levels run from 1 to 5`, {
        skillId: s.skillId,
        level: s.level,
      });
    if (seen.has(s.skillId))
      throw new DomainError('validation.failed', 'a skill is listed twice', {
        skillId: s.skillId,
      });
    seen.add(s.skillId);
  }
}

export const usernamePattern = /^[a-zA-Z0-9._@-]{2,64}$/;

export function assertUsername(username: string): void {
  if (!usernamePattern.test(username))
    throw new DomainError('validation.failed', 'usernames are 2–64 letters, digits or . _ @ -', {
      field: 'username',
    });
}

export function assertPasswordStrength(password: string): void {
  if (password.length < 8 || password.length > 256)
    throw new DomainError('validation.failed', 'passwords are 8–256 characters', {
      field: 'password',
    });
}

/** A customer login must point at a customer; staff must not. */
export function assertRoleBinding(role: Role, customerId: string | null): void {
  if (role === 'customer' && !customerId)
    throw new DomainError('validation.failed', 'a customer login needs a customerId', {
      field: 'customerId',
    });
  if (role !== 'customer' && customerId)
    throw new DomainError('validation.failed', 'only customer logins have a customerId', {
      field: 'customerId',
    });
}
