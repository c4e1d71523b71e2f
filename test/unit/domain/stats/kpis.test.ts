import { describe, expect, it } from 'vitest';
import {
  caseKpis,
  defaultServiceLevelRules as rules,
  ivrContainment,
  occupancy,
  queueKpis,
  utilisation,
  type QueuedContact,
} from '../../../../src/domain/stats/kpis.ts';

const s = 1000;
// 10 contacts: 6 answered (4 within 20 s), 3 abandoned (one after 2 s: short; one at 15 s;
// one at 60 s), 1 still waiting.
const day: QueuedContact[] = [
  { outcome: 'answered', waitMs: 5 * s, talkMs: 200 * s, holdMs: 20 * s, wrapMs: 30 * s },
  { outcome: 'answered', waitMs: 10 * s, talkMs: 100 * s, wrapMs: 20 * s },
  { outcome: 'answered', waitMs: 20 * s, talkMs: 150 * s, transferred: true },
  { outcome: 'answered', waitMs: 0, talkMs: 50 * s },
  { outcome: 'answered', waitMs: 30 * s, talkMs: 300 * s },
  { outcome: 'answered', waitMs: 45 * s, talkMs: 80 * s, holdMs: 10 * s },
  { outcome: 'abandoned', waitMs: 2 * s },
  { outcome: 'abandoned', waitMs: 15 * s },
  { outcome: 'abandoned', waitMs: 60 * s },
  { outcome: 'waiting', waitMs: 8 * s },
];

describe('queue KPIs', () => {
  it('counts offered, answered, abandons (short ones apart) and the offered service level', () => {
    const k = queueKpis(day);
    expect(k).toMatchObject({
      offered: 9,
      answered: 6,
      abandoned: 2,
      shortAbandoned: 1,
      answeredWithinThreshold: 4,
    });
    expect(k.serviceLevel).toBeCloseTo(4 / 8, 9); // answered within 20 s ÷ (answered + counted abandons)
    expect(k.abandonRate).toBeCloseTo(2 / 8, 9);
    expect(k.asaMs).toBeCloseTo((110 * s) / 6, 6);
    expect(k.ahtMs).toBeCloseTo((960 * s) / 6, 6);
    expect(k.transferRate).toBeCloseTo(1 / 6, 9);
  });

  it('offers the other service-level variants', () => {
    expect(queueKpis(day, { ...rules, abandonsInDenominator: false }).serviceLevel).toBeCloseTo(
      4 / 6,
      9,
    );
    expect(queueKpis(day, { ...rules, abandonsWithinThresholdMet: true }).serviceLevel).toBeCloseTo(
      5 / 8,
      9,
    );
    // Without a short-abandon threshold the 2 s hang-up counts as an abandon.
    expect(queueKpis(day, { ...rules, shortAbandonMs: 0 }).serviceLevel).toBeCloseTo(4 / 9, 9);
    expect(queueKpis(day, { ...rules, thresholdMs: 30 * s }).serviceLevel).toBeCloseTo(5 / 8, 9);
  });

  it('gives null, not zero, when nothing was handled', () => {
    expect(queueKpis([])).toMatchObject({
      serviceLevel: null,
      asaMs: null,
      ahtMs: null,
      abandonRate: null,
    });
  });
});

describe('agent KPIs', () => {
  it('separates occupancy (busy while available for work) from utilisation (busy while logged in)', () => {
    const t = { staffedMs: 8 * 3600 * s, handlingMs: 5 * 3600 * s, idleMs: 1 * 3600 * s };
    expect(occupancy(t)).toBeCloseTo(5 / 6, 9);
    expect(utilisation(t)).toBeCloseTo(5 / 8, 9);
    expect(occupancy({ staffedMs: 0, handlingMs: 0, idleMs: 0 })).toBeNull();
  });
});

describe('case KPIs', () => {
  it('computes FCR, reopen rate, resolution time, CSAT and SLA compliance per stage', () => {
    const h = 3600 * s;
    const k = caseKpis([
      {
        acceptedAt: 0,
        closedAt: 2 * h,
        inboundContacts: 1,
        reopenCount: 0,
        satisfaction: 5,
        stages: [
          { stage: 'accepted', onTime: true },
          { stage: 'replied', onTime: true },
        ],
      },
      {
        acceptedAt: 0,
        closedAt: 10 * h,
        inboundContacts: 3,
        reopenCount: 0,
        satisfaction: 3,
        stages: [{ stage: 'accepted', onTime: false }],
      },
      {
        acceptedAt: 0,
        closedAt: 6 * h,
        inboundContacts: 1,
        reopenCount: 1,
        satisfaction: 4,
        stages: [{ stage: 'accepted', onTime: true }],
      },
      {
        acceptedAt: 0,
        closedAt: null,
        inboundContacts: 1,
        reopenCount: 0,
        satisfaction: null,
        stages: [{ stage: 'dispatched', onTime: false }],
      },
    ]);
    expect(k.closed).toBe(3);
    expect(k.firstContactResolution).toBeCloseTo(1 / 3, 9);
    expect(k.reopenRate).toBeCloseTo(1 / 3, 9);
    expect(k.avgResolutionMs).toBeCloseTo(6 * h, 6);
    expect(k.csat).toBeCloseTo(2 / 3, 9);
    expect(k.avgSatisfaction).toBeCloseTo(4, 9);
    expect(k.slaCompliance).toEqual({ accepted: 2 / 3, replied: 1, dispatched: 0 });
  });
});

describe('IVR containment', () => {
  it('is self-served and hung-up calls over IVR calls, short hang-ups left out', () => {
    expect(
      ivrContainment([
        { durationMs: 60 * s, outcome: 'self_served' },
        { durationMs: 40 * s, outcome: 'to_agent' },
        { durationMs: 30 * s, outcome: 'hung_up' },
        { durationMs: 1 * s, outcome: 'hung_up' },
      ]),
    ).toBeCloseTo(2 / 3, 9);
    expect(ivrContainment([])).toBeNull();
  });
});
