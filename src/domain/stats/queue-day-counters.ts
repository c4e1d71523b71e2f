/**
 * Today's per-queue figures, folded from the router's task events:
 * - offered: tasks that entered the queue (created there, moved or overflowed into it);
 * - answered: offers accepted (task.assigned), with how long the task had waited;
 * - abandoned: tasks canceled while still waiting (the caller hung up);
 * - service level = answered within the queue's threshold ÷ (answered + abandoned).
 * Issue #8 refines the definitions (short abandons, variants); these are the live basics.
 */
import type { LoggedEvent } from '../events/domain-event.ts';

export interface QueueCounters {
  offered: number;
  answered: number;
  answeredInService: number;
  abandoned: number;
  totalWaitMs: number;
}

export const emptyCounters = (): QueueCounters => ({
  offered: 0,
  answered: 0,
  answeredInService: 0,
  abandoned: 0,
  totalWaitMs: 0,
});

/** Updates `byQueue` with one event; `thresholdMs(queueId)` gives the service-level threshold. */
export function foldTaskEvent(
  byQueue: Map<string, QueueCounters>,
  e: Pick<LoggedEvent, 'type' | 'payload'>,
  thresholdMs: (queueId: string) => number,
): void {
  const p = e.payload;
  const queueId = typeof p['queueId'] === 'string' ? p['queueId'] : null;
  const at = (id: string) => {
    let c = byQueue.get(id);
    if (!c) byQueue.set(id, (c = emptyCounters()));
    return c;
  };
  switch (e.type) {
    case 'task.created':
      if (queueId) at(queueId).offered++;
      break;
    case 'task.moved':
    case 'task.step_expired': {
      const to = typeof p['toQueueId'] === 'string' ? p['toQueueId'] : null;
      const from = typeof p['fromQueueId'] === 'string' ? p['fromQueueId'] : null;
      if (to && to !== from) at(to).offered++;
      break;
    }
    case 'task.assigned': {
      if (!queueId) break;
      const c = at(queueId);
      const waited = typeof p['waitedMs'] === 'number' ? p['waitedMs'] : 0;
      c.answered++;
      c.totalWaitMs += waited;
      if (waited <= thresholdMs(queueId)) c.answeredInService++;
      break;
    }
    case 'task.canceled':
      if (queueId && p['whileWaiting'] === true) at(queueId).abandoned++;
      break;
  }
}

/** Service level in percent, or null when nothing was answered or abandoned yet. */
export function serviceLevel(c: QueueCounters): number | null {
  const base = c.answered + c.abandoned;
  return base === 0 ? null : (100 * c.answeredInService) / base;
}

export function averageSpeedOfAnswerMs(c: QueueCounters): number | null {
  return c.answered === 0 ? null : c.totalWaitMs / c.answered;
}
