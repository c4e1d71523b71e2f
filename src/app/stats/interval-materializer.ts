/**
 * Keeps the 15-minute interval tables in step with the event log. Each batch of events is folded
 * (domain/stats/interval-fold.ts) and its counters, the new cursor and the fold's state (tasks
 * still open) are written in one transaction, so stopping anywhere and catching up later — or
 * running twice — gives the same numbers. `rebuild()` starts again from the first event.
 */
import type { AppDeps } from '../app-context.ts';
import {
  foldIntervals,
  mergeIncrements,
  type FoldState,
} from '../../domain/stats/interval-fold.ts';

export interface MaterializerOptions {
  readonly name?: string;
  readonly batch?: number;
  readonly shortAbandonMs?: number;
}

export class IntervalMaterializer {
  private readonly name: string;
  private readonly batch: number;
  private readonly shortAbandonMs: number;
  private timer: ReturnType<typeof setInterval> | null = null;
  private running: Promise<number> | null = null;

  constructor(
    private readonly deps: AppDeps,
    o: MaterializerOptions = {},
  ) {
    this.name = o.name ?? 'intervals';
    this.batch = o.batch ?? 2000;
    this.shortAbandonMs = o.shortAbandonMs ?? 5_000;
  }

  start(everyMs = 5_000): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      this.catchUp().catch((e) => console.error('interval materializer failed', e));
    }, everyMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.running?.catch(() => 0);
  }

  /** Folds every event not yet folded; resolves with how many were read. */
  catchUp(): Promise<number> {
    this.running ??= this.run().finally(() => (this.running = null));
    return this.running;
  }

  async rebuild(): Promise<number> {
    await this.running?.catch(() => 0);
    await this.deps.store.transaction((tx) => tx.stats.reset(this.name));
    return this.catchUp();
  }

  private async run(): Promise<number> {
    const queues = await this.deps.store.routing.listQueues();
    const threshold = new Map(queues.map((q) => [q.id, q.serviceLevelSeconds * 1000]));
    const users = await this.deps.store.users.list({}, { limit: 100_000, offset: 0 });
    const teams = new Map(users.items.map((u) => [u.id, u.teamIds]));
    const rules = {
      thresholdMs: (id: string) => threshold.get(id) ?? 20_000,
      shortAbandonMs: this.shortAbandonMs,
      teamsOf: (agentId: string) => teams.get(agentId) ?? [],
    };
    let read = 0;
    for (;;) {
      const cur = (await this.deps.store.stats.cursor(this.name)) ?? {
        seq: 0,
        state: { open: {} },
      };
      const events = await this.deps.store.events.after(cur.seq, this.batch, null);
      if (events.length === 0) return read;
      const { state, increments } = foldIntervals(cur.state as unknown as FoldState, events, rules);
      const last = events.at(-1)?.seq ?? cur.seq;
      const applied = await this.deps.store.transaction(async (tx) => {
        // Another process may have moved the cursor meanwhile: then this batch is not ours.
        const now = (await tx.stats.cursor(this.name))?.seq ?? 0;
        if (now !== cur.seq) return false;
        await tx.stats.add(
          mergeIncrements(increments).map((i) => ({
            intervalStart: new Date(i.interval),
            dimension: i.dimension,
            key: i.key,
            counts: i.counts,
          })),
        );
        await tx.stats.saveCursor(this.name, {
          seq: last,
          state: state as unknown as Record<string, unknown>,
        });
        return true;
      });
      if (applied) read += events.length;
    }
  }
}
