import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  normalizeEmail,
  normalizeMsisdn,
  normalizeTags,
} from '../../../../src/domain/customer/customer.ts';
import { expectDomainError } from '../expect-domain-error.ts';

describe('normalizeMsisdn', () => {
  it.each([
    ['+86 138-0013-8000', '8613800138000'],
    ['0086 13800138000', '8613800138000'],
    ['13800138000', '8613800138000'],
    ['  +86 (138) 0013.8000  ', '8613800138000'],
    ['8613800138000', '8613800138000'],
    ['+1 (415) 555-0100', '14155550100'],
    ['001 415 555 0100', '14155550100'],
    ['+44 20 7946 0958', '442079460958'],
  ])('%j → %s', (input, out) => {
    expect(normalizeMsisdn(input)).toBe(out);
  });

  it('drops the trunk prefix 0 when adding the country code', () => {
    expect(normalizeMsisdn('010-6552-9988')).toBe('861065529988');
    expect(normalizeMsisdn('020 7946 0958', '44')).toBe('442079460958');
  });

  it('uses the default country code given', () => {
    expect(normalizeMsisdn('6123 4567', '852')).toBe('85261234567');
    expect(normalizeMsisdn('+86 138 0013 8000', '852')).toBe('8613800138000');
  });

  it.each([
    '138OO138000',
    'tel:13800138000',
    '138/0013/8000',
    '+86 138 0013 8000 ext 5',
    '',
    '   ',
    '+',
    '++8613800138000',
    '86+13800138000',
  ])('rejects %j', (input) => {
    expectDomainError(() => normalizeMsisdn(input), 'validation.failed', { field: 'msisdn' });
  });

  it('rejects fewer than 6 or more than 15 digits', () => {
    expectDomainError(() => normalizeMsisdn('+12345'), 'validation.failed', { field: 'msisdn' });
    expect(normalizeMsisdn('+123456')).toBe('123456');
    expect(normalizeMsisdn('+123456789012345')).toBe('123456789012345');
    expectDomainError(() => normalizeMsisdn('+1234567890123456'), 'validation.failed', {
      field: 'msisdn',
    });
    expectDomainError(() => normalizeMsisdn('00 1234567890123456'), 'validation.failed', {
      field: 'msisdn',
    });
  });

  it('gives the same result for every way of writing a Chinese mobile number', () => {
    const mobile = fc
      .tuple(fc.constantFrom('13', '15', '17', '18', '19'), fc.stringMatching(/^\d{9}$/))
      .map(([a, b]) => a + b);
    const sep = fc.constantFrom('', ' ', '-', '.');
    fc.assert(
      fc.property(mobile, fc.constantFrom('', '+86', '0086', '86'), sep, (m, prefix, s) => {
        const written = `${prefix}${s}${m.slice(0, 3)}${s}${m.slice(3, 7)}${s}${m.slice(7)}`;
        const n = normalizeMsisdn(written);
        expect(n).toBe(`86${m}`);
        expect(normalizeMsisdn(n)).toBe(n);
      }),
    );
  });
});

describe('normalizeEmail', () => {
  it('trims and lowercases', () => {
    expect(normalizeEmail('  Li.Wei@Example.COM ')).toBe('li.wei@example.com');
    expect(normalizeEmail('a+tag@mail.example.cn')).toBe('a+tag@mail.example.cn');
  });

  it.each([
    '',
    'li.wei',
    'li.wei@',
    '@example.com',
    'li.wei@example',
    'li wei@example.com',
    'li@wei@example.com',
    'Li Wei <li.wei@example.com>',
    'li.wei@example.com, wang@example.com',
    'li.wei@example.',
  ])('rejects %j', (input) => {
    expectDomainError(() => normalizeEmail(input), 'validation.failed', { field: 'email' });
  });

  it('rejects addresses over 254 characters', () => {
    const domain = '@example.com';
    expect(normalizeEmail('a'.repeat(254 - domain.length) + domain)).toHaveLength(254);
    expectDomainError(
      () => normalizeEmail('a'.repeat(255 - domain.length) + domain),
      'validation.failed',
    );
  });

  it('is idempotent', () => {
    fc.assert(
      fc.property(fc.emailAddress(), (e) => {
        const n = normalizeEmail(e);
        expect(normalizeEmail(n)).toBe(n);
        expect(n).toBe(n.toLowerCase());
      }),
    );
  });
});

describe('normalizeTags', () => {
  it('trims, drops blanks, dedupes and sorts', () => {
    expect(normalizeTags([' vip', 'roaming', 'vip ', '', '  ', 'billing', 'roaming'])).toEqual([
      'billing',
      'roaming',
      'vip',
    ]);
    expect(normalizeTags([])).toEqual([]);
  });

  it('keeps case differences as different tags', () => {
    expect(normalizeTags(['VIP', 'vip'])).toEqual(['VIP', 'vip']);
  });

  it('allows 40 characters and rejects 41', () => {
    expect(normalizeTags(['x'.repeat(40)])).toEqual(['x'.repeat(40)]);
    expect(normalizeTags([` ${'x'.repeat(40)} `])).toEqual(['x'.repeat(40)]);
    expectDomainError(() => normalizeTags(['ok', 'x'.repeat(41)]), 'validation.failed', {
      field: 'tags',
    });
  });

  it('gives a sorted, duplicate-free, trimmed list and is idempotent', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 12 }), { maxLength: 20 }), (tags) => {
        const out = normalizeTags(tags);
        expect(out).toEqual([...new Set(out)].sort());
        for (const t of out) expect(t).toBe(t.trim());
        expect(out.every((t) => t.length > 0)).toBe(true);
        expect(new Set(out)).toEqual(
          new Set(tags.map((t) => t.trim()).filter((t) => t.length > 0)),
        );
        expect(normalizeTags(out)).toEqual(out);
      }),
    );
  });
});
