import { describe, it, expect } from 'vitest';
import {
  assertIvrMove,
  canMoveIvr,
  isIvrFinal,
  isIvrState,
  ivrStates,
  ivrTransitions,
  moveIvr,
  newIvrSession,
  sessionLanguage,
  type IvrState,
} from '../../../../src/domain/ivr/ivr-session.ts';
import { expectDomainError } from '../expect-domain-error.ts';
import { demo } from './fixtures.ts';

describe('IVR session transitions', () => {
  it('are exactly this table', () => {
    expect(ivrTransitions).toEqual({
      running: [
        'waiting_input',
        'waiting_lookup',
        'queued',
        'transferred',
        'hung_up',
        'callback',
        'failed',
      ],
      waiting_input: ['running', 'hung_up', 'callback'],
      waiting_lookup: ['running', 'hung_up', 'callback'],
      queued: ['running'],
      transferred: ['running'],
      hung_up: [],
      callback: [],
      failed: [],
    });
  });

  it('only name states that exist', () => {
    for (const [from, tos] of Object.entries(ivrTransitions)) {
      expect(isIvrState(from)).toBe(true);
      for (const to of tos) expect(isIvrState(to)).toBe(true);
    }
    expect(Object.keys(ivrTransitions).sort()).toEqual([...ivrStates].sort());
  });

  const pairs = ivrStates.flatMap((from) => ivrStates.map((to) => [from, to] as const));

  it.each(pairs)('%s → %s is allowed exactly when the table says so', (from, to) => {
    const allowed = ivrTransitions[from].includes(to);
    expect(canMoveIvr(from, to)).toBe(allowed);
    if (allowed) expect(() => assertIvrMove(from, to)).not.toThrow();
    else
      expectDomainError(() => assertIvrMove(from, to), 'ivr.illegal_transition', {
        from,
        to,
        allowed: ivrTransitions[from],
      });
  });

  it('ends for good in hung_up, callback and failed', () => {
    const finals: IvrState[] = ivrStates.filter(isIvrFinal);
    expect(finals).toEqual(['hung_up', 'callback', 'failed']);
  });

  it('lets every state be reached from a new session', () => {
    const seen = new Set<IvrState>(['running']);
    const todo: IvrState[] = ['running'];
    while (todo.length > 0)
      for (const to of ivrTransitions[todo.pop() as IvrState])
        if (!seen.has(to)) {
          seen.add(to);
          todo.push(to);
        }
    expect([...seen].sort()).toEqual([...ivrStates].sort());
  });
});

describe('newIvrSession and moveIvr', () => {
  it('starts running at the start node with the flow language', () => {
    const s = newIvrSession(demo, { variables: { caller: '139', 'bad name': 'x' } });
    expect(s).toEqual({
      flowId: 'demo',
      version: 1,
      state: 'running',
      nodeId: 'welcome',
      variables: { caller: '139', language: 'zh' },
      retries: 0,
      digits: '',
      history: [],
      callbackNumber: null,
    });
    expect(sessionLanguage(s, demo)).toBe('zh');
  });

  it('takes the language from the options or the variables', () => {
    expect(newIvrSession(demo, { language: 'en' }).variables['language']).toBe('en');
    expect(newIvrSession(demo, { variables: { language: 'en' } }).variables['language']).toBe('en');
    expect(newIvrSession(demo, { variables: { language: 'fr' } }).variables['language']).toBe('zh');
  });

  it('moves along the table and refuses the rest', () => {
    const s = newIvrSession(demo);
    expect(moveIvr(s, 'waiting_input').state).toBe('waiting_input');
    const done = moveIvr(s, 'hung_up');
    expectDomainError(() => moveIvr(done, 'running'), 'ivr.illegal_transition');
  });
});
