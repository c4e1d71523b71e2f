/** Alarm rules and trunk validation. */
import { describe, expect, it } from 'vitest';
import {
  activeAlarms,
  diffAlarms,
  type HealthView,
} from '../../../../src/domain/resource/alarm-rules.ts';
import { checkTrunk, nearLimit, type TrunkInput } from '../../../../src/domain/resource/trunk.ts';
import { checkSeat } from '../../../../src/domain/resource/seat.ts';
import { expectDomainError } from '../expect-domain-error.ts';

const quiet: HealthView = { phones: [], trunks: [], nodes: [{ id: 'n1', state: 'ok' }] };

describe('alarm rules', () => {
  it('alarms only on the phones of logged-in agents', () => {
    const a = activeAlarms({
      ...quiet,
      phones: [
        { extension: '8001', state: 'unreachable', agentId: 'u1' },
        { extension: '8002', state: 'unregistered', agentId: 'u2' },
        { extension: '8003', state: 'registered', agentId: 'u3' },
        { extension: '8004', state: 'unreachable', agentId: null },
      ],
    });
    expect(a.map((x) => [x.kind, x.subjectId, x.agentId])).toEqual([
      ['phone_unreachable', '8001', 'u1'],
      ['phone_unregistered', '8002', 'u2'],
    ]);
  });

  it('alarms on trunks down or near their limit, and on overloaded nodes', () => {
    const a = activeAlarms({
      phones: [],
      trunks: [
        { name: 'a', state: 'down', inUse: 0, limit: 10 },
        { name: 'b', state: 'up', inUse: 8, limit: 10 },
        { name: 'c', state: 'up', inUse: 7, limit: 10 },
        { name: 'd', state: 'up', inUse: 1, limit: 1 },
        { name: 'e', state: 'unknown', inUse: 500, limit: null },
      ],
      nodes: [{ id: 'n1', state: 'overloaded' }],
    });
    expect(a.map((x) => [x.kind, x.subjectId, x.severity])).toEqual([
      ['trunk_down', 'a', 'critical'],
      ['trunk_near_limit', 'b', 'warning'],
      ['trunk_near_limit', 'd', 'critical'],
      ['node_overloaded', 'n1', 'critical'],
    ]);
    expect(activeAlarms(quiet)).toEqual([]);
  });

  it('diffs by key: raised, cleared, and a phone changing agents is a new alarm', () => {
    const one = activeAlarms({
      ...quiet,
      phones: [{ extension: '8001', state: 'unreachable', agentId: 'u1' }],
    });
    const two = activeAlarms({
      ...quiet,
      phones: [{ extension: '8001', state: 'unreachable', agentId: 'u2' }],
      trunks: [{ name: 'a', state: 'down', inUse: 0, limit: null }],
    });
    const d = diffAlarms(one, two);
    expect(d.cleared.map((x) => x.key)).toEqual(['phone_unreachable:8001:u1']);
    expect(d.raised.map((x) => x.key)).toEqual(['phone_unreachable:8001:u2', 'trunk_down:a']);
    expect(diffAlarms(two, two)).toEqual({ raised: [], cleared: [] });
  });

  it('near the limit means 80 % of it, and always at it', () => {
    expect(nearLimit(0, 1)).toBe(false);
    expect(nearLimit(1, 1)).toBe(true);
    expect(nearLimit(23, 30)).toBe(false);
    expect(nearLimit(24, 30)).toBe(true);
    expect(nearLimit(1000, null)).toBe(false);
  });
});

describe('inventory validation', () => {
  const trunk: TrunkInput = {
    name: 'carrier',
    provider: ' CM ',
    addresses: ['192.0.2.1', '192.0.2.1', ' 2001:db8::1 '],
    outbound: null,
    channelLimit: 2,
    numbers: ['10086'],
    callerId: null,
    probe: true,
    enabled: true,
  };

  it('normalises a trunk and refuses bad fields with the field named', () => {
    expect(checkTrunk(trunk)).toMatchObject({
      provider: 'CM',
      addresses: ['192.0.2.1', '2001:db8::1'],
    });
    const bad: [Partial<TrunkInput>, string][] = [
      [{ name: 'a/b' }, 'name'],
      [{ addresses: ['999.1.1.1'] }, 'addresses'],
      [{ addresses: [], outbound: null }, 'addresses'],
      [{ outbound: { transport: 'UDP', address: '192.0.2.1', port: 0 } }, 'outbound'],
      [{ channelLimit: 0 }, 'channelLimit'],
      [{ channelLimit: 1.5 }, 'channelLimit'],
      [{ numbers: ['12ab'] }, 'numbers'],
      [{ callerId: 'me' }, 'callerId'],
    ];
    for (const [patch, field] of bad)
      expectDomainError(() => checkTrunk({ ...trunk, ...patch }), 'resource.invalid', { field });
  });

  it('trims a seat and requires a name and a zone', () => {
    expect(checkSeat({ name: ' A-1 ', zone: ' N ', floor: '', teamId: null })).toEqual({
      name: 'A-1',
      zone: 'N',
      floor: '',
      teamId: null,
    });
    expectDomainError(
      () => checkSeat({ name: 'A', zone: ' ', floor: '', teamId: null }),
      'resource.invalid',
      {
        field: 'zone',
      },
    );
  });
});
