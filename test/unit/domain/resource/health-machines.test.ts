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
import {
  initialNodeHealth,
  nodeSampled,
  transitionNode,
  type NodeHealth,
} from '../../../../src/domain/resource/node-health.ts';
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
  const limits = { maxLagMs: 100, maxRssBytes: 1000, sustain: 2 };
  const fold = (samples: [number, number][]) => {
    let h: NodeHealth = initialNodeHealth;
    const events: string[] = [];
    for (const [lagMs, rssBytes] of samples) {
      const r = nodeSampled(h, { lagMs, rssBytes }, limits);
      h = r.health;
      if (r.event) events.push(r.event);
    }
    return { state: h.state, events };
  };

  it('is overloaded only after sustained load, and recovers only with room under both limits', () => {
    expect(fold([[99, 999]])).toEqual({ state: 'ok', events: [] });
    // One slow sample between good ones is no overload.
    expect(
      fold([
        [100, 10],
        [10, 10],
        [1, 1000],
      ]),
    ).toEqual({ state: 'ok', events: [] });
    expect(
      fold([
        [100, 10],
        [1, 1000],
      ]),
    ).toEqual({
      state: 'overloaded',
      events: ['resource.node_overloaded'],
    });
    // Under the limit but not under 80 % (lag) or 90 % (memory) of it: still overloaded.
    expect(
      fold([
        [100, 10],
        [100, 10],
        [90, 10],
        [10, 950],
      ]),
    ).toEqual({
      state: 'overloaded',
      events: ['resource.node_overloaded'],
    });
    expect(
      fold([
        [100, 10],
        [100, 10],
        [79, 899],
      ]),
    ).toEqual({
      state: 'ok',
      events: ['resource.node_overloaded', 'resource.node_recovered'],
    });
  });

  it('rejects illegal moves', () => {
    expectDomainError(() => transitionNode('ok', 'ok'), 'resource.illegal_transition');
  });
});
