import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { FloodGuard, normalizeSourceAddress } from '../../../../src/voice/sip/flood/index.ts';

const t0 = 1_772_412_000_000; // a whole number of 250 ms buckets
const attacker = '198.51.100.66';

/** Sends `n` requests at `now` and answers the verdicts. */
function burst(guard: FloodGuard, ip: string, now: number, n: number) {
  return Array.from({ length: n }, () => guard.check(ip, now));
}

describe('FloodGuard', () => {
  it('lets exactly maxRequests through in a window and blocks the next, flagging it once', () => {
    const guard = new FloodGuard({ windowMs: 2000, maxRequests: 5, blockMs: 10_000 });
    expect(burst(guard, attacker, t0, 5).every((v) => v.verdict === 'ok')).toBe(true);
    expect(guard.check(attacker, t0)).toEqual({
      verdict: 'blocked',
      newlyBlocked: true,
      blockedUntil: t0 + 10_000,
    });
    expect(guard.check(attacker, t0 + 1)).toEqual({
      verdict: 'blocked',
      newlyBlocked: false,
      blockedUntil: t0 + 10_000,
    });
    expect(guard.isBlocked(attacker, t0 + 5000)).toBe(true);
    expect(guard.blocked(t0 + 5000)).toEqual([{ address: attacker, blockedUntil: t0 + 10_000 }]);
  });

  it('counts requests spread over the window', () => {
    const guard = new FloodGuard({ windowMs: 2000, maxRequests: 4 });
    for (const dt of [0, 500, 1000, 1500])
      expect(guard.check(attacker, t0 + dt).verdict).toBe('ok');
    expect(guard.check(attacker, t0 + 1749).verdict).toBe('blocked');
  });

  it('forgets requests older than the window', () => {
    const guard = new FloodGuard({ windowMs: 2000, maxRequests: 4 });
    burst(guard, attacker, t0, 4);
    expect(guard.check(attacker, t0 + 2000).verdict).toBe('ok');
    // The window slides: the burst at t0 is gone, one request is counted.
    expect(burst(guard, attacker, t0 + 2100, 3).every((v) => v.verdict === 'ok')).toBe(true);
    expect(guard.check(attacker, t0 + 2100).verdict).toBe('blocked');
  });

  it('never blocks a source that keeps to maxRequests per window', () => {
    const guard = new FloodGuard({ windowMs: 2000, maxRequests: 10 });
    for (let t = t0 + 7; t < t0 + 60_000; t += 200)
      expect(guard.check(attacker, t).verdict).toBe('ok');
    const faster = new FloodGuard({ windowMs: 2000, maxRequests: 10 });
    const verdicts = [];
    for (let t = t0; t < t0 + 4000; t += 150) verdicts.push(faster.check(attacker, t).verdict);
    expect(verdicts).toContain('blocked');
  });

  it('unblocks after blockMs and counts afresh; requests while blocked neither count nor extend', () => {
    const guard = new FloodGuard({ windowMs: 2000, maxRequests: 3, blockMs: 5000 });
    burst(guard, attacker, t0, 4);
    for (let t = t0; t < t0 + 5000; t += 100)
      expect(guard.check(attacker, t).verdict).toBe('blocked');
    expect(guard.check(attacker, t0 + 5000).verdict).toBe('ok');
    expect(burst(guard, attacker, t0 + 5000, 2).every((v) => v.verdict === 'ok')).toBe(true);
    // A new block is a new episode: flagged again.
    expect(guard.check(attacker, t0 + 5001)).toMatchObject({
      verdict: 'blocked',
      newlyBlocked: true,
      blockedUntil: t0 + 10_001,
    });
  });

  it('keeps sources apart', () => {
    const guard = new FloodGuard({ maxRequests: 2 });
    burst(guard, attacker, t0, 3);
    expect(guard.check('192.0.2.1', t0).verdict).toBe('ok');
    expect(guard.isBlocked('192.0.2.1', t0)).toBe(false);
  });

  it('treats an IPv4-mapped IPv6 address, or a bracketed one, as the same source', () => {
    expect(normalizeSourceAddress('::FFFF:198.51.100.66')).toBe(attacker);
    expect(normalizeSourceAddress('[2001:DB8::1]')).toBe('2001:db8::1');
    const guard = new FloodGuard({ maxRequests: 2 });
    guard.check(attacker, t0);
    guard.check('::ffff:198.51.100.66', t0);
    expect(guard.check(attacker, t0).verdict).toBe('blocked');
    expect(guard.size).toBe(1);
  });

  it('never limits allowlisted trunks (addresses and CIDR prefixes, IPv4 and IPv6)', () => {
    const guard = new FloodGuard({
      maxRequests: 1,
      allowlist: ['203.0.113.10', '198.18.0.0/15', '2001:db8:100::/48', '[2001:db8::5]'],
    });
    for (const ip of [
      '203.0.113.10',
      '::ffff:203.0.113.10',
      '198.19.255.255',
      '2001:db8:100:ffff::1',
      '2001:db8::5',
    ]) {
      expect(burst(guard, ip, t0, 100).every((v) => v.verdict === 'ok')).toBe(true);
      expect(guard.isAllowlisted(ip)).toBe(true);
    }
    expect(guard.size).toBe(0);
    expect(guard.isAllowlisted('198.20.0.1')).toBe(false);
    expect(guard.isAllowlisted('not-an-ip')).toBe(false);
    guard.allow('192.0.2.0/24');
    expect(guard.check('192.0.2.200', t0).verdict).toBe('ok');
    expect(guard.check('192.0.2.200', t0).verdict).toBe('ok');
    for (const bad of ['trunk.example', '192.0.2.0/33', '2001:db8::/129', '10.0.0.0/x', '']) {
      expect(() => guard.allow(bad)).toThrow(TypeError);
    }
  });

  it('lets an operator lift a block', () => {
    const guard = new FloodGuard({ maxRequests: 1 });
    burst(guard, attacker, t0, 2);
    expect(guard.unblock(attacker)).toBe(true);
    expect(guard.check(attacker, t0).verdict).toBe('ok');
    expect(guard.unblock('192.0.2.99')).toBe(false);
  });

  it('drops idle sources, but keeps blocked ones until their block ends', () => {
    const guard = new FloodGuard({ windowMs: 2000, maxRequests: 1, blockMs: 10_000 });
    guard.check('192.0.2.1', t0);
    burst(guard, attacker, t0, 2);
    expect(guard.sweep(t0 + 1999)).toBe(0);
    expect(guard.sweep(t0 + 2000)).toBe(1);
    expect(guard.size).toBe(1);
    expect(guard.sweep(t0 + 10_000)).toBe(1);
    expect(guard.size).toBe(0);
  });

  it('tolerates a clock that steps back', () => {
    const guard = new FloodGuard({ maxRequests: 3 });
    guard.check(attacker, t0 + 1000);
    guard.check(attacker, t0);
    guard.check(attacker, t0 - 5000);
    expect(guard.check(attacker, t0).verdict).toBe('blocked');
  });

  it('validates its options', () => {
    for (const bad of [
      { windowMs: 0 },
      { maxRequests: 0 },
      { maxRequests: 1.5 },
      { blockMs: -1 },
      { buckets: 0 },
      { maxSources: 0 },
    ]) {
      expect(() => new FloodGuard(bad)).toThrow(RangeError);
    }
  });

  describe('bounded memory', () => {
    const ip = fc.oneof(fc.ipV4(), fc.ipV6(), fc.constantFrom(attacker, '192.0.2.1'));

    it('never tracks more than maxSources under a spray of random addresses', () => {
      fc.assert(
        fc.property(
          fc.array(fc.tuple(ip, fc.integer({ min: 0, max: 300 })), { maxLength: 400 }),
          fc.integer({ min: 1, max: 40 }),
          (spray, maxSources) => {
            const guard = new FloodGuard({ maxRequests: 3, maxSources });
            let now = t0;
            for (const [address, dt] of spray) {
              now += dt;
              guard.check(address, now);
              expect(guard.size).toBeLessThanOrEqual(maxSources);
            }
          },
        ),
        { numRuns: 300 },
      );
    });

    it('holds 100 000 sources at most by default, and an active flooder stays blocked through a spray', () => {
      const guard = new FloodGuard({ maxRequests: 5, blockMs: 60_000 });
      burst(guard, attacker, t0, 6);
      for (let i = 0; i < 150_000; i++) {
        guard.check(`10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`, t0 + 1);
        if (i % 1000 === 0) expect(guard.check(attacker, t0 + 1).verdict).toBe('blocked');
      }
      expect(guard.size).toBe(100_000);
      expect(guard.isBlocked(attacker, t0 + 1)).toBe(true);
    });

    it('prefers evicting sources that are not blocked', () => {
      const guard = new FloodGuard({ maxRequests: 1, maxSources: 3 });
      burst(guard, attacker, t0, 2); // oldest, blocked
      guard.check('192.0.2.1', t0);
      guard.check('192.0.2.2', t0);
      guard.check('192.0.2.3', t0);
      expect(guard.isBlocked(attacker, t0)).toBe(true);
      expect(guard.size).toBe(3);
    });
  });

  it('agrees with the exact window it approximates (fast-check)', () => {
    // Whatever the timing: more than maxRequests counted within the last
    // windowMs·(buckets−1)/buckets must block, and at most maxRequests within windowMs must not.
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.array(fc.integer({ min: 0, max: 700 }), { minLength: 1, maxLength: 120 }),
        (maxRequests, gaps) => {
          const windowMs = 2000;
          const blockMs = 3000;
          const guard = new FloodGuard({ windowMs, maxRequests, blockMs });
          const short = (windowMs * 7) / 8;
          let now = t0;
          let counted: number[] = [];
          let blockedUntil = 0;
          for (const gap of gaps) {
            now += gap;
            const v = guard.check('192.0.2.7', now);
            if (now < blockedUntil) {
              expect(v).toMatchObject({ verdict: 'blocked', newlyBlocked: false });
              continue;
            }
            if (blockedUntil !== 0) {
              counted = [];
              blockedUntil = 0;
            }
            counted.push(now);
            const inShort = counted.filter((t) => t > now - short).length;
            const inFull = counted.filter((t) => t > now - windowMs).length;
            if (inShort > maxRequests) expect(v.verdict).toBe('blocked');
            if (inFull <= maxRequests) expect(v.verdict).toBe('ok');
            if (v.verdict === 'blocked') {
              expect(v.newlyBlocked).toBe(true);
              blockedUntil = now + blockMs;
              counted = [];
            }
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
