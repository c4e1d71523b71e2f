import { describe, it, expect } from 'vitest';
import {
  awayOverdueAt,
  defaultReasonCodes,
  findReason,
  noAnswerReasonCode,
  selectableReasons,
  validateReasonCode,
  validateReasonCodes,
  type ReasonCode,
} from '../../../../src/domain/agent/reason-codes.ts';
import { expectDomainError } from '../expect-domain-error.ts';

const lunch: ReasonCode = {
  code: 'lunch',
  label: 'Lunch',
  labelZh: '午餐',
  requiresApproval: false,
  maxMinutes: 60,
  active: true,
};

describe('default reason codes', () => {
  it('lists the seven reasons with their Chinese labels', () => {
    expect(defaultReasonCodes.map((r) => [r.code, r.labelZh])).toEqual([
      ['break', '小休'],
      ['lunch', '午餐'],
      ['training', '培训'],
      ['study', '学习'],
      ['rest', '休息'],
      ['meeting', '会议'],
      ['no_answer', '未应答'],
    ]);
  });

  it('only rest needs approval; only no_answer is system-only; all are active', () => {
    for (const r of defaultReasonCodes) {
      expect(r.requiresApproval).toBe(r.code === 'rest');
      expect(r.systemOnly === true).toBe(r.code === noAnswerReasonCode);
      expect(r.active).toBe(true);
    }
  });

  it('is a valid list', () => {
    expect(validateReasonCodes(defaultReasonCodes)).toBe(defaultReasonCodes);
    for (const r of defaultReasonCodes) expect(validateReasonCode(r)).toBe(r);
  });

  it('offers agents everything but no_answer', () => {
    expect(selectableReasons(defaultReasonCodes).map((r) => r.code)).toEqual([
      'break',
      'lunch',
      'training',
      'study',
      'rest',
      'meeting',
    ]);
    expect(
      selectableReasons([{ ...lunch, active: false }, defaultReasonCodes[0]!]).map((r) => r.code),
    ).toEqual(['break']);
  });
});

describe('validateReasonCode', () => {
  const cases: { name: string; patch: Record<string, unknown>; field: string }[] = [
    { name: 'empty code', patch: { code: '' }, field: 'code' },
    { name: 'upper-case code', patch: { code: 'Lunch' }, field: 'code' },
    { name: 'code with a space', patch: { code: 'long lunch' }, field: 'code' },
    { name: 'code starting with a digit', patch: { code: '1lunch' }, field: 'code' },
    { name: 'code of 33 characters', patch: { code: 'a'.repeat(33) }, field: 'code' },
    { name: 'code not a string', patch: { code: 7 }, field: 'code' },
    { name: 'blank label', patch: { label: '  ' }, field: 'label' },
    { name: 'label too long', patch: { label: 'x'.repeat(65) }, field: 'label' },
    { name: 'missing Chinese label', patch: { labelZh: '' }, field: 'labelZh' },
    { name: 'approval not boolean', patch: { requiresApproval: 'yes' }, field: 'requiresApproval' },
    { name: 'zero minutes', patch: { maxMinutes: 0 }, field: 'maxMinutes' },
    { name: 'negative minutes', patch: { maxMinutes: -5 }, field: 'maxMinutes' },
    { name: 'fractional minutes', patch: { maxMinutes: 1.5 }, field: 'maxMinutes' },
    { name: 'over a day', patch: { maxMinutes: 1441 }, field: 'maxMinutes' },
    { name: 'minutes as string', patch: { maxMinutes: '15' }, field: 'maxMinutes' },
    { name: 'active not boolean', patch: { active: 1 }, field: 'active' },
    { name: 'systemOnly not boolean', patch: { systemOnly: 'true' }, field: 'systemOnly' },
    {
      name: 'system-only needing approval',
      patch: { systemOnly: true, requiresApproval: true },
      field: 'requiresApproval',
    },
  ];
  it.each(cases)('rejects $name', ({ patch, field }) => {
    const e = expectDomainError(
      () => validateReasonCode({ ...lunch, ...patch } as ReasonCode),
      'agent.invalid_reason',
    );
    expect(e.details?.['field']).toBe(field);
  });

  it('accepts edge values', () => {
    for (const patch of [
      { code: 'a' },
      { code: 'a'.repeat(32) },
      { code: 'away_2' },
      { maxMinutes: null },
      { maxMinutes: 1 },
      { maxMinutes: 1440 },
      { label: 'x'.repeat(64) },
      { systemOnly: false },
      { active: false },
    ])
      expect(validateReasonCode({ ...lunch, ...patch })).toEqual({ ...lunch, ...patch });
  });

  it('rejects a non-object', () => {
    expectDomainError(
      () => validateReasonCode(null as unknown as ReasonCode),
      'agent.invalid_reason',
      { field: 'reason' },
    );
  });
});

describe('validateReasonCodes', () => {
  const noAnswer = defaultReasonCodes.find((r) => r.code === noAnswerReasonCode)!;

  it('rejects duplicate codes', () => {
    expectDomainError(() => validateReasonCodes([lunch, noAnswer, lunch]), 'agent.invalid_reason', {
      field: 'code',
      code: 'lunch',
    });
  });

  it('requires an active, system-only no_answer', () => {
    for (const list of [
      [lunch],
      [lunch, { ...noAnswer, active: false }],
      [lunch, { ...noAnswer, systemOnly: false }],
    ])
      expectDomainError(() => validateReasonCodes(list), 'agent.invalid_reason', {
        field: 'code',
        code: 'no_answer',
      });
  });

  it('reports the first invalid reason', () => {
    expectDomainError(
      () => validateReasonCodes([lunch, { ...lunch, code: 'Bad' }, noAnswer]),
      'agent.invalid_reason',
      { field: 'code', code: 'Bad' },
    );
  });
});

describe('findReason and awayOverdueAt', () => {
  it('finds by code or refuses an unknown one', () => {
    expect(findReason(defaultReasonCodes, 'rest').requiresApproval).toBe(true);
    expectDomainError(() => findReason(defaultReasonCodes, 'nap'), 'agent.invalid_reason', {
      field: 'code',
      code: 'nap',
    });
  });

  it('puts the overdue time maxMinutes after the start, or nowhere', () => {
    expect(awayOverdueAt(lunch, 1_000)).toBe(1_000 + 60 * 60_000);
    expect(awayOverdueAt({ ...lunch, maxMinutes: null }, 1_000)).toBeNull();
  });
});
