import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dialerModes } from '../../../../src/domain/dialer/campaign.ts';
import { OutcomeWindow } from '../../../../src/domain/dialer/outcome-window.ts';
import {
  binomialPmf,
  estimatedAnswerRate,
  expectedOverflow,
  linesToDial,
  maxAgents,
  type PacingInput,
} from '../../../../src/domain/dialer/pacing.ts';

const base: PacingInput = {
  mode: 'predictive',
  freeAgents: 5,
  busyAgents: 15,
  callsInFlight: 0,
  stats: { attempts: 1000, answered: 300, abandoned: 0 },
  avgHandleSec: 180,
  avgRingSec: 12,
  maxAbandonRate: 0.03,
};

const anyNumber = fc.oneof(
  fc.integer({ min: -5, max: 200 }),
  fc.double({ noNaN: false }),
  fc.constantFrom(Infinity, -Infinity, NaN),
);
const input = fc.record({
  mode: fc.constantFrom(...dialerModes),
  freeAgents: fc.integer({ min: 0, max: 100 }),
  busyAgents: fc.integer({ min: 0, max: 100 }),
  callsInFlight: fc.integer({ min: 0, max: 300 }),
  stats: fc
    .tuple(fc.nat(5000), fc.nat(5000), fc.nat(5000))
    .map(([a, b, c]) => ({ attempts: a + b, answered: b, abandoned: Math.min(b, c) })),
  avgHandleSec: fc.double({ min: 0, max: 3600, noNaN: true }),
  avgRingSec: fc.double({ min: 0, max: 60, noNaN: true }),
  maxAbandonRate: fc.double({ min: 0, max: 0.2, noNaN: true }),
});

describe('pacing', () => {
  it('progressive and preview never ring more customers than free agents', () => {
    fc.assert(
      fc.property(input, (i) => {
        for (const mode of ['progressive', 'preview'] as const) {
          const n = linesToDial({ ...i, mode });
          expect(n + i.callsInFlight <= i.freeAgents || n === 0).toBe(true);
          expect(n).toBe(Math.max(0, i.freeAgents - i.callsInFlight));
        }
      }),
    );
  });

  it('returns a whole number ≥ 0, at most 3 lines per agent beyond progressive', () => {
    fc.assert(
      fc.property(input, (i) => {
        const n = linesToDial(i);
        expect(Number.isInteger(n)).toBe(true);
        expect(n).toBeGreaterThanOrEqual(Math.max(0, i.freeAgents - i.callsInFlight));
        expect(n).toBeLessThanOrEqual(Math.max(i.freeAgents, (i.freeAgents + i.busyAgents) * 3));
      }),
    );
  });

  it('survives nonsense numbers without NaN or negatives', () => {
    fc.assert(
      fc.property(anyNumber, anyNumber, anyNumber, anyNumber, (a, b, c, d) => {
        const n = linesToDial({
          ...base,
          freeAgents: a,
          busyAgents: b,
          callsInFlight: c,
          avgHandleSec: d,
          avgRingSec: d,
          maxAbandonRate: a,
          stats: { attempts: b, answered: c, abandoned: d },
        });
        expect(Number.isInteger(n) && n >= 0 && n <= 6 * maxAgents).toBe(true);
      }),
    );
  });

  it('dials more than one line per free agent at a low answer rate, and falls back near the limit', () => {
    expect(linesToDial(base)).toBeGreaterThan(base.freeAgents);
    const near = { ...base, stats: { attempts: 1000, answered: 300, abandoned: 9 } };
    expect(linesToDial(near)).toBe(base.freeAgents);
    const half = { ...base, stats: { attempts: 1000, answered: 300, abandoned: 4 } };
    expect(linesToDial(half)).toBeLessThan(linesToDial(base));
    expect(linesToDial(half)).toBeGreaterThanOrEqual(base.freeAgents);
  });

  it('trusts the cautious prior while there are few samples', () => {
    expect(estimatedAnswerRate({ attempts: 0, answered: 0, abandoned: 0 })).toBeCloseTo(0.6);
    expect(estimatedAnswerRate({ attempts: 10000, answered: 2000, abandoned: 0 })).toBeCloseTo(
      0.2,
      2,
    );
    const fresh = { ...base, stats: { attempts: 0, answered: 0, abandoned: 0 } };
    expect(linesToDial(fresh)).toBeLessThan(linesToDial(base));
  });

  it('computes binomial overflow exactly on a small case', () => {
    expect(binomialPmf(2, 0.5)).toEqual([0.25, 0.5, 0.25]);
    expect(binomialPmf(1000, 0.99).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    // 2 calls at p = 0.5, 1 free agent, nobody busy: overflow only when both answer.
    expect(expectedOverflow(2, 0.5, 1, 0, 0.5)).toBeCloseTo(0.25);
    // One busy agent who stays busy with probability 0.5 and one call answered for sure.
    expect(expectedOverflow(1, 0.999999, 0, 1, 0.5)).toBeCloseTo(0.5, 5);
  });

  it('counts outcomes over a sliding window', () => {
    const w = new OutcomeWindow(60_000);
    w.add(0, 'answered');
    w.add(10_000, 'abandoned');
    w.add(20_000, 'unanswered');
    expect(w.stats(30_000)).toEqual({ attempts: 3, answered: 2, abandoned: 1 });
    expect(w.stats(60_000)).toEqual({ attempts: 2, answered: 1, abandoned: 1 });
    expect(w.stats(80_000)).toEqual({ attempts: 0, answered: 0, abandoned: 0 });
    for (let t = 0; t < 5000; t++) w.add(100_000 + t * 100, 'answered');
    expect(w.stats(100_000 + 4999 * 100).attempts).toBe(600);
  });
});
