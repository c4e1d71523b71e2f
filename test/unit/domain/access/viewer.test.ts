import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  canSeeCase,
  canSeeEvent,
  caseAccess,
  type CaseAccess,
  type Viewer,
} from '../../../../src/domain/access/viewer.ts';
import {
  caseNoteEvent,
  caseScope,
  dispatchCase,
  type Case,
} from '../../../../src/domain/case/case.ts';
import { standardCaseTypes } from '../../../../src/domain/case/case-type.ts';
import { adminOnlyScope, type EventScope } from '../../../../src/domain/events/domain-event.ts';
import { roles, type Role } from '../../../../src/domain/user/user.ts';

const t0 = new Date('2026-03-02T01:00:00.000Z');
const noDue = { dueAt: null, stageDueAt: null };

/** A case nobody in particular is linked to; tests add the links they are about. */
function makeCase(
  links: Partial<Pick<Case, 'assigneeId' | 'teamId' | 'dispatchTeamId' | 'customerId'>> = {},
): Case {
  return {
    id: 'case-1',
    number: 'C-20260302-000001',
    type: 'complaint',
    title: 'Roaming charged twice',
    description: '',
    categoryId: null,
    priority: 'high',
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
    ...links,
  };
}

function viewer(
  role: Role,
  teamIds: string[] = ['t-mine'],
  customerId: string | null = null,
): Viewer {
  return { id: 'me', role, teamIds, customerId };
}

const cases = {
  unrelated: makeCase({ assigneeId: 'other', teamId: 't-other', dispatchTeamId: 't-bo-other' }),
  assignedToMe: makeCase({ assigneeId: 'me', teamId: 't-other' }),
  ownedByMyTeam: makeCase({ assigneeId: 'other', teamId: 't-mine' }),
  dispatchedToMyTeam: makeCase({
    assigneeId: 'other',
    teamId: 't-other',
    dispatchTeamId: 't-mine',
  }),
  mine: makeCase({ customerId: 'cust-me', teamId: 't-other' }),
  someoneElses: makeCase({ customerId: 'cust-other', teamId: 't-mine', assigneeId: 'me' }),
  bare: makeCase(),
};
type Fixture = keyof typeof cases;

/** What each role sees among the fixtures (a customer viewer has customerId 'cust-me'). */
const expected: Record<Role, readonly Fixture[]> = {
  admin: Object.keys(cases) as Fixture[],
  agent: ['assignedToMe', 'ownedByMyTeam', 'someoneElses'],
  backoffice: ['assignedToMe', 'dispatchedToMyTeam', 'someoneElses'],
  supervisor: ['assignedToMe', 'ownedByMyTeam', 'dispatchedToMyTeam', 'someoneElses'],
  customer: ['mine'],
};

describe('canSeeCase by role', () => {
  for (const role of roles) {
    const v = viewer(role, ['t-mine'], role === 'customer' ? 'cust-me' : null);
    it.each(Object.keys(cases) as Fixture[])(`${role}: %s`, (name) => {
      expect(canSeeCase(v, cases[name])).toBe(expected[role].includes(name));
    });
  }

  it('shows a customer with no customer record nothing, even cases without a customer', () => {
    const v = viewer('customer', [], null);
    for (const c of Object.values(cases)) expect(canSeeCase(v, c)).toBe(false);
  });

  it('does not let a customer see a case through an assignee id equal to theirs', () => {
    expect(canSeeCase(viewer('customer', [], 'cust-me'), cases.assignedToMe)).toBe(false);
  });

  it('shows staff without teams only what is assigned to them', () => {
    for (const role of ['agent', 'backoffice', 'supervisor'] as const) {
      const v = viewer(role, []);
      expect(canSeeCase(v, cases.assignedToMe)).toBe(true);
      expect(canSeeCase(v, cases.bare)).toBe(false);
      expect(canSeeCase(v, cases.ownedByMyTeam)).toBe(false);
    }
  });
});

describe('caseAccess', () => {
  it('describes each role as data for the store', () => {
    const teams = ['t1', 't2'];
    expect(caseAccess(viewer('admin', teams))).toEqual({ all: true });
    expect(caseAccess(viewer('agent', teams))).toEqual({
      all: false,
      assigneeId: 'me',
      ownerTeamIds: teams,
      dispatchTeamIds: [],
      customerId: null,
    });
    expect(caseAccess(viewer('backoffice', teams))).toEqual({
      all: false,
      assigneeId: 'me',
      ownerTeamIds: [],
      dispatchTeamIds: teams,
      customerId: null,
    });
    expect(caseAccess(viewer('supervisor', teams))).toEqual({
      all: false,
      assigneeId: 'me',
      ownerTeamIds: teams,
      dispatchTeamIds: teams,
      customerId: null,
    });
    expect(caseAccess(viewer('customer', [], 'cust-me'))).toEqual({
      all: false,
      assigneeId: null,
      ownerTeamIds: [],
      dispatchTeamIds: [],
      customerId: 'cust-me',
    });
  });

  it('never gives a customer without a record an open filter', () => {
    const a = caseAccess(viewer('customer', ['t1'], null));
    expect(a).toMatchObject({
      all: false,
      assigneeId: null,
      ownerTeamIds: [],
      dispatchTeamIds: [],
    });
    if (!a.all) expect(a.customerId).not.toBeNull();
  });
});

describe('canSeeEvent', () => {
  const scope = (s: Partial<EventScope>): EventScope => ({ ...adminOnlyScope, ...s });

  it('shows admin-only events to admins alone', () => {
    for (const role of roles)
      expect(canSeeEvent(viewer(role, ['t-mine'], 'cust-me'), adminOnlyScope)).toBe(
        role === 'admin',
      );
  });

  it.each(['agent', 'backoffice', 'supervisor'] as const)(
    '%s sees events naming them or one of their teams',
    (role) => {
      const v = viewer(role, ['t-mine', 't-2']);
      expect(canSeeEvent(v, scope({ userIds: ['x', 'me'] }))).toBe(true);
      expect(canSeeEvent(v, scope({ teamIds: ['t-x', 't-2'] }))).toBe(true);
      expect(canSeeEvent(v, scope({ userIds: ['x'], teamIds: ['t-x'] }))).toBe(false);
      expect(canSeeEvent(v, scope({ customerId: 'cust-me' }))).toBe(false);
    },
  );

  it('shows a customer only events about them', () => {
    const v = viewer('customer', [], 'cust-me');
    expect(canSeeEvent(v, scope({ customerId: 'cust-me' }))).toBe(true);
    expect(canSeeEvent(v, scope({ customerId: 'cust-other' }))).toBe(false);
    expect(canSeeEvent(v, scope({ userIds: ['me'], teamIds: ['t-mine'] }))).toBe(false);
  });

  it('shows a customer without a record nothing', () => {
    const v = viewer('customer', [], null);
    expect(canSeeEvent(v, adminOnlyScope)).toBe(false);
    expect(canSeeEvent(v, scope({ userIds: ['me'] }))).toBe(false);
  });

  it('hides internal case events from the customer', () => {
    const c = makeCase({ customerId: 'cust-me', assigneeId: 'agent-1', teamId: 'front-1' });
    const customer = viewer('customer', [], 'cust-me');
    expect(canSeeEvent(customer, caseNoteEvent(c, 'n1', false, 'agent-1').scope)).toBe(true);
    expect(canSeeEvent(customer, caseNoteEvent(c, 'n2', true, 'agent-1').scope)).toBe(false);
    const complaint = standardCaseTypes.find((t) => t.code === 'complaint');
    if (!complaint) throw new Error('no complaint type');
    const d = dispatchCase(c, 'bo-1', { plan: complaint, now: t0, due: noDue });
    const [dispatched, changed] = d.events;
    expect(dispatched && canSeeEvent(customer, dispatched.scope)).toBe(false);
    expect(changed && canSeeEvent(customer, changed.scope)).toBe(true);
    const backoffice = { ...viewer('backoffice', ['bo-1']), id: 'bo-agent' };
    expect(dispatched && canSeeEvent(backoffice, dispatched.scope)).toBe(true);
  });
});

describe('case access as data agrees with canSeeCase (property)', () => {
  const ids = ['u1', 'u2', 'u3'];
  const teams = ['t1', 't2', 't3', 't4'];
  const customers = ['k1', 'k2', 'k3'];
  const pick = (xs: string[]) => fc.option(fc.constantFrom(...xs), { freq: 3 });

  const viewers = fc.record({
    id: fc.constantFrom(...ids),
    role: fc.constantFrom(...roles),
    teamIds: fc.subarray(teams),
    customerId: pick(customers),
  });
  const caseLinks = fc
    .record({
      assigneeId: pick(ids),
      teamId: pick(teams),
      dispatchTeamId: pick(teams),
      customerId: pick(customers),
    })
    .map((l) => makeCase(l));

  /** The WHERE clause of case-repo.ts, evaluated with SQL's NULL semantics (NULL never matches). */
  function matchesLikeSql(a: CaseAccess, c: Case): boolean {
    if (a.all) return true;
    const eq = (col: string | null, v: string) => col !== null && col === v;
    const inList = (col: string | null, vs: readonly string[]) => col !== null && vs.includes(col);
    const parts: boolean[] = [];
    if (a.assigneeId !== null) parts.push(eq(c.assigneeId, a.assigneeId));
    if (a.ownerTeamIds.length) parts.push(inList(c.teamId, a.ownerTeamIds));
    if (a.dispatchTeamIds.length) parts.push(inList(c.dispatchTeamId, a.dispatchTeamIds));
    if (a.customerId !== null) parts.push(eq(c.customerId, a.customerId));
    return parts.some(Boolean); // an empty OR is `false`
  }

  /** The rules as the module comment states them, per role. */
  function byTheRules(v: Viewer, c: Case): boolean {
    const mine = c.assigneeId === v.id;
    const owner = c.teamId !== null && v.teamIds.includes(c.teamId);
    const dispatched = c.dispatchTeamId !== null && v.teamIds.includes(c.dispatchTeamId);
    switch (v.role) {
      case 'admin':
        return true;
      case 'supervisor':
        return mine || owner || dispatched;
      case 'agent':
        return mine || owner;
      case 'backoffice':
        return mine || dispatched;
      case 'customer':
        return v.customerId !== null && c.customerId === v.customerId;
    }
  }

  it('canSeeCase = the store filter = the stated rules', () => {
    fc.assert(
      fc.property(viewers, caseLinks, (v, c) => {
        const seen = canSeeCase(v, c);
        expect(seen).toBe(matchesLikeSql(caseAccess(v), c));
        expect(seen).toBe(byTheRules(v, c));
      }),
      { numRuns: 1000 },
    );
  });

  it('whoever sees a case sees its customer-visible events', () => {
    fc.assert(
      fc.property(viewers, caseLinks, (v, c) => {
        if (canSeeCase(v, c)) expect(canSeeEvent(v, caseScope(c, true))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
