/** Builders for routing-engine tests. */
import {
  defaultCapacityProfile,
  type CapacityProfile,
} from '../../../../src/domain/agent/capacity.ts';
import { defaultQueueSettings, type QueueDef } from '../../../../src/domain/routing/queue.ts';
import {
  RoutingEngine,
  type AgentInput,
  type RouterChanges,
} from '../../../../src/domain/routing/routing-engine.ts';
import { compileWorkflow, type WorkflowDef } from '../../../../src/domain/routing/workflow.ts';

export const T0 = Date.parse('2026-11-30T02:00:00Z');

export function queue(id: string, targetExpression: string, p: Partial<QueueDef> = {}): QueueDef {
  return { ...defaultQueueSettings, id, name: id, targetExpression, ...p };
}

export function agent(
  id: string,
  skills: Record<string, number>,
  p: Partial<AgentInput> & { languages?: string[] } = {},
): AgentInput {
  return {
    id,
    ctx: { id, skills, languages: p.languages ?? ['zh'] },
    profile: p.profile ?? defaultCapacityProfile,
    routable: p.routable ?? true,
    lastIdleAt: p.lastIdleAt ?? T0,
    teamIds: p.teamIds ?? [],
  };
}

export const chatty: CapacityProfile = {
  ...defaultCapacityProfile,
  id: 'chatty',
  limits: { ...defaultCapacityProfile.limits, webchat: 3 },
};

export function engine(
  queues: QueueDef[],
  workflows: WorkflowDef[] = [],
  o: { aging?: number; cooldown?: number } = {},
) {
  let n = 0;
  const e = new RoutingEngine({
    agingPointsPerMinute: o.aging ?? 1,
    declineCooldownMs: o.cooldown ?? 30_000,
    newId: () => `r${++n}`,
  });
  for (const q of queues) e.setQueue(q);
  for (const w of workflows)
    e.setWorkflow(
      compileWorkflow(w, (id) => e.hasQueue(id)),
      false,
    );
  return e;
}

/** The reservation ids and agents offered in a change set. */
export const offers = (c: RouterChanges) =>
  c.reservations
    .filter((r) => r.state === 'pending')
    .map((r) => ({ task: r.taskId, agent: r.agentId, id: r.id }));
