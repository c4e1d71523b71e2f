import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  addLoad,
  channelsWithRoom,
  defaultCapacityProfile,
  hasRoom,
  isWorkChannel,
  maxChannelLimit,
  occupancy,
  totalLoad,
  validateCapacityProfile,
  workChannels,
  type CapacityProfile,
  type ChannelLoad,
  type WorkChannel,
} from '../../../../src/domain/agent/capacity.ts';
import { expectDomainError } from '../expect-domain-error.ts';

const profile = (p: Partial<CapacityProfile> = {}): CapacityProfile => ({
  id: 'p1',
  name: 'Test',
  limits: {},
  voiceBlocksOthers: false,
  maxTotal: null,
  ...p,
});

const everyChannel = (n: number): Partial<Record<WorkChannel, number>> =>
  Object.fromEntries(workChannels.map((c) => [c, n]));

/** Every subset of the channels, as a load holding one task on each channel in the subset. */
const allSubsets: WorkChannel[][] = Array.from({ length: 1 << workChannels.length }, (_, mask) =>
  workChannels.filter((_c, i) => (mask & (1 << i)) !== 0),
);
const loadOfSubset = (s: readonly WorkChannel[]): ChannelLoad =>
  Object.fromEntries(s.map((c) => [c, 1]));

describe('channels', () => {
  it('lists the eight work channels', () => {
    expect(workChannels).toEqual([
      'voice',
      'webchat',
      'email',
      'sms',
      'fax',
      'webform',
      'callback',
      'case',
    ]);
    for (const c of workChannels) expect(isWorkChannel(c)).toBe(true);
    for (const c of ['', 'chat', 'Voice', 'phone']) expect(isWorkChannel(c)).toBe(false);
  });
});

describe('default profile', () => {
  it('has the documented limits and is valid', () => {
    expect(defaultCapacityProfile.limits).toEqual({
      voice: 1,
      webchat: 3,
      email: 5,
      sms: 5,
      fax: 5,
      webform: 5,
      callback: 1,
      case: 10,
    });
    expect(defaultCapacityProfile.voiceBlocksOthers).toBe(true);
    expect(defaultCapacityProfile.maxTotal).toBeNull();
    expect(validateCapacityProfile(defaultCapacityProfile)).toBe(defaultCapacityProfile);
  });

  it('lets an idle agent take any channel, a chatting agent more chat but no call', () => {
    expect(channelsWithRoom(defaultCapacityProfile, {})).toEqual([...workChannels]);
    expect(channelsWithRoom(defaultCapacityProfile, { webchat: 2 })).toEqual(
      workChannels.filter((c) => c !== 'voice'),
    );
    expect(channelsWithRoom(defaultCapacityProfile, { webchat: 3 })).toEqual(
      workChannels.filter((c) => c !== 'voice' && c !== 'webchat'),
    );
    expect(channelsWithRoom(defaultCapacityProfile, { voice: 1 })).toEqual([]);
  });
});

describe('validateCapacityProfile', () => {
  const bad: { name: string; patch: Record<string, unknown>; field: string }[] = [
    { name: 'negative limit', patch: { limits: { email: -1 } }, field: 'limits.email' },
    { name: 'fractional limit', patch: { limits: { webchat: 1.5 } }, field: 'limits.webchat' },
    { name: 'limit over 100', patch: { limits: { case: 101 } }, field: 'limits.case' },
    { name: 'NaN limit', patch: { limits: { sms: Number.NaN } }, field: 'limits.sms' },
    { name: 'string limit', patch: { limits: { fax: '2' } }, field: 'limits.fax' },
    { name: 'unknown channel', patch: { limits: { telex: 1 } }, field: 'limits.telex' },
    { name: 'limits not an object', patch: { limits: null }, field: 'limits' },
    { name: 'limits an array', patch: { limits: [1] }, field: 'limits' },
    { name: 'negative maxTotal', patch: { maxTotal: -1 }, field: 'maxTotal' },
    { name: 'fractional maxTotal', patch: { maxTotal: 2.5 }, field: 'maxTotal' },
    { name: 'infinite maxTotal', patch: { maxTotal: Infinity }, field: 'maxTotal' },
    { name: 'blank id', patch: { id: ' ' }, field: 'id' },
    { name: 'blank name', patch: { name: '' }, field: 'name' },
    {
      name: 'voiceBlocksOthers not boolean',
      patch: { voiceBlocksOthers: 1 },
      field: 'voiceBlocksOthers',
    },
  ];
  it.each(bad)('rejects $name', ({ patch, field }) => {
    expectDomainError(
      () => validateCapacityProfile(profile(patch as Partial<CapacityProfile>)),
      'agent.invalid_capacity',
      { field },
    );
  });

  it('accepts the edges: 0 and 100, maxTotal 0, missing or undefined channels', () => {
    for (const patch of [
      { limits: everyChannel(0) },
      { limits: everyChannel(maxChannelLimit) },
      { limits: { voice: undefined } },
      { maxTotal: 0 },
      { maxTotal: 1000 },
    ]) {
      const p = profile(patch);
      expect(validateCapacityProfile(p)).toBe(p);
    }
  });
});

describe('hasRoom', () => {
  it('refuses a channel without a limit (missing = 0)', () => {
    const p = profile({ limits: { email: 2 } });
    for (const c of workChannels) expect(hasRoom(p, {}, c)).toBe(c === 'email');
    expect(hasRoom(profile({ limits: { email: 0 } }), {}, 'email')).toBe(false);
  });

  it('fills a channel up to its limit', () => {
    const p = profile({ limits: { webchat: 3 } });
    expect(hasRoom(p, { webchat: 0 }, 'webchat')).toBe(true);
    expect(hasRoom(p, { webchat: 2 }, 'webchat')).toBe(true);
    expect(hasRoom(p, { webchat: 3 }, 'webchat')).toBe(false);
  });

  describe.each([true, false])('every channel combination, voiceBlocksOthers %s', (vbo) => {
    const roomy = profile({ limits: everyChannel(2), voiceBlocksOthers: vbo });
    const tight = profile({ limits: everyChannel(1), voiceBlocksOthers: vbo });

    /** Independent oracle: the rule as written in the brief. */
    function expected(held: readonly WorkChannel[], ch: WorkChannel, limit: number): boolean {
      if (limit === 1 && held.includes(ch)) return false;
      if (!vbo) return true;
      const voice = held.includes('voice');
      const others = held.some((c) => c !== 'voice');
      if (voice && others) return false;
      return ch === 'voice' ? !others : !voice;
    }

    it('matches the rule for all 256 loads × 8 channels at limit 2 and at limit 1', () => {
      let checked = 0;
      for (const held of allSubsets)
        for (const ch of workChannels) {
          expect(hasRoom(roomy, loadOfSubset(held), ch), `${held.join('+')} + ${ch}`).toBe(
            expected(held, ch, 2),
          );
          expect(hasRoom(tight, loadOfSubset(held), ch), `${held.join('+')} + ${ch}`).toBe(
            expected(held, ch, 1),
          );
          checked += 2;
        }
      expect(checked).toBe(256 * 8 * 2);
    });
  });

  it('voice and callback are separate channels: callback does not block voice', () => {
    expect(hasRoom(defaultCapacityProfile, {}, 'callback')).toBe(true);
    expect(hasRoom(defaultCapacityProfile, { callback: 1 }, 'voice')).toBe(false);
    const noBlock = { ...defaultCapacityProfile, voiceBlocksOthers: false };
    expect(hasRoom(noBlock, { callback: 1 }, 'voice')).toBe(true);
    expect(hasRoom(noBlock, { voice: 1 }, 'email')).toBe(true);
    expect(hasRoom(noBlock, { voice: 1 }, 'voice')).toBe(false);
  });

  it('caps the total with maxTotal', () => {
    const p = profile({ limits: everyChannel(5), maxTotal: 3 });
    expect(hasRoom(p, { email: 1, sms: 1 }, 'fax')).toBe(true);
    expect(hasRoom(p, { email: 1, sms: 1, fax: 1 }, 'case')).toBe(false);
    expect(hasRoom(p, { email: 3 }, 'email')).toBe(false);
    const none = profile({ limits: everyChannel(5), maxTotal: 0 });
    for (const c of workChannels) expect(hasRoom(none, {}, c)).toBe(false);
  });

  it('refuses everything while the agent is over any limit', () => {
    const p = profile({ limits: { email: 2, webchat: 3 } });
    expect(hasRoom(p, { email: 3 }, 'webchat')).toBe(false);
    expect(hasRoom(p, { case: 1 }, 'email')).toBe(false);
    expect(hasRoom(p, { email: 2 }, 'webchat')).toBe(true);
  });

  it('for random profiles and loads: one more task keeps every limit, the voice rule and maxTotal', () => {
    const limit = fc.option(fc.integer({ min: 0, max: 4 }), { nil: undefined });
    const profileArb = fc.record({
      id: fc.constant('p'),
      name: fc.constant('P'),
      limits: fc.record(
        Object.fromEntries(workChannels.map((c) => [c, limit])) as Record<
          WorkChannel,
          typeof limit
        >,
        { requiredKeys: [] },
      ),
      voiceBlocksOthers: fc.boolean(),
      maxTotal: fc.option(fc.integer({ min: 0, max: 8 }), { nil: null }),
    });
    const loadArb = fc.record(
      Object.fromEntries(workChannels.map((c) => [c, fc.integer({ min: 0, max: 5 })])) as Record<
        WorkChannel,
        fc.Arbitrary<number>
      >,
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(profileArb, loadArb, fc.constantFrom(...workChannels), (p, load, ch) => {
        validateCapacityProfile(p);
        if (!hasRoom(p, load, ch)) return;
        const after = addLoad(load, ch);
        for (const c of workChannels) expect(after[c] ?? 0).toBeLessThanOrEqual(p.limits[c] ?? 0);
        if (p.maxTotal !== null) expect(totalLoad(after)).toBeLessThanOrEqual(p.maxTotal);
        if (p.voiceBlocksOthers && (after.voice ?? 0) > 0)
          expect(totalLoad(after) - (after.voice ?? 0)).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('occupancy', () => {
  const p = profile({ limits: { webchat: 4, email: 5, voice: 1 } });

  it('is 0 for an idle agent and the largest channel fraction otherwise', () => {
    expect(occupancy(p, {})).toBe(0);
    expect(occupancy(p, { webchat: 1 })).toBe(0.25);
    expect(occupancy(p, { webchat: 1, email: 4 })).toBe(0.8);
    expect(occupancy(p, { webchat: 4 })).toBe(1);
    expect(occupancy(p, { voice: 1 })).toBe(1);
  });

  it('counts voice in use as full under voiceBlocksOthers, even with a higher voice limit', () => {
    const two = profile({ limits: { voice: 2, email: 5 }, voiceBlocksOthers: true });
    expect(occupancy(two, { voice: 1 })).toBe(1);
    expect(occupancy({ ...two, voiceBlocksOthers: false }, { voice: 1 })).toBe(0.5);
  });

  it('counts the total against maxTotal', () => {
    const capped = profile({ limits: everyChannel(10), maxTotal: 4 });
    expect(occupancy(capped, { email: 1, sms: 1 })).toBe(0.5);
    expect(occupancy(capped, { email: 1, sms: 1, fax: 2 })).toBe(1);
    expect(occupancy(profile({ limits: everyChannel(1), maxTotal: 0 }), {})).toBe(0);
  });

  it('counts a task on a channel without a limit as full, and never exceeds 1', () => {
    expect(occupancy(p, { case: 1 })).toBe(1);
    expect(occupancy(p, { webchat: 9 })).toBe(1);
  });

  it('stays within 0..1 for random loads', () => {
    fc.assert(
      fc.property(
        fc.record(
          Object.fromEntries(
            workChannels.map((c) => [c, fc.integer({ min: 0, max: 6 })]),
          ) as Record<WorkChannel, fc.Arbitrary<number>>,
        ),
        fc.boolean(),
        (load, vbo) => {
          const o = occupancy({ ...defaultCapacityProfile, voiceBlocksOthers: vbo }, load);
          expect(o).toBeGreaterThanOrEqual(0);
          expect(o).toBeLessThanOrEqual(1);
        },
      ),
    );
  });
});

describe('load helpers', () => {
  it('adds and removes tasks without going below zero', () => {
    expect(addLoad({}, 'email')).toEqual({ email: 1 });
    expect(addLoad({ email: 2 }, 'email', -1)).toEqual({ email: 1 });
    expect(addLoad({ email: 0 }, 'email', -1)).toEqual({ email: 0 });
    expect(totalLoad({ email: 2, voice: 1 })).toBe(3);
    expect(totalLoad({})).toBe(0);
  });
});
