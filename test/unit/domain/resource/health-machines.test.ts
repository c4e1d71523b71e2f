/** The pure health machines of phones, trunks and nodes. */
import { describe, expect, it } from 'vitest';
import {
  phoneSignal,
  phoneStates,
  transitionPhone,
  type PhoneSignal,
  type PhoneState,
} from '../../../../src/domain/resource/phone-health.ts';
import {
  initialTrunkHealth,
  transitionTrunk,
  trunkProbed,
  type TrunkHealth,
} from '../../../../src/domain/resource/trunk-health.ts';
import { nodeSampled, transitionNode } from '../../../../src/domain/resource/node-health.ts';
import { expectDomainError } from '../expect-domain-error.ts';

describe('phone health', () => {
  const run = (signals: PhoneSignal[]) => {
    let state: PhoneState = 'unregistered';
    const events: string[] = [];
    for (const s of signals) {
      const r = phoneSignal(state, s);
      if (r) {
        state = r.state;
        events.push(r.event);
      }
    }
    return { state, events };
  };

  it('goes unreachable when probes go unanswered and back when one is answered', () => {
    expect(run(['register', 'answered', 'silent', 'silent', 'answered', 'unregister'])).toEqual({
      state: 'unregistered',
      events: [
        'resource.phone_registered',
        'resource.phone_unreachable',
        'resource.phone_reachable',
        'resource.phone_unregistered',
      ],
    });
  });

  it('re-registering while unreachable counts as registered again', () => {
    expect(run(['register', 'silent', 'register']).events).toEqual([
      'resource.phone_registered',
      'resource.phone_unreachable',
      'resource.phone_registered',
    ]);
  });

  it('ignores probes of a phone that is not registered', () => {
    expect(run(['silent', 'answered', 'unregister'])).toEqual({
      state: 'unregistered',
      events: [],
    });
  });

  it('rejects illegal moves with a coded error naming the legal ones', () => {
    expectDomainError(
      () => transitionPhone('unregistered', 'unreachable'),
      'resource.illegal_transition',
      {
        from: 'unregistered',
        to: 'unreachable',
        legal: ['registered'],
      },
    );
    for (const s of phoneStates)
      expectDomainError(() => transitionPhone(s, s), 'resource.illegal_transition');
  });
});

describe('trunk health', () => {
  const fold = (answers: boolean[], downAfter = 2) => {
    let h: TrunkHealth = initialTrunkHealth;
    const events: string[] = [];
    for (const a of answers) {
      const r = trunkProbed(h, a, downAfter);
      h = r.health;
      if (r.event) events.push(r.event);
    }
    return { state: h.state, events };
  };

  it('is up at the first answer and down only after several silent probes in a row', () => {
    expect(fold([true, false, true, false, false, false, true])).toEqual({
      state: 'up',
      events: ['resource.trunk_up', 'resource.trunk_down', 'resource.trunk_up'],
    });
    expect(fold([false])).toEqual({ state: 'unknown', events: [] });
    expect(fold([false, false])).toEqual({ state: 'down', events: ['resource.trunk_down'] });
    expect(fold([true, false], 1)).toEqual({
      state: 'down',
      events: ['resource.trunk_up', 'resource.trunk_down'],
    });
  });

  it('rejects illegal moves', () => {
    expectDomainError(() => transitionTrunk('up', 'unknown'), 'resource.illegal_transition');
    expectDomainError(() => transitionTrunk('down', 'down'), 'resource.illegal_transition');
  });
});

describe('node health', () => {
  const limits = { maxLagMs: 100, maxRssBytes: 1000 };

  it('is overloaded at a limit and recovers only with room under both', () => {
    expect(nodeSampled('ok', { lagMs: 99, rssBytes: 999 }, limits)).toEqual({
      state: 'ok',
      event: null,
    });
    expect(nodeSampled('ok', { lagMs: 100, rssBytes: 10 }, limits)).toEqual({
      state: 'overloaded',
      event: 'resource.node_overloaded',
    });
    expect(nodeSampled('ok', { lagMs: 1, rssBytes: 1000 }, limits).state).toBe('overloaded');
    // Under the limit but not under 80 % of it: still overloaded (no flapping).
    expect(nodeSampled('overloaded', { lagMs: 90, rssBytes: 10 }, limits)).toEqual({
      state: 'overloaded',
      event: null,
    });
    expect(nodeSampled('overloaded', { lagMs: 10, rssBytes: 950 }, limits).state).toBe(
      'overloaded',
    );
    expect(nodeSampled('overloaded', { lagMs: 79, rssBytes: 899 }, limits)).toEqual({
      state: 'ok',
      event: 'resource.node_recovered',
    });
  });

  it('rejects illegal moves', () => {
    expectDomainError(() => transitionNode('ok', 'ok'), 'resource.illegal_transition');
  });
});
