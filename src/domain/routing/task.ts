/**
 * A task is a unit of work the router offers to one agent: a call, chat, e-mail, SMS, fax,
 * call-back or case step.
 *
 * ```
 *              reserve              accept              end of contact          wrap-up done
 *   pending ───────────▶ reserved ─────────▶ assigned ──────────────▶ wrapping ─────────────▶ completed
 *     ▲  │                  │                  │                                               ▲
 *     │  │   reject/timeout │                  └──────────────── complete (no wrap-up) ────────┘
 *     │  └──────────────────┼───────────────────────────────────────────────────┐
 *     └─────────────────────┘                                                   ▼
 *   pending | reserved | assigned | wrapping ─── cancel (caller hung up, integration) ──▶ canceled
 * ```
 */
import type { WorkChannel } from '../agent/capacity.ts';
import { DomainError } from '../errors.ts';

export const taskStates = [
  'pending',
  'reserved',
  'assigned',
  'wrapping',
  'completed',
  'canceled',
] as const;
export type TaskState = (typeof taskStates)[number];

export const taskTransitions: Readonly<Record<TaskState, readonly TaskState[]>> = {
  pending: ['reserved', 'canceled'],
  reserved: ['assigned', 'pending', 'canceled'],
  assigned: ['wrapping', 'completed', 'canceled'],
  wrapping: ['completed', 'canceled'],
  completed: [],
  canceled: [],
};

/** Attribute values a task carries (JSON). */
export type TaskAttributes = { readonly [k: string]: unknown };

export interface Task {
  readonly id: string;
  readonly channel: WorkChannel;
  readonly attributes: TaskAttributes;
  readonly priority: number;
  /** Epoch ms the task entered the router; FIFO and aging count from here. */
  readonly createdAt: number;
  /** Order of arrival, breaking ties between tasks created in the same millisecond. */
  readonly seq: number;
  readonly state: TaskState;
  readonly workflowId: string | null;
  /** Which filter of the workflow matched (-1: default queue) and which step the task is in. */
  readonly filterIndex: number;
  readonly stepIndex: number;
  readonly stepStartedAt: number;
  readonly queueId: string;
  readonly agentId: string | null;
  readonly reservationId: string | null;
  /** Set when a supervisor or transfer targets one agent directly. */
  readonly targetAgentId: string | null;
  readonly updatedAt: number;
  readonly endedAt: number | null;
  readonly reason: string | null;
}

export const isTaskOpen = (s: TaskState) => s !== 'completed' && s !== 'canceled';
export const isTaskWaiting = (s: TaskState) => s === 'pending';
/** States in which the task occupies an agent's capacity. */
export const holdsAgent = (s: TaskState) =>
  s === 'reserved' || s === 'assigned' || s === 'wrapping';

export function assertTaskMove(task: Pick<Task, 'id' | 'state'>, to: TaskState): void {
  if (!taskTransitions[task.state].includes(to))
    throw new DomainError('task.illegal_transition', `a ${task.state} task cannot become ${to}`, {
      taskId: task.id,
      from: task.state,
      to,
      allowed: taskTransitions[task.state],
    });
}

export const minPriority = 0;
export const maxPriority = 1000;

export function assertPriority(p: number): void {
  if (!Number.isInteger(p) || p < minPriority || p > maxPriority)
    throw new DomainError(
      'validation.failed',
      `priority is a whole number ${minPriority}–${maxPriority}`,
      {
        field: 'priority',
      },
    );
}
