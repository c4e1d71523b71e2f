import { describe, it, expect } from 'vitest';
import {
  pickSlaPolicy,
  validateSlaPolicy,
  type SlaPolicy,
} from '../../../../src/domain/sla/sla-policy.ts';
import { DomainError } from '../../../../src/domain/errors.ts';

const complaint: SlaPolicy = {
  id: 'p-complaint',
  caseType: 'complaint',
  priority: null,
  calendarId: 'cn-office',
  stageMinutes: { accepted: 30, verifying: 240, dispatched: 960 },
  totalMinutes: 2 * 450,
  warnPercent: 20,
};

function expectRejected(patch: Record<string, unknown>, field: string) {
  const p = { ...complaint, ...patch } as SlaPolicy;
  try {
    validateSlaPolicy(p);
  } catch (e) {
    expect(e).toBeInstanceOf(DomainError);
    expect((e as DomainError).code).toBe('sla.invalid_policy');
    expect((e as DomainError).details).toEqual({ field });
    return;
  }
  throw new Error(`accepted an invalid policy (${field})`);
}

describe('validateSlaPolicy', () => {
  it('returns a well-formed policy unchanged', () => {
    expect(validateSlaPolicy(complaint)).toBe(complaint);
    const urgent = { ...complaint, priority: 'urgent' as const, stageMinutes: {}, warnPercent: 0 };
    expect(validateSlaPolicy(urgent)).toBe(urgent);
    expect(validateSlaPolicy({ ...complaint, warnPercent: 100 }).warnPercent).toBe(100);
  });

  it('rejects non-positive or non-numeric minutes', () => {
    expectRejected({ totalMinutes: 0 }, 'totalMinutes');
    expectRejected({ totalMinutes: -5 }, 'totalMinutes');
    expectRejected({ totalMinutes: NaN }, 'totalMinutes');
    expectRejected({ totalMinutes: Infinity }, 'totalMinutes');
    expectRejected({ stageMinutes: { verifying: 0 } }, 'stageMinutes.verifying');
    expectRejected({ stageMinutes: { replied: NaN } }, 'stageMinutes.replied');
    expectRejected({ stageMinutes: { accepted: '30' } }, 'stageMinutes.accepted');
  });

  it('rejects stages in which no clock runs', () => {
    expectRejected({ stageMinutes: { closed: 10 } }, 'stageMinutes.closed');
    expectRejected({ stageMinutes: { canceled: 10 } }, 'stageMinutes.canceled');
    expectRejected({ stageMinutes: { analysis: 10 } }, 'stageMinutes.analysis');
  });

  it('rejects a warning threshold outside 0..100', () => {
    expectRejected({ warnPercent: -1 }, 'warnPercent');
    expectRejected({ warnPercent: 101 }, 'warnPercent');
    expectRejected({ warnPercent: NaN }, 'warnPercent');
  });

  it('rejects unknown priorities and missing references', () => {
    expectRejected({ priority: 'critical' }, 'priority');
    expectRejected({ caseType: '' }, 'caseType');
    expectRejected({ calendarId: '' }, 'calendarId');
    expectRejected({ id: '' }, 'id');
  });
});

describe('pickSlaPolicy', () => {
  const urgentComplaint: SlaPolicy = {
    ...complaint,
    id: 'p-complaint-urgent',
    priority: 'urgent',
    totalMinutes: 240,
  };
  const query: SlaPolicy = { ...complaint, id: 'p-query', caseType: 'query', totalMinutes: 450 };
  const lowQuery: SlaPolicy = { ...query, id: 'p-query-low', priority: 'low' };
  const policies = [complaint, urgentComplaint, query, lowQuery];

  it('prefers the exact priority over the catch-all, whatever the list order', () => {
    expect(pickSlaPolicy(policies, 'complaint', 'urgent')?.id).toBe('p-complaint-urgent');
    expect(pickSlaPolicy([...policies].reverse(), 'complaint', 'urgent')?.id).toBe(
      'p-complaint-urgent',
    );
  });

  it('falls back to the catch-all of the type', () => {
    expect(pickSlaPolicy(policies, 'complaint', 'normal')?.id).toBe('p-complaint');
    expect(pickSlaPolicy(policies, 'complaint', null)?.id).toBe('p-complaint');
    expect(pickSlaPolicy(policies, 'query', 'high')?.id).toBe('p-query');
  });

  it('never takes a policy of another type or another priority', () => {
    expect(pickSlaPolicy(policies, 'consultation', 'normal')).toBeNull();
    expect(pickSlaPolicy([lowQuery], 'query', 'high')).toBeNull();
    expect(pickSlaPolicy([lowQuery], 'query', null)).toBeNull();
    expect(pickSlaPolicy([], 'query', 'low')).toBeNull();
  });

  it('breaks ties by list order', () => {
    const second = { ...urgentComplaint, id: 'p-second' };
    expect(pickSlaPolicy([urgentComplaint, second], 'complaint', 'urgent')?.id).toBe(
      'p-complaint-urgent',
    );
  });
});
