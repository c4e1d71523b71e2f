import { describe, expect, it } from 'vitest';
import {
  admit,
  move,
  closedBreaker,
  recordFailure,
  recordSuccess,
  type Breaker,
  type BreakerPolicy,
} from '../../../../src/domain/connector/circuit-breaker.ts';
import { DomainError } from '../../../../src/domain/errors.ts';

const p: BreakerPolicy = { failureThreshold: 3, windowMs: 10_000, cooldownMs: 5_000 };
const t0 = Date.parse('2026-12-01T08:00:00Z');

function failTimes(times: number[], b: Breaker = closedBreaker): Breaker {
  return times.reduce((acc, t) => recordFailure(acc, t, p), b);
}

describe('circuit breaker', () => {
  it('opens after the threshold of failures within the window', () => {
    const b = failTimes([t0, t0 + 1000]);
    expect(b.state).toBe('closed');
    const opened = recordFailure(b, t0 + 2000, p);
    expect(opened.state).toBe('open');
    expect(admit(opened, t0 + 2001, p).allowed).toBe(false);
  });

  it('forgets failures older than the window', () => {
    const b = failTimes([t0, t0 + 1000, t0 + 11_500]);
    expect(b.state).toBe('closed');
    expect(b.failures).toEqual([t0 + 11_500]);
  });

  it('lets one probe through after the cooldown, and only one', () => {
    const open = failTimes([t0, t0, t0]);
    expect(admit(open, t0 + 4_999, p).allowed).toBe(false);
    const first = admit(open, t0 + 5_000, p);
    expect(first.allowed).toBe(true);
    expect(first.next.state).toBe('half_open');
    expect(admit(first.next, t0 + 5_001, p).allowed).toBe(false);
  });

  it('closes when the probe succeeds and reopens when it fails', () => {
    const half = admit(failTimes([t0, t0, t0]), t0 + 6_000, p).next;
    const closed = recordSuccess(half);
    expect(closed).toMatchObject({ state: 'closed', failures: [], probing: false });
    const reopened = recordFailure(half, t0 + 6_100, p);
    expect(reopened).toMatchObject({ state: 'open', openedAt: t0 + 6_100 });
    // The cooldown starts again from the failed probe.
    expect(admit(reopened, t0 + 11_000, p).allowed).toBe(false);
    expect(admit(reopened, t0 + 11_100, p).allowed).toBe(true);
  });

  it('a success while closed keeps counting failures in the window', () => {
    const b = recordSuccess(failTimes([t0, t0 + 1]));
    expect(b.failures).toHaveLength(2);
  });

  it('a late failure while open changes nothing', () => {
    const open = failTimes([t0, t0, t0]);
    expect(recordFailure(open, t0 + 100, p)).toBe(open);
  });

  it('rejects an illegal move with a coded error', () => {
    expect(() => move(closedBreaker, 'half_open')).toThrow(DomainError);
    try {
      move(closedBreaker, 'half_open');
    } catch (e) {
      expect((e as DomainError).code).toBe('connector.illegal_transition');
      expect((e as DomainError).details).toMatchObject({ legal: ['open'] });
    }
  });
});
