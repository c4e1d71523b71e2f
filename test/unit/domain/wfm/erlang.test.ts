/**
 * Erlang B, C and A against published figures (±0.1 percentage point) and, for Erlang A, against
 * its Erlang C limit and a simulation of the queue it models.
 */
import { describe, expect, it } from 'vitest';
import { erlangAFigures } from '../../../../src/domain/wfm/erlang-a.ts';
import { erlangB, erlangC, erlangCFigures } from '../../../../src/domain/wfm/erlang.ts';
import { staffing } from '../../../../src/domain/wfm/staffing.ts';

const pp = 0.001; // 0.1 percentage point

describe('Erlang B', () => {
  // Traffic that N lines carry at a given blocking, from the standard Erlang B table
  // (J. R. Boucher, Traffic System Design Handbook, IEEE Press 1993, Appendix: Erlang B), and the
  // worked example of the Westbay Erlang B calculator manual ("15 lines at 1 % blocking carry
  // 8.108 erlangs", erlang.com/calculatormanual/howmuchtrafficcanatrunkgrouphandle.htm).
  it.each([
    [1, 0.0101, 0.01],
    [5, 1.361, 0.01],
    [10, 4.461, 0.01],
    [15, 8.108, 0.01],
    [20, 12.031, 0.01],
    [30, 20.337, 0.01],
    [50, 37.901, 0.01],
    [100, 84.064, 0.01],
    [10, 5.084, 0.02],
    [20, 13.182, 0.02],
    [50, 40.255, 0.02],
    [100, 87.972, 0.02],
  ])('%i lines offered %f erlangs block %f', (n, a, b) => {
    expect(Math.abs(erlangB(n, a) - b)).toBeLessThan(pp);
  });

  it('stays finite for thousands of lines', () => {
    const b = erlangB(5000, 4900);
    expect(b).toBeGreaterThan(0);
    expect(b).toBeLessThan(0.02);
  });
});

describe('Erlang C', () => {
  // The Call Centre Helper worked example ("Erlang C Formula – Made Simple With an Easy Worked
  // Example"): 100 calls in 30 minutes, AHT 180 s, 80 % in 20 s → 10 erlangs; 14 agents give
  // a 17.41 % chance of waiting, 88.84 % service level and ASA 7.8 s; 13 agents miss 80/20.
  it('matches the Call Centre Helper worked example', () => {
    const f14 = erlangCFigures(14, 10, 180, 20);
    expect(Math.abs(f14.probWait - 0.1741)).toBeLessThan(pp);
    expect(Math.abs(f14.serviceLevel - 0.8884)).toBeLessThan(pp);
    expect(f14.asa).toBeCloseTo(7.84, 1);
    expect(f14.occupancy).toBeCloseTo(10 / 14, 6);
    expect(erlangCFigures(13, 10, 180, 20).serviceLevel).toBeLessThan(0.8);
    const r = staffing({
      model: 'erlang-c',
      arrivalsPerHour: 200,
      ahtSeconds: 180,
      targetAnswerSeconds: 20,
      targetServiceLevel: 0.8,
      shrinkage: 0.3,
    });
    expect(r).toMatchObject({ agents: 14, scheduledAgents: 20, meetsTarget: true });
    expect(r.erlangs).toBeCloseTo(10, 9);
  });

  it('is 1 (everyone waits, for ever) when agents do not exceed the load', () => {
    expect(erlangC(10, 10)).toBe(1);
    expect(erlangCFigures(9, 10, 180, 20)).toMatchObject({ serviceLevel: 0, asa: Infinity });
  });

  it('adds agents for an ASA target the service level alone would not need', () => {
    const base = {
      model: 'erlang-c' as const,
      arrivalsPerHour: 200,
      ahtSeconds: 180,
      targetAnswerSeconds: 20,
      targetServiceLevel: 0.8,
    };
    expect(staffing({ ...base, targetAsaSeconds: 3 }).agents).toBe(16);
  });
});

/** A simulation of M/M/N+M, seeded, to check Erlang A independently of its formulas. */
function simulate(
  n: number,
  lambda: number,
  aht: number,
  patience: number,
  t: number,
  calls: number,
) {
  // mulberry32: 32-bit integer arithmetic only (Math.imul), so no precision is lost.
  let seed = 12345;
  const rnd = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return (((x ^ (x >>> 14)) >>> 0) + 0.5) / 4294967296;
  };
  const exp = (mean: number) => -Math.log(rnd()) * mean;
  const free: number[] = Array.from({ length: n }, () => 0); // when each agent is next free
  let clock = 0;
  let within = 0;
  let abandoned = 0;
  let waited = 0;
  // Calls are served in order of arrival; an agent takes the first caller still waiting.
  for (let c = 0; c < calls; c++) {
    clock += exp(1 / lambda);
    const gives = clock + exp(patience);
    const caller = { at: clock, gives };
    // The earliest free agent.
    let k = 0;
    for (let j = 1; j < n; j++) if ((free[j] as number) < (free[k] as number)) k = j;
    const start = Math.max(caller.at, free[k] as number);
    if (start > caller.at) waited++;
    if (start > caller.gives) {
      abandoned++;
      continue;
    }
    if (start - caller.at <= t) within++;
    free[k] = start + exp(aht);
  }
  return { serviceLevel: within / calls, probAbandon: abandoned / calls, probWait: waited / calls };
}

describe('Erlang A', () => {
  it('tends to Erlang C as patience grows', () => {
    const a = erlangAFigures({
      agents: 14,
      lambda: 200 / 3600,
      ahtSeconds: 180,
      patienceSeconds: 1e9,
      targetSeconds: 20,
    });
    const c = erlangCFigures(14, 10, 180, 20);
    expect(Math.abs(a.serviceLevel - c.serviceLevel)).toBeLessThan(pp);
    expect(Math.abs(a.probWait - c.probWait)).toBeLessThan(pp);
    expect(a.asa).toBeCloseTo(c.asa, 1);
    expect(a.probAbandon).toBeLessThan(1e-6);
  });

  it('agrees with a simulation of impatient callers (abandons count as misses)', () => {
    const n = 11;
    const lambda = 200 / 3600;
    const f = erlangAFigures({
      agents: n,
      lambda,
      ahtSeconds: 180,
      patienceSeconds: 90,
      targetSeconds: 20,
    });
    const s = simulate(n, lambda, 180, 90, 20, 400_000);
    // 400,000 simulated calls: sampling error well under half a point.
    expect(Math.abs(f.serviceLevel - s.serviceLevel)).toBeLessThan(0.005);
    expect(Math.abs((f.probAbandon ?? 0) - s.probAbandon)).toBeLessThan(0.005);
    expect(Math.abs(f.probWait - s.probWait)).toBeLessThan(0.005);
    // With abandonment fewer agents reach 80/20 than Erlang C asks for.
    const r = staffing({
      model: 'erlang-a',
      arrivalsPerHour: 200,
      ahtSeconds: 180,
      targetAnswerSeconds: 20,
      targetServiceLevel: 0.8,
      patienceSeconds: 90,
    });
    expect(r.agents).toBeLessThanOrEqual(14);
    expect(r.serviceLevel).toBeGreaterThanOrEqual(0.8);
  });

  it('stays quick and finite for a large center', () => {
    const t0 = Date.now();
    const r = staffing({
      model: 'erlang-a',
      arrivalsPerHour: 12_000,
      ahtSeconds: 240,
      targetAnswerSeconds: 20,
      targetServiceLevel: 0.9,
      patienceSeconds: 120,
    });
    expect(r.agents).toBeGreaterThan(700);
    expect(r.agents).toBeLessThan(900);
    expect(Date.now() - t0).toBeLessThan(5_000);
  });
});

describe('staffing input', () => {
  it.each([
    [{ targetServiceLevel: 80 }, 'targetServiceLevel'],
    [{ ahtSeconds: 0 }, 'ahtSeconds'],
    [{ shrinkage: 1 }, 'shrinkage'],
    [{ model: 'erlang-a' }, 'patienceSeconds'],
    [{ agents: 2.5 }, 'agents'],
  ])('refuses %j', (bad, field) => {
    expect(() =>
      staffing({
        model: 'erlang-c',
        arrivalsPerHour: 100,
        ahtSeconds: 180,
        targetAnswerSeconds: 20,
        targetServiceLevel: 0.8,
        ...bad,
      } as never),
    ).toThrow(expect.objectContaining({ code: 'validation.failed', details: { field } }));
  });

  it('evaluates a given number of agents', () => {
    const r = staffing({
      model: 'erlang-b',
      arrivalsPerHour: 8.108 * 360,
      ahtSeconds: 10,
      targetAnswerSeconds: 0,
      targetServiceLevel: 0.99,
      agents: 15,
    });
    expect(Math.abs((r.probBlock ?? 0) - 0.01)).toBeLessThan(pp);
    expect(r.meetsTarget).toBe(true);
  });
});
