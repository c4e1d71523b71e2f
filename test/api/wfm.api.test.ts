/** The staffing calculator over HTTP: figures, evaluation of a given staff, bad input. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../support/api-harness.ts';

describe('POST /api/wfm/staffing', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness('pglite');
  }, 60_000);
  afterAll(async () => h?.close());

  const body = {
    model: 'erlang-c',
    arrivalsPerHour: 200,
    ahtSeconds: 180,
    targetAnswerSeconds: 20,
    targetServiceLevel: 0.8,
  };

  it('finds the agents for 80/20 and evaluates a given number', async () => {
    const r = await h.json('POST', '/api/wfm/staffing', {
      as: 'supervisor',
      body: { ...body, shrinkage: 0.3 },
    });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ agents: 14, scheduledAgents: 20, meetsTarget: true });
    expect(r.body.serviceLevel).toBeCloseTo(0.8884, 3);
    const few = await h.json('POST', '/api/wfm/staffing', {
      as: 'admin',
      body: { ...body, agents: 9 },
    });
    expect(few.body).toMatchObject({ agents: 9, serviceLevel: 0, asa: null, meetsTarget: false });
    const a = await h.json('POST', '/api/wfm/staffing', {
      as: 'admin',
      body: { ...body, model: 'erlang-a', patienceSeconds: 90 },
    });
    expect(a.body.probAbandon).toBeGreaterThan(0);
    expect(a.body.agents).toBeLessThanOrEqual(14);
  });

  it('refuses bad input with the field, and agents', async () => {
    const bad = await h.json('POST', '/api/wfm/staffing', {
      as: 'admin',
      body: { ...body, model: 'erlang-a' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation.failed');
    expect(bad.body.details.field).toBe('patienceSeconds');
    const pct = await h.json('POST', '/api/wfm/staffing', {
      as: 'admin',
      body: { ...body, targetServiceLevel: 80 },
    });
    expect(pct.status).toBe(400);
    expect((await h.json('POST', '/api/wfm/staffing', { as: 'agent', body })).status).toBe(403);
  });
});
