/**
 * Counts failed logins per username and per client address in a sliding window and refuses
 * further attempts once a limit is passed, so passwords cannot be guessed at speed. Kept in
 * memory: one process guards its own door (behind a load balancer, pin by client address).
 */
import type { Clock } from '../ports/clock.ts';

export interface ThrottleLimits {
  readonly windowMs: number;
  readonly perUser: number;
  readonly perIp: number;
}

export const defaultThrottleLimits: ThrottleLimits = {
  windowMs: 15 * 60_000,
  perUser: 5,
  perIp: 20,
};

export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly clock: Clock,
    private readonly limits: ThrottleLimits = defaultThrottleLimits,
  ) {}

  /** Milliseconds until another attempt is allowed, or 0 when it is allowed now. */
  retryAfterMs(username: string, ip: string | null): number {
    const now = this.clock.now().getTime();
    const wait = (key: string, limit: number) => {
      const list = this.recent(key, now);
      if (list.length < limit) return 0;
      const oldest = list[list.length - limit] ?? now;
      return oldest + this.limits.windowMs - now;
    };
    return Math.max(
      wait(`u:${username.toLowerCase()}`, this.limits.perUser),
      ip ? wait(`ip:${ip}`, this.limits.perIp) : 0,
    );
  }

  recordFailure(username: string, ip: string | null): void {
    const now = this.clock.now().getTime();
    for (const key of [`u:${username.toLowerCase()}`, ...(ip ? [`ip:${ip}`] : [])]) {
      const list = this.recent(key, now);
      list.push(now);
      this.failures.set(key, list);
    }
    if (this.failures.size > 100_000) this.prune(now);
  }

  recordSuccess(username: string): void {
    this.failures.delete(`u:${username.toLowerCase()}`);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.limits.windowMs);
  }

  private prune(now: number): void {
    for (const [k, v] of this.failures) {
      const keep = v.filter((t) => t > now - this.limits.windowMs);
      if (keep.length === 0) this.failures.delete(k);
      else this.failures.set(k, keep);
    }
  }
}
