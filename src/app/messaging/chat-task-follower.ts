/**
 * Watches the router's webchat tasks in the event log so the visitor hears what happens on the
 * agents' side: an agent accepted the chat (`task.assigned`, also after a transfer), or the
 * task ended without the chat service (wrap-up from the desktop, a supervisor, a forced
 * logout). Handlers run one at a time, in log order.
 */
import type { Store } from '../ports/store.ts';
import type { LoggedEvent } from '../../domain/events/domain-event.ts';

export interface ChatTaskHandlers {
  joined(contactId: string, agentId: string): Promise<void> | void;
  ended(contactId: string): Promise<void> | void;
}

const endings = new Set(['task.wrapping', 'task.completed', 'task.canceled']);

export function followChatTasks(store: Store, h: ChatTaskHandlers): () => void {
  let chain: Promise<void> = Promise.resolve();

  const contactOf = async (taskId: string): Promise<string | null> => {
    const t = await store.routing.getTask(taskId);
    const id = t?.attributes['contactId'];
    return typeof id === 'string' ? id : null;
  };

  const handle = async (e: LoggedEvent): Promise<void> => {
    if (e.subjectType !== 'task' || e.payload['channel'] !== 'webchat') return;
    if (e.type === 'task.assigned') {
      const agentId = e.payload['agentId'];
      const contactId = await contactOf(e.subjectId);
      if (contactId && typeof agentId === 'string') await h.joined(contactId, agentId);
    } else if (endings.has(e.type)) {
      const contactId = await contactOf(e.subjectId);
      if (contactId) await h.ended(contactId);
    }
  };

  return store.onCommit((events) => {
    for (const e of events)
      chain = chain.then(() =>
        handle(e).catch((err) => console.error('chat task follow-up failed', err)),
      );
  });
}
