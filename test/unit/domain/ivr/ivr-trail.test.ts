import { describe, expect, it } from 'vitest';
import type { IvrInput } from '../../../../src/domain/ivr/ivr-action.ts';
import { newIvrSession } from '../../../../src/domain/ivr/ivr-session.ts';
import { step } from '../../../../src/domain/ivr/ivr-step.ts';
import { closeTrail, extendTrail, type IvrVisit } from '../../../../src/domain/ivr/ivr-trail.ts';
import { caller, closedCtx, demo, keys, openCtx, timeout } from './fixtures.ts';

/** Drives the demo flow like the voice runner does and returns the trail it records. */
function walk(inputs: IvrInput[], ctx = openCtx): IvrVisit[] {
  let session = newIvrSession(demo, { variables: { caller, called: '10086' } });
  let trail: IvrVisit[] = [];
  for (const input of [{ type: 'start' } as const, ...inputs]) {
    const r = step(demo, session, input, ctx);
    session = r.session;
    const entered = r.actions.flatMap((a) => (a.type === 'visit' ? [a.nodeId] : []));
    trail = extendTrail(demo, trail, input, entered);
  }
  return trail;
}

describe('the IVR trail', () => {
  it('labels menu exits by key and lookups by their answer', () => {
    const trail = walk([
      keys('1'),
      { type: 'lookup_result', ok: true, values: { amount: '12.50' } },
      keys('2'),
    ]);
    expect(closeTrail(trail, 'hangup')).toEqual([
      { node: 'welcome', exit: '1' },
      { node: 'balance', exit: 'ok' },
      { node: 'balance-say', exit: 'next' },
      { node: 'after-balance', exit: '2' },
      { node: 'goodbye', exit: 'hangup' },
    ]);
  });

  it('labels silence, failed lookups, hours and the queue outcome', () => {
    const trail = walk([timeout, keys('1'), { type: 'lookup_result', ok: false }, keys('3')]);
    expect(closeTrail(trail, 'queue')).toEqual([
      { node: 'welcome', exit: 'timeout' },
      { node: 'main', exit: '1' },
      { node: 'balance', exit: 'error' },
      { node: 'balance-error', exit: 'next' },
      { node: 'main', exit: '3' },
      { node: 'general', exit: 'next' },
      { node: 'general-queue-id', exit: 'next' },
      { node: 'general-hours', exit: 'open' },
      { node: 'general-transfer', exit: 'next' },
      { node: 'general-queue', exit: 'queue' },
    ]);
  });

  it('never keeps the digits of a collect, and a closed office shows as such', () => {
    const trail = walk([keys('2'), keys('13900139000#')], closedCtx);
    expect(trail.slice(0, 5)).toEqual([
      { node: 'welcome', exit: '2' },
      { node: 'complaint', exit: 'next' },
      { node: 'complaint-queue-id', exit: 'next' },
      { node: 'complaint-hours', exit: 'closed' },
      { node: 'closed', exit: 'next' },
    ]);
    expect(trail[5]).toEqual({ node: 'callback-number', exit: 'entered' });
    expect(JSON.stringify(trail)).not.toContain('13900139000');
  });

  it('leaves a closed trail alone and an empty one empty', () => {
    expect(closeTrail([], 'hangup')).toEqual([]);
    const done = [{ node: 'a', exit: 'next' }];
    expect(closeTrail(done, 'hangup')).toEqual(done);
  });
});
