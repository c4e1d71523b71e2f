/** Time, passed in so tests can move it. `now()` never goes backwards within a process. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests set and advance by hand. */
export class ManualClock implements Clock {
  constructor(private t: number = Date.parse('2026-11-30T02:00:00Z')) {}
  now(): Date {
    return new Date(this.t);
  }
  set(at: Date | string): void {
    this.t = typeof at === 'string' ? Date.parse(at) : at.getTime();
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
