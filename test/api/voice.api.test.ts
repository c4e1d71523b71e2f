/** Voice administration over HTTP: devices, versioned IVR flows, numbers, recordings. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoFlow } from '../../src/domain/ivr/demo-flow.ts';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { storeKinds } from '../support/test-stores.ts';

describe.each(storeKinds)('voice administration on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(kind);
  });
  afterAll(async () => h?.close());

  it('keeps devices with only their digest hashes', async () => {
    const put = await h.json('PUT', '/api/devices/8101', {
      body: { password: 'desk-phone-1', displayName: 'Desk 1' },
    });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      extension: '8101',
      displayName: 'Desk 1',
      realm: 'kefu',
      enabled: true,
      createdAt: expect.any(String),
      kind: 'desk_phone',
      seatId: null,
      registrations: [], // no switch runs in the API tests: nothing is registered
    });
    const stored = await h.services.store.devices.get('8101');
    expect(stored?.ha1Md5).toMatch(/^[0-9a-f]{32}$/);
    expect(stored?.ha1Sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(stored)).not.toContain('desk-phone-1');
    expect(
      (await h.json('GET', '/api/devices', { as: 'supervisor' })).body.map(
        (d: { extension: string }) => d.extension,
      ),
    ).toContain('8101');
    expect(
      (await h.json('PUT', '/api/devices/8101', { body: { password: 'short' } })).body.code,
    ).toBe('validation.failed');
    expect((await h.json('DELETE', '/api/devices/8101')).status).toBe(200);
    expect((await h.json('DELETE', '/api/devices/8101')).body.code).toBe('not_found');
  });

  it('publishes IVR flows as versions, validates them, and maps numbers to them', async () => {
    const doc = JSON.parse(
      JSON.stringify(
        demoFlow({
          complaintsQueueId: 'queue-general',
          generalQueueId: 'queue-general',
          calendarId: 'cal-24x7',
          id: 'hotline',
        }),
      ),
    );
    delete doc.version;
    const v1 = await h.json('POST', '/api/ivr-flows', { body: doc });
    expect(v1.status).toBe(201);
    expect(v1.body).toMatchObject({ id: 'hotline', version: 1 });
    const v2 = await h.json('PUT', '/api/ivr-flows/hotline', {
      body: { ...doc, name: 'Hotline v2' },
    });
    expect(v2.body).toMatchObject({ version: 2, name: 'Hotline v2' });
    expect((await h.json('GET', '/api/ivr-flows/hotline?version=1')).body.name).toBe(doc.name);
    expect(
      (await h.json('GET', '/api/ivr-flows/hotline/versions')).body.map(
        (x: { version: number }) => x.version,
      ),
    ).toEqual([2, 1]);
    expect((await h.json('GET', '/api/ivr-flows')).body).toEqual([
      expect.objectContaining({ id: 'hotline', version: 2 }),
    ]);

    const broken = await h.json('PUT', '/api/ivr-flows/hotline', {
      body: { ...doc, start: 'nowhere' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body).toMatchObject({
      code: 'ivr.invalid_flow',
      details: { path: expect.any(String) },
    });
    const badExpr = JSON.parse(JSON.stringify(doc));
    badExpr.nodes['bad'] = {
      type: 'condition',
      branches: [{ when: 'x ==', next: 'main' }],
      otherwise: 'main',
    };
    const r = await h.json('PUT', '/api/ivr-flows/hotline', { body: badExpr });
    expect(r.body.code).toBe('ivr.invalid_flow');
    expect((await h.json('GET', '/api/ivr-flows/hotline/versions')).body).toHaveLength(2);

    expect(
      (await h.json('PUT', '/api/ivr-numbers/4008001000', { body: { flowId: 'hotline' } })).status,
    ).toBe(200);
    expect((await h.json('GET', '/api/ivr-numbers')).body).toEqual([
      { number: '4008001000', flowId: 'hotline' },
    ]);
    expect((await h.services.ivrFlows.flowFor('4008001000'))?.version).toBe(2);
    expect(
      (await h.json('PUT', '/api/ivr-numbers/4008001000', { body: { flowId: 'ghost' } })).body.code,
    ).toBe('validation.failed');
    expect(
      (await h.json('PUT', '/api/ivr-numbers/4008001000', { body: { flowId: null } })).status,
    ).toBe(200);
    expect(await h.services.ivrFlows.flowFor('4008001000')).toBeNull();
  });

  it('answers not_found for a contact without a recording', async () => {
    const c = await h.json('POST', '/api/contacts', {
      as: 'agent',
      body: { channel: 'voice', direction: 'inbound', from: '13900139000', to: '10086' },
    });
    const r = await h.json('GET', `/api/contacts/${c.body.id}/recording`, { as: 'agent' });
    expect(r.body.code).toBe('not_found');
  });
});
