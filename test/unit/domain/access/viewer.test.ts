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
  assignCase,
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

  it('gives a customer without a record a filter that matches nothing (no sentinel id)', () => {
    // Every condition is absent: customerId null (not a made-up string, which PostgreSQL's
    // text columns may reject), so the store's OR is empty and no case matches.
    expect(caseAccess(viewer('customer', ['t1'], null))).toEqual({
      all: false,
      assigneeId: null,
      ownerTeamIds: [],
      dispatchTeamIds: [],
      customerId: null,
    });
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

  /** Scopes that name the viewer ('me', teams t-mine/t-2, customer cust-me) in one way each. */
  const scopes = {
    namingMe: scope({ userIds: ['x', 'me'] }),
    ownedByMyTeam: scope({ teamIds: ['t-x', 't-2'] }),
    dispatchedToMyTeam: scope({ dispatchTeamIds: ['t-x', 't-2'] }),
    aboutMyCustomer: scope({ customerId: 'cust-me' }),
    unrelated: scope({
      userIds: ['x'],
      teamIds: ['t-x'],
      dispatchTeamIds: ['t-y'],
      customerId: 'cust-other',
    }),
    adminOnly: adminOnlyScope,
  };
  type ScopeFixture = keyof typeof scopes;
  const expectedEvents: Record<Role, readonly ScopeFixture[]> = {
    admin: Object.keys(scopes) as ScopeFixture[],
    agent: ['namingMe', 'ownedByMyTeam'],
    backoffice: ['namingMe', 'dispatchedToMyTeam'],
    supervisor: ['namingMe', 'ownedByMyTeam', 'dispatchedToMyTeam'],
    customer: ['aboutMyCustomer'],
  };

  for (const role of roles) {
    const v = viewer(role, ['t-mine', 't-2'], role === 'customer' ? 'cust-me' : null);
    it.each(Object.keys(scopes) as ScopeFixture[])(`${role}: %s`, (name) => {
      expect(canSeeEvent(v, scopes[name])).toBe(expectedEvents[role].includes(name));
    });
  }

  it('does not let staff see an event through a customer id equal to theirs', () => {
    for (const role of ['agent', 'backoffice', 'supervisor'] as const)
      expect(canSeeEvent(viewer(role, ['t-mine'], 'cust-me'), scopes.aboutMyCustomer)).toBe(false);
  });

  it('does not let an owning team id in the dispatch list count, nor the reverse', () => {
    const agent = viewer('agent', ['t-mine']);
    const backoffice = viewer('backoffice', ['t-mine']);
    expect(canSeeEvent(agent, scope({ dispatchTeamIds: ['t-mine'] }))).toBe(false);
    expect(canSeeEvent(agent, scope({ teamIds: ['t-mine'] }))).toBe(true);
    expect(canSeeEvent(backoffice, scope({ teamIds: ['t-mine'] }))).toBe(false);
    expect(canSeeEvent(backoffice, scope({ dispatchTeamIds: ['t-mine'] }))).toBe(true);
  });

  it('shows a customer only events about them', () => {
    const v = viewer('customer', [], 'cust-me');
    expect(canSeeEvent(v, scope({ customerId: 'cust-me' }))).toBe(true);
    expect(canSeeEvent(v, scope({ customerId: 'cust-other' }))).toBe(false);
    expect(canSeeEvent(v, scope({ userIds: ['me'], teamIds: ['t-mine'] }))).toBe(false);
  });

  it('shows a customer without a record nothing', () => {
    const v = viewer('customer', ['t-mine'], null);
    for (const s of Object.values(scopes)) expect(canSeeEvent(v, s)).toBe(false);
    expect(canSeeEvent(v, scope({ userIds: ['me'] }))).toBe(false);
    expect(
      canSeeEvent(v, scope({ teamIds: ['t-mine'], dispatchTeamIds: ['t-mine'], customerId: null })),
    ).toBe(false);
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
    // The owning team's agents see it; back-office users of the owning team do not, nor
    // agents of the back-office team.
    expect(dispatched && canSeeEvent(viewer('agent', ['front-1']), dispatched.scope)).toBe(true);
    expect(dispatched && canSeeEvent(viewer('backoffice', ['front-1']), dispatched.scope)).toBe(
      false,
    );
    expect(dispatched && canSeeEvent(viewer('agent', ['bo-1']), dispatched.scope)).toBe(false);
    expect(dispatched && canSeeEvent(viewer('supervisor', ['bo-1']), dispatched.scope)).toBe(true);
  });

  it('lets the previous assignee see that the case was assigned away from them', () => {
    // An agent with no team overlap who only saw the case because it was assigned to them.
    const prev: Viewer = {
      id: 'agent-prev',
      role: 'agent',
      teamIds: ['t-elsewhere'],
      customerId: null,
    };
    const c = makeCase({ assigneeId: 'agent-prev', teamId: 'front-1', customerId: 'cust-me' });
    expect(canSeeCase(prev, c)).toBe(true);
    const { case: next, events } = assignCase(
      c,
      { assigneeId: 'agent-new', teamId: 'front-2' },
      t0,
    );
    const [assigned] = events;
    if (!assigned) throw new Error('no case.assigned event');
    expect(assigned.type).toBe('case.assigned');
    expect(canSeeCase(prev, next)).toBe(false);
    expect(canSeeEvent(prev, assigned.scope)).toBe(true);
    expect(canSeeEvent({ ...prev, id: 'agent-new' }, assigned.scope)).toBe(true);
    // An unrelated agent does not, and the internal event stays hidden from the customer.
    expect(canSeeEvent({ ...prev, id: 'agent-other' }, assigned.scope)).toBe(false);
    expect(canSeeEvent(viewer('customer', [], 'cust-me'), assigned.scope)).toBe(false);
  });
});

/** Random viewers and cases over small id pools, so that matches are frequent. */
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

describe('case access as data agrees with canSeeCase (property)', () => {
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
});

describe('events agree with cases (property)', () => {
  it('exactly those who may open a case see its customer-visible events', () => {
    fc.assert(
      fc.property(viewers, caseLinks, (v, c) => {
        expect(canSeeEvent(v, caseScope(c, true))).toBe(canSeeCase(v, c));
      }),
      { numRuns: 1000 },
    );
  });

  it('internal events: customers never see them, staff exactly as the case', () => {
    fc.assert(
      fc.property(viewers, caseLinks, (v, c) => {
        const seen = canSeeEvent(v, caseScope(c, false));
        expect(seen).toBe(v.role === 'customer' ? false : canSeeCase(v, c));
      }),
      { numRuns: 1000 },
    );
  });

  it('case.assigned: whoever may open the case afterwards, and the previous assignee', () => {
    const assignments = fc.record({ assigneeId: pick(ids), teamId: pick(teams) });
    fc.assert(
      fc.property(viewers, caseLinks, assignments, (v, c, to) => {
        const { case: next, events } = assignCase(c, to, t0);
        expect(events).toHaveLength(1);
        const scope = events[0]?.scope ?? adminOnlyScope;
        const expected =
          v.role === 'customer'
            ? false
            : canSeeCase(v, next) || (c.assigneeId !== null && v.id === c.assigneeId);
        expect(canSeeEvent(v, scope)).toBe(expected);
      }),
      { numRuns: 1000 },
    );
  });
});
