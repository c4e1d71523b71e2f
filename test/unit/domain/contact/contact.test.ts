import { describe, it, expect } from 'vitest';
import {
  assertContactTimes,
  assertIvrData,
  ivrLimits,
} from '../../../../src/domain/contact/contact.ts';
import { expectDomainError } from '../expect-domain-error.ts';

const invalid = (fn: () => unknown, field: string) =>
  expectDomainError(fn, 'contact.invalid', { field });

describe('assertIvrData', () => {
  it('returns string key/values unchanged', () => {
    const data = { msisdn: '8613800138000', 'menu.path': '1-3-2', lang_choice: 'zh', 'x-Id': '' };
    expect(assertIvrData(data)).toBe(data);
    expect(assertIvrData({})).toEqual({});
  });

  it('allows 64 keys and rejects 65', () => {
    const keys = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`k${i}`, 'v']));
    expect(ivrLimits.keys).toBe(64);
    expect(() => assertIvrData(keys(64))).not.toThrow();
    invalid(() => assertIvrData(keys(65)), 'ivrData');
  });

  it('allows 64-character keys and rejects 65', () => {
    expect(() => assertIvrData({ ['k'.repeat(64)]: 'v' })).not.toThrow();
    invalid(() => assertIvrData({ ['k'.repeat(65)]: 'v' }), 'ivrData');
  });

  it.each(['', 'menu path', 'menu/path', 'ключ', '选择', 'a:b', 'a$'])(
    'rejects the key %j',
    (k) => {
      invalid(() => assertIvrData({ [k]: 'v' }), 'ivrData');
    },
  );

  it('allows 1024-character values and rejects 1025', () => {
    expect(() => assertIvrData({ note: 'x'.repeat(1024) })).not.toThrow();
    invalid(() => assertIvrData({ note: 'x'.repeat(1025) }), 'ivrData');
  });

  it.each([1, true, null, undefined, ['a'], { a: 'b' }])('rejects the value %j', (v) => {
    invalid(() => assertIvrData({ ok: 'fine', bad: v }), 'ivrData');
  });
});

describe('assertContactTimes', () => {
  const start = new Date('2026-03-02T09:00:00Z');

  it('accepts an open contact, an instant one and one that ends later', () => {
    expect(() => assertContactTimes(start, null)).not.toThrow();
    expect(() => assertContactTimes(start, new Date(start))).not.toThrow();
    expect(() => assertContactTimes(start, new Date(start.getTime() + 1))).not.toThrow();
  });

  it('rejects a contact that ends before it starts', () => {
    invalid(() => assertContactTimes(start, new Date(start.getTime() - 1)), 'endedAt');
  });
});
