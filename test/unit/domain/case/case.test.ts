import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  assignCase,
  caseContactLinkedEvent,
  caseScope,
  caseNoteEvent,
  caseReplyEvent,
  changePriority,
  dispatchCase,
  moveCase,
  openCase,
  urgeCase,
  type Case,
  type DueTimes,
  type MoveOptions,
  type OpenCaseInput,
} from '../../../../src/domain/case/case.ts';
import {
  canMoveCase,
  caseStageTransitions,
  caseStages,
  openStages,
  type CaseStage,
} from '../../../../src/domain/case/case-stage.ts';
import { standardCaseTypes, type CaseTypeDef } from '../../../../src/domain/case/case-type.ts';
import { domainError, expectDomainError } from '../expect-domain-error.ts';

const t0 = new Date('2026-03-02T01:00:00.000Z');
const at = (minutes: number) => new Date(t0.getTime() + minutes * 60_000);
const noDue: DueTimes = { dueAt: null, stageDueAt: null };

function caseType(code: string): CaseTypeDef {
  const t = standardCaseTypes.find((x) => x.code === code);
  if (!t) throw new Error(`no standard case type ${code}`);
  return t;
}
const complaint = caseType('complaint');
const consultation = caseType('consultation');

/** A case as stored, with every field set; override what the test is about. */
function makeCase(overrides: Partial<Case> = {}): Case {
  return {
    id: 'case-1',
    number: 'C-20260302-000001',
    type: 'complaint',
    title: 'Roaming charged twice',
    description: 'The customer was billed twice for roaming in February.',
    categoryId: null,
    priority: 'high',
    customerId: 'cust-1',
    stage: 'accepted',
    stageEnteredAt: t0,
    stagesVisited: ['accepted'],
    assigneeId: 'agent-1',
    teamId: 'front-1',
    dispatchTeamId: null,
    urgeCount: 0,
    reopenCount: 0,
    satisfaction: null,
    acceptedAt: t0,
    dueAt: at(24 * 60),
    stageDueAt: at(30),
    createdBy: 'agent-0',
    createdAt: t0,
    updatedAt: t0,
    closedAt: null,
    version: 1,
    ...overrides,
  };
}

function openInput(overrides: Partial<OpenCaseInput> = {}): OpenCaseInput {
  return {
    id: 'case-1',
    number: 'C-20260302-000001',
    type: complaint,
    title: 'Roaming charged twice',
    description: 'Billed twice',
    categoryId: 'cat-roaming',
    priority: null,
    customerId: 'cust-1',
    assigneeId: 'agent-1',
    teamId: 'front-1',
    createdBy: 'agent-0',
    now: t0,
    due: { dueAt: at(24 * 60), stageDueAt: at(30) },
    ...overrides,
  };
}

const opts = (plan: CaseTypeDef, minutes: number, extra: Partial<MoveOptions> = {}) => ({
  plan,
  now: at(minutes),
  due: noDue,
  ...extra,
});

/** Applies the moves in order, one minute apart, returning the final case. */
function walk(c: Case, plan: CaseTypeDef, stages: readonly CaseStage[]): Case {
  return stages.reduce((cur, s, i) => moveCase(cur, s, opts(plan, i + 1)).case, c);
}

describe('openCase', () => {
  it('creates an accepted case at version 1 with the due times given', () => {
    const { case: c } = openCase(openInput());
    expect(c).toMatchObject({
      id: 'case-1',
      type: 'complaint',
      stage: 'accepted',
      stagesVisited: ['accepted'],
      categoryId: 'cat-roaming',
      customerId: 'cust-1',
      assigneeId: 'agent-1',
      teamId: 'front-1',
      dispatchTeamId: null,
      createdBy: 'agent-0',
      urgeCount: 0,
      reopenCount: 0,
      satisfaction: null,
      closedAt: null,
      version: 1,
      dueAt: at(24 * 60),
      stageDueAt: at(30),
    });
    for (const k of ['stageEnteredAt', 'acceptedAt', 'createdAt', 'updatedAt'] as const)
      expect(c[k]).toEqual(t0);
  });

  it("takes the type's default priority unless one is given", () => {
    expect(openCase(openInput()).case.priority).toBe('high');
    expect(openCase(openInput({ type: consultation })).case.priority).toBe('normal');
    expect(openCase(openInput({ priority: 'low' })).case.priority).toBe('low');
  });

  it('emits case.created, visible to the customer and the case scope (not the creator)', () => {
    const { case: c, events } = openCase(openInput());
    expect(events).toEqual([
      {
        type: 'case.created',
        subjectType: 'case',
        subjectId: c.id,
        payload: {
          number: c.number,
          type: 'complaint',
          title: 'Roaming charged twice',
          priority: 'high',
          customerId: 'cust-1',
          categoryId: 'cat-roaming',
          dueAt: at(24 * 60).toISOString(),
          // The first stage's due time: case reports judge whether it was left on time.
          stageDueAt: at(30).toISOString(),
        },
        // The creator (agent-0) is not named: only those who may open the case see its events.
        scope: {
          userIds: ['agent-1'],
          teamIds: ['front-1'],
          dispatchTeamIds: [],
          customerId: 'cust-1',
        },
      },
    ]);
  });

  it('leaves out absent people from the scope', () => {
    const { events } = openCase(
      openInput({ assigneeId: null, teamId: null, createdBy: null, customerId: null, due: noDue }),
    );
    expect(events[0]?.scope).toEqual({
      userIds: [],
      teamIds: [],
      dispatchTeamIds: [],
      customerId: null,
    });
    expect(events[0]?.payload).toMatchObject({ dueAt: null, customerId: null });
  });

  it('rejects an inactive case type', () => {
    expectDomainError(
      () => openCase(openInput({ type: { ...complaint, active: false } })),
      'case.unknown_type',
      { type: 'complaint' },
    );
  });
});

describe('moveCase and the case plan', () => {
  it('lets a consultation go accepted → replied → closed', () => {
    const c0 = makeCase({ type: 'consultation' });
    const replied = moveCase(c0, 'replied', opts(consultation, 5));
    expect(replied.case).toMatchObject({
      stage: 'replied',
      stagesVisited: ['accepted', 'replied'],
      version: 2,
    });
    const closed = moveCase(replied.case, 'closed', opts(consultation, 9));
    expect(closed.case).toMatchObject({
      stage: 'closed',
      stagesVisited: ['accepted', 'replied', 'closed'],
      closedAt: at(9),
      stageDueAt: null,
      version: 3,
    });
  });

  it('stops a complaint from replying before verifying, dispatching and supervising', () => {
    const c = makeCase();
    expectDomainError(() => moveCase(c, 'replied', opts(complaint, 1)), 'case.stage_required', {
      missing: ['verifying', 'dispatched', 'supervising'],
      to: 'replied',
    });
    const verified = moveCase(c, 'verifying', opts(complaint, 1)).case;
    expectDomainError(
      () => moveCase(verified, 'replied', opts(complaint, 2)),
      'case.stage_required',
      { missing: ['dispatched', 'supervising'], to: 'replied' },
    );
    // The table allows accepted → dispatched, but the plan still wants verification.
    const skipped = walk(c, complaint, ['dispatched', 'supervising']);
    expectDomainError(
      () => moveCase(skipped, 'replied', opts(complaint, 3)),
      'case.stage_required',
      { missing: ['verifying'], to: 'replied' },
    );
  });

  it('lets a complaint reply and close once its plan is done', () => {
    const done = walk(makeCase(), complaint, [
      'verifying',
      'dispatched',
      'supervising',
      'replied',
      'closed',
    ]);
    expect(done.stage).toBe('closed');
    expect(done.stagesVisited).toEqual([
      'accepted',
      'verifying',
      'dispatched',
      'supervising',
      'replied',
      'closed',
    ]);
    expect(done.version).toBe(6);
  });

  it('checks the plan when closing too', () => {
    // e.g. the plan was tightened after the case was answered
    const c = makeCase({ stage: 'replied', stagesVisited: ['accepted', 'replied'] });
    expectDomainError(() => moveCase(c, 'closed', opts(complaint, 1)), 'case.stage_required', {
      missing: ['verifying', 'dispatched', 'supervising'],
      to: 'closed',
    });
  });

  it.each(standardCaseTypes.map((t) => [t.code, t] as const))(
    '%s: the plan is enforced and sufficient',
    (_code, plan) => {
      const c = makeCase({ type: plan.code });
      if (plan.requiredStages.length > 0)
        expectDomainError(() => moveCase(c, 'replied', opts(plan, 1)), 'case.stage_required', {
          missing: plan.requiredStages,
          to: 'replied',
        });
      const done = walk(c, plan, [...plan.requiredStages, 'replied', 'closed']);
      expect(done.stage).toBe('closed');
    },
  );

  it('checks the transition table before the plan', () => {
    expectDomainError(
      () => moveCase(makeCase(), 'closed', opts(complaint, 1)),
      'case.illegal_transition',
      { from: 'accepted', to: 'closed', allowed: caseStageTransitions.accepted },
    );
  });

  it('remembers each visited stage once through rework loops', () => {
    const c = walk(makeCase(), complaint, [
      'verifying',
      'dispatched',
      'verifying',
      'dispatched',
      'supervising',
      'dispatched',
      'supervising',
    ]);
    expect(c.stagesVisited).toEqual(['accepted', 'verifying', 'dispatched', 'supervising']);
    expect(c.version).toBe(8);
  });

  it('stamps the move and takes the stage due time, keeping the whole-case due time', () => {
    const c = makeCase();
    const { case: next } = moveCase(c, 'verifying', {
      plan: complaint,
      now: at(7),
      due: { dueAt: at(999), stageDueAt: at(60) },
    });
    expect(next).toMatchObject({
      stageEnteredAt: at(7),
      updatedAt: at(7),
      stageDueAt: at(60),
      dueAt: c.dueAt,
      acceptedAt: c.acceptedAt,
      createdAt: c.createdAt,
      closedAt: null,
    });
  });

  it('emits case.stage_changed with the note and stage due time', () => {
    const c = makeCase();
    const { case: next, events } = moveCase(c, 'verifying', {
      plan: complaint,
      now: at(7),
      note: 'checking the bill',
      due: { dueAt: null, stageDueAt: at(60) },
    });
    expect(events).toEqual([
      {
        type: 'case.stage_changed',
        subjectType: 'case',
        subjectId: 'case-1',
        payload: {
          number: c.number,
          from: 'accepted',
          to: 'verifying',
          note: 'checking the bill',
          stageDueAt: at(60).toISOString(),
        },
        scope: {
          userIds: ['agent-1'],
          teamIds: ['front-1'],
          dispatchTeamIds: [],
          customerId: 'cust-1',
        },
      },
    ]);
    expect(next.version).toBe(c.version + 1);
    const plain = moveCase(c, 'verifying', opts(complaint, 1)).events[0]?.payload;
    expect(plain).toMatchObject({ note: null, stageDueAt: null });
    expect(plain).not.toHaveProperty('satisfaction');
    expect(plain).not.toHaveProperty('reopenCount');
  });

  it('does not change the case it is given', () => {
    const c = makeCase();
    const before = structuredClone(c);
    moveCase(c, 'verifying', opts(complaint, 1));
    expect(() => moveCase(c, 'replied', opts(complaint, 1))).toThrow();
    expect(c).toEqual(before);
  });
});

describe('satisfaction', () => {
  const replied = makeCase({ type: 'consultation', stage: 'replied', stagesVisited: ['accepted'] });

  it.each([1, 2, 3, 4, 5])('records %i on close', (score) => {
    const { case: c, events } = moveCase(
      replied,
      'closed',
      opts(consultation, 1, { satisfaction: score }),
    );
    expect(c.satisfaction).toBe(score);
    expect(events[0]?.payload).toMatchObject({ to: 'closed', satisfaction: score });
  });

  it('closes without a score', () => {
    const { case: c, events } = moveCase(replied, 'closed', opts(consultation, 1));
    expect(c.satisfaction).toBeNull();
    expect(events[0]?.payload).toHaveProperty('satisfaction', null);
    expect(
      moveCase(replied, 'closed', opts(consultation, 1, { satisfaction: null })).case,
    ).toMatchObject({ satisfaction: null, stage: 'closed' });
  });

  it.each([0, 6, -1, 3.5, Number.NaN, Number.POSITIVE_INFINITY])('rejects %s', (score) => {
    const e = expectDomainError(
      () => moveCase(replied, 'closed', opts(consultation, 1, { satisfaction: score })),
      'case.invalid_satisfaction',
    );
    expect(e.details).toEqual({ satisfaction: score });
  });

  it('is accepted only when closing', () => {
    const open = makeCase({ type: 'consultation' });
    expectDomainError(
      () => moveCase(open, 'replied', opts(consultation, 1, { satisfaction: 5 })),
      'validation.failed',
    );
    expectDomainError(
      () => moveCase(replied, 'canceled', opts(consultation, 1, { satisfaction: 5 })),
      'validation.failed',
    );
    expect(
      moveCase(open, 'replied', opts(consultation, 1, { satisfaction: null })).case.stage,
    ).toBe('replied');
  });
});

describe('cancel and reopen', () => {
  it.each(openStages)('cancels from %s without checking the plan', (stage) => {
    const { case: c } = moveCase(makeCase({ stage }), 'canceled', opts(complaint, 3));
    expect(c).toMatchObject({ stage: 'canceled', closedAt: at(3), stageDueAt: null });
  });

  it('keeps a canceled case canceled', () => {
    const c = makeCase({ stage: 'canceled', closedAt: t0 });
    for (const to of caseStages)
      expectDomainError(() => moveCase(c, to, opts(complaint, 1)), 'case.illegal_transition');
  });

  it('reopens a closed case: plan restarts, count rises, score and closedAt cleared', () => {
    const closed = moveCase(
      makeCase({ type: 'consultation', stage: 'replied', stagesVisited: ['accepted', 'replied'] }),
      'closed',
      opts(consultation, 10, { satisfaction: 2 }),
    ).case;
    const { case: c, events } = moveCase(closed, 'accepted', {
      plan: consultation,
      now: at(100),
      due: { dueAt: at(2000), stageDueAt: at(130) },
    });
    expect(c).toMatchObject({
      stage: 'accepted',
      stagesVisited: ['accepted'],
      reopenCount: 1,
      satisfaction: null,
      closedAt: null,
      acceptedAt: at(100),
      stageEnteredAt: at(100),
      dueAt: at(2000),
      stageDueAt: at(130),
      version: closed.version + 1,
    });
    expect(events[0]?.payload).toMatchObject({ from: 'closed', to: 'accepted', reopenCount: 1 });
    expect(events[0]?.payload).not.toHaveProperty('satisfaction');
  });

  it('makes a reopened complaint pass its plan again', () => {
    const full: CaseStage[] = ['verifying', 'dispatched', 'supervising', 'replied', 'closed'];
    const once = walk(makeCase(), complaint, [...full, 'accepted']);
    expect(once.reopenCount).toBe(1);
    expectDomainError(() => moveCase(once, 'replied', opts(complaint, 1)), 'case.stage_required', {
      missing: ['verifying', 'dispatched', 'supervising'],
      to: 'replied',
    });
    const twice = walk(once, complaint, [...full, 'accepted']);
    expect(twice.reopenCount).toBe(2);
    expect(twice.version).toBe(1 + 2 * (full.length + 1));
  });
});

describe('dispatchCase', () => {
  it('sets the back-office team and enters dispatched in one version', () => {
    const c = makeCase();
    const { case: next, events } = dispatchCase(c, 'bo-1', {
      plan: complaint,
      now: at(5),
      note: 'please check the CDRs',
      due: { dueAt: null, stageDueAt: at(65) },
    });
    expect(next).toMatchObject({
      stage: 'dispatched',
      dispatchTeamId: 'bo-1',
      assigneeId: 'agent-1',
      stagesVisited: ['accepted', 'dispatched'],
      stageDueAt: at(65),
      version: c.version + 1,
    });
    expect(events.map((e) => e.type)).toEqual(['case.dispatched', 'case.stage_changed']);
    const [dispatched, changed] = events;
    expect(dispatched?.payload).toEqual({
      number: c.number,
      teamId: 'bo-1',
      note: 'please check the CDRs',
    });
    // internal: not shown to the customer; visible to the owning and the back-office team
    expect(dispatched?.scope).toEqual({
      userIds: ['agent-1'],
      teamIds: ['front-1'],
      dispatchTeamIds: ['bo-1'],
      customerId: null,
    });
    expect(changed?.payload).toMatchObject({ from: 'accepted', to: 'dispatched' });
    expect(changed?.scope).toEqual({
      userIds: ['agent-1'],
      teamIds: ['front-1'],
      dispatchTeamIds: ['bo-1'],
      customerId: 'cust-1',
    });
  });

  it('sets, clears or keeps the assignee', () => {
    const c = makeCase({ stage: 'verifying', stagesVisited: ['accepted', 'verifying'] });
    const o = opts(complaint, 1);
    expect(dispatchCase(c, 'bo-1', o).case.assigneeId).toBe('agent-1');
    const cleared = dispatchCase(c, 'bo-1', { ...o, assigneeId: null });
    expect(cleared.case.assigneeId).toBeNull();
    for (const e of cleared.events) expect(e.scope.userIds).toEqual([]);
    const to = dispatchCase(c, 'bo-1', { ...o, assigneeId: 'bo-agent-7' });
    expect(to.case.assigneeId).toBe('bo-agent-7');
    // The events are scoped to the case as it is after the dispatch: the old assignee is not named.
    for (const e of to.events) {
      expect(e.scope.userIds).toEqual(['bo-agent-7']);
      expect(e.scope.dispatchTeamIds).toEqual(['bo-1']);
    }
  });

  it('redispatches from supervising or replied, to the new team', () => {
    const sup = makeCase({ stage: 'supervising', dispatchTeamId: 'bo-1' });
    expect(dispatchCase(sup, 'bo-2', opts(complaint, 1)).case.dispatchTeamId).toBe('bo-2');
    const rep = makeCase({ stage: 'replied', dispatchTeamId: 'bo-1' });
    expect(dispatchCase(rep, 'bo-2', opts(complaint, 1)).case.stage).toBe('dispatched');
  });

  it('re-dispatches a dispatched case to another team: same stage and stage clock', () => {
    const c = makeCase({
      stage: 'dispatched',
      stagesVisited: ['accepted', 'verifying', 'dispatched'],
      stageEnteredAt: at(10),
      stageDueAt: at(70),
      dispatchTeamId: 'bo-1',
      version: 3,
    });
    const before = structuredClone(c);
    const { case: next, events } = dispatchCase(c, 'bo-2', {
      plan: complaint,
      now: at(20),
      note: 'wrong team',
      due: { dueAt: null, stageDueAt: at(999) },
    });
    expect(next).toEqual({
      ...c,
      dispatchTeamId: 'bo-2',
      updatedAt: at(20),
      version: 4,
    });
    expect(events).toEqual([
      {
        type: 'case.dispatched',
        subjectType: 'case',
        subjectId: 'case-1',
        payload: { number: c.number, teamId: 'bo-2', previousTeamId: 'bo-1', note: 'wrong team' },
        // internal, and scoped to the new back-office team only
        scope: {
          userIds: ['agent-1'],
          teamIds: ['front-1'],
          dispatchTeamIds: ['bo-2'],
          customerId: null,
        },
      },
    ]);
    expect(c).toEqual(before);
    const reassigned = dispatchCase(c, 'bo-2', {
      ...opts(complaint, 21),
      assigneeId: 'bo-agent-9',
    });
    expect(reassigned.case).toMatchObject({ assigneeId: 'bo-agent-9', stage: 'dispatched' });
    expect(reassigned.events).toHaveLength(1);
    expect(reassigned.events[0]?.scope.userIds).toEqual(['bo-agent-9']);
    expect(reassigned.events[0]?.payload).toMatchObject({ note: null });
  });

  it.each(['closed', 'canceled'] as const)('refuses from %s and leaves the case alone', (stage) => {
    const c = makeCase({ stage, dispatchTeamId: 'bo-1' });
    const before = structuredClone(c);
    expectDomainError(() => dispatchCase(c, 'bo-2', opts(complaint, 1)), 'case.illegal_transition');
    expect(c).toEqual(before);
  });
});

describe('assign, urge and reprioritise', () => {
  it('assigns to a person and team; the event is internal, for the new owners and the previous assignee', () => {
    const c = makeCase();
    const { case: next, events } = assignCase(
      c,
      { assigneeId: 'agent-2', teamId: 'front-2' },
      at(4),
    );
    expect(next).toMatchObject({
      assigneeId: 'agent-2',
      teamId: 'front-2',
      updatedAt: at(4),
      version: 2,
      stage: 'accepted',
    });
    expect(events).toEqual([
      {
        type: 'case.assigned',
        subjectType: 'case',
        subjectId: 'case-1',
        payload: {
          number: c.number,
          assigneeId: 'agent-2',
          teamId: 'front-2',
          previousAssigneeId: 'agent-1',
        },
        scope: {
          userIds: ['agent-2', 'agent-1'],
          teamIds: ['front-2'],
          dispatchTeamIds: [],
          customerId: null,
        },
      },
    ]);
  });

  it('names the previous assignee on unassigning, once on reassigning the same person', () => {
    const c = makeCase({ dispatchTeamId: 'bo-1' });
    const unassigned = assignCase(c, { assigneeId: null, teamId: 'front-1' }, at(1));
    expect(unassigned.events[0]?.scope).toEqual({
      userIds: ['agent-1'],
      teamIds: ['front-1'],
      dispatchTeamIds: ['bo-1'],
      customerId: null,
    });
    const same = assignCase(c, { assigneeId: 'agent-1', teamId: null }, at(1));
    expect(same.events[0]?.scope).toEqual({
      userIds: ['agent-1'],
      teamIds: [],
      dispatchTeamIds: ['bo-1'],
      customerId: null,
    });
    const fromNobody = assignCase(
      makeCase({ assigneeId: null }),
      { assigneeId: 'agent-3', teamId: 'front-1' },
      at(1),
    );
    expect(fromNobody.events[0]?.scope.userIds).toEqual(['agent-3']);
    expect(fromNobody.events[0]?.payload).toMatchObject({ previousAssigneeId: null });
  });

  it('counts urging, visible to the customer', () => {
    const c = makeCase({ urgeCount: 2 });
    const { case: next, events } = urgeCase(c, at(3), 'third call today');
    expect(next).toMatchObject({ urgeCount: 3, version: 2, updatedAt: at(3) });
    expect(events[0]).toMatchObject({
      type: 'case.urged',
      payload: { number: c.number, urgeCount: 3, note: 'third call today' },
      scope: { customerId: 'cust-1' },
    });
  });

  it('changes priority with an internal event', () => {
    const { case: next, events } = changePriority(makeCase(), 'urgent', at(2));
    expect(next).toMatchObject({ priority: 'urgent', version: 2, updatedAt: at(2) });
    expect(events[0]).toMatchObject({
      type: 'case.priority_changed',
      payload: { from: 'high', to: 'urgent' },
      scope: { customerId: null },
    });
  });

  const ops = {
    assign: (c: Case) => assignCase(c, { assigneeId: 'a', teamId: null }, t0),
    urge: (c: Case) => urgeCase(c, t0, null),
    reprioritise: (c: Case) => changePriority(c, 'low', t0),
  };

  it.each(Object.entries(ops))('%s works in every open stage', (_name, op) => {
    for (const stage of openStages) expect(op(makeCase({ stage })).case.version).toBe(2);
  });

  it.each(Object.entries(ops))('%s refuses closed and canceled cases', (_name, op) => {
    for (const stage of ['closed', 'canceled'] as const)
      expectDomainError(() => op(makeCase({ stage, closedAt: t0 })), 'case.closed', { stage });
  });
});

describe('events about things attached to a case', () => {
  const c = makeCase({ dispatchTeamId: 'bo-1' });
  const staffScope = { userIds: ['agent-1'], teamIds: ['front-1'], dispatchTeamIds: ['bo-1'] };

  it('hides internal notes from the customer', () => {
    const internal = caseNoteEvent(c, 'note-1', true, 'agent-1');
    expect(internal).toEqual({
      type: 'case.note_added',
      subjectType: 'case',
      subjectId: 'case-1',
      payload: { number: c.number, noteId: 'note-1', internal: true, authorId: 'agent-1' },
      scope: { ...staffScope, customerId: null },
    });
    expect(caseNoteEvent(c, 'note-2', false, 'agent-1').scope).toEqual({
      ...staffScope,
      customerId: 'cust-1',
    });
  });

  it('shows replies to the customer but not linked contacts', () => {
    expect(caseReplyEvent(c, 'r-1', 'sms', 'agent-1')).toMatchObject({
      type: 'case.reply_recorded',
      payload: { number: c.number, replyId: 'r-1', channel: 'sms', authorId: 'agent-1' },
      scope: { ...staffScope, customerId: 'cust-1' },
    });
    expect(caseContactLinkedEvent(c, 'k-1', 'voice')).toMatchObject({
      type: 'case.contact_linked',
      payload: { number: c.number, contactId: 'k-1', channel: 'voice' },
      scope: { ...staffScope, customerId: null },
    });
  });

  it('has no customer in scope when the case has none', () => {
    const anon = makeCase({ customerId: null });
    expect(caseReplyEvent(anon, 'r-1', 'email', 'agent-1').scope.customerId).toBeNull();
    expect(urgeCase(anon, t0, null).events[0]?.scope.customerId).toBeNull();
  });
});

describe('caseScope', () => {
  it('names the assignee, the owning team and the dispatch team, never the creator', () => {
    const c = makeCase({ dispatchTeamId: 'bo-1', createdBy: 'agent-0' });
    expect(caseScope(c, true)).toEqual({
      userIds: ['agent-1'],
      teamIds: ['front-1'],
      dispatchTeamIds: ['bo-1'],
      customerId: 'cust-1',
    });
    expect(caseScope(c, false)).toEqual({
      userIds: ['agent-1'],
      teamIds: ['front-1'],
      dispatchTeamIds: ['bo-1'],
      customerId: null,
    });
  });

  it('adds extra users once, in order, leaving out an absent assignee', () => {
    const c = makeCase({ assigneeId: null });
    expect(caseScope(c, true, ['u-2', 'u-1', 'u-2']).userIds).toEqual(['u-2', 'u-1']);
    expect(caseScope(makeCase(), true, ['agent-1', 'u-9']).userIds).toEqual(['agent-1', 'u-9']);
    expect(caseScope(makeCase({ assigneeId: null, teamId: null, customerId: null }), true)).toEqual(
      { userIds: [], teamIds: [], dispatchTeamIds: [], customerId: null },
    );
  });
});

describe('random walks over the stages (property)', () => {
  const reachable = (() => {
    const seen = new Set<CaseStage>(['accepted']);
    const todo: CaseStage[] = ['accepted'];
    for (let s = todo.pop(); s !== undefined; s = todo.pop())
      for (const n of caseStageTransitions[s])
        if (!seen.has(n)) {
          seen.add(n);
          todo.push(n);
        }
    return seen;
  })();

  // canceled is terminal, so make it rarer to let walks run longer
  const target = fc.oneof(
    { arbitrary: fc.constantFrom(...caseStages.filter((s) => s !== 'canceled')), weight: 12 },
    { arbitrary: fc.constant<CaseStage>('canceled'), weight: 1 },
  );
  // Half the steps aim at any stage; half pick one the table allows from wherever the case is
  // (still possibly refused by the plan), so walks get far enough to close and reopen.
  const step = fc.record({
    to: target,
    tableMove: fc.option(fc.nat({ max: 3 }), { freq: 2 }),
    satisfaction: fc.option(fc.integer({ min: 1, max: 5 })),
  });
  const pickTarget = (from: CaseStage, s: { to: CaseStage; tableMove: number | null }) => {
    const next = caseStageTransitions[from].filter((x) => x !== 'canceled');
    return s.tableMove === null || next.length === 0
      ? s.to
      : (next[s.tableMove % next.length] ?? s.to);
  };

  it('keeps stage, version, visited stages and closedAt consistent', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...standardCaseTypes),
        fc.array(step, { minLength: 1, maxLength: 60 }),
        (plan, steps) => {
          let c = makeCase({ type: plan.code, stageDueAt: null });
          let visited = new Set<CaseStage>(['accepted']);
          let moves = 0;
          let reopens = 0;
          let lastClosedAt: Date | null = null;
          const checkInvariants = () => {
            expect(reachable.has(c.stage)).toBe(true);
            expect(c.version).toBe(1 + moves);
            expect(c.reopenCount).toBe(reopens);
            expect(c.stagesVisited).toHaveLength(visited.size);
            expect(new Set(c.stagesVisited)).toEqual(visited);
            expect(c.stagesVisited).toContain(c.stage);
            const finished = c.stage === 'closed' || c.stage === 'canceled';
            expect(c.closedAt !== null).toBe(finished);
            expect(c.closedAt).toEqual(finished ? lastClosedAt : null);
            if (c.stage !== 'closed') expect(c.satisfaction).toBeNull();
          };
          steps.forEach((step, i) => {
            const from = c.stage;
            const to = pickTarget(from, step);
            const now = at(i + 1);
            const o = {
              plan,
              now,
              due: noDue,
              satisfaction: to === 'closed' ? step.satisfaction : null,
            };
            const tableOk = canMoveCase(from, to);
            const planOk =
              (to !== 'replied' && to !== 'closed') ||
              plan.requiredStages.every((r) => visited.has(r));
            if (!tableOk || !planOk) {
              const before = structuredClone(c);
              const e = domainError(() => moveCase(c, to, o));
              expect(e.code).toBe(tableOk ? 'case.stage_required' : 'case.illegal_transition');
              expect(c).toEqual(before);
            } else {
              c = moveCase(c, to, o).case;
              moves++;
              if (from === 'closed' && to === 'accepted') {
                reopens++;
                visited = new Set(['accepted']);
              } else visited.add(to);
              if (to === 'closed' || to === 'canceled') lastClosedAt = now;
              if (to === 'closed') expect(c.satisfaction).toBe(o.satisfaction);
              expect(c.stage).toBe(to);
            }
            checkInvariants();
          });
        },
      ),
      { numRuns: 400 },
    );
  });
});
