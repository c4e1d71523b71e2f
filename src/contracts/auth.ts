import { z } from 'zod';
import { roles } from '../domain/user/user.ts';
import { Id, Name, Timestamp } from './common.ts';

export const Role = z.enum(roles);

export const LoginRequest = z
  .strictObject({ username: z.string().min(1).max(64), password: z.string().min(1).max(256) })
  .meta({ id: 'LoginRequest' });

export const SkillLevelView = z.object({ skillId: Id, level: z.number().int().min(1).max(5) });

export const UserView = z
  .object({
    id: Id,
    username: z.string(),
    displayName: z.string(),
    role: Role,
    email: z.string().nullable(),
    customerId: z.string().nullable(),
    teamIds: z.array(Id),
    skills: z.array(SkillLevelView),
    language: z.string(),
    disabled: z.boolean(),
    createdAt: Timestamp,
  })
  .meta({ id: 'User' });

export const LoginResponse = z
  .object({ token: z.string(), expiresAt: Timestamp, user: UserView })
  .meta({ id: 'LoginResponse' });

export const UserCreate = z
  .strictObject({
    username: z.string().min(2).max(64),
    password: z.string().min(8).max(256),
    displayName: Name(100).optional(),
    role: Role,
    email: z.string().email().max(254).nullable().optional(),
    customerId: Id.nullable().optional(),
    teamIds: z.array(Id).max(50).optional(),
    skills: z
      .array(z.strictObject({ skillId: Id, level: z.number().int() }))
      .max(200)
      .optional(),
    language: z.enum(['zh-CN', 'en']).optional(),
  })
  .meta({ id: 'UserCreate' });

export const UserUpdate = UserCreate.omit({ username: true, password: true })
  .partial()
  .extend({ disabled: z.boolean().optional(), password: z.string().min(8).max(256).optional() })
  .strict()
  .meta({ id: 'UserUpdate' });
