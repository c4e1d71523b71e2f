/** A scheduler tests advance by hand. */
import type { Scheduler } from '../../../../src/voice/sip/transaction/sip-timers.ts';

export class ManualScheduler implements Scheduler {
  now = 0;
  private jobs: { at: number; fn: () => void; live: boolean; seq: number }[] = [];
  private seq = 0;
  after(ms: number, fn: () => void) {
    const job = { at: this.now + ms, fn, live: true, seq: this.seq++ };
    this.jobs.push(job);
    return { cancel: () => (job.live = false) };
  }
  /** Runs every timer due up to now + ms, in time order. */
  advance(ms: number): void {
    const end = this.now + ms;
    for (;;) {
      const next = this.jobs
        .filter((j) => j.live && j.at <= end)
        .sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!next) break;
      this.now = next.at;
      next.live = false;
      next.fn();
    }
    this.now = end;
    this.jobs = this.jobs.filter((j) => j.live);
  }
}
