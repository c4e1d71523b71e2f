import { describe, expect, it } from 'vitest';
import { demoFlow } from '../../../../src/domain/ivr/demo-flow.ts';
import { shanghai } from '../sla/fixtures.ts';
import { call, caller, keys, ofType, openCtx, played, timeout, visited } from './fixtures.ts';

const flow = demoFlow({
  complaintsQueueId: 'q-complaints',
  generalQueueId: 'q-general',
  calendarId: shanghai.id,
  announceOutages: true,
});

describe('the demo flow announcing outages before queueing', () => {
  it("asks NMS for outages in the caller's area before queueing", () => {
    const c = call(flow, openCtx).send(timeout, keys('2'));
    expect(visited(c.actions)).toEqual([
      'complaint',
      'complaint-queue-id',
      'complaint-hours',
      'complaint-outage',
    ]);
    expect(ofType(c.actions, 'lookup')).toEqual([
      { type: 'lookup', connector: 'nms.outages', input: { msisdn: caller } },
    ]);
    expect(c.session.state).toBe('waiting_lookup');
  });

  it('plays the outage notice when there is one, then queues', () => {
    const c = call(flow, openCtx).send(timeout, keys('2'), {
      type: 'lookup_result',
      ok: true,
      values: { area: 'SH-PD', count: '1', description: 'cells down', expected_end: '' },
    });
    expect(visited(c.actions)).toEqual([
      'complaint-outage-check',
      'complaint-outage-say',
      'complaint-transfer',
      'complaint-queue',
    ]);
    expect(played(c.actions)).toEqual(['zh/outage-notice', 'zh/transferring']);
    expect(c.session.variables['outage.area']).toBe('SH-PD');
    expect(c.session.state).toBe('queued');
  });

  it('queues without a notice when the area has no outage', () => {
    const c = call(flow, openCtx).send(keys('3'), {
      type: 'lookup_result',
      ok: true,
      values: { area: 'BJ-HD', count: '0', description: '', expected_end: '' },
    });
    expect(played(c.actions)).toEqual(['zh/transferring']);
    expect(ofType(c.actions, 'queue')[0]).toMatchObject({ queueId: 'q-general' });
  });

  it('queues without a notice when the lookup fails', () => {
    const c = call(flow, openCtx).send(keys('3'), {
      type: 'lookup_result',
      ok: false,
      error: 'connector.unavailable',
    });
    expect(visited(c.actions)).toEqual(['general-transfer', 'general-queue']);
    expect(c.session.state).toBe('queued');
  });

  it('announces in English to callers who chose English', () => {
    const c = call(flow, openCtx).send(keys('9'), keys('3'), {
      type: 'lookup_result',
      ok: true,
      values: { area: 'SH-PD', count: '2', description: 'x', expected_end: '' },
    });
    expect(played(c.actions)).toEqual(['en/outage-notice', 'en/transferring']);
  });
});
