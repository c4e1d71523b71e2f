import { describe, expect, it } from 'vitest';
import {
  finishRecord,
  moveRecord,
  newRecord,
  recordResult,
} from '../../../../src/domain/dialer/campaign-record.ts';
import { DncList } from '../../../../src/domain/dialer/dnc.ts';
import { expectDomainError } from '../expect-domain-error.ts';
import { campaign } from './fixtures.ts';

const t0 = new Date('2026-11-30T02:00:00Z');
const at = (min: number) => new Date(t0.getTime() + min * 60_000);

describe('campaign records', () => {
  it('normalises the number with country code 86', () => {
    expect(newRecord('r', 'c1', { number: '138-0013-8000' }, t0).number).toBe('8613800138000');
    expect(newRecord('r', 'c1', { number: '+44 20 7946 0000' }, t0).number).toBe('442079460000');
    expect(newRecord('r', 'c1', { number: '010 1234 5678' }, t0).number).toBe('861012345678');
  });

  it('rejects a bad number or zone with dialer.invalid_record', () => {
    expectDomainError(
      () => newRecord('r', 'c1', { number: 'call me' }, t0),
      'dialer.invalid_record',
      {
        field: 'number',
      },
    );
    expectDomainError(
      () => newRecord('r', 'c1', { number: '13800138000', timeZone: 'Nowhere' }, t0),
      'dialer.invalid_record',
      { field: 'timeZone' },
    );
  });

  it('retries busy by its rule and exhausts after maxAttempts busy results', () => {
    let r = newRecord('r', 'c1', { number: '13800138000' }, t0);
    r = recordResult(moveRecord(r, 'dialing', t0), 'busy', campaign, t0);
    expect(r.state).toBe('pending');
    expect(r.nextAt).toEqual(at(10));
    r = recordResult(moveRecord(r, 'dialing', at(10)), 'no_answer', campaign, at(10));
    expect(r.nextAt).toEqual(at(70)); // the no-answer rule's delay
    r = recordResult(moveRecord(r, 'dialing', at(70)), 'busy', campaign, at(70));
    expect(r.state).toBe('pending');
    r = recordResult(moveRecord(r, 'dialing', at(80)), 'busy', campaign, at(80));
    expect(r.state).toBe('exhausted');
    expect(r.nextAt).toBeNull();
    expect(r.attempts.map((a) => a.result)).toEqual(['busy', 'no_answer', 'busy', 'busy']);
  });

  it('counts abandoned calls under the no-answer rule', () => {
    let r = newRecord('r', 'c1', { number: '13800138000' }, t0);
    for (let i = 0; i < 2; i++)
      r = recordResult(moveRecord(r, 'dialing', t0), 'abandoned', campaign, t0);
    expect(r.state).toBe('pending');
    r = recordResult(moveRecord(r, 'dialing', t0), 'no_answer', campaign, t0);
    expect(r.state).toBe('exhausted');
  });

  it('keeps the agent of a connected attempt and ends done', () => {
    let r = newRecord('r', 'c1', { number: '13800138000' }, t0);
    r = recordResult(moveRecord(r, 'dialing', t0), 'connected', campaign, t0, 'agent-1');
    expect(r.state).toBe('connected');
    expect(r.attempts[0]?.agentId).toBe('agent-1');
    expect(finishRecord(r, at(3)).state).toBe('done');
  });

  it('rejects illegal moves', () => {
    const r = newRecord('r', 'c1', { number: '13800138000' }, t0);
    expectDomainError(() => recordResult(r, 'busy', campaign, t0), 'dialer.illegal_transition', {
      from: 'pending',
      to: 'busy',
      allowed: ['dialing', 'dnc_blocked'],
    });
    expectDomainError(() => finishRecord(r, t0), 'dialer.illegal_transition');
  });
});

describe('the do-not-call list', () => {
  it('matches every written form of a number, and never an unreadable one', () => {
    const dnc = new DncList(['8613800138000']);
    expect(dnc.blocks('+86 138-0013-8000')).toBe(true);
    expect(dnc.blocks('0086 13800138000')).toBe(true);
    expect(dnc.blocks('13800138000')).toBe(true);
    expect(dnc.blocks('13800138001')).toBe(false);
    expect(dnc.blocks('nonsense')).toBe(false);
  });
});
