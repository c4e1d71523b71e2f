import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { validateFlow, type IvrFlow } from '../../../../src/domain/ivr/ivr-flow.ts';
import {
  isIvrFinal,
  isIvrState,
  ivrStates,
  ivrTransitions,
  maxHistory,
  newIvrSession,
  type IvrState,
} from '../../../../src/domain/ivr/ivr-session.ts';
import {
  maxBufferedDigits,
  maxNodesPerStep,
  step,
  type IvrInput,
} from '../../../../src/domain/ivr/ivr-step.ts';
import { closedCtx, demo, openCtx, smallFlow } from './fixtures.ts';

/** States reachable from each state through the table, in zero or more moves. */
const reachable = new Map<IvrState, Set<IvrState>>(
  ivrStates.map((from) => {
    const seen = new Set<IvrState>([from]);
    const todo: IvrState[] = [from];
    while (todo.length > 0)
      for (const to of ivrTransitions[todo.pop() as IvrState])
        if (!seen.has(to)) {
          seen.add(to);
          todo.push(to);
        }
    return [from, seen];
  }),
);

const input: fc.Arbitrary<IvrInput> = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .stringMatching(/^[0-9*#]{1,4}$/)
      .map((d) => ({ type: 'digits', digits: d }) as const),
  },
  { weight: 4, arbitrary: fc.constant({ type: 'timeout' } as const) },
  {
    weight: 1,
    arbitrary: fc.string({ maxLength: 5 }).map((d) => ({ type: 'digits', digits: d }) as const),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'start' } as const) },
  {
    weight: 2,
    arbitrary: fc
      .dictionary(
        fc.constantFrom('amount', 'status', 'a b', '__proto__', 'x'.repeat(70)),
        fc.oneof(fc.stringMatching(/^-?\d{1,6}(\.\d{1,2})?$/), fc.string({ maxLength: 8 })),
      )
      .map((values) => ({ type: 'lookup_result', ok: true, values }) as const),
  },
  { weight: 1, arbitrary: fc.constant({ type: 'lookup_result', ok: false } as const) },
  { weight: 2, arbitrary: fc.constant({ type: 'queue_left', reason: 'callback' } as const) },
  { weight: 1, arbitrary: fc.constant({ type: 'transfer_failed' } as const) },
  { weight: 1, arbitrary: fc.constant({ type: 'hangup' } as const) },
);

const small = validateFlow(smallFlow());
const transfers = (() => {
  const doc = smallFlow();
  doc.nodes['queue'] = { type: 'transfer', number: '${account}', next: 'menu' };
  return validateFlow(doc);
})();
/** Never validated: it loops without input, so only the guard stops it. */
const spinning: IvrFlow = {
  id: 'spin',
  name: 'spin',
  version: 1,
  language: 'en',
  start: 'm',
  nodes: {
    m: {
      type: 'menu',
      prompts: [],
      options: { '1': 'a', '2': 'gone' },
      timeoutSeconds: 1,
      retries: 0,
      onFailure: 'm',
    },
    a: { type: 'set', variable: 'n', value: '${n}1', next: 'b' },
    b: { type: 'condition', branches: [{ when: 'len(n) > 3', next: 'a' }], otherwise: 'a' },
  },
};

const flows = [
  { flow: demo, valid: true },
  { flow: small, valid: true },
  { flow: transfers, valid: true },
  { flow: spinning, valid: false },
];

const promptsDir = join(import.meta.dirname, '../../../../assets/prompts');

describe('step over random calls', () => {
  it('never throws, keeps to the table and the guard, and finishes for good', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...flows),
        fc.boolean(),
        fc.array(input, { maxLength: 40 }),
        ({ flow, valid }, open, inputs) => {
          const ctx = open ? openCtx : closedCtx;
          let session = newIvrSession(flow, { variables: { caller: '13800138000' } });
          for (const inp of [{ type: 'start' } as const, ...inputs]) {
            const before = session;
            const r = step(flow, before, inp, ctx);
            session = r.session;
            expect(isIvrState(session.state)).toBe(true);
            expect(reachable.get(before.state)?.has(session.state)).toBe(true);
            const visits = r.actions.filter((a) => a.type === 'visit').length;
            expect(visits).toBeLessThanOrEqual(maxNodesPerStep);
            expect(session.history.length).toBeLessThanOrEqual(maxHistory);
            expect(session.digits.length).toBeLessThanOrEqual(maxBufferedDigits);
            if (isIvrFinal(before.state)) {
              expect(session).toEqual(before);
              expect(r.actions).toEqual([]);
            }
            if (session.state === 'running') expect(session.history).toEqual([]);
            const errors = r.actions.filter((a) => a.type === 'error');
            if (valid) {
              expect(errors).toEqual([]);
              expect(session.state).not.toBe('failed');
            }
            if (errors.length > 0) {
              expect(r.actions.at(-1)).toEqual({ type: 'hangup' });
              expect(session.state).toBe('failed');
            }
          }
        },
      ),
      { numRuns: 1500 },
    );
  });

  it('plays only prompts that are recorded under assets/prompts (demo flow)', () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(fc.boolean(), fc.array(input, { maxLength: 30 }), (open, inputs) => {
        let session = newIvrSession(demo, { variables: { caller: '13800138000' } });
        for (const inp of [{ type: 'start' } as const, ...inputs]) {
          const r = step(demo, session, inp, open ? openCtx : closedCtx);
          session = r.session;
          for (const a of r.actions) if (a.type === 'play') for (const p of a.prompts) seen.add(p);
        }
      }),
      { numRuns: 500 },
    );
    expect(seen.size).toBeGreaterThan(20);
    for (const p of seen) expect(existsSync(join(promptsDir, `${p}.wav`)), p).toBe(true);
  });
});
