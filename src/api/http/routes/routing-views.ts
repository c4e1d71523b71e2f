/** The wire form of the router's records: epoch ms become ISO instants. */
import type { AgentSession } from '../../../app/ports/routing-repo.ts';
import {
  displayState,
  wrapUpRemainingSeconds,
  type AgentStatus,
} from '../../../domain/agent/agent-state.ts';
import type { CapacityProfile, ChannelLoad } from '../../../domain/agent/capacity.ts';
import type { ReasonCode } from '../../../domain/agent/reason-codes.ts';
import type { Reservation } from '../../../domain/routing/reservation.ts';
import type { Task } from '../../../domain/routing/task.ts';

const iso = (ms: number) => new Date(ms).toISOString();
const isoOrNull = (ms: number | null) => (ms === null ? null : iso(ms));

export function taskView(t: Task & { readonly wrapUpCode?: string | null }) {
  return {
    id: t.id,
    channel: t.channel,
    attributes: { ...t.attributes },
    priority: t.priority,
    state: t.state,
    queueId: t.queueId,
    workflowId: t.workflowId,
    filterIndex: t.filterIndex,
    stepIndex: t.stepIndex,
    stepStartedAt: iso(t.stepStartedAt),
    agentId: t.agentId,
    reservationId: t.reservationId,
    targetAgentId: t.targetAgentId,
    createdAt: iso(t.createdAt),
    updatedAt: iso(t.updatedAt),
    endedAt: isoOrNull(t.endedAt),
    reason: t.reason,
    wrapUpCode: t.wrapUpCode ?? null,
  };
}

export function reservationView(r: Reservation) {
  return {
    id: r.id,
    taskId: r.taskId,
    agentId: r.agentId,
    queueId: r.queueId,
    state: r.state,
    createdAt: iso(r.createdAt),
    expiresAt: iso(r.expiresAt),
    endedAt: isoOrNull(r.endedAt),
  };
}

/** A session as the desktop shows it: `busy` when available with tasks, the wrap-up countdown. */
export function sessionView(s: AgentSession, load: ChannelLoad, now: Date) {
  const status: AgentStatus = s;
  return {
    agentId: s.agentId,
    state: s.state,
    displayState: displayState(status, load),
    reason: s.reason,
    since: iso(s.since),
    pendingAway: s.pendingAway
      ? { reason: s.pendingAway.reason, requestedAt: iso(s.pendingAway.requestedAt) }
      : null,
    wrapUp: s.wrapUp
      ? {
          taskId: s.wrapUp.taskId,
          endsAt: iso(s.wrapUp.endsAt),
          extendedBy: s.wrapUp.extendedBy,
          remainingSeconds: wrapUpRemainingSeconds(status, now) ?? 0,
        }
      : null,
    lastIdleAt: isoOrNull(s.lastIdleAt),
    extension: s.extension,
    softphone: s.softphone,
    loggedInAt: iso(s.loggedInAt),
  };
}

export const reasonCodeView = (r: ReasonCode) => ({
  code: r.code,
  label: r.label,
  labelZh: r.labelZh,
  requiresApproval: r.requiresApproval,
  maxMinutes: r.maxMinutes,
  active: r.active,
  systemOnly: r.systemOnly ?? false,
});

export const capacityProfileView = (p: CapacityProfile) => ({
  id: p.id,
  name: p.name,
  limits: { ...p.limits },
  voiceBlocksOthers: p.voiceBlocksOthers,
  maxTotal: p.maxTotal,
});
