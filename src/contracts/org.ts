import { z } from 'zod';
import { teamKinds } from '../domain/user/user.ts';
import { Id, Name } from './common.ts';

export const TeamView = z
  .object({ id: Id, name: z.string(), kind: z.enum(teamKinds), description: z.string() })
  .meta({ id: 'Team' });
export const TeamCreate = z
  .strictObject({
    name: Name(100),
    kind: z.enum(teamKinds),
    description: z.string().max(2000).optional(),
  })
  .meta({ id: 'TeamCreate' });
export const TeamUpdate = TeamCreate.partial().strict().meta({ id: 'TeamUpdate' });
export const TeamDetails = TeamView.extend({ memberIds: z.array(Id) }).meta({ id: 'TeamDetails' });

export const SkillView = z
  .object({ id: Id, name: z.string(), description: z.string() })
  .meta({ id: 'Skill' });
export const SkillCreate = z
  .strictObject({ name: Name(100), description: z.string().max(2000).optional() })
  .meta({ id: 'SkillCreate' });
export const SkillUpdate = SkillCreate.partial().strict().meta({ id: 'SkillUpdate' });
