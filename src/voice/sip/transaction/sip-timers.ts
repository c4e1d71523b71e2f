/**
 * RFC 3261 §17 timer values (Table 4) and a scheduler the transactions use, so tests can drive
 * time by hand.
 */
export interface SipTimerValues {
  /** RTT estimate (500 ms). */
  readonly T1: number;
  /** Maximum retransmit interval for non-INVITE requests and INVITE responses (4 s). */
  readonly T2: number;
  /** Maximum time a message remains in the network (5 s). */
  readonly T4: number;
}

export const defaultTimers: SipTimerValues = { T1: 500, T2: 4000, T4: 5000 };

export interface TimerHandle {
  cancel(): void;
}

export interface Scheduler {
  /** Calls fn after ms; the handle cancels it. */
  after(ms: number, fn: () => void): TimerHandle;
}

export const realScheduler: Scheduler = {
  after(ms, fn) {
    const t = setTimeout(fn, ms);
    t.unref?.();
    return { cancel: () => clearTimeout(t) };
  },
};
