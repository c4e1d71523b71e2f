/** Builders for domain records used across store and API tests. */
import { randomUUID } from 'node:crypto';
import type { Case } from '../../src/domain/case/case.ts';
import type { Customer } from '../../src/domain/customer/customer.ts';
import type { User } from '../../src/domain/user/user.ts';

export const t0 = new Date('2026-11-30T02:00:00Z');

export function aUser(p: Partial<User> = {}): User {
  return {
    id: randomUUID(),
    username: `u${randomUUID().slice(0, 8)}`,
    displayName: 'Test User',
    role: 'agent',
    email: null,
    customerId: null,
    teamIds: [],
    skills: [],
    language: 'zh-CN',
    disabled: false,
    createdAt: t0,
    ...p,
  };
}

export function aCustomer(p: Partial<Customer> = {}): Customer {
  return {
    id: randomUUID(),
    msisdn: null,
    name: '测试客户',
    email: null,
    level: 'normal',
    tags: [],
    language: 'zh-CN',
    createdAt: t0,
    updatedAt: t0,
    ...p,
  };
}

let caseCounter = 0;
export function aCase(p: Partial<Case> = {}): Case {
  caseCounter++;
  return {
    id: randomUUID(),
    number: `C-20261130-${String(caseCounter).padStart(6, '0')}-${randomUUID().slice(0, 4)}`,
    type: 'complaint',
    title: 'Test case',
    description: '',
    categoryId: null,
    priority: 'normal',
    customerId: null,
    stage: 'accepted',
    stageEnteredAt: t0,
    stagesVisited: ['accepted'],
    assigneeId: null,
    teamId: null,
    dispatchTeamId: null,
    urgeCount: 0,
    reopenCount: 0,
    satisfaction: null,
    acceptedAt: t0,
    dueAt: null,
    stageDueAt: null,
    createdBy: null,
    createdAt: t0,
    updatedAt: t0,
    closedAt: null,
    version: 1,
    ...p,
  };
}
