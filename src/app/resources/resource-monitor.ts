/**
 * Live health of the center's resources: phones (registration, OPTIONS reachability, round trip,
 * last seen), trunks (probe state, failures in the last hour, channels in use against the
 * limit) and this node (event-loop lag, memory, open calls, media). The switch reports what it
 * sees; the pure machines in domain/resource decide what it means. Every change of state is an
 * event in the log (`resource.phone_unreachable`, `resource.trunk_down`, …) and the alarm rules
 * turn the whole view into alarms: each raised or cleared alarm is one more event
 * (`resource.alarm_raised` / `resource.alarm_cleared`), which webhooks deliver, and the active
 * ones go to supervisors with every wallboard snapshot.
 *
 * Events are written one batch at a time in the order the changes happened (a promise chain),
 * so the log reads like the switch saw it.
 */
import type { DomainEvent, EventScope } from '../../domain/events/domain-event.ts';
import { adminOnlyScope } from '../../domain/events/domain-event.ts';
import { activeAlarms, diffAlarms, type Alarm } from '../../domain/resource/alarm-rules.ts';
import {
  defaultNodeLimits,
  initialNodeHealth,
  nodeSampled,
  type NodeHealth,
  type NodeLimits,
  type NodeSample,
  type NodeState,
} from '../../domain/resource/node-health.ts';
import {
  phoneSignal,
  type PhoneSignal,
  type PhoneState,
} from '../../domain/resource/phone-health.ts';
import {
  initialTrunkHealth,
  trunkProbed,
  type TrunkHealth,
} from '../../domain/resource/trunk-health.ts';
import type { AppDeps } from '../app-context.ts';
import type { RouterService } from '../routing/router-service.ts';
import type { VoiceResources } from '../ports/voice-resources.ts';

export interface PhoneHealthView {
  readonly extension: string;
  readonly state: PhoneState;
  readonly rttMs: number | null;
  readonly lastSeenAt: Date | null;
  /** The logged-in agent whose session uses this phone. */
  readonly agentId: string | null;
}

export interface TrunkHealthView {
  readonly name: string;
  readonly state: TrunkHealth['state'];
  readonly rttMs: number | null;
  readonly lastProbeAt: Date | null;
  /** Unanswered probes and calls refused over the limit in the last hour. */
  readonly failuresLastHour: number;
  readonly inUse: number;
  readonly limit: number | null;
  readonly refusedInbound: number;
  readonly refusedOutbound: number;
}

export interface NodeHealthView {
  readonly id: string;
  readonly state: NodeState;
  readonly lagMs: number;
  readonly rssBytes: number;
  readonly heapUsedBytes: number;
  readonly openCalls: number;
  readonly mediaPacketsPerSecond: number | null;
  readonly mediaLossRatio: number | null;
  /** Whether the store answered the last check, and the bus (in-process: always). */
  readonly storeReachable: boolean;
  readonly busReachable: boolean;
}

interface PhoneEntry {
  state: PhoneState;
  rttMs: number | null;
  lastSeenAt: number | null;
}
interface TrunkEntry {
  health: TrunkHealth;
  rttMs: number | null;
  lastProbeAt: number | null;
  failures: number[];
  refusedSeen: number;
}

const hourMs = 3600_000;

export class ResourceMonitor {
  private readonly phones = new Map<string, PhoneEntry>();
  private readonly trunks = new Map<string, TrunkEntry>();
  private node: NodeHealthView;
  private nodeState: NodeHealth = initialNodeHealth;
  private alarms: Alarm[] = [];
  private writes: Promise<void> = Promise.resolve();
  private pendingEvaluation: Promise<void> = Promise.resolve();
  private unsubscribe: (() => void) | null = null;
  /** Active alarms changed (the wallboard pushes them with its next snapshot). */
  onAlarms: (alarms: readonly Alarm[]) => void = () => {};

  constructor(
    private readonly deps: AppDeps,
    private readonly router: RouterService,
    private readonly voice: VoiceResources,
    readonly nodeId: string,
    private readonly limits: NodeLimits = defaultNodeLimits,
  ) {
    this.node = {
      id: nodeId,
      state: 'ok',
      lagMs: 0,
      rssBytes: 0,
      heapUsedBytes: 0,
      openCalls: 0,
      mediaPacketsPerSecond: null,
      mediaLossRatio: null,
      storeReachable: true,
      busReachable: true,
    };
  }

  /** Re-evaluates alarms when agents log in or out or change phones. */
  start(): void {
    this.unsubscribe = this.deps.store.onCommit((events) => {
      if (!events.some((e) => e.type.startsWith('agent.'))) return;
      // The router takes its new sessions in after the commit: look once it has.
      this.pendingEvaluation = this.pendingEvaluation
        .then(() => new Promise((r) => setImmediate(r)))
        .then(() => this.evaluate());
    });
  }

  stop(): void {
    this.unsubscribe?.();
  }

  /** Resolves once every event so far is in the log (tests, shutdown). */
  async flushed(): Promise<void> {
    await this.pendingEvaluation;
    await this.writes;
  }

  // ── what the switch reports ──────────────────────────────────────────────

  phoneRegistered(extension: string, registered: boolean): void {
    const e = this.phone(extension);
    if (registered) e.lastSeenAt = this.deps.clock.now().getTime();
    this.signal(extension, e, registered ? 'register' : 'unregister');
  }

  phoneProbed(extension: string, reachable: boolean, rttMs: number | null): void {
    const e = this.phone(extension);
    if (reachable) {
      e.rttMs = rttMs;
      e.lastSeenAt = this.deps.clock.now().getTime();
    }
    // A probe result after the phone unregistered, or before we saw it register (a restart),
    // still tells us it is there.
    if (e.state === 'unregistered' && reachable) this.signal(extension, e, 'register');
    else this.signal(extension, e, reachable ? 'answered' : 'silent');
  }

  trunkProbed(name: string, answered: boolean, rttMs: number | null): void {
    const t = this.trunk(name);
    const now = this.deps.clock.now().getTime();
    t.lastProbeAt = now;
    if (answered) t.rttMs = rttMs;
    else t.failures.push(now);
    const r = trunkProbed(t.health, answered);
    t.health = r.health;
    if (r.event)
      this.emit([
        this.event(r.event, 'trunk', name, { trunk: name, rttMs: t.rttMs }, adminOnlyScope),
      ]);
    this.evaluate();
  }

  /** Channels in use changed on some trunk (near-limit alarm). */
  trunkUsageChanged(): void {
    this.evaluate();
  }

  nodeSample(s: NodeSample & { heapUsedBytes: number; storeReachable: boolean }): void {
    const r = nodeSampled(this.nodeState, s, this.limits);
    this.nodeState = r.health;
    const media = this.voice.mediaFigures();
    this.node = {
      ...this.node,
      state: r.health.state,
      lagMs: s.lagMs,
      rssBytes: s.rssBytes,
      heapUsedBytes: s.heapUsedBytes,
      openCalls: this.voice.openCalls(),
      mediaPacketsPerSecond: media?.packetsPerSecond ?? null,
      mediaLossRatio: media?.lossRatio ?? null,
      storeReachable: s.storeReachable,
    };
    if (r.event)
      this.emit([
        this.event(
          r.event,
          'node',
          this.nodeId,
          { lagMs: Math.round(s.lagMs), rssBytes: s.rssBytes },
          adminOnlyScope,
        ),
      ]);
    this.evaluate();
  }

  // ── what the API and /metrics read ───────────────────────────────────────

  phoneHealth(): PhoneHealthView[] {
    const byExt = this.agentsByExtension();
    return [...this.phones].map(([extension, e]) => ({
      extension,
      state: e.state,
      rttMs: e.rttMs,
      lastSeenAt: e.lastSeenAt === null ? null : new Date(e.lastSeenAt),
      agentId: byExt.get(extension) ?? null,
    }));
  }

  trunkHealth(): TrunkHealthView[] {
    const since = this.deps.clock.now().getTime() - hourMs;
    return this.voice.trunkUsage().map((u) => {
      const t = this.trunk(u.name);
      t.failures = t.failures.filter((x) => x > since);
      const refused = u.refusedInbound + u.refusedOutbound;
      // Refusals are counted by the switch since start; each new one is a failure now.
      for (let i = t.refusedSeen; i < refused; i++) t.failures.push(since + hourMs);
      t.refusedSeen = refused;
      return {
        name: u.name,
        state: t.health.state,
        rttMs: t.rttMs,
        lastProbeAt: t.lastProbeAt === null ? null : new Date(t.lastProbeAt),
        failuresLastHour: t.failures.length,
        inUse: u.inUse,
        limit: u.limit,
        refusedInbound: u.refusedInbound,
        refusedOutbound: u.refusedOutbound,
      };
    });
  }

  nodeHealth(): NodeHealthView {
    return { ...this.node, openCalls: this.voice.openCalls() };
  }

  activeAlarms(): readonly Alarm[] {
    return this.alarms;
  }

  // ── internals ────────────────────────────────────────────────────────────

  private phone(extension: string): PhoneEntry {
    let e = this.phones.get(extension);
    if (!e)
      this.phones.set(extension, (e = { state: 'unregistered', rttMs: null, lastSeenAt: null }));
    return e;
  }

  private trunk(name: string): TrunkEntry {
    let t = this.trunks.get(name);
    if (!t)
      this.trunks.set(
        name,
        (t = {
          health: initialTrunkHealth,
          rttMs: null,
          lastProbeAt: null,
          failures: [],
          refusedSeen: 0,
        }),
      );
    return t;
  }

  private signal(extension: string, e: PhoneEntry, signal: PhoneSignal): void {
    const r = phoneSignal(e.state, signal);
    if (!r) return;
    e.state = r.state;
    const agentId = this.agentsByExtension().get(extension) ?? null;
    this.emit([
      this.event(
        r.event,
        'phone',
        extension,
        { extension, agentId, rttMs: e.rttMs },
        agentId ? this.agentScopeOf(agentId) : adminOnlyScope,
      ),
    ]);
    this.evaluate();
  }

  private agentsByExtension(): Map<string, string> {
    const m = new Map<string, string>();
    for (const s of this.router.agentSessions()) if (s.extension) m.set(s.extension, s.agentId);
    return m;
  }

  private agentScopeOf(agentId: string): EventScope {
    const teamIds =
      this.router.agentsView().find((a) => a.session.agentId === agentId)?.teamIds ?? [];
    return { userIds: [agentId], teamIds: [...teamIds], dispatchTeamIds: [], customerId: null };
  }

  /** Recomputes the alarms; raised and cleared ones become events. */
  evaluate(): void {
    const byExt = this.agentsByExtension();
    // A logged-in agent's phone the switch has never seen is unregistered too.
    const phones = new Map([...this.phones].map(([ext, e]) => [ext, e.state]));
    for (const ext of byExt.keys()) if (!phones.has(ext)) phones.set(ext, 'unregistered');
    const next = activeAlarms({
      phones: [...phones].map(([extension, state]) => ({
        extension,
        state,
        agentId: byExt.get(extension) ?? null,
      })),
      trunks: this.voice.trunkUsage().map((u) => ({
        name: u.name,
        state: this.trunk(u.name).health.state,
        inUse: u.inUse,
        limit: u.limit,
      })),
      nodes: [{ id: this.nodeId, state: this.node.state }],
    });
    const { raised, cleared } = diffAlarms(this.alarms, next);
    if (raised.length === 0 && cleared.length === 0) return;
    this.alarms = next;
    const ev = (type: string, a: Alarm) =>
      this.event(
        type,
        a.subjectType,
        a.subjectId,
        { key: a.key, kind: a.kind, severity: a.severity, agentId: a.agentId, ...a.detail },
        a.agentId ? this.agentScopeOf(a.agentId) : adminOnlyScope,
      );
    this.emit([
      ...cleared.map((a) => ev('resource.alarm_cleared', a)),
      ...raised.map((a) => ev('resource.alarm_raised', a)),
    ]);
    this.onAlarms(this.alarms);
  }

  private event(
    type: string,
    subjectType: string,
    subjectId: string,
    payload: Record<string, unknown>,
    scope: EventScope,
  ): DomainEvent {
    return { type, subjectType, subjectId, payload: { ...payload, node: this.nodeId }, scope };
  }

  private emit(events: DomainEvent[]): void {
    const at = this.deps.clock.now();
    this.writes = this.writes
      .then(() =>
        this.deps.store.transaction(async (tx) => {
          tx.append(events, { actorId: null, at });
        }),
      )
      .catch(() => {
        // The store is down: the health view is still right; the node sample reports the store.
      });
  }
}
