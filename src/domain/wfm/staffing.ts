/**
 * Staffing for one interval: the fewest agents on the phones that meet the target service level
 * (and average speed of answer, when given) under Erlang B, C or A — or, with `agents` given,
 * the figures for that many. Shrinkage (breaks, training, absence) turns agents on the phones
 * into agents to schedule: scheduled = ⌈agents / (1 − shrinkage)⌉.
 */
import { DomainError } from '../errors.ts';
import { erlangAFigures } from './erlang-a.ts';
import { erlangBFigures, erlangCFigures, type QueueFigures } from './erlang.ts';

export const staffingModels = ['erlang-b', 'erlang-c', 'erlang-a'] as const;
export type StaffingModel = (typeof staffingModels)[number];

export interface StaffingInput {
  readonly model: StaffingModel;
  readonly arrivalsPerHour: number;
  readonly ahtSeconds: number;
  readonly targetAnswerSeconds: number;
  /** Fraction 0–1, e.g. 0.8 for 80 % answered within the target time. */
  readonly targetServiceLevel: number;
  readonly targetAsaSeconds?: number | undefined;
  readonly patienceSeconds?: number | undefined;
  readonly agents?: number | undefined;
  readonly shrinkage?: number | undefined;
}

export interface StaffingResult extends QueueFigures {
  readonly agents: number;
  /** Agents to schedule once shrinkage is allowed for. */
  readonly scheduledAgents: number;
  /** Offered load in erlangs. */
  readonly erlangs: number;
  /** Whether the figures meet the targets. */
  readonly meetsTarget: boolean;
}

const maxAgents = 20_000;

function invalid(field: string, message: string): DomainError {
  return new DomainError('validation.failed', message, { field });
}

function check(i: StaffingInput): void {
  if (!(i.arrivalsPerHour >= 0)) throw invalid('arrivalsPerHour', 'arrivals must be ≥ 0');
  if (!(i.ahtSeconds > 0)) throw invalid('ahtSeconds', 'handle time must be > 0');
  if (!(i.targetAnswerSeconds >= 0))
    throw invalid('targetAnswerSeconds', 'target answer time must be ≥ 0');
  if (!(i.targetServiceLevel > 0 && i.targetServiceLevel < 1))
    throw invalid('targetServiceLevel', 'the service level target is a fraction between 0 and 1');
  if (i.shrinkage !== undefined && !(i.shrinkage >= 0 && i.shrinkage < 1))
    throw invalid('shrinkage', 'shrinkage is a fraction from 0 up to (not including) 1');
  if (i.model === 'erlang-a' && !(i.patienceSeconds !== undefined && i.patienceSeconds > 0))
    throw invalid('patienceSeconds', 'Erlang A needs the average patience in seconds');
  if (
    i.agents !== undefined &&
    !(Number.isInteger(i.agents) && i.agents >= 0 && i.agents <= maxAgents)
  )
    throw invalid('agents', `agents is a whole number from 0 to ${maxAgents}`);
}

function figures(i: StaffingInput, n: number): QueueFigures {
  const lambda = i.arrivalsPerHour / 3600;
  const a = lambda * i.ahtSeconds;
  switch (i.model) {
    case 'erlang-b':
      return erlangBFigures(n, a);
    case 'erlang-c':
      return erlangCFigures(n, a, i.ahtSeconds, i.targetAnswerSeconds);
    case 'erlang-a':
      return erlangAFigures({
        agents: n,
        lambda,
        ahtSeconds: i.ahtSeconds,
        patienceSeconds: i.patienceSeconds as number,
        targetSeconds: i.targetAnswerSeconds,
      });
  }
}

const meets = (i: StaffingInput, f: QueueFigures) =>
  f.serviceLevel >= i.targetServiceLevel &&
  (i.targetAsaSeconds === undefined || f.asa <= i.targetAsaSeconds);

export function staffing(i: StaffingInput): StaffingResult {
  check(i);
  const erlangs = (i.arrivalsPerHour / 3600) * i.ahtSeconds;
  const result = (n: number, f: QueueFigures): StaffingResult => ({
    ...f,
    agents: n,
    scheduledAgents: Math.ceil(n / (1 - (i.shrinkage ?? 0)) - 1e-9),
    erlangs,
    meetsTarget: meets(i, f),
  });
  if (i.agents !== undefined) return result(i.agents, figures(i, i.agents));
  // More agents never lower the service level nor raise the ASA: find the first that meets the
  // targets by doubling, then bisecting (few evaluations even for thousands of agents).
  let hi = Math.max(1, Math.ceil(erlangs));
  while (!meets(i, figures(i, hi))) {
    if (hi >= maxAgents)
      throw invalid('arrivalsPerHour', `more than ${maxAgents} agents would be needed`);
    hi = Math.min(maxAgents, hi * 2);
  }
  let lo = -1; // lo never meets (or is below 0), hi always meets
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (meets(i, figures(i, mid))) hi = mid;
    else lo = mid;
  }
  return result(hi, figures(i, hi));
}
