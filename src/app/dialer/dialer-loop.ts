/**
 * Runs the dialer: every tick, one pacing step for each running campaign — never two at once for
 * the same campaign, since a step reads the lines in flight before starting more. On start it
 * first settles records a previous run left mid-call (see DialerService.recover).
 */
import type { AppDeps } from '../app-context.ts';
import type { DialerService } from './dialer-service.ts';

export interface DialerLoopOptions {
  /** How often campaigns are paced (default 1 s). */
  readonly everyMs?: number;
  readonly log?: (level: 'info' | 'warn', msg: string, extra?: Record<string, unknown>) => void;
}

export class DialerLoop {
  private timer: NodeJS.Timeout | null = null;
  private readonly stepping = new Set<string>();
  private ticking: Promise<void> | null = null;

  constructor(
    private readonly deps: AppDeps,
    private readonly dialer: DialerService,
    private readonly o: DialerLoopOptions = {},
  ) {}

  async start(): Promise<void> {
    const settled = await this.dialer.recover();
    if (settled > 0) this.o.log?.('info', 'dialer: records left mid-call settled', { settled });
    this.timer = setInterval(() => void this.tick(), this.o.everyMs ?? 1000);
    this.timer.unref();
  }

  /** One round over the running campaigns (also called by tests). */
  tick(): Promise<void> {
    this.ticking ??= this.round().finally(() => (this.ticking = null));
    return this.ticking;
  }

  private async round(): Promise<void> {
    let campaigns;
    try {
      campaigns = await this.deps.store.dialer.listCampaigns();
    } catch (e) {
      this.o.log?.('warn', 'dialer: campaigns not read', { error: String(e) });
      return;
    }
    await Promise.all(
      campaigns
        .filter((c) => c.state === 'running' && !this.stepping.has(c.id))
        .map(async (c) => {
          this.stepping.add(c.id);
          try {
            await this.dialer.dialNext(c.id);
          } catch (e) {
            this.o.log?.('warn', 'dialer: pacing step failed', {
              campaignId: c.id,
              error: String(e),
            });
          } finally {
            this.stepping.delete(c.id);
          }
        }),
    );
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.ticking;
  }
}
