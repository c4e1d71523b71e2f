import { describe, expect, it } from 'vitest';
import {
  assertEditable,
  moveCampaign,
  validateCampaign,
} from '../../../../src/domain/dialer/campaign.ts';
import { expectDomainError } from '../expect-domain-error.ts';
import { campaign } from './fixtures.ts';

const now = new Date('2026-11-30T03:00:00Z');

describe('campaign settings', () => {
  it('accepts a coherent campaign', () => {
    expect(validateCampaign(campaign)).toBe(campaign);
  });

  it.each([
    [{ name: ' ' }, 'name'],
    [{ callerId: '861012345678' }, 'callerId'],
    [{ callerId: '+0123456' }, 'callerId'],
    [{ callerId: '+1234' }, 'callerId'],
    [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
    [{ holidays: ['2026-02-30'] }, 'holidays[0]'],
    [{ windows: { mon: [{ start: '12:00', end: '09:00' }] } }, 'windows.mon[0]'],
    [{ windows: { funday: [] } as never }, 'windows.funday'],
    [
      { retry: { ...campaign.retry, busy: { maxAttempts: 0, retryAfterMinutes: 5 } } },
      'retry.busy.maxAttempts',
    ],
    [
      { retry: { ...campaign.retry, failed: { maxAttempts: 2, retryAfterMinutes: 0 } } },
      'retry.failed.retryAfterMinutes',
    ],
    [{ maxAbandonRate: 0.5 }, 'maxAbandonRate'],
    [{ maxAbandonRate: Number.NaN }, 'maxAbandonRate'],
  ])('rejects %j naming the field', (patch, field) => {
    const e = expectDomainError(
      () => validateCampaign({ ...campaign, ...patch }),
      'dialer.invalid_campaign',
    );
    expect(e.details?.['field']).toBe(field);
  });
});

describe('campaign state machine', () => {
  it('runs draft → running ⇄ paused → completed', () => {
    const running = moveCampaign(campaign, 'running', now);
    const paused = moveCampaign(running, 'paused', now);
    expect(moveCampaign(paused, 'running', now).state).toBe('running');
    expect(moveCampaign(paused, 'completed', now).state).toBe('completed');
    expect(moveCampaign(running, 'stopped', now).updatedAt).toBe(now);
  });

  it('rejects illegal moves with the legal targets', () => {
    expectDomainError(() => moveCampaign(campaign, 'paused', now), 'dialer.illegal_transition', {
      from: 'draft',
      to: 'paused',
      allowed: ['running', 'stopped'],
    });
    const stopped = moveCampaign(campaign, 'stopped', now);
    expectDomainError(() => moveCampaign(stopped, 'running', now), 'dialer.illegal_transition');
    expectDomainError(() => assertEditable(stopped), 'dialer.illegal_transition');
    expect(() => assertEditable(campaign)).not.toThrow();
  });
});
