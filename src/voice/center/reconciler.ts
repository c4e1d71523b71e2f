/**
 * Repairs disagreements between the switch and the router — the "stuck agent" of queue
 * deployments: an agent the router believes is on a call the switch no longer has (a crash, a
 * lost BYE), a waiting task whose caller is gone, or a call-model leg whose SIP leg has ended.
 * Runs every few seconds; each repair is logged with what was found.
 */
import { systemActor } from '../../app/app-context.ts';
import type { RouterService } from '../../app/routing/router-service.ts';
import { releaseLeg } from '../../domain/call/call.ts';
import type { Task } from '../../domain/routing/task.ts';
import type { LiveCall } from './live-call.ts';

export interface Repair {
  readonly kind: 'stale_task_wrapped' | 'orphan_task_canceled' | 'dead_leg_released';
  readonly taskId?: string;
  readonly agentId?: string | null;
  readonly legId?: string;
}

export interface ReconcileInput {
  readonly router: RouterService;
  /** Tasks the switch's calls refer to right now. */
  readonly liveTaskIds: ReadonlySet<string>;
  readonly liveCalls: Iterable<LiveCall>;
  /** Tasks younger than this are left alone (a call may be being set up). */
  readonly minAgeMs: number;
  readonly now: number;
  readonly log: (msg: string, extra: Record<string, unknown>) => void;
}

const system = systemActor;

/** A voice task the switch made (an inbound call, a click-to-dial): others are not ours. */
const switchTask = (t: Task) =>
  t.channel === 'voice' &&
  (typeof t.attributes['callId'] === 'string' || t.attributes['direction'] === 'outbound');

export async function reconcile(i: ReconcileInput): Promise<Repair[]> {
  const repairs: Repair[] = [];
  for (const t of i.router.openTasks()) {
    if (!switchTask(t) || i.liveTaskIds.has(t.id) || i.now - t.updatedAt < i.minAgeMs) continue;
    if (t.state === 'assigned') {
      await i.router.wrap(system, t.id, null).catch(() => undefined);
      repairs.push({ kind: 'stale_task_wrapped', taskId: t.id, agentId: t.agentId });
    } else if (t.state === 'pending' || t.state === 'reserved') {
      await i.router.cancel(system, t.id, 'call_gone').catch(() => undefined);
      repairs.push({ kind: 'orphan_task_canceled', taskId: t.id, agentId: t.agentId });
    }
  }
  for (const live of i.liveCalls) {
    if (live.released) continue;
    for (const leg of live.model.legs) {
      const sip = live.sipLeg(leg.id);
      if (leg.state !== 'released' && sip?.ended) {
        await live.run((m) => releaseLeg(m, leg.id, 'reconciled'));
        repairs.push({ kind: 'dead_leg_released', legId: leg.id });
      }
    }
  }
  for (const r of repairs) i.log('reconcile: repaired', { ...r });
  return repairs;
}
