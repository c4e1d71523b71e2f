/**
 * A sliding-window counter per key (a client address): how many times something happened in
 * the last `windowMs`, and how long until one more is allowed. In memory, like the login
 * throttle: one process guards its own door (behind a load balancer, pin by client address).
 */
import type { Clock } from '../ports/clock.ts';

export interface RateLimit {
  readonly windowMs: number;
  readonly limit: number;
}

export class RateWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly rate: RateLimit,
  ) {}

  /** Milliseconds until another hit is allowed for `key`, or 0 when it is allowed now. */
  retryAfterMs(key: string): number {
    const now = this.clock.now().getTime();
    const list = this.recent(key, now);
    if (list.length < this.rate.limit) return 0;
    const oldest = list[list.length - this.rate.limit] ?? now;
    return Math.max(1, oldest + this.rate.windowMs - now);
  }

  record(key: string): void {
    const now = this.clock.now().getTime();
    const list = this.recent(key, now);
    list.push(now);
    this.hits.set(key, list);
    if (this.hits.size > 100_000) this.prune(now);
  }

  private recent(key: string, now: number): number[] {
    return (this.hits.get(key) ?? []).filter((t) => t > now - this.rate.windowMs);
  }

  private prune(now: number): void {
    for (const [k, v] of this.hits) {
      const keep = v.filter((t) => t > now - this.rate.windowMs);
      if (keep.length === 0) this.hits.delete(k);
      else this.hits.set(k, keep);
    }
  }
}
