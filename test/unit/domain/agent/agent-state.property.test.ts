import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  agentStates,
  approveAway,
  canMoveAgent,
  cancelAwayRequest,
  denyAway,
  expireWrapUp,
  extendWrapUp,
  initialAgentStatus,
  login,
  logout,
  markIdle,
  setAvailable,
  setAway,
  startWrapUp,
  type AgentChange,
  type AgentStatus,
  type AwayActor,
} from '../../../../src/domain/agent/agent-state.ts';
import { defaultReasonCodes, type ReasonCode } from '../../../../src/domain/agent/reason-codes.ts';
import { isDomainError } from '../../../../src/domain/errors.ts';

const ctx = { teamIds: ['team-a'] };
const reasons: ReasonCode[] = [
  ...defaultReasonCodes,
  {
    code: 'old',
    label: 'Old',
    labelZh: '旧',
    requiresApproval: false,
    maxMinutes: null,
    active: false,
  },
];

type Op = (s: AgentStatus, now: number) => AgentChange;

const busy = fc.boolean();
const opArb: fc.Arbitrary<{ name: string; run: Op }> = fc.oneof(
  fc.constant({ name: 'login', run: (s: AgentStatus, t: number) => login(s, t, ctx) }),
  fc.record({ hasActiveTasks: busy, force: busy }).map((o) => ({
    name: `logout ${JSON.stringify(o)}`,
    run: (s: AgentStatus, t: number) => logout(s, t, { ...ctx, ...o }),
  })),
  busy.map((hasActiveTasks) => ({
    name: `setAvailable ${hasActiveTasks}`,
    run: (s: AgentStatus, t: number) => setAvailable(s, t, { ...ctx, hasActiveTasks }),
  })),
  fc
    .record({
      reason: fc.constantFrom(...reasons),
      by: fc.constantFrom<AwayActor>('agent', 'supervisor', 'system'),
    })
    .map(({ reason, by }) => ({
      name: `setAway ${reason.code} by ${by}`,
      run: (s: AgentStatus, t: number) => setAway(s, reason, t, { ...ctx, by }),
    })),
  fc.constant({ name: 'approve', run: (s: AgentStatus, t: number) => approveAway(s, t, ctx) }),
  fc.constant({ name: 'deny', run: (s: AgentStatus, t: number) => denyAway(s, t, ctx) }),
  fc.constant({ name: 'cancel', run: (s: AgentStatus, t: number) => cancelAwayRequest(s, t, ctx) }),
  fc
    .record({ task: fc.constantFrom('t1', 't2'), seconds: fc.integer({ min: 0, max: 120 }) })
    .map(({ task, seconds }) => ({
      name: `startWrapUp ${task} ${seconds}`,
      run: (s: AgentStatus, t: number) => startWrapUp(s, task, seconds, t, ctx),
    })),
  fc
    .record({ seconds: fc.integer({ min: 1, max: 400 }), max: fc.constantFrom(undefined, 0, 300) })
    .map(({ seconds, max }) => ({
      name: `extend ${seconds} max ${max}`,
      run: (s: AgentStatus, t: number) =>
        extendWrapUp(s, seconds, t, {
          ...ctx,
          ...(max === undefined ? {} : { maxExtendSeconds: max }),
        }),
    })),
  busy.map((hasActiveTasks) => ({
    name: `expire ${hasActiveTasks}`,
    run: (s: AgentStatus, t: number) => expireWrapUp(s, t, { ...ctx, hasActiveTasks }),
  })),
  fc.constant({ name: 'markIdle', run: (s: AgentStatus, t: number) => markIdle(s, t) }),
);

/** Steps of time between operations; some go backwards (clock skew between processes). */
const stepArb = fc.integer({ min: -5_000, max: 200_000 });

function checkInvariants(s: AgentStatus): void {
  expect(agentStates).toContain(s.state);
  expect(s.wrapUp !== null).toBe(s.state === 'wrapup');
  expect(s.reason !== null).toBe(s.state === 'away');
  if (s.state === 'away' || s.state === 'offline') expect(s.pendingAway).toBeNull();
  if (s.state === 'offline') expect(s.lastIdleAt).toBeNull();
}

describe('agent state machine under random operations', () => {
  it('stays within the table and keeps its invariants', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(opArb, stepArb), { minLength: 1, maxLength: 60 }),
        fc.boolean(),
        (steps, startLoggedIn) => {
          const t0 = 1_700_000_000_000;
          let s = initialAgentStatus('agent-1', t0);
          if (startLoggedIn) s = login(s, t0, ctx).status;
          let now = t0;
          for (const [op, step] of steps) {
            now += step;
            let c: AgentChange;
            try {
              c = op.run(s, now);
            } catch (e) {
              if (!isDomainError(e)) throw e;
              continue;
            }
            const next = c.status;
            checkInvariants(next);
            expect(next.agentId).toBe(s.agentId);
            expect(next.since).toBeGreaterThanOrEqual(s.since);
            const changes = c.events.filter((e) => e.type === 'agent.state_changed');
            if (changes.length === 0) {
              expect(next.state).toBe(s.state);
              expect(next.since).toBe(s.since);
            } else {
              expect(changes).toHaveLength(1);
              expect(canMoveAgent(s.state, next.state)).toBe(true);
              expect(changes[0]!.payload).toMatchObject({ from: s.state, to: next.state });
            }
            for (const e of c.events) {
              expect(e.subjectType).toBe('agent');
              expect(e.subjectId).toBe('agent-1');
              expect(e.scope).toEqual({
                userIds: ['agent-1'],
                teamIds: ['team-a'],
                dispatchTeamIds: [],
                customerId: null,
              });
            }
            if (next.wrapUp !== null) expect(next.wrapUp.extendedBy).toBeLessThanOrEqual(600);
            s = next;
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
