/**
 * The outcomes of the last `windowMs` of dialing, counted for the pacer. Times are passed in
 * (epoch ms, never decreasing); old outcomes fall out as time moves on.
 */
import type { PacingStats } from './pacing.ts';

export type LineOutcome = 'answered' | 'abandoned' | 'unanswered';

export class OutcomeWindow {
  private readonly items: { at: number; outcome: LineOutcome }[] = [];
  private head = 0;
  private attempts = 0;
  private answered = 0;
  private abandoned = 0;

  constructor(private readonly windowMs: number) {}

  add(at: number, outcome: LineOutcome): void {
    this.items.push({ at, outcome });
    this.count(outcome, 1);
  }

  /** Counts over (now − windowMs, now]. */
  stats(now: number): PacingStats {
    while (this.head < this.items.length && this.items[this.head]!.at <= now - this.windowMs) {
      this.count(this.items[this.head]!.outcome, -1);
      this.head += 1;
    }
    // Drop the consumed prefix now and then so a long run does not keep every outcome.
    if (this.head > 1024 && this.head * 2 > this.items.length) {
      this.items.splice(0, this.head);
      this.head = 0;
    }
    return { attempts: this.attempts, answered: this.answered, abandoned: this.abandoned };
  }

  private count(o: LineOutcome, d: number): void {
    this.attempts += d;
    if (o !== 'unanswered') this.answered += d;
    if (o === 'abandoned') this.abandoned += d;
  }
}
