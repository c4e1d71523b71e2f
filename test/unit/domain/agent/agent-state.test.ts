import { describe, it, expect } from 'vitest';
import {
  acceptsTasks,
  agentScope,
  agentStateTransitions,
  agentStates,
  approveAway,
  assertAgentMove,
  canMoveAgent,
  cancelAwayRequest,
  defaultMaxExtendSeconds,
  denyAway,
  displayState,
  expireWrapUp,
  extendWrapUp,
  initialAgentStatus,
  isAgentState,
  login,
  logout,
  markIdle,
  setAvailable,
  setAway,
  startWrapUp,
  transition,
  wrapUpRemainingSeconds,
  type AgentChange,
  type AgentState,
  type AgentStatus,
} from '../../../../src/domain/agent/agent-state.ts';
import {
  defaultReasonCodes,
  findReason,
  type ReasonCode,
} from '../../../../src/domain/agent/reason-codes.ts';
import { expectDomainError } from '../expect-domain-error.ts';

const ctx = { teamIds: ['team-a', 'team-b'] };
const T0 = Date.UTC(2025, 0, 6, 9, 0, 0);
const sec = (n: number) => T0 + n * 1000;

const reason = (code: string): ReasonCode => findReason(defaultReasonCodes, code);
const breakR = reason('break');
const lunch = reason('lunch');
const rest = reason('rest');
const noAnswer = reason('no_answer');

/** A consistent status in `state`, entered at T0, idle since T0 - 60 s. */
function statusIn(state: AgentState, patch: Partial<AgentStatus> = {}): AgentStatus {
  return {
    agentId: 'agent-1',
    state,
    reason: state === 'away' ? 'break' : null,
    since: T0,
    pendingAway: null,
    wrapUp: state === 'wrapup' ? { taskId: 'task-0', endsAt: sec(30), extendedBy: 0 } : null,
    lastIdleAt: state === 'offline' ? null : T0 - 60_000,
    ...patch,
  };
}

const types = (c: AgentChange) => c.events.map((e) => e.type);
const onlyEvent = (c: AgentChange) => {
  expect(c.events).toHaveLength(1);
  return c.events[0]!;
};
const stateChanged = (c: AgentChange) => {
  const e = c.events.find((x) => x.type === 'agent.state_changed');
  expect(e).toBeDefined();
  return e!;
};

/** The legal moves, written out from the diagram in agent-state.ts (independently of the table). */
const legal = new Set<string>([
  'offline>available',
  'available>away',
  'available>wrapup',
  'available>offline',
  'away>available',
  'away>away',
  'away>offline',
  'wrapup>available',
  'wrapup>away',
  'wrapup>wrapup',
  'wrapup>offline',
]);
const allPairs = agentStates.flatMap((from) => agentStates.map((to) => ({ from, to })));

describe('agent states and table', () => {
  it('has four stored states; busy is not one of them', () => {
    expect(agentStates).toEqual(['offline', 'available', 'away', 'wrapup']);
    for (const s of agentStates) expect(isAgentState(s)).toBe(true);
    for (const s of ['busy', '', 'Available', 'ready']) expect(isAgentState(s)).toBe(false);
  });

  it('has a row for every state naming only known states, without duplicates', () => {
    expect(Object.keys(agentStateTransitions).sort()).toEqual([...agentStates].sort());
    for (const tos of Object.values(agentStateTransitions)) {
      for (const to of tos) expect(isAgentState(to)).toBe(true);
      expect(new Set(tos).size).toBe(tos.length);
    }
  });

  it('can reach every state from offline and offline from every state', () => {
    for (const s of agentStates) {
      expect(canMoveAgent(s, 'offline') || s === 'offline').toBe(true);
    }
    const seen = new Set<AgentState>(['offline']);
    const todo: AgentState[] = ['offline'];
    for (let s = todo.pop(); s !== undefined; s = todo.pop())
      for (const n of agentStateTransitions[s])
        if (!seen.has(n)) {
          seen.add(n);
          todo.push(n);
        }
    expect([...seen].sort()).toEqual([...agentStates].sort());
  });

  it.each(allPairs)('transition() $from → $to follows the diagram', ({ from, to }) => {
    const key = `${from}>${to}`;
    expect(canMoveAgent(from, to)).toBe(legal.has(key));
    const run = () =>
      transition(statusIn(from), {
        ...ctx,
        to,
        now: sec(5),
        cause: 'set_available',
        reason: 'lunch',
        wrapUp: { taskId: 'task-9', endsAt: sec(65), extendedBy: 0 },
      });
    if (legal.has(key)) {
      expect(() => assertAgentMove(from, to)).not.toThrow();
      const { status, events } = run();
      expect(status.state).toBe(to);
      expect(status.since).toBe(sec(5));
      expect(status.reason).toBe(to === 'away' ? 'lunch' : null);
      expect(status.wrapUp === null).toBe(to !== 'wrapup');
      expect(events.map((e) => e.payload)).toEqual([
        expect.objectContaining({ from, to, durationMs: 5000 }),
      ]);
    } else {
      expectDomainError(run, 'agent.illegal_transition', { from, to });
      expectDomainError(() => assertAgentMove(from, to), 'agent.illegal_transition', { from, to });
    }
  });

  it('transition() insists on a reason for away and a countdown for wrapup', () => {
    const base = { ...ctx, now: sec(1), cause: 'set_away' as const };
    expectDomainError(
      () => transition(statusIn('available'), { ...base, to: 'away' }),
      'validation.failed',
      { field: 'reason' },
    );
    expectDomainError(
      () => transition(statusIn('available'), { ...base, to: 'away', reason: '' }),
      'validation.failed',
      { field: 'reason' },
    );
    expectDomainError(
      () => transition(statusIn('available'), { ...base, to: 'wrapup' }),
      'validation.failed',
      { field: 'wrapUp' },
    );
  });
});

type Outcome = AgentState | 'same' | 'illegal' | 'busy';
const due = sec(30);
const operations: Record<
  string,
  { run: (s: AgentStatus) => AgentChange; from: Record<AgentState, Outcome> }
> = {
  login: {
    run: (s) => login(s, due, ctx),
    from: { offline: 'available', available: 'same', away: 'same', wrapup: 'same' },
  },
  'logout without tasks': {
    run: (s) => logout(s, due, { ...ctx, hasActiveTasks: false }),
    from: { offline: 'same', available: 'offline', away: 'offline', wrapup: 'offline' },
  },
  'logout with tasks': {
    run: (s) => logout(s, due, { ...ctx, hasActiveTasks: true }),
    from: { offline: 'same', available: 'busy', away: 'busy', wrapup: 'busy' },
  },
  'forced logout with tasks': {
    run: (s) => logout(s, due, { ...ctx, hasActiveTasks: true, force: true }),
    from: { offline: 'same', available: 'offline', away: 'offline', wrapup: 'offline' },
  },
  setAvailable: {
    run: (s) => setAvailable(s, due, { ...ctx, hasActiveTasks: false }),
    from: { offline: 'illegal', available: 'same', away: 'available', wrapup: 'available' },
  },
  'setAway break (the current away reason)': {
    run: (s) => setAway(s, breakR, due, { ...ctx, by: 'agent' }),
    from: { offline: 'illegal', available: 'away', away: 'same', wrapup: 'away' },
  },
  'setAway lunch': {
    run: (s) => setAway(s, lunch, due, { ...ctx, by: 'supervisor' }),
    from: { offline: 'illegal', available: 'away', away: 'away', wrapup: 'away' },
  },
  startWrapUp: {
    run: (s) => startWrapUp(s, 'task-1', 30, due, ctx),
    from: { offline: 'illegal', available: 'wrapup', away: 'illegal', wrapup: 'wrapup' },
  },
  extendWrapUp: {
    run: (s) => extendWrapUp(s, 30, due, ctx),
    from: { offline: 'illegal', available: 'illegal', away: 'illegal', wrapup: 'same' },
  },
  'expireWrapUp when due': {
    run: (s) => expireWrapUp(s, due, { ...ctx, hasActiveTasks: false }),
    from: { offline: 'same', available: 'same', away: 'same', wrapup: 'available' },
  },
  'expireWrapUp before due': {
    run: (s) => expireWrapUp(s, due - 1, { ...ctx, hasActiveTasks: false }),
    from: { offline: 'same', available: 'same', away: 'same', wrapup: 'same' },
  },
};
const opCases = Object.entries(operations).flatMap(([op, { run, from }]) =>
  agentStates.map((state) => ({ op, state, run, expected: from[state] })),
);

describe('operations from every state', () => {
  it.each(opCases)('$op from $state → $expected', ({ state, run, expected }) => {
    const s = statusIn(state);
    if (expected === 'illegal') {
      const e = expectDomainError(() => run(s), 'agent.illegal_transition');
      expect(e.details?.['from']).toBe(state);
      return;
    }
    if (expected === 'busy') {
      expectDomainError(() => run(s), 'agent.busy', { agentId: 'agent-1', state });
      return;
    }
    const c = run(s);
    if (expected === 'same') {
      expect(c.status.state).toBe(state);
      expect(c.status.since).toBe(s.since);
      expect(types(c)).not.toContain('agent.state_changed');
      return;
    }
    expect(c.status.state).toBe(expected);
    expect(canMoveAgent(state, expected)).toBe(true);
    expect(stateChanged(c).payload).toMatchObject({ from: state, to: expected });
  });
});

describe('events', () => {
  it('login emits state_changed with the full payload and the agent scope', () => {
    const c = login(initialAgentStatus('agent-1', T0), sec(90), ctx);
    expect(c.status).toEqual({
      agentId: 'agent-1',
      state: 'available',
      reason: null,
      since: sec(90),
      pendingAway: null,
      wrapUp: null,
      lastIdleAt: sec(90),
    });
    expect(c.events).toEqual([
      {
        type: 'agent.state_changed',
        subjectType: 'agent',
        subjectId: 'agent-1',
        payload: {
          from: 'offline',
          to: 'available',
          reason: null,
          previousReason: null,
          durationMs: 90_000,
          cause: 'login',
        },
        scope: {
          userIds: ['agent-1'],
          teamIds: ['team-a', 'team-b'],
          dispatchTeamIds: [],
          customerId: null,
        },
      },
    ]);
  });

  it('scopes every event to the agent and their teams (deduplicated)', () => {
    expect(agentScope(statusIn('away'), { teamIds: ['x', 'x', 'y'] })).toEqual({
      userIds: ['agent-1'],
      teamIds: ['x', 'y'],
      dispatchTeamIds: [],
      customerId: null,
    });
    const c = setAway(statusIn('available'), rest, sec(1), { teamIds: [], by: 'agent' });
    expect(onlyEvent(c).scope).toEqual({
      userIds: ['agent-1'],
      teamIds: [],
      dispatchTeamIds: [],
      customerId: null,
    });
  });

  it('away → away with another reason records both reasons and the time spent', () => {
    const c = setAway(statusIn('away'), lunch, sec(600), { ...ctx, by: 'agent' });
    expect(c.status).toMatchObject({ state: 'away', reason: 'lunch', since: sec(600) });
    expect(onlyEvent(c).payload).toEqual({
      from: 'away',
      to: 'away',
      reason: 'lunch',
      previousReason: 'break',
      durationMs: 600_000,
      cause: 'set_away',
      by: 'agent',
    });
  });

  it('setAway from wrap-up names the task whose wrap-up it ends', () => {
    const c = setAway(statusIn('wrapup'), breakR, sec(10), { ...ctx, by: 'agent' });
    expect(c.status.wrapUp).toBeNull();
    expect(onlyEvent(c).payload).toMatchObject({ from: 'wrapup', to: 'away', taskId: 'task-0' });
  });

  it('accepts Date as well as epoch ms, and refuses an invalid time', () => {
    const c = login(statusIn('offline'), new Date(sec(7)), ctx);
    expect(c.status.since).toBe(sec(7));
    expectDomainError(() => login(statusIn('offline'), Number.NaN, ctx), 'validation.failed', {
      field: 'now',
    });
    expectDomainError(
      () => login(statusIn('offline'), new Date('nonsense'), ctx),
      'validation.failed',
    );
  });

  it('never moves since backwards: an earlier now counts as since', () => {
    const c = setAvailable(statusIn('away'), sec(-5), { ...ctx, hasActiveTasks: false });
    expect(c.status.since).toBe(T0);
    expect(onlyEvent(c).payload['durationMs']).toBe(0);
  });
});

describe('logout', () => {
  it('is refused while tasks remain unless forced, and says so in the event', () => {
    expectDomainError(
      () => logout(statusIn('available'), sec(1), { ...ctx, hasActiveTasks: true, force: false }),
      'agent.busy',
    );
    const c = logout(statusIn('available'), sec(1), { ...ctx, hasActiveTasks: true, force: true });
    expect(c.status).toMatchObject({ state: 'offline', lastIdleAt: null, reason: null });
    expect(onlyEvent(c).payload).toMatchObject({
      cause: 'forced_logout',
      forced: true,
      hadActiveTasks: true,
    });
    const plain = logout(statusIn('away'), sec(1), { ...ctx, hasActiveTasks: false });
    expect(onlyEvent(plain).payload).toMatchObject({
      from: 'away',
      to: 'offline',
      reason: null,
      previousReason: 'break',
      cause: 'logout',
      forced: false,
    });
  });

  it('drops a pending away request and ends wrap-up', () => {
    const s = statusIn('wrapup', { pendingAway: { reason: 'rest', requestedAt: sec(-10) } });
    const c = logout(s, sec(1), { ...ctx, hasActiveTasks: false });
    expect(c.status).toMatchObject({ state: 'offline', pendingAway: null, wrapUp: null });
    expect(types(c)).toEqual(['agent.away_canceled', 'agent.state_changed']);
    expect(c.events[0]!.payload).toEqual({
      reason: 'rest',
      requestedAt: sec(-10),
      cause: 'logout',
    });
  });
});

describe('approval flow', () => {
  const request = (s: AgentStatus = statusIn('available'), at = sec(10)) =>
    setAway(s, rest, at, { ...ctx, by: 'agent' });

  it('an agent asking for rest stays available with the request pending', () => {
    const c = request();
    expect(c.status).toEqual({
      ...statusIn('available'),
      pendingAway: { reason: 'rest', requestedAt: sec(10) },
    });
    expect(onlyEvent(c)).toMatchObject({
      type: 'agent.away_requested',
      payload: { reason: 'rest', requestedAt: sec(10), state: 'available', replaces: null },
    });
    expect(acceptsTasks(c.status)).toBe(true);
  });

  it('asking again for the same reason changes nothing', () => {
    const once = request().status;
    const again = request(once, sec(20));
    expect(again.status).toBe(once);
    expect(again.events).toEqual([]);
  });

  it('a new request for another approval reason replaces the old one', () => {
    const nap: ReasonCode = { ...rest, code: 'nap' };
    const c = setAway(request().status, nap, sec(20), { ...ctx, by: 'agent' });
    expect(c.status.pendingAway).toEqual({ reason: 'nap', requestedAt: sec(20) });
    expect(onlyEvent(c).payload).toMatchObject({ reason: 'nap', replaces: 'rest' });
  });

  it('approval moves the agent away for the requested reason', () => {
    const c = approveAway(request().status, sec(70), ctx);
    expect(c.status).toMatchObject({
      state: 'away',
      reason: 'rest',
      pendingAway: null,
      since: sec(70),
    });
    expect(types(c)).toEqual(['agent.away_approved', 'agent.state_changed']);
    expect(c.events[0]!.payload).toEqual({
      reason: 'rest',
      requestedAt: sec(10),
      waitedMs: 60_000,
    });
    expect(c.events[1]!.payload).toMatchObject({
      from: 'available',
      to: 'away',
      reason: 'rest',
      cause: 'away_approved',
      by: 'supervisor',
    });
  });

  it('denial clears the request and leaves the state alone', () => {
    const pending = request().status;
    const c = denyAway(pending, sec(40), { ...ctx, note: 'queue is long' });
    expect(c.status).toEqual({ ...pending, pendingAway: null });
    expect(onlyEvent(c)).toMatchObject({
      type: 'agent.away_denied',
      payload: { reason: 'rest', requestedAt: sec(10), waitedMs: 30_000, note: 'queue is long' },
    });
    expect(onlyEvent(denyAway(pending, sec(40), ctx)).payload['note']).toBeNull();
  });

  it('approve or deny without a pending request is a conflict', () => {
    expectDomainError(() => approveAway(statusIn('available'), sec(1), ctx), 'conflict');
    expectDomainError(() => denyAway(statusIn('wrapup'), sec(1), ctx), 'conflict');
  });

  it('the agent may withdraw the request', () => {
    const c = cancelAwayRequest(request().status, sec(15), ctx);
    expect(c.status.pendingAway).toBeNull();
    expect(onlyEvent(c)).toMatchObject({
      type: 'agent.away_canceled',
      payload: { reason: 'rest', requestedAt: sec(10), cause: 'agent' },
    });
    expect(cancelAwayRequest(statusIn('available'), sec(15), ctx).events).toEqual([]);
  });

  it('supervisors and the system set rest directly', () => {
    for (const by of ['supervisor', 'system'] as const) {
      const c = setAway(statusIn('available'), rest, sec(5), { ...ctx, by });
      expect(c.status).toMatchObject({ state: 'away', reason: 'rest', pendingAway: null });
      expect(onlyEvent(c).payload).toMatchObject({ by, cause: 'set_away' });
    }
  });

  it('an agent already away must come back before asking; an offline one cannot ask', () => {
    expectDomainError(() => request(statusIn('away')), 'agent.approval_required', {
      reason: 'rest',
    });
    const e = expectDomainError(() => request(statusIn('offline')), 'agent.illegal_transition');
    expect(e.details).toMatchObject({ from: 'offline', to: 'away' });
  });

  it('a request made in wrap-up survives the end of wrap-up and is approved later', () => {
    const pending = request(statusIn('wrapup'), sec(5)).status;
    expect(pending).toMatchObject({ state: 'wrapup', pendingAway: { reason: 'rest' } });
    const back = expireWrapUp(pending, sec(30), { ...ctx, hasActiveTasks: false }).status;
    expect(back).toMatchObject({ state: 'available', pendingAway: { reason: 'rest' } });
    expect(approveAway(back, sec(40), ctx).status).toMatchObject({ state: 'away', reason: 'rest' });
  });

  it('going away for another reason drops the request', () => {
    const c = setAway(request().status, breakR, sec(20), { ...ctx, by: 'agent' });
    expect(c.status).toMatchObject({ state: 'away', reason: 'break', pendingAway: null });
    expect(types(c)).toEqual(['agent.away_canceled', 'agent.state_changed']);
    expect(c.events[0]!.payload).toMatchObject({ reason: 'rest', cause: 'set_away' });
  });
});

describe('reasons that may not be chosen', () => {
  it('no_answer is set by the system only', () => {
    for (const by of ['agent', 'supervisor'] as const)
      expectDomainError(
        () => setAway(statusIn('available'), noAnswer, sec(1), { ...ctx, by }),
        'agent.invalid_reason',
        { reason: 'no_answer', systemOnly: true },
      );
    const c = setAway(statusIn('available'), noAnswer, sec(1), { ...ctx, by: 'system' });
    expect(c.status).toMatchObject({ state: 'away', reason: 'no_answer' });
    expect(onlyEvent(c).payload).toMatchObject({ by: 'system', reason: 'no_answer' });
  });

  it('an inactive reason is refused for everyone', () => {
    for (const by of ['agent', 'supervisor', 'system'] as const)
      expectDomainError(
        () => setAway(statusIn('available'), { ...lunch, active: false }, sec(1), { ...ctx, by }),
        'agent.invalid_reason',
        { reason: 'lunch' },
      );
  });
});

describe('wrap-up', () => {
  const start = (s: AgentStatus = statusIn('available'), seconds = 30, at = sec(0)) =>
    startWrapUp(s, 'task-1', seconds, at, ctx);

  it('starts a countdown of the given seconds', () => {
    const c = start(statusIn('available', { since: sec(-100) }));
    expect(c.status).toMatchObject({
      state: 'wrapup',
      since: sec(0),
      wrapUp: { taskId: 'task-1', endsAt: sec(30), extendedBy: 0 },
    });
    expect(onlyEvent(c).payload).toEqual({
      from: 'available',
      to: 'wrapup',
      reason: null,
      previousReason: null,
      durationMs: 100_000,
      cause: 'wrapup_started',
      taskId: 'task-1',
      seconds: 30,
      endsAt: sec(30),
    });
    expect(acceptsTasks(c.status)).toBe(false);
  });

  it('counts down in whole seconds and reports null outside wrap-up', () => {
    const s = start().status;
    expect(wrapUpRemainingSeconds(s, sec(0))).toBe(30);
    expect(wrapUpRemainingSeconds(s, sec(0) + 1)).toBe(30);
    expect(wrapUpRemainingSeconds(s, sec(29) + 1)).toBe(1);
    expect(wrapUpRemainingSeconds(s, sec(30))).toBe(0);
    expect(wrapUpRemainingSeconds(s, sec(99))).toBe(0);
    expect(wrapUpRemainingSeconds(statusIn('available'), sec(0))).toBeNull();
  });

  it('expires at endsAt, not before', () => {
    const s = start().status;
    const early = expireWrapUp(s, sec(30) - 1, { ...ctx, hasActiveTasks: false });
    expect(early.status).toBe(s);
    expect(early.events).toEqual([]);
    const c = expireWrapUp(s, sec(30), { ...ctx, hasActiveTasks: false });
    expect(c.status).toMatchObject({ state: 'available', wrapUp: null, since: sec(30) });
    expect(onlyEvent(c).payload).toMatchObject({
      from: 'wrapup',
      to: 'available',
      cause: 'wrapup_expired',
      taskId: 'task-1',
      durationMs: 30_000,
    });
  });

  it('ends early when the agent says available', () => {
    const c = setAvailable(start().status, sec(12), { ...ctx, hasActiveTasks: false });
    expect(c.status).toMatchObject({ state: 'available', wrapUp: null });
    expect(onlyEvent(c).payload).toMatchObject({ cause: 'set_available', taskId: 'task-1' });
  });

  it('a zero-second wrap-up is due at once', () => {
    const s = start(statusIn('available'), 0).status;
    expect(s.wrapUp?.endsAt).toBe(sec(0));
    expect(expireWrapUp(s, sec(0), { ...ctx, hasActiveTasks: false }).status.state).toBe(
      'available',
    );
  });

  it('another task ending during wrap-up restarts the countdown for that task', () => {
    const s = extendWrapUp(start().status, 60, sec(5), ctx).status;
    const c = startWrapUp(s, 'task-2', 20, sec(10), ctx);
    expect(c.status).toMatchObject({
      state: 'wrapup',
      since: sec(10),
      wrapUp: { taskId: 'task-2', endsAt: sec(30), extendedBy: 0 },
    });
    expect(onlyEvent(c).payload).toMatchObject({ from: 'wrapup', to: 'wrapup', taskId: 'task-2' });
  });

  it('extends the countdown and tells who watches', () => {
    const s = start().status;
    const c = extendWrapUp(s, 60, sec(10), ctx);
    expect(c.status).toEqual({
      ...s,
      wrapUp: { taskId: 'task-1', endsAt: sec(90), extendedBy: 60 },
    });
    expect(onlyEvent(c)).toMatchObject({
      type: 'agent.wrapup_extended',
      payload: { taskId: 'task-1', seconds: 60, extendedBy: 60, endsAt: sec(90) },
    });
    expect(expireWrapUp(c.status, sec(89), { ...ctx, hasActiveTasks: false }).events).toEqual([]);
  });

  it('extends from now when the countdown has already run out', () => {
    const c = extendWrapUp(start().status, 60, sec(45), ctx);
    expect(c.status.wrapUp).toEqual({ taskId: 'task-1', endsAt: sec(105), extendedBy: 60 });
  });

  it(`caps the extensions at ${defaultMaxExtendSeconds} s in total by default`, () => {
    let s = start().status;
    for (let i = 0; i < 5; i++) s = extendWrapUp(s, 120, sec(1), ctx).status;
    expect(s.wrapUp?.extendedBy).toBe(600);
    expectDomainError(() => extendWrapUp(s, 1, sec(2), ctx), 'agent.wrapup_limit', {
      extendedBy: 600,
      requested: 1,
      maxExtendSeconds: 600,
      remaining: 0,
    });
    const partly = extendWrapUp(start().status, 500, sec(1), ctx).status;
    expectDomainError(() => extendWrapUp(partly, 101, sec(2), ctx), 'agent.wrapup_limit', {
      extendedBy: 500,
      requested: 101,
      maxExtendSeconds: 600,
      remaining: 100,
    });
    expect(extendWrapUp(partly, 100, sec(2), ctx).status.wrapUp?.extendedBy).toBe(600);
  });

  it('honours a configured maximum, 0 forbidding extension', () => {
    const s = start().status;
    expect(
      extendWrapUp(s, 120, sec(1), { ...ctx, maxExtendSeconds: 120 }).status.wrapUp?.extendedBy,
    ).toBe(120);
    expectDomainError(
      () => extendWrapUp(s, 121, sec(1), { ...ctx, maxExtendSeconds: 120 }),
      'agent.wrapup_limit',
    );
    expectDomainError(
      () => extendWrapUp(s, 1, sec(1), { ...ctx, maxExtendSeconds: 0 }),
      'agent.wrapup_limit',
    );
  });

  it('refuses nonsense durations and a missing task', () => {
    const s = start().status;
    for (const bad of [0, -1, Number.NaN, Infinity])
      expectDomainError(() => extendWrapUp(s, bad, sec(1), ctx), 'validation.failed', {
        field: 'seconds',
      });
    expectDomainError(
      () => extendWrapUp(s, 10, sec(1), { ...ctx, maxExtendSeconds: -1 }),
      'validation.failed',
      { field: 'maxExtendSeconds' },
    );
    for (const bad of [-1, Number.NaN])
      expectDomainError(() => start(statusIn('available'), bad), 'validation.failed', {
        field: 'seconds',
      });
    expectDomainError(
      () => startWrapUp(statusIn('available'), '', 30, sec(0), ctx),
      'validation.failed',
      { field: 'taskId' },
    );
  });

  it('cannot be extended outside wrap-up', () => {
    expectDomainError(
      () => extendWrapUp(statusIn('available'), 10, sec(1), ctx),
      'agent.illegal_transition',
      {
        from: 'available',
        to: 'wrapup',
        operation: 'extendWrapUp',
      },
    );
  });
});

describe('lastIdleAt', () => {
  const idle = T0 - 60_000;

  it('login makes the agent idle from now; logout clears it', () => {
    const inS = login(statusIn('offline'), sec(5), ctx).status;
    expect(inS.lastIdleAt).toBe(sec(5));
    expect(logout(inS, sec(9), { ...ctx, hasActiveTasks: false }).status.lastIdleAt).toBeNull();
  });

  it('coming back from away without work resets it to now; with work keeps it', () => {
    expect(
      setAvailable(statusIn('away'), sec(5), { ...ctx, hasActiveTasks: false }).status.lastIdleAt,
    ).toBe(sec(5));
    expect(
      setAvailable(statusIn('away'), sec(5), { ...ctx, hasActiveTasks: true }).status.lastIdleAt,
    ).toBe(idle);
  });

  it('wrap-up is work: entering it keeps the old value, leaving it free resets to now', () => {
    const w = startWrapUp(statusIn('available'), 't', 30, sec(1), ctx).status;
    expect(w.lastIdleAt).toBe(idle);
    expect(expireWrapUp(w, sec(31), { ...ctx, hasActiveTasks: false }).status.lastIdleAt).toBe(
      sec(31),
    );
    expect(expireWrapUp(w, sec(31), { ...ctx, hasActiveTasks: true }).status.lastIdleAt).toBe(idle);
    expect(setAvailable(w, sec(9), { ...ctx, hasActiveTasks: false }).status.lastIdleAt).toBe(
      sec(9),
    );
  });

  it('going away leaves it alone', () => {
    expect(
      setAway(statusIn('available'), breakR, sec(3), { ...ctx, by: 'agent' }).status.lastIdleAt,
    ).toBe(idle);
  });

  it('markIdle records the end of the last task for an available agent only', () => {
    const c = markIdle(statusIn('available'), sec(8));
    expect(c.status.lastIdleAt).toBe(sec(8));
    expect(c.events).toEqual([]);
    for (const state of ['offline', 'away', 'wrapup'] as const) {
      const s = statusIn(state);
      expect(markIdle(s, sec(8)).status).toBe(s);
    }
  });
});

describe('displayState', () => {
  it('shows busy for an available agent with work, the stored state otherwise', () => {
    expect(displayState(statusIn('available'), {})).toBe('available');
    expect(displayState(statusIn('available'), 0)).toBe('available');
    expect(displayState(statusIn('available'), { email: 1 })).toBe('busy');
    expect(displayState(statusIn('available'), 2)).toBe('busy');
    expect(displayState(statusIn('wrapup'), { webchat: 1 })).toBe('wrapup');
    expect(displayState(statusIn('away'), { voice: 1 })).toBe('away');
    expect(displayState(statusIn('offline'), 0)).toBe('offline');
  });

  it('only available agents accept tasks', () => {
    for (const s of agentStates) expect(acceptsTasks(statusIn(s))).toBe(s === 'available');
  });
});
