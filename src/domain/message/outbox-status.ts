/**
 * The life of an outbound message in the outbox, the same on every channel.
 *
 *   queued ──send──▶ sending ──ok──▶ sent ──receipt──▶ delivered
 *     ▲                 │  │            │
 *     └──retry(backoff)─┘  └──fail──▶ failed ◀──bounce──┘
 *   queued ──give up / cancel──▶ failed
 *
 * `sending` left behind by a crash goes back to `queued` on start (at-least-once: a channel may
 * see a message twice after a crash, never zero times). Channels that confirm delivery at once
 * (chat pushed to a connected visitor) go sending → delivered.
 */
import { DomainError } from '../errors.ts';

export const outboxStatuses = ['queued', 'sending', 'sent', 'delivered', 'failed'] as const;
export type OutboxStatus = (typeof outboxStatuses)[number];
export type OutboxMove = 'send' | 'retry' | 'ok' | 'deliver' | 'fail' | 'requeue';

const table: Record<OutboxStatus, Partial<Record<OutboxMove, OutboxStatus>>> = {
  queued: { send: 'sending', fail: 'failed' },
  sending: { ok: 'sent', deliver: 'delivered', retry: 'queued', fail: 'failed', requeue: 'queued' },
  sent: { deliver: 'delivered', fail: 'failed' },
  delivered: {},
  failed: {},
};

export function moveOutbox(from: OutboxStatus | 'received', move: OutboxMove): OutboxStatus {
  const to = from === 'received' ? undefined : table[from][move];
  if (!to)
    throw new DomainError('message.illegal_transition', `cannot ${move} a ${from} message`, {
      from,
      move,
    });
  return to;
}

/** How many sends are tried before a message is failed for good. */
export const maxSendAttempts = 6;

/** Wait before the next try after `attempts` failed ones: 30 s, 2 min, 8 min, 30 min, 1 h… */
export function retryDelayMs(attempts: number): number {
  const steps = [30_000, 120_000, 480_000, 1_800_000, 3_600_000];
  return steps[Math.min(Math.max(attempts - 1, 0), steps.length - 1)] ?? 3_600_000;
}
