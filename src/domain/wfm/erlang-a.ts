/**
 * Erlang A (Palm's M/M/N+M): Poisson arrivals λ, exponential handling 1/μ, N agents, and callers
 * who hang up after an exponential patience 1/θ. The number of calls in the system is a
 * birth-death chain (birth λ; death min(n,N)·μ + max(0,n−N)·θ) whose stationary distribution is
 * summed directly, cut off where the tail is below 1e-15. An arriving caller sees that
 * distribution (PASTA).
 *
 * Service level counts abandoned callers as misses: SL(t) = P(answered within t) over all
 * arrivals. A caller with j callers ahead moves up at rate Nμ + jθ (an agent frees or someone
 * ahead hangs up) and hangs up at rate θ; P(answered by t) is found by uniformization of that
 * pure-death chain started from what arrivals see.
 */
import type { QueueFigures } from './erlang.ts';

export interface ErlangAInput {
  readonly agents: number;
  /** Arrivals per second. */
  readonly lambda: number;
  readonly ahtSeconds: number;
  readonly patienceSeconds: number;
  readonly targetSeconds: number;
}

export function erlangAFigures(i: ErlangAInput): QueueFigures {
  const n = i.agents;
  const lambda = i.lambda;
  const mu = 1 / i.ahtSeconds;
  const theta = 1 / i.patienceSeconds;
  if (lambda <= 0) return { serviceLevel: 1, asa: 0, occupancy: 0, probWait: 0, probAbandon: 0 };
  // Stationary probabilities, rescaled as they grow so nothing overflows.
  const p: number[] = [1];
  let total = 1;
  let peak = 1;
  for (let k = 1; ; k++) {
    const death = Math.min(k, n) * mu + Math.max(0, k - n) * theta;
    let next = ((p[k - 1] as number) * lambda) / death;
    if (next > 1e250) {
      for (let j = 0; j < p.length; j++) p[j] = (p[j] as number) / 1e250;
      total /= 1e250;
      peak /= 1e250;
      next /= 1e250;
    }
    p.push(next);
    total += next;
    peak = Math.max(peak, next);
    if (k > n && next < peak * 1e-15 && next * lambda < death * next) break;
    if (k > n + 100_000) break;
  }
  const pi = p.map((x) => x / total);
  let waiting = 0;
  let lq = 0;
  for (let k = n; k < pi.length; k++) {
    waiting += pi[k] as number;
    lq += (k - n) * (pi[k] as number);
  }
  const probAbandon = (theta * lq) / lambda;
  const carried = (lambda * (1 - probAbandon)) / mu;
  return {
    serviceLevel: answeredWithin(pi, n, mu, theta, i.targetSeconds),
    asa: lq / lambda,
    occupancy: n > 0 ? Math.min(1, carried / n) : 1,
    probWait: waiting,
    probAbandon,
  };
}

/** P(an arrival is answered within t): no wait, or reaches an agent before t and before hanging up. */
function answeredWithin(pi: number[], n: number, mu: number, theta: number, t: number): number {
  let immediate = 0;
  for (let k = 0; k < n && k < pi.length; k++) immediate += pi[k] as number;
  // v[j]: probability mass of a tagged arrival with j callers ahead of it.
  const v = pi.slice(n);
  const ahead = v.length;
  if (ahead === 0 || t <= 0) return immediate;
  const rate = (j: number) => n * mu + j * theta;
  const uniform = rate(ahead - 1) + theta;
  const mean = uniform * t;
  let served = 0;
  let answered = 0;
  // Poisson(mean) weights, computed in log space to start the sum where the mass is.
  const maxSteps = Math.ceil(mean + 12 * Math.sqrt(mean) + 30);
  let logWeight = -mean;
  let cumulative = 0;
  const cur = Float64Array.from(v);
  for (let m = 0; m <= maxSteps; m++) {
    const w = Math.exp(logWeight);
    // Served within exactly m uniformized steps contributes with P(at most m events by t).
    cumulative += w;
    answered += served * w;
    // One step of the chain.
    let newly = 0;
    for (let j = 0; j < ahead; j++) {
      const x = cur[j] as number;
      if (x === 0) continue;
      const move = (x * rate(j)) / uniform;
      if (j === 0) newly += move;
      else cur[j - 1] = (cur[j - 1] as number) + move;
      cur[j] = x - move - (x * theta) / uniform;
    }
    served += newly;
    logWeight += Math.log(mean) - Math.log(m + 1);
    if (cumulative > 1 - 1e-13 && m > mean) break;
  }
  return Math.min(1, immediate + answered);
}
