/**
 * A kefu node's load: it is overloaded while its event loop lags or its memory runs high, and ok
 * again only once both are back under the limits with some room (hysteresis, so a node hovering
 * at a limit does not raise an alarm every few seconds).
 *
 * ```
 *        lag ≥ maxLag or rss ≥ maxRss
 *   ok ─────────────────────────────────▶ overloaded
 *    ▲                                       │
 *    └──── lag < 0.8·maxLag and rss < 0.9·maxRss
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
}

export const defaultNodeLimits: NodeLimits = { maxLagMs: 200, maxRssBytes: 1.5 * 1024 ** 3 };

export interface NodeSample {
  readonly lagMs: number;
  readonly rssBytes: number;
}

export function nodeSampled(
  state: NodeState,
  s: NodeSample,
  limits: NodeLimits = defaultNodeLimits,
): { readonly state: NodeState; readonly event: string | null } {
  if (state === 'ok' && (s.lagMs >= limits.maxLagMs || s.rssBytes >= limits.maxRssBytes))
    return { state: transitionNode(state, 'overloaded'), event: 'resource.node_overloaded' };
  if (
    state === 'overloaded' &&
    s.lagMs < limits.maxLagMs * 0.8 &&
    s.rssBytes < limits.maxRssBytes * 0.9
  )
    return { state: transitionNode(state, 'ok'), event: 'resource.node_recovered' };
  return { state, event: null };
}
