/**
 * Erlang B (loss) and Erlang C (delay) for N agents offered A erlangs (A = arrivals per second ×
 * average handle time in seconds). Computed with the stable recursion
 * B(0) = 1, B(k) = A·B(k−1) / (k + A·B(k−1)) and C = N·B / (N − A·(1 − B)), which never forms
 * A^N or N! and so works for thousands of agents.
 */

/** Probability that a call is blocked when all N lines are busy (Erlang B). */
export function erlangB(n: number, a: number): number {
  if (a <= 0) return 0;
  let b = 1;
  for (let k = 1; k <= n; k++) b = (a * b) / (k + a * b);
  return b;
}

/** Probability that a call waits (Erlang C); 1 when the queue is unstable (A ≥ N). */
export function erlangC(n: number, a: number): number {
  if (a <= 0) return 0;
  if (n <= a) return 1;
  const b = erlangB(n, a);
  return (n * b) / (n - a * (1 - b));
}

export interface QueueFigures {
  /** Fraction of all offered calls answered within the target time. */
  readonly serviceLevel: number;
  /** Average wait over all offered calls, seconds. */
  readonly asa: number;
  /** Fraction of agents' time on calls. */
  readonly occupancy: number;
  readonly probWait: number;
  readonly probAbandon?: number;
  readonly probBlock?: number;
}

/** Erlang C figures: SL(t) = 1 − C·e^(−(N−A)·t/AHT), ASA = C·AHT/(N−A), occupancy A/N. */
export function erlangCFigures(n: number, a: number, aht: number, t: number): QueueFigures {
  const c = erlangC(n, a);
  if (n <= a) return { serviceLevel: 0, asa: Infinity, occupancy: 1, probWait: 1 };
  return {
    serviceLevel: Math.max(0, 1 - c * Math.exp((-(n - a) * t) / aht)),
    asa: (c * aht) / (n - a),
    occupancy: a / n,
    probWait: c,
  };
}

/** Erlang B figures: a blocked call is lost, an accepted one never waits. */
export function erlangBFigures(n: number, a: number): QueueFigures {
  const b = erlangB(n, a);
  return {
    serviceLevel: 1 - b,
    asa: 0,
    occupancy: n > 0 ? Math.min(1, (a * (1 - b)) / n) : 1,
    probWait: 0,
    probBlock: b,
  };
}
