import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { NonceManager } from '../../../../src/voice/sip/auth/index.ts';

const secret = 'a-test-secret-of-enough-length';
const t0 = Date.parse('2026-03-02T01:00:00.000Z');

describe('NonceManager', () => {
  const nonces = new NonceManager({ secret, realm: 'kefu.local' });

  it('issues URL-safe nonces that are unique and valid until the lifetime ends', () => {
    const a = nonces.issue(t0);
    const b = nonces.issue(t0);
    expect(a).toMatch(/^[A-Za-z0-9_-]{75}$/);
    expect(a).not.toBe(b);
    expect(nonces.check(a, t0)).toBe('valid');
    expect(nonces.check(a, t0 + 300_000)).toBe('valid');
    expect(nonces.issuedAt(a)).toBe(t0);
  });

  it('answers stale once expired (default 300 s), so the challenge carries stale=TRUE', () => {
    const n = nonces.issue(t0);
    expect(nonces.check(n, t0 + 300_001)).toBe('stale');
    expect(nonces.check(n, t0 + 86_400_000)).toBe('stale');
    const short = new NonceManager({ secret, ttlMs: 1000 });
    const s = short.issue(t0);
    expect(short.check(s, t0 + 1000)).toBe('valid');
    expect(short.check(s, t0 + 1001)).toBe('stale');
  });

  it('refuses nonces from the future beyond the allowed skew', () => {
    const n = nonces.issue(t0 + 5_000);
    expect(nonces.check(n, t0)).toBe('valid');
    const later = nonces.issue(t0 + 5_001);
    expect(nonces.check(later, t0)).toBe('invalid');
  });

  it('binds a nonce to its realm and secret', () => {
    const n = nonces.issue(t0, 'kefu.local');
    expect(nonces.check(n, t0, 'other.example')).toBe('invalid');
    expect(nonces.check(nonces.issue(t0, 'other.example'), t0, 'other.example')).toBe('valid');
    const otherSecret = new NonceManager({
      secret: 'another-secret-also-long',
      realm: 'kefu.local',
    });
    expect(otherSecret.check(n, t0)).toBe('invalid');
    // Another node with the same secret accepts it (stateless).
    const peer = new NonceManager({ secret, realm: 'kefu.local' });
    expect(peer.check(n, t0)).toBe('valid');
  });

  it('refuses malformed and tampered nonces', () => {
    const n = nonces.issue(t0);
    for (const bad of [
      '',
      'abc',
      n.slice(1),
      `${n}A`,
      n.replace(/.$/, '='),
      `${n.slice(0, 74)}+`,
    ]) {
      expect(nonces.check(bad, t0)).toBe('invalid');
    }
    // A last character whose unused low bits are set decodes to the same bytes: still refused.
    const last = n.at(-1) as string;
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const twin = n.slice(0, -1) + (alphabet[alphabet.indexOf(last) | 1] as string);
    if (twin !== n) expect(nonces.check(twin, t0)).toBe('invalid');
  });

  it('refuses a nonce with any single character changed', () => {
    const n = nonces.issue(t0);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    fc.assert(
      fc.property(fc.nat({ max: n.length - 2 }), fc.constantFrom(...alphabet), (i, c) => {
        fc.pre(n[i] !== c);
        const tampered = n.slice(0, i) + c + n.slice(i + 1);
        expect(nonces.check(tampered, t0)).toBe('invalid');
      }),
      { numRuns: 500 },
    );
  });

  it('refuses arbitrary strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 120 }), (s) => {
        expect(nonces.check(s, t0)).toBe('invalid');
      }),
    );
  });

  it('uses the injected randomness', () => {
    const fixed = new NonceManager({ secret, random: (n) => new Uint8Array(n).fill(7) });
    expect(fixed.issue(t0)).toBe(fixed.issue(t0));
    expect(fixed.issue(t0)).not.toBe(fixed.issue(t0 + 1));
  });

  it('validates its options', () => {
    expect(() => new NonceManager({ secret: 'short' })).toThrow(RangeError);
    expect(() => new NonceManager({ secret, ttlMs: 0 })).toThrow(RangeError);
    expect(() => new NonceManager({ secret, maxTracked: 0 })).toThrow(RangeError);
  });

  describe('nonce counts (replay protection, RFC 7616 §3.4)', () => {
    it('accepts only increasing counts per nonce', () => {
      const m = new NonceManager({ secret });
      const a = m.issue(t0);
      const b = m.issue(t0);
      expect(m.acceptNonceCount(a, 1)).toBe(true);
      expect(m.acceptNonceCount(a, 1)).toBe(false);
      expect(m.acceptNonceCount(a, 3)).toBe(true);
      expect(m.acceptNonceCount(a, 2)).toBe(false);
      expect(m.acceptNonceCount(b, 1)).toBe(true);
      expect(m.tracked).toBe(2);
    });

    it('keeps a bounded LRU of nonces', () => {
      const m = new NonceManager({ secret, maxTracked: 3 });
      const ns = Array.from({ length: 5 }, () => m.issue(t0));
      for (const n of ns.slice(0, 3)) m.acceptNonceCount(n, 1);
      // Touch the oldest so the second becomes least recently used.
      expect(m.acceptNonceCount(ns[0] as string, 2)).toBe(true);
      m.acceptNonceCount(ns[3] as string, 1);
      expect(m.tracked).toBe(3);
      expect(m.acceptNonceCount(ns[0] as string, 2)).toBe(false); // still remembered
      expect(m.acceptNonceCount(ns[1] as string, 1)).toBe(true); // forgotten
      fc.assert(
        fc.property(fc.array(fc.tuple(fc.nat({ max: 20 }), fc.nat({ max: 5 }))), (ops) => {
          const lru = new NonceManager({ secret, maxTracked: 4 });
          for (const [n, nc] of ops) lru.acceptNonceCount(`n${n}`, nc);
          return lru.tracked <= 4;
        }),
      );
    });
  });
});
