/**
 * Which resource conditions are alarms for supervisors, from one view of the live health:
 *
 * - `phone_unregistered` / `phone_unreachable`: the desk phone of a **logged-in** agent is not
 *   registered, or stopped answering OPTIONS (the agent cannot take calls); a spare phone that
 *   is off is no alarm.
 * - `trunk_down`: the trunk's probes went unanswered (see trunk-health.ts).
 * - `trunk_near_limit`: calls in use reached 80 % of the channel limit (see trunk.ts).
 * - `node_overloaded`: a node's event loop lags or its memory runs high (node-health.ts).
 *
 * An alarm has a stable `key` (kind + subject), so diffing two views tells which alarms were
 * raised and which cleared: each becomes a `resource.alarm_raised` / `resource.alarm_cleared`
 * event, which the wallboard shows and webhooks deliver.
 */
import type { NodeState } from './node-health.ts';
import type { PhoneState } from './phone-health.ts';
import { nearLimit } from './trunk.ts';
import type { TrunkState } from './trunk-health.ts';

export const alarmKinds = [
  'phone_unregistered',
  'phone_unreachable',
  'trunk_down',
  'trunk_near_limit',
  'node_overloaded',
] as const;
export type AlarmKind = (typeof alarmKinds)[number];

export interface Alarm {
  readonly key: string;
  readonly kind: AlarmKind;
  readonly severity: 'warning' | 'critical';
  readonly subjectType: 'phone' | 'trunk' | 'node';
  readonly subjectId: string;
  /** The agent concerned (phone alarms). */
  readonly agentId: string | null;
  readonly detail: Readonly<Record<string, string | number>>;
}

export interface HealthView {
  readonly phones: readonly {
    readonly extension: string;
    readonly state: PhoneState;
    /** The logged-in agent bound to this phone, if any. */
    readonly agentId: string | null;
  }[];
  readonly trunks: readonly {
    readonly name: string;
    readonly state: TrunkState;
    readonly inUse: number;
    readonly limit: number | null;
  }[];
  readonly nodes: readonly { readonly id: string; readonly state: NodeState }[];
}

export function activeAlarms(v: HealthView): Alarm[] {
  const out: Alarm[] = [];
  // A phone alarm names its agent too: the same phone with another agent is a new alarm.
  const add = (a: Omit<Alarm, 'key'>) =>
    out.push({
      ...a,
      key: [a.kind, a.subjectId, ...(a.agentId ? [a.agentId] : [])].join(':'),
    });
  for (const p of v.phones) {
    if (p.agentId === null || p.state === 'registered') continue;
    add({
      kind: p.state === 'unreachable' ? 'phone_unreachable' : 'phone_unregistered',
      severity: 'warning',
      subjectType: 'phone',
      subjectId: p.extension,
      agentId: p.agentId,
      detail: { extension: p.extension },
    });
  }
  for (const t of v.trunks) {
    if (t.state === 'down')
      add({
        kind: 'trunk_down',
        severity: 'critical',
        subjectType: 'trunk',
        subjectId: t.name,
        agentId: null,
        detail: { trunk: t.name },
      });
    if (nearLimit(t.inUse, t.limit))
      add({
        kind: 'trunk_near_limit',
        severity: t.limit !== null && t.inUse >= t.limit ? 'critical' : 'warning',
        subjectType: 'trunk',
        subjectId: t.name,
        agentId: null,
        detail: { trunk: t.name, inUse: t.inUse, limit: t.limit ?? 0 },
      });
  }
  for (const n of v.nodes)
    if (n.state === 'overloaded')
      add({
        kind: 'node_overloaded',
        severity: 'critical',
        subjectType: 'node',
        subjectId: n.id,
        agentId: null,
        detail: { node: n.id },
      });
  return out;
}

/** Alarms in `next` but not `prev` (raised) and in `prev` but not `next` (cleared), by key. */
export function diffAlarms(
  prev: readonly Alarm[],
  next: readonly Alarm[],
): { readonly raised: Alarm[]; readonly cleared: Alarm[] } {
  const before = new Set(prev.map((a) => a.key));
  const after = new Set(next.map((a) => a.key));
  return {
    raised: next.filter((a) => !before.has(a.key)),
    cleared: prev.filter((a) => !after.has(a.key)),
  };
}
