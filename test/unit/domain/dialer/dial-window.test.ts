import { describe, expect, it } from 'vitest';
import { newRecord } from '../../../../src/domain/dialer/campaign-record.ts';
import { mayDialNow, nextDialAt } from '../../../../src/domain/dialer/dial-window.ts';
import { campaign } from './fixtures.ts';

const rec = (over: { timeZone?: string; notBefore?: Date } = {}) =>
  newRecord('r', 'c1', { number: '13800138000', ...over }, new Date(0));

describe('dialing windows', () => {
  it('dials inside the local windows only (Monday 2026-11-30 in Shanghai)', () => {
    expect(mayDialNow(campaign, rec(), new Date('2026-11-30T01:00:00Z'))).toBe(true); // 09:00
    expect(mayDialNow(campaign, rec(), new Date('2026-11-30T00:59:59Z'))).toBe(false);
    expect(mayDialNow(campaign, rec(), new Date('2026-11-30T04:30:00Z'))).toBe(false); // 12:30
    expect(mayDialNow(campaign, rec(), new Date('2026-11-30T12:00:00Z'))).toBe(false); // 20:00
  });

  it("reads the windows in the record's own zone", () => {
    const london = rec({ timeZone: 'Europe/London' });
    // 09:00 in London is 17:00 in Shanghai.
    expect(mayDialNow(campaign, london, new Date('2026-11-30T09:00:00Z'))).toBe(true);
    expect(mayDialNow(campaign, london, new Date('2026-11-30T02:00:00Z'))).toBe(false);
  });

  it('waits for not-before and skips weekends and holidays', () => {
    const later = rec({ notBefore: new Date('2026-11-30T07:00:00Z') });
    expect(mayDialNow(campaign, later, new Date('2026-11-30T06:59:00Z'))).toBe(false);
    expect(mayDialNow(campaign, later, new Date('2026-11-30T07:00:00Z'))).toBe(true);
    expect(mayDialNow(campaign, rec(), new Date('2026-12-05T03:00:00Z'))).toBe(false); // Saturday
    expect(mayDialNow(campaign, rec(), new Date('2026-12-25T03:00:00Z'))).toBe(false); // holiday
  });

  it('says when the window opens next', () => {
    expect(nextDialAt(campaign, rec(), new Date('2026-11-30T04:30:00Z'))).toEqual(
      new Date('2026-11-30T06:00:00Z'),
    );
    // Friday 20:00 → Monday 09:00.
    expect(nextDialAt(campaign, rec(), new Date('2026-12-04T12:00:00Z'))).toEqual(
      new Date('2026-12-07T01:00:00Z'),
    );
    // Thursday 24 Dec evening → Monday 28: the 25th is a holiday, then the weekend.
    expect(nextDialAt(campaign, rec(), new Date('2026-12-24T13:00:00Z'))).toEqual(
      new Date('2026-12-28T01:00:00Z'),
    );
    const now = new Date('2026-11-30T02:00:00Z');
    expect(nextDialAt(campaign, rec(), now)).toEqual(now);
    expect(nextDialAt({ ...campaign, windows: {} }, rec(), now)).toBeNull();
  });
});
