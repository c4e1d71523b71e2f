/**
 * One event on its way to one subscription, tried until the receiver answers 2xx or kefu gives
 * up. At-least-once: a receiver may see an event twice (a crash between its answer and our
 * record of it, or a replay) and de-duplicates by the event id.
 *
 *   pending ──send──▶ delivering ──succeed──▶ delivered
 *                      │   ▲   │
 *              fail ◀──┘   │   └──give_up──▶ dead
 *                │       send
 *                ▼         │
 *              retrying ───┘          (delivering ──requeue──▶ pending: left by a stop)
 *
 * A replay never moves an old delivery: it is a new one (pending) of the same event.
 */
import { DomainError } from '../errors.ts';

export const deliveryStates = ['pending', 'delivering', 'retrying', 'delivered', 'dead'] as const;
export type DeliveryState = (typeof deliveryStates)[number];
export type DeliveryMove = 'send' | 'succeed' | 'fail' | 'give_up' | 'requeue';

const table: Record<DeliveryState, Partial<Record<DeliveryMove, DeliveryState>>> = {
  pending: { send: 'delivering' },
  delivering: { succeed: 'delivered', fail: 'retrying', give_up: 'dead', requeue: 'pending' },
  retrying: { send: 'delivering' },
  delivered: {},
  dead: {},
};

export function moveDelivery(from: DeliveryState, move: DeliveryMove): DeliveryState {
  const to = table[from][move];
  if (!to)
    throw new DomainError('webhook.illegal_transition', `cannot ${move} a ${from} delivery`, {
      from,
      move,
      allowed: Object.keys(table[from]),
    });
  return to;
}

/** One HTTP attempt as the delivery log shows it. */
export interface DeliveryAttempt {
  readonly at: Date;
  readonly statusCode: number | null;
  /** The start of the response body, bounded (`responseSnippetChars`). */
  readonly response: string | null;
  readonly durationMs: number;
  readonly error: string | null;
}
export const responseSnippetChars = 1024;

export interface WebhookDelivery {
  readonly id: string;
  readonly subscriptionId: string;
  /** The event's id, the same in every delivery and replay of it (receivers de-duplicate). */
  readonly eventId: string;
  readonly eventType: string;
  /** The exact JSON body that is signed and sent. */
  readonly body: string;
  readonly state: DeliveryState;
  readonly attempts: readonly DeliveryAttempt[];
  readonly nextAttemptAt: Date | null;
  /** The delivery this one replays, if it is a replay. */
  readonly replayOf: string | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** Waits before retries 1…6: 10 s, 30 s, 2 min, 10 min, 30 min, 1 h; then it is dead. */
export const defaultRetryDelaysMs: readonly number[] = [
  10_000, 30_000, 120_000, 600_000, 1_800_000, 3_600_000,
];

/** Whether an answer counts as delivered: any 2xx (redirects are not followed). */
export const isSuccessStatus = (status: number | null): boolean =>
  status !== null && status >= 200 && status < 300;

/**
 * After a failed attempt (already counted in `attempts`): retry at a time, or give up once every
 * delay of the schedule has been used.
 */
export function afterFailure(
  attempts: number,
  now: Date,
  delaysMs: readonly number[] = defaultRetryDelaysMs,
): { move: 'fail'; nextAttemptAt: Date } | { move: 'give_up' } {
  const delay = delaysMs[attempts - 1];
  if (delay === undefined) return { move: 'give_up' };
  return { move: 'fail', nextAttemptAt: new Date(now.getTime() + delay) };
}

/** The event as receivers get it: stable field names, no visibility scope. */
export interface WebhookEventBody {
  readonly id: string;
  readonly type: string;
  readonly at: string;
  readonly seq: number | null;
  readonly subject: { readonly type: string; readonly id: string } | null;
  readonly actorId: string | null;
  readonly data: Record<string, unknown>;
}

/** The id of a logged event for receivers: stable across retries, replays and restarts. */
export const logEventId = (seq: number): string => `evt_${seq}`;
