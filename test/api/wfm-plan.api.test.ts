/** A staffing plan from history over HTTP: forecast per 15 minutes and the agents it needs. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generalQueueId } from '../../src/app/seed/bootstrap.ts';
import { makeHarness, type Harness } from '../support/api-harness.ts';

describe('GET /api/wfm/plan', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness('pglite');
    // Eight Mondays with 50 calls at 09:00 (Shanghai), 180 s each.
    const rows = Array.from({ length: 8 }, (_, w) => ({
      intervalStart: new Date(Date.parse('2026-10-12T09:00:00+08:00') + w * 7 * 86_400_000),
      dimension: 'queue' as const,
      key: generalQueueId,
      counts: { offered: 50, handledCount: 50, handleMs: 50 * 180_000 },
    }));
    await h.services.store.transaction((tx) => tx.stats.add(rows));
  }, 60_000);
  afterAll(async () => h?.close());

  it('forecasts the Monday 09:00 peak and staffs it for 80/20', async () => {
    const r = await h.json(
      'GET',
      `/api/wfm/plan?key=${generalQueueId}&from=2026-12-07&days=1&weeks=8&shrinkage=0.25`,
      { as: 'supervisor' },
    );
    expect(r.status).toBe(200);
    expect(r.body.items).toHaveLength(96);
    const peak = r.body.items.find(
      (s: { start: string }) => s.start === '2026-12-07T01:00:00.000Z',
    );
    // 50 calls in 15 minutes = 200/hour × 180 s = 10 erlangs → 14 agents (the Erlang C example).
    expect(peak).toMatchObject({ offered: 50, ahtSeconds: 180, agents: 14, scheduledAgents: 19 });
    const quiet = r.body.items.find(
      (s: { start: string }) => s.start === '2026-12-07T02:00:00.000Z',
    );
    expect(quiet).toMatchObject({ offered: 0, agents: 0 });
    const bad = await h.json('GET', `/api/wfm/plan?key=${generalQueueId}&from=7.12.2026`, {
      as: 'admin',
    });
    expect(bad.status).toBe(400);
  });
});
