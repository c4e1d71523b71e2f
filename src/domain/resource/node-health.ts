/**
 * A kefu node's load: it is overloaded once its event loop has lagged, or its memory run high,
 * for `sustain` samples in a row (a single slow garbage collection or a burst of startup
 * migrations is no overload), and ok again at the first sample back under the limits with some
 * room (hysteresis, so a node hovering at a limit does not raise an alarm every few seconds).
 *
 * ```
 *        lag ≥ maxLag or rss ≥ maxRss, `sustain` samples in a row
 *   ok ─────────────────────────────────────────────────────────────▶ overloaded
 *    ▲                                                                    │
 *    └──────────────── lag < 0.8·maxLag and rss < 0.9·maxRss ─────────────┘
 * ```
 *
 * Changes are `resource.node_overloaded` and `resource.node_recovered`.
 */
import { DomainError } from '../errors.ts';

export const nodeStates = ['ok', 'overloaded'] as const;
export type NodeState = (typeof nodeStates)[number];

const moves: Record<NodeState, readonly NodeState[]> = {
  ok: ['overloaded'],
  overloaded: ['ok'],
};

export function transitionNode(from: NodeState, to: NodeState): NodeState {
  if (!moves[from].includes(to))
    throw new DomainError('resource.illegal_transition', `a node cannot go ${from} → ${to}`, {
      from,
      to,
    });
  return to;
}

export interface NodeLimits {
  /** Event-loop lag (p99 over the sample window, ms) that counts as overloaded. */
  readonly maxLagMs: number;
  /** Resident memory (bytes) that counts as overloaded. */
  readonly maxRssBytes: number;
  /** Samples in a row over a limit before the node is overloaded. */
  readonly sustain: number;
}

export const defaultNodeLimits: NodeLimits = {
  maxLagMs: 200,
  maxRssBytes: 1.5 * 1024 ** 3,
  sustain: 3,
};

export interface NodeSample {
  readonly lagMs: number;
  readonly rssBytes: number;
}

export interface NodeHealth {
  readonly state: NodeState;
  /** Samples in a row over a limit. */
  readonly strikes: number;
}

export const initialNodeHealth: NodeHealth = { state: 'ok', strikes: 0 };

export function nodeSampled(
  h: NodeHealth,
  s: NodeSample,
  limits: NodeLimits = defaultNodeLimits,
): { readonly health: NodeHealth; readonly event: string | null } {
  const over = s.lagMs >= limits.maxLagMs || s.rssBytes >= limits.maxRssBytes;
  const strikes = over ? h.strikes + 1 : 0;
  if (h.state === 'ok' && strikes >= limits.sustain)
    return {
      health: { state: transitionNode(h.state, 'overloaded'), strikes },
      event: 'resource.node_overloaded',
    };
  if (
    h.state === 'overloaded' &&
    s.lagMs < limits.maxLagMs * 0.8 &&
    s.rssBytes < limits.maxRssBytes * 0.9
  )
    return {
      health: { state: transitionNode(h.state, 'ok'), strikes: 0 },
      event: 'resource.node_recovered',
    };
  return { health: { state: h.state, strikes }, event: null };
}
