import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  findCaseNumber,
  formatCaseNumber,
  parseCaseNumber,
} from '../../../../src/domain/case/case-number.ts';

const localDate = fc
  .date({
    min: new Date('1970-01-01T00:00:00Z'),
    max: new Date('9999-12-31T00:00:00Z'),
    noInvalidDate: true,
  })
  .map((d) => d.toISOString().slice(0, 10));
const counter = fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER });
/** Text around a number in a subject line: no digits (they would extend it) and no 'C'. */
const surrounding = fc.string({
  unit: fc.constantFrom(' ', '[', ']', ':', 'R', 'e', 'F', 'w', '-', '工', '单', '#'),
  maxLength: 20,
});

describe('formatCaseNumber', () => {
  it('writes the date without dashes and a six-digit counter', () => {
    expect(formatCaseNumber('2026-11-29', 123)).toBe('C-20261129-000123');
    expect(formatCaseNumber('2026-01-05', 1)).toBe('C-20260105-000001');
    expect(formatCaseNumber('2026-01-05', 999_999)).toBe('C-20260105-999999');
  });

  it('lets the counter grow past six digits', () => {
    expect(formatCaseNumber('2026-01-05', 1_234_567)).toBe('C-20260105-1234567');
  });

  it.each(['20261129', '2026-1-29', '2026/11/29', '', '2026-11-29T00:00', ' 2026-11-29'])(
    'rejects the date %j',
    (d) => {
      expect(() => formatCaseNumber(d, 1)).toThrow(RangeError);
    },
  );

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects the counter %s', (n) => {
    expect(() => formatCaseNumber('2026-11-29', n)).toThrow(RangeError);
  });
});

describe('parseCaseNumber', () => {
  it('reads the date and counter back', () => {
    expect(parseCaseNumber('C-20261129-000123')).toEqual({ date: '2026-11-29', n: 123 });
    expect(parseCaseNumber('C-20261129-1234567')).toEqual({ date: '2026-11-29', n: 1_234_567 });
  });

  it.each([
    '',
    'C-20261129-12345',
    'C-2026112-000123',
    'c-20261129-000123',
    'C20261129000123',
    ' C-20261129-000123',
    'C-20261129-000123 ',
    'Re: C-20261129-000123',
    'C-2026-11-29-000123',
    'C-20261129-00012a',
  ])('returns null for %j', (s) => {
    expect(parseCaseNumber(s)).toBeNull();
  });

  it('round-trips every formatted number', () => {
    fc.assert(
      fc.property(localDate, counter, (d, n) => {
        expect(parseCaseNumber(formatCaseNumber(d, n))).toEqual({ date: d, n });
      }),
    );
  });
});

describe('findCaseNumber', () => {
  it('finds a number in an e-mail subject', () => {
    expect(findCaseNumber('Re: [C-20261129-000123] Roaming charges')).toBe('C-20261129-000123');
    expect(findCaseNumber('回复：工单C-20261129-000007已处理')).toBe('C-20261129-000007');
  });

  it('takes the first of several', () => {
    expect(findCaseNumber('C-20261129-000002 and C-20261128-000001')).toBe('C-20261129-000002');
  });

  it.each(['', 'no case here', 'C-2026112-000123', 'C-20261129-00012', 'c-20261129-000123'])(
    'returns null for %j',
    (s) => {
      expect(findCaseNumber(s)).toBeNull();
    },
  );

  it('finds any formatted number wherever it is written, and it parses back', () => {
    fc.assert(
      fc.property(surrounding, localDate, counter, surrounding, (before, d, n, after) => {
        const number = formatCaseNumber(d, n);
        const found = findCaseNumber(`${before}${number}${after}`);
        expect(found).toBe(number);
        expect(parseCaseNumber(found ?? '')).toEqual({ date: d, n });
      }),
    );
  });
});
