/**
 * This kefu process in the inventory: it registers itself (name, roles, address, version) in
 * `kefu_nodes` and every few seconds refreshes its heartbeat with a health sample — event-loop
 * lag (p99 over the interval), memory, open calls, media — which it also hands to the resource
 * monitor (node overloaded alarm). A failed write marks the store unreachable in the next
 * sample. Nodes silent for ten intervals are removed by whichever node notices.
 */
import { monitorEventLoopDelay, type IntervalHistogram } from 'node:perf_hooks';
import type { AppDeps } from '../app-context.ts';
import type { KefuNode } from '../ports/resource-repo.ts';
import type { ResourceMonitor } from './resource-monitor.ts';

export interface NodeIdentity {
  readonly id: string;
  readonly name: string;
  readonly roles: readonly string[];
  readonly address: string;
  readonly version: string;
}

export class NodeHeartbeat {
  private timer: NodeJS.Timeout | null = null;
  private readonly lag: IntervalHistogram = monitorEventLoopDelay({ resolution: 10 });
  private readonly startedAt: Date;
  private storeReachable = true;
  private beating: Promise<void> | null = null;

  constructor(
    private readonly deps: AppDeps,
    private readonly monitor: ResourceMonitor,
    readonly identity: NodeIdentity,
    private readonly everyMs = 5000,
  ) {
    this.startedAt = deps.clock.now();
  }

  async start(): Promise<void> {
    this.lag.enable();
    await this.beat();
    this.timer = setInterval(() => void this.beat(), this.everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.lag.disable();
    await this.beating;
  }

  /** Samples, tells the monitor and writes the heartbeat (a beat under way is joined). */
  beat(): Promise<void> {
    this.beating ??= this.once().finally(() => (this.beating = null));
    return this.beating;
  }

  private async once(): Promise<void> {
    const m = process.memoryUsage();
    const lagMs = this.lag.count > 0 ? this.lag.percentile(99) / 1e6 : 0;
    this.lag.reset();
    this.monitor.nodeSample({
      lagMs,
      rssBytes: m.rss,
      heapUsedBytes: m.heapUsed,
      storeReachable: this.storeReachable,
    });
    const h = this.monitor.nodeHealth();
    const now = this.deps.clock.now();
    const node: KefuNode = {
      ...this.identity,
      pid: process.pid,
      startedAt: this.startedAt,
      heartbeatAt: now,
      health: {
        state: h.state,
        lagMs: Math.round(lagMs * 10) / 10,
        rssBytes: m.rss,
        heapUsedBytes: m.heapUsed,
        openCalls: h.openCalls,
        ...(h.mediaPacketsPerSecond !== null
          ? { mediaPacketsPerSecond: Math.round(h.mediaPacketsPerSecond) }
          : {}),
      },
    };
    try {
      await this.deps.store.resources.saveNode(node);
      await this.deps.store.resources.deleteStaleNodes(new Date(now.getTime() - 10 * this.everyMs));
      this.storeReachable = true;
    } catch {
      this.storeReachable = false;
    }
  }
}
