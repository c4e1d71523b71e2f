/** Interval reports over HTTP: JSON rows, a streamed CSV download, rebuild, bad ranges. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generalQueueId } from '../../src/app/seed/bootstrap.ts';
import { makeHarness, type Harness } from '../support/api-harness.ts';

describe('GET /api/reports/intervals', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness('pglite');
    await h.services.router.start();
    // Three callers give up in the general queue: 30 s, 40 s and (short) 1 s.
    for (const wait of [30_000, 40_000, 1_000]) {
      const t = await h.services.router.submit(null, {
        channel: 'voice',
        attributes: {},
        queueId: generalQueueId,
      });
      h.clock.advance(wait);
      await h.services.router.cancel(null, t.id, 'caller_hung_up');
    }
  }, 60_000);
  afterAll(async () => {
    await h?.services.router.stop();
    await h?.close();
  });

  const range = 'from=2026-11-30T00:00:00Z&to=2026-12-01T00:00:00Z';

  it('serves rows after a rebuild, as JSON and as CSV', { timeout: 30_000 }, async () => {
    expect((await h.json('POST', '/api/reports/rebuild', { as: 'admin' })).status).toBe(200);
    const r = await h.json(
      'GET',
      `/api/reports/intervals?dimension=queue&granularity=day&${range}`,
      { as: 'supervisor' },
    );
    expect(r.status).toBe(200);
    expect(r.body.items).toMatchObject([
      {
        period: '2026-11-30',
        key: generalQueueId,
        offered: 2,
        abandoned: 2,
        shortAbandoned: 1,
        serviceLevel: 0,
      },
    ]);
    const csv = await h.call(
      'GET',
      `/api/reports/intervals?dimension=channel&format=csv&${range}`,
      { as: 'admin' },
    );
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const bytes = Buffer.from(await csv.arrayBuffer());
    // A byte-order mark first, so spreadsheet programs read the UTF-8 (Chinese names) correctly.
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = bytes.subarray(3).toString('utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'period,key,offered,answered,answeredWithin,abandoned,shortAbandoned,serviceLevel,abandonRate,asaMs,ahtMs,transferRate,handledCount,handleMs,transferred',
    );
    expect(lines[1]).toMatch(/^2026-11-30T02:00:00.000Z,voice,2,0,0,2,1,0,1,,,,0,0,0$/);
  });

  it('refuses a backwards range and agents', async () => {
    const bad = await h.json(
      'GET',
      '/api/reports/intervals?dimension=queue&from=2026-12-01T00:00:00Z&to=2026-11-30T00:00:00Z',
      { as: 'admin' },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.details.field).toBe('from');
    expect(
      (await h.json('GET', `/api/reports/intervals?dimension=queue&${range}`, { as: 'agent' }))
        .status,
    ).toBe(403);
  });
});
