/**
 * Agents on a call other than the one holding its router task (a consulted colleague, a
 * conference member) get a task of their own while they are on it, so the router sees them busy
 * and does not ring them with another call; it ends when they leave or take the call over.
 */
import { systemActor, agentActor } from '../../app/app-context.ts';
import type { RouterService } from '../../app/routing/router-service.ts';
import type { LiveCall } from './live-call.ts';

export interface ShadowedCall {
  readonly id: string;
  readonly contact: { readonly id: string };
  readonly live: LiveCall | null;
  readonly agentId: string | null;
  readonly taskId: string | null;
  /** Shadow task ids by user id. */
  readonly shadows: Map<string, string>;
}

const system = systemActor;
const asAgent = agentActor;

export async function syncShadowTasks(
  router: RouterService,
  call: ShadowedCall,
  controller: string | null,
): Promise<void> {
  const live = call.live!;
  const onCall = new Set(
    live.model.legs.flatMap((l) =>
      l.state === 'established' &&
      (l.role === 'consult' || l.role === 'agent') &&
      l.party.kind === 'user'
        ? [l.party.userId]
        : [],
    ),
  );
  for (const [userId, taskId] of call.shadows)
    if (!onCall.has(userId) || userId === controller || live.released) {
      call.shadows.delete(userId);
      await router
        .complete(system, taskId, userId, userId === controller ? 'took_call' : 'consulted')
        .catch(() => undefined);
    }
  if (live.released) return;
  for (const userId of onCall) {
    if (userId === controller || userId === call.agentId || call.shadows.has(userId)) continue;
    if (!router.agentSession(userId)) continue;
    const task = await router.submit(system, {
      channel: 'voice',
      attributes: { callId: call.id, contactId: call.contact.id, shadowOf: call.taskId },
      agentId: userId,
    });
    if (task.state !== 'reserved' || !task.reservationId) {
      // Not routable now (away, in wrap-up): the router offers them nothing anyway.
      await router.cancel(system, task.id, 'agent_not_free').catch(() => undefined);
      continue;
    }
    await router.accept(asAgent(userId), task.reservationId).catch(() => undefined);
    call.shadows.set(userId, task.id);
  }
}
