/**
 * What the router knows of an agent: the attributes queue expressions read (`skills.<name>`,
 * `languages`, `teams`, `id`, plus free attributes) and their capacity profile.
 */
import { acceptsTasks, type AgentStatus } from '../../domain/agent/agent-state.ts';
import { defaultCapacityProfile, type CapacityProfile } from '../../domain/agent/capacity.ts';
import type { AgentInput } from '../../domain/routing/routing-engine.ts';
import type { User } from '../../domain/user/user.ts';
import type { AgentSettings } from '../ports/routing-repo.ts';

export function agentContext(
  user: User,
  skillNames: ReadonlyMap<string, string>,
  settings: AgentSettings | null,
) {
  const skills: Record<string, number> = {};
  for (const s of user.skills) skills[skillNames.get(s.skillId) ?? s.skillId] = s.level;
  return {
    ...(settings?.attributes ?? {}),
    id: user.id,
    username: user.username,
    role: user.role,
    skills,
    languages: [...(settings?.languages ?? [user.language.slice(0, 2)])],
    teams: [...user.teamIds],
  };
}

export function agentInput(
  user: User,
  skillNames: ReadonlyMap<string, string>,
  settings: AgentSettings | null,
  profiles: ReadonlyMap<string, CapacityProfile>,
  status: AgentStatus,
): AgentInput {
  const profile =
    (settings?.capacityProfileId && profiles.get(settings.capacityProfileId)) ||
    profiles.get('default') ||
    defaultCapacityProfile;
  return {
    id: user.id,
    ctx: agentContext(user, skillNames, settings),
    profile,
    routable: acceptsTasks(status),
    lastIdleAt: status.lastIdleAt ?? status.since,
    teamIds: user.teamIds,
  };
}
