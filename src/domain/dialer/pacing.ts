/**
 * How many new lines to dial now.
 *
 * - preview and progressive: one line per free agent, less the calls already ringing, so there are
 *   never more customers ringing than agents free to take them (no call can be abandoned).
 * - predictive: with answer probability p̂ and A agents expected free by the time the calls are
 *   answered (free now + busy agents finishing within the mean ring time, exponential handle
 *   times), dial the most lines n such that, for X ~ Binomial(inFlight + n, p̂) answers,
 *   E[max(0, X − A)] ≤ target · E[X] — the expected abandoned share of answered calls stays under
 *   the target. p̂ is shrunk towards a cautious prior while there are few samples.
 *   The abandon guard: target = limit · safety · (1 − measured ÷ limit), so as the measured rate
 *   (abandoned ÷ answered over a sliding window) nears the limit the target falls to 0 and the
 *   pacer dials exactly as progressive does.
 */
import type { DialerMode } from './campaign.ts';

export interface PacingStats {
  /** Lines dialed in the window whose outcome is known. */
  readonly attempts: number;
  /** Answered by a person: put through to an agent, or abandoned. */
  readonly answered: number;
  /** Answered with no agent free. */
  readonly abandoned: number;
}

export interface PacingInput {
  readonly mode: DialerMode;
  /** Agents ready for the campaign's next call now. */
  readonly freeAgents: number;
  /** Agents on a campaign call or wrapping up. */
  readonly busyAgents: number;
  /** Lines dialed and not yet answered, refused or timed out. */
  readonly callsInFlight: number;
  readonly stats: PacingStats;
  /** Mean talk + wrap-up seconds. */
  readonly avgHandleSec: number;
  /** Mean seconds from dialing to answer. */
  readonly avgRingSec: number;
  readonly maxAbandonRate: number;
  /** Lines per agent never exceeded, default 3. */
  readonly maxDialRatio?: number;
}

/** The prior answer rate, high on purpose: over-estimating p makes the pacer dial fewer lines. */
export const priorAnswerRate = 0.6;
/** How many attempts the prior weighs as. */
export const priorWeight = 30;
/** The share of the limit the pacer aims at, leaving room for chance. */
export const safety = 0.8;

/** Counts above this are treated as this: no center has more, and the sums stay cheap. */
export const maxAgents = 1000;

const finiteOr0 = (x: number): number => (Number.isFinite(x) && x > 0 ? x : 0);
const count = (x: number): number => Math.min(maxAgents, Math.floor(finiteOr0(x)));

/** The progressive count: free agents less lines already ringing, never below 0. */
export function progressiveLines(freeAgents: number, callsInFlight: number): number {
  return Math.max(0, count(freeAgents) - Math.floor(finiteOr0(callsInFlight)));
}

/** The answer rate shrunk towards the prior: (answered + w·prior) ÷ (attempts + w). */
export function estimatedAnswerRate(s: PacingStats): number {
  const p =
    (finiteOr0(s.answered) + priorWeight * priorAnswerRate) / (finiteOr0(s.attempts) + priorWeight);
  return Math.min(0.99, Math.max(0.01, p));
}

/** Abandoned ÷ answered (0 with nothing answered yet). */
export const measuredAbandonRate = (s: PacingStats): number =>
  s.answered > 0 ? finiteOr0(s.abandoned) / s.answered : 0;

/** The Binomial(n, p) probabilities, built in log space so large n cannot underflow. */
export function binomialPmf(n: number, p: number): number[] {
  const out = new Array<number>(n + 1);
  if (p <= 0 || p >= 1) {
    out.fill(0);
    out[p <= 0 ? 0 : n] = 1;
    return out;
  }
  const logOdds = Math.log(p / (1 - p));
  let logPmf = n * Math.log(1 - p);
  for (let k = 0; k <= n; k++) {
    out[k] = Math.exp(logPmf);
    logPmf += Math.log((n - k) / (k + 1)) + logOdds;
  }
  return out;
}

/**
 * E[max(0, X + B − staffed)]: the expected answered calls finding no agent, where X ~ Bin(calls,
 * p) answers and B ~ Bin(busy, stayBusy) agents still busy when they come. Treating the agents
 * who free up as a random count, not its mean, is what keeps the abandon rate under the target.
 */
export function expectedOverflow(
  calls: number,
  p: number,
  free: number,
  busy: number,
  stayBusy: number,
): number {
  const x = binomialPmf(calls, p);
  const b = binomialPmf(busy, stayBusy);
  const staffed = free + busy;
  let sum = 0;
  for (let i = 0; i <= calls; i++) {
    if (x[i]! < 1e-12) continue;
    for (let j = Math.max(0, staffed - i + 1); j <= busy; j++)
      sum += x[i]! * b[j]! * (i + j - staffed);
  }
  return sum;
}

/** The number of new lines to dial now: a whole number ≥ 0, at most maxDialRatio per agent. */
export function linesToDial(i: PacingInput): number {
  const free = count(i.freeAgents);
  const inFlight = Math.min(maxAgents * 5, Math.floor(finiteOr0(i.callsInFlight)));
  const base = progressiveLines(free, inFlight);
  if (i.mode !== 'predictive') return base;

  const busy = count(i.busyAgents);
  const staffed = free + busy;
  const ratio = Math.min(5, Math.max(1, i.maxDialRatio ?? 3));
  const cap = Math.max(base, Math.floor(staffed * ratio) - inFlight);
  const handle = finiteOr0(i.avgHandleSec);
  const ring = finiteOr0(i.avgRingSec);
  // Exponential handle times: a busy agent is still busy after the ring time with e^(−ring/handle).
  const stayBusy = handle > 0 ? Math.exp(-ring / handle) : 1;
  const limit = Math.min(0.2, finiteOr0(i.maxAbandonRate));
  const guard = Math.max(0, 1 - measuredAbandonRate(i.stats) / (limit || 1));
  const target = limit * safety * guard;
  if (target <= 0 || staffed <= 0) return base;

  const p = estimatedAnswerRate(i.stats);
  const fits = (n: number): boolean =>
    expectedOverflow(inFlight + n, p, free, busy, stayBusy) <= target * (inFlight + n) * p;
  // The expected abandoned share grows with n, so the largest n that fits is found by bisection.
  let lo = base;
  let hi = cap;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
