/**
 * The IVR report from the `ivr.left` events (one per run of a flow on a call, see
 * voice/ivr/ivr-runner.ts): per flow and node the visits and how callers left, and per flow the
 * containment of docs/kpis.md (kpis.ts `ivrContainment`).
 */
import type { LoggedEvent } from '../events/domain-event.ts';
import { ivrContainment, type IvrCall } from './kpis.ts';

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
const toPerson = new Set(['queue', 'callback', 'transfer']);

interface CallRuns {
  flowId: string;
  first: boolean;
  handedOn: boolean;
  lastOutcome: string;
  durationMs: number;
}

const str = (v: unknown, d: string) => (typeof v === 'string' ? v : d);

/** Folds `ivr.left` events page by page (each call's runs in sequence order), then `rows()`. */
export class IvrReportFold {
  private readonly nodes = new Map<
    string,
    Map<string, { visits: number; exits: Record<string, number> }>
  >();
  private readonly calls = new Map<string, CallRuns>();

  constructor(private readonly shortMs = 5_000) {}

  add(events: readonly LoggedEvent[]): void {
    for (const e of events) if (e.type === 'ivr.left') this.addOne(e);
  }

  private addOne(e: LoggedEvent): void {
    const p = e.payload;
    const flowId = str(p['flowId'], 'unknown');
    const outcome = str(p['outcome'], 'hangup');
    const byNode = this.nodes.get(flowId) ?? new Map();
    this.nodes.set(flowId, byNode);
    for (const v of Array.isArray(p['visits']) ? (p['visits'] as unknown[]) : []) {
      const visit = v as { node?: unknown; exit?: unknown };
      const node = str(visit.node, '');
      if (!node) continue;
      const row = byNode.get(node) ?? { visits: 0, exits: {} };
      row.visits++;
      const exit = str(visit.exit, 'unknown');
      row.exits[exit] = (row.exits[exit] ?? 0) + 1;
      byNode.set(node, row);
    }
    const prior = this.calls.get(e.subjectId);
    this.calls.set(e.subjectId, {
      flowId: prior?.flowId ?? flowId,
      // A call counts once, by its first run; later runs (after leaving a queue) only add.
      first: prior?.first ?? p['segment'] === 1,
      handedOn: (prior?.handedOn ?? false) || toPerson.has(outcome),
      lastOutcome: outcome,
      durationMs: typeof p['sinceStartMs'] === 'number' ? p['sinceStartMs'] : 0,
    });
  }

  rows(): IvrFlowRow[] {
    const perFlow = new Map<string, IvrCall[]>();
    for (const c of this.calls.values()) {
      if (!c.first) continue;
      const outcome: IvrCall['outcome'] = c.handedOn
        ? 'to_agent'
        : c.lastOutcome === 'caller_hangup'
          ? 'hung_up'
          : 'self_served';
      const list = perFlow.get(c.flowId) ?? [];
      list.push({ durationMs: c.durationMs, outcome });
      perFlow.set(c.flowId, list);
    }
    const flowIds = [...new Set([...this.nodes.keys(), ...perFlow.keys()])].sort();
    return flowIds.map((flowId) => {
      const list = perFlow.get(flowId) ?? [];
      const short = list.filter(
        (c) => c.outcome === 'hung_up' && c.durationMs < this.shortMs,
      ).length;
      const toAgent = list.filter((c) => c.outcome === 'to_agent').length;
      return {
        flowId,
        calls: list.length,
        shortHangups: short,
        contained: list.length - short - toAgent,
        toAgent,
        containment: ivrContainment(list, this.shortMs),
        nodes: [...(this.nodes.get(flowId) ?? new Map()).entries()]
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([node, r]) => ({ node, visits: r.visits, exits: r.exits })),
      };
    });
  }
}
