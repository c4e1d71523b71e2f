/** Case analysis over HTTP: KPIs of the cases accepted in a period, grouped, from their events. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../support/api-harness.ts';

describe('GET /api/reports/cases', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness('pglite');
  }, 60_000);
  afterAll(async () => h?.close());

  const open = async (type: string, title: string) =>
    (
      await h.json('POST', '/api/cases', {
        as: 'agent',
        body: { type, title, customerId: h.customerId },
      })
    ).body as { id: string };
  const move = async (id: string, to: string) => {
    const r = await h.json('POST', `/api/cases/${id}/transition`, { as: 'agent', body: { to } });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r;
  };

  it(
    'reports FCR, reopen rate, resolution time, CSAT and stage SLA per case type',
    { timeout: 30_000 },
    async () => {
      const quick = await open('query', 'balance question');
      h.clock.advance(300_000);
      expect((await move(quick.id, 'verifying')).status).toBe(200);
      h.clock.advance(300_000);
      expect((await move(quick.id, 'replied')).status).toBe(200);
      h.clock.advance(600_000);
      expect(
        (
          await h.json('POST', `/api/cases/${quick.id}/close`, {
            as: 'agent',
            body: { satisfaction: 5 },
          })
        ).status,
      ).toBe(200);

      const again = await open('query', 'plan question');
      await move(again.id, 'verifying');
      await move(again.id, 'replied');
      await h.json('POST', `/api/cases/${again.id}/close`, {
        as: 'agent',
        body: { satisfaction: 2 },
      });
      expect(
        (await h.json('POST', `/api/cases/${again.id}/reopen`, { as: 'agent', body: {} })).status,
      ).toBe(200);
      h.clock.advance(3_600_000);
      await move(again.id, 'verifying');
      await move(again.id, 'replied');
      await h.json('POST', `/api/cases/${again.id}/close`, {
        as: 'agent',
        body: { satisfaction: 4 },
      });

      await open('complaint', 'still open');

      const r = await h.json(
        'GET',
        '/api/reports/cases?from=2026-11-29T00:00:00Z&to=2026-12-02T00:00:00Z',
        { as: 'supervisor' },
      );
      expect(r.status).toBe(200);
      const byType = Object.fromEntries(r.body.items.map((x: { group: string }) => [x.group, x]));
      expect(byType['complaint']).toMatchObject({
        cases: 1,
        closed: 0,
        firstContactResolution: null,
      });
      expect(byType['query']).toMatchObject({
        cases: 2,
        closed: 2,
        firstContactResolution: 0.5, // the reopened one does not count
        reopenRate: 0.5,
        csat: 1, // ratings 5 and 4 (the reopened case's latest)
        avgSatisfaction: 4.5,
      });
      expect(byType['query'].avgResolutionMs).toBe((1_200_000 + 3_600_000) / 2);
      expect(byType['query'].slaCompliance.accepted).toBe(1);
      expect(
        (
          await h.json(
            'GET',
            '/api/reports/cases?from=2026-11-29T00:00:00Z&to=2026-12-02T00:00:00Z',
            { as: 'agent' },
          )
        ).status,
      ).toBe(403);
    },
  );
});
