/**
 * The IVR report's rows: per flow and node the visits and how callers left (from the `ivr.left`
 * events, one per run of a flow on a call, see voice/ivr/ivr-runner.ts), and per flow the
 * containment of docs/kpis.md. The store sums the events (one query each for node visits and
 * for calls, see store/repos/ivr-report-queries.ts); this file turns the sums into rows.
 */
import { ivrContainmentOf } from './kpis.ts';

export interface IvrNodeRow {
  readonly node: string;
  readonly visits: number;
  /** Exit label (menu key, 'next', 'queue' …) → how many visits left that way. */
  readonly exits: Record<string, number>;
}

export interface IvrFlowRow {
  readonly flowId: string;
  /** Calls whose first IVR run ended in the period. */
  readonly calls: number;
  /** Of those, hang-ups within the short threshold (left out of containment). */
  readonly shortHangups: number;
  /** Calls that ended in the IVR: served by it or hung up (not short). */
  readonly contained: number;
  /** Calls that reached a queue, a call-back request or a transfer. */
  readonly toAgent: number;
  readonly containment: number | null;
  readonly nodes: IvrNodeRow[];
}

/** Outcomes that hand the caller to a person (a queue, a call-back task, an outside number). */
export const handedToPerson = ['queue', 'callback', 'transfer'] as const;

/** Visits of one (flow, node, exit). */
export interface IvrVisitSum {
  readonly flowId: string;
  readonly node: string;
  readonly exit: string;
  readonly visits: number;
}

/** Calls of one flow: all (counted by their first run), short hang-ups, handed to a person. */
export interface IvrCallSum {
  readonly flowId: string;
  readonly calls: number;
  readonly shortHangups: number;
  readonly toAgent: number;
}

export function ivrReportRows(
  visits: readonly IvrVisitSum[],
  calls: readonly IvrCallSum[],
): IvrFlowRow[] {
  const nodes = new Map<string, Map<string, IvrNodeRow & { exits: Record<string, number> }>>();
  for (const v of visits) {
    const byNode = nodes.get(v.flowId) ?? new Map();
    nodes.set(v.flowId, byNode);
    const row = byNode.get(v.node) ?? { node: v.node, visits: 0, exits: {} };
    row.visits += v.visits;
    row.exits[v.exit] = (row.exits[v.exit] ?? 0) + v.visits;
    byNode.set(v.node, row);
  }
  const byFlow = new Map(calls.map((c) => [c.flowId, c]));
  const flowIds = [...new Set([...nodes.keys(), ...byFlow.keys()])].sort();
  return flowIds.map((flowId) => {
    const c = byFlow.get(flowId) ?? { calls: 0, shortHangups: 0, toAgent: 0 };
    const contained = c.calls - c.shortHangups - c.toAgent;
    const containment = ivrContainmentOf(c);
    return {
      flowId,
      calls: c.calls,
      shortHangups: c.shortHangups,
      contained,
      toAgent: c.toAgent,
      containment,
      nodes: [...(nodes.get(flowId)?.values() ?? [])].sort((a, b) => a.node.localeCompare(b.node)),
    };
  });
}
