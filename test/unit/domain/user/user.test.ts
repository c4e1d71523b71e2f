import { describe, it, expect } from 'vitest';
import {
  assertPasswordStrength,
  assertRoleBinding,
  assertSkillLevels,
  assertUsername,
  roles,
  staffRoles,
} from '../../../../src/domain/user/user.ts';
import { expectDomainError } from '../expect-domain-error.ts';

describe('assertSkillLevels', () => {
  it('accepts whole levels 1 to 5 and an empty list', () => {
    expect(() => assertSkillLevels([])).not.toThrow();
    expect(() =>
      assertSkillLevels([1, 2, 3, 4, 5].map((level) => ({ skillId: `s${level}`, level }))),
    ).not.toThrow();
  });

  it.each([0, 6, -1, 2.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects level %s', (level) => {
    expectDomainError(
      () =>
        assertSkillLevels([
          { skillId: 'ok', level: 3 },
          { skillId: 'english', level },
        ]),
      'skill.invalid_level',
      { skillId: 'english', level },
    );
  });

  it('rejects a skill listed twice, even at the same level', () => {
    expectDomainError(
      () =>
        assertSkillLevels([
          { skillId: 'billing', level: 3 },
          { skillId: 'roaming', level: 2 },
          { skillId: 'billing', level: 3 },
        ]),
      'validation.failed',
      { skillId: 'billing' },
    );
  });
});

describe('assertUsername', () => {
  it.each(['li', 'li.wei', 'agent_007', 'li.wei@example.com', 'A-b', 'x'.repeat(64)])(
    'accepts %j',
    (u) => {
      expect(() => assertUsername(u)).not.toThrow();
    },
  );

  it.each(['', 'l', 'x'.repeat(65), 'li wei', '李伟', 'li/wei', 'li:wei', ' li'])(
    'rejects %j',
    (u) => {
      expectDomainError(() => assertUsername(u), 'validation.failed', { field: 'username' });
    },
  );
});

describe('assertPasswordStrength', () => {
  it('accepts 8 to 256 characters', () => {
    for (const p of ['12345678', 'x'.repeat(256), '        ', '密码密码密码密码'])
      expect(() => assertPasswordStrength(p)).not.toThrow();
  });

  it.each(['', '1234567', 'x'.repeat(257)])('rejects a password of %s characters', (p) => {
    expectDomainError(() => assertPasswordStrength(p), 'validation.failed', {
      field: 'password',
    });
  });
});

describe('assertRoleBinding', () => {
  it('lists staff roles as every role but customer', () => {
    expect([...staffRoles].sort()).toEqual(roles.filter((r) => r !== 'customer').sort());
  });

  it('requires a customer login to name its customer', () => {
    expect(() => assertRoleBinding('customer', 'cust-1')).not.toThrow();
    for (const id of [null, ''])
      expectDomainError(() => assertRoleBinding('customer', id), 'validation.failed', {
        field: 'customerId',
      });
  });

  it.each(staffRoles)('forbids a %s login from naming a customer', (role) => {
    expect(() => assertRoleBinding(role, null)).not.toThrow();
    expectDomainError(() => assertRoleBinding(role, 'cust-1'), 'validation.failed', {
      field: 'customerId',
    });
  });
});
