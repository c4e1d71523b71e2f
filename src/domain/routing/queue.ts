/**
 * Queues (service groups, 服务组): where tasks wait. A queue selects its eligible agents with a
 * target expression over agent attributes and picks among free agents by a strategy.
 */
import { DomainError } from '../errors.ts';

export const selectionStrategies = [
  'longest_idle',
  'least_occupied',
  'round_robin',
  'most_skilled',
  'preferred_agent',
] as const;
export type SelectionStrategy = (typeof selectionStrategies)[number];

export interface QueueDef {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  /** e.g. `skills.billing >= 3 and "zh" in languages`; see expression/ for the language. */
  readonly targetExpression: string;
  readonly strategy: SelectionStrategy;
  /** For most_skilled: the attribute path whose value ranks agents, e.g. `skills.billing`. */
  readonly strategySkill: string | null;
  /** For preferred_agent: how long a task waits for the customer's last agent first. */
  readonly preferredTimeoutSeconds: number;
  /** Wrap-up countdown after a task from this queue. */
  readonly wrapUpSeconds: number;
  /** Service level threshold: answered within this many seconds counts as in service. */
  readonly serviceLevelSeconds: number;
  /** How long an agent has to accept an offer before it times out (RONA). */
  readonly reservationTimeoutSeconds: number;
  readonly teamId: string | null;
}

export const defaultQueueSettings = {
  description: '',
  strategy: 'longest_idle' as SelectionStrategy,
  strategySkill: null,
  preferredTimeoutSeconds: 30,
  wrapUpSeconds: 30,
  serviceLevelSeconds: 20,
  reservationTimeoutSeconds: 20,
  teamId: null,
};

const int = (v: number, min: number, max: number) => Number.isInteger(v) && v >= min && v <= max;

/** Checks the numbers and strategy settings; the expression is compiled by the caller. */
export function validateQueue(q: QueueDef): QueueDef {
  const bad = (field: string, message: string) =>
    new DomainError('routing.invalid_queue', message, { field });
  if (!q.name.trim()) throw bad('name', 'a queue needs a name');
  if (!(selectionStrategies as readonly string[]).includes(q.strategy))
    throw bad('strategy', `strategy is one of ${selectionStrategies.join(', ')}`);
  if (q.strategy === 'most_skilled' && !q.strategySkill)
    throw bad('strategySkill', 'most_skilled needs strategySkill, e.g. skills.billing');
  if (
    q.strategySkill !== null &&
    !/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_-]*)*$/.test(q.strategySkill)
  )
    throw bad('strategySkill', 'strategySkill is an attribute path such as skills.billing');
  if (!int(q.preferredTimeoutSeconds, 0, 3600))
    throw bad('preferredTimeoutSeconds', '0–3600 seconds');
  if (!int(q.wrapUpSeconds, 0, 3600)) throw bad('wrapUpSeconds', '0–3600 seconds');
  if (!int(q.serviceLevelSeconds, 1, 86_400)) throw bad('serviceLevelSeconds', '1–86400 seconds');
  if (!int(q.reservationTimeoutSeconds, 3, 3600))
    throw bad('reservationTimeoutSeconds', '3–3600 seconds');
  return q;
}
