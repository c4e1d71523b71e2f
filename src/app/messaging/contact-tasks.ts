/**
 * Keeps the contact of a non-voice conversation in step with the router task that offers it:
 * offered and answered times and the agent when an agent takes it, the end and wrap-up code when
 * the task completes. A transferred task's successor (a new task with the same contactId) takes
 * over; the transfer itself does not end the conversation. Voice contacts are kept by the
 * switch, not here.
 */
import type { Store } from '../ports/store.ts';
import type { Clock } from '../ports/clock.ts';
import { contactEvent, type Contact } from '../../domain/contact/contact.ts';
import type { LoggedEvent } from '../../domain/events/domain-event.ts';
import { isMessageChannel } from '../../domain/message/message.ts';

export function followContactTasks(store: Store, clock: Clock): () => void {
  const contactOfTask = new Map<string, string>();
  let chain: Promise<void> = Promise.resolve();

  const find = async (taskId: string): Promise<Contact | null> => {
    const id = contactOfTask.get(taskId);
    if (id) return store.contacts.get(id);
    const r = await store.contacts.list({ taskId }, { limit: 1, offset: 0 });
    return r.items[0] ?? null;
  };

  const patch = async (
    contact: Contact | null,
    change: (c: Contact) => Partial<Contact>,
    why: string,
  ): Promise<void> => {
    if (!contact) return;
    await store.transaction(async (tx) => {
      const cur = await tx.contacts.get(contact.id);
      if (!cur) return;
      const next: Contact = { ...cur, ...change(cur), updatedAt: clock.now() };
      await tx.contacts.update(next);
      tx.append([contactEvent(next, 'contact.updated', { why })], {
        actorId: null,
        at: clock.now(),
      });
    });
  };

  const handle = async (e: LoggedEvent): Promise<void> => {
    const channel = e.payload['channel'];
    if (e.subjectType !== 'task' || typeof channel !== 'string' || !isMessageChannel(channel))
      return;
    const taskId = e.subjectId;
    switch (e.type) {
      case 'task.created': {
        const attrs = e.payload['attributes'] as Record<string, unknown> | undefined;
        const contactId = attrs?.['contactId'];
        if (typeof contactId !== 'string') return;
        contactOfTask.set(taskId, contactId);
        const c = await store.contacts.get(contactId);
        if (c && c.taskId !== taskId)
          await patch(c, () => ({ taskId, endedAt: null }), 'task_created');
        return;
      }
      case 'task.reserved':
        return patch(await find(taskId), (c) => ({ offeredAt: c.offeredAt ?? e.at }), 'offered');
      case 'task.assigned': {
        const agentId = e.payload['agentId'];
        return patch(
          await find(taskId),
          (c) => ({
            agentId: typeof agentId === 'string' ? agentId : c.agentId,
            answeredAt: c.answeredAt ?? e.at,
          }),
          'assigned',
        );
      }
      case 'task.completed':
      case 'task.canceled': {
        const code = e.payload['wrapUpCode'];
        const c = await find(taskId);
        contactOfTask.delete(taskId);
        if (!c || c.taskId !== taskId || code === 'transferred') return;
        return patch(
          c,
          (cur) => ({
            endedAt: cur.endedAt ?? e.at,
            wrapUpCode: typeof code === 'string' ? code : cur.wrapUpCode,
          }),
          e.type === 'task.completed' ? 'completed' : 'canceled',
        );
      }
      default:
        return;
    }
  };

  return store.onCommit((events) => {
    for (const e of events)
      chain = chain.then(() =>
        handle(e).catch((err) => console.error('contact task follow-up failed', err)),
      );
  });
}
