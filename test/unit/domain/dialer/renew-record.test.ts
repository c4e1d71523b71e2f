import { describe, expect, it } from 'vitest';
import {
  finishRecord,
  moveRecord,
  newRecord,
  recordResult,
  renewRecord,
  withdrawRecord,
  type CampaignRecord,
} from '../../../../src/domain/dialer/campaign-record.ts';
import { e164CallerId } from '../../../../src/app/dialer/callback-scheduler.ts';
import { expectDomainError } from '../expect-domain-error.ts';
import { campaign } from './fixtures.ts';

const t0 = new Date('2026-11-30T02:00:00Z');
const at = (min: number) => new Date(t0.getTime() + min * 60_000);
const request = { name: 'Zhang Wei', data: { caseId: 'case-2', note: 'after 3 pm' } };

const attempt = (r: CampaignRecord, result: 'busy' | 'no_answer', when: Date) =>
  recordResult(moveRecord(r, 'dialing', when), result, campaign, when);

describe('renewing a call-back record (a customer asks again)', () => {
  it('gives a waiting record the new time and details', () => {
    const r = newRecord('r', 'c1', { number: '13800138000', data: { caseId: 'case-1' } }, t0);
    const renewed = renewRecord(r, request, at(90), at(5));
    expect(renewed).toMatchObject({
      state: 'pending',
      nextAt: at(90),
      name: 'Zhang Wei',
      data: { caseId: 'case-2', note: 'after 3 pm', requestedAt: at(5).toISOString() },
    });
  });

  it('reopens a done or exhausted record and counts retries from the new request', () => {
    let r = newRecord('r', 'c1', { number: '13800138000' }, t0);
    for (let i = 0; i < 3; i++) r = attempt(r, 'busy', at(i * 10));
    expect(r.state).toBe('exhausted');
    r = renewRecord(r, request, null, at(60));
    expect(r).toMatchObject({ state: 'pending', nextAt: null });
    // The old busy results no longer count: this busy is retried, not exhausted.
    r = attempt(r, 'busy', at(61));
    expect(r.state).toBe('pending');
    expect(r.attempts).toHaveLength(4);

    const done = finishRecord(
      recordResult(
        moveRecord(newRecord('d', 'c1', { number: '13800138001' }, t0), 'dialing', t0),
        'connected',
        campaign,
        t0,
        'agent-1',
      ),
      at(3),
    );
    expect(renewRecord(done, request, at(30), at(10)).state).toBe('pending');
  });

  it('leaves a record being called alone and refuses a blocked number', () => {
    const dialing = moveRecord(newRecord('r', 'c1', { number: '13800138000' }, t0), 'dialing', t0);
    expect(renewRecord(dialing, request, at(30), at(1))).toBe(dialing);
    const blocked = moveRecord(
      newRecord('b', 'c1', { number: '13800138002' }, t0),
      'dnc_blocked',
      t0,
    );
    expectDomainError(() => renewRecord(blocked, request, null, at(1)), 'dialer.dnc', {
      number: '8613800138002',
    });
  });
});

describe('withdrawing a preview offer', () => {
  it('puts a record being offered back untried, and nothing else', () => {
    const dialing = moveRecord(newRecord('r', 'c1', { number: '13800138000' }, t0), 'dialing', t0);
    expect(withdrawRecord(dialing, at(1))).toMatchObject({ state: 'pending', attempts: [] });
    expectDomainError(
      () => withdrawRecord(newRecord('p', 'c1', { number: '13800138003' }, t0), at(1)),
      'dialer.illegal_transition',
    );
  });
});

describe('the trunk’s caller ID as E.164', () => {
  it('adds the country code to national numbers', () => {
    expect(e164CallerId('4008001000', '86')).toBe('+864008001000');
    expect(e164CallerId('010-1234-5678', '86')).toBe('+861012345678');
    expect(e164CallerId('+44 20 7946 0000', '86')).toBe('+442079460000');
    expect(e164CallerId('0044 20 7946 0000', '86')).toBe('+442079460000');
  });
});
