import { describe, expect, it } from 'vitest';
import { agent, engine, queue, T0 } from './engine-fixtures.ts';
import { resultOfStatus } from '../../../../src/voice/center/campaign-lines.ts';

describe('queue staffing (the dialer’s pacing input)', () => {
  it('counts the queue’s agents free or busy on voice, and leaves out others', () => {
    const e = engine([queue('out', 'skills.sales >= 1')]);
    e.upsertAgent(agent('a', { sales: 1 }), T0);
    e.upsertAgent(agent('b', { sales: 2 }), T0);
    e.upsertAgent(agent('c', { sales: 1 }, { routable: false }), T0); // away
    e.upsertAgent(agent('d', { billing: 1 }), T0); // another queue's
    expect(e.queueStaffing('out', 'voice')).toEqual({ free: 2, busy: 0 });
    // A call offered to one of them: that agent is no longer free (reservations hold capacity).
    e.submit({ id: 't1', channel: 'voice', attributes: {}, priority: 0, queueId: 'out' }, T0);
    expect(e.queueStaffing('out', 'voice')).toEqual({ free: 1, busy: 1 });
    // The caller may settle agents first: no phone (ignored), wrapping up (busy).
    expect(
      e.queueStaffing('out', 'voice', (id) => (id === 'a' || id === 'b' ? 'ignore' : null)),
    ).toEqual({
      free: 0,
      busy: 0,
    });
    expect(e.queueStaffing('out', 'voice', (id) => (id === 'c' ? 'busy' : null))).toEqual({
      free: 1,
      busy: 2,
    });
    expect(e.queueStaffing('nope', 'voice')).toEqual({ free: 0, busy: 0 });
  });
});

describe('SIP final responses as dial results', () => {
  it('maps busy, no answer and the rest (RFC 3261 §21)', () => {
    expect([486, 600].map(resultOfStatus)).toEqual(['busy', 'busy']);
    expect([408, 480, 487].map(resultOfStatus)).toEqual(['no_answer', 'no_answer', 'no_answer']);
    expect([404, 403, 503, 488, 603].map(resultOfStatus)).toEqual([
      'failed',
      'failed',
      'failed',
      'failed',
      'failed',
    ]);
  });
});
