/** Conversations and cases: what each role reads once a conversation becomes a case. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { storeKinds } from '../support/test-stores.ts';

describe.each(storeKinds)('conversation access on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(kind);
  }, 60_000);
  afterAll(async () => h?.close());

  it(
    'a back office the case was dispatched to reads the conversation; others do not',
    { timeout: 30_000 },
    async () => {
      const sms = await h.services.inbox.receive({
        channel: 'sms',
        from: '8613700001111',
        to: '10086',
        body: '宽带账单多扣了一笔',
        route: false,
      });
      const c = await h.json('POST', '/api/cases', {
        as: 'agent',
        body: { type: 'complaint', title: 'double charge', contactId: sms.contact.id },
      });
      expect(c.status).toBe(201);
      // Linking files the conversation under the case.
      const timeline = await h.json('GET', `/api/cases/${c.body.id}/messages`, { as: 'agent' });
      expect(timeline.body.items.map((m: { body: string }) => m.body)).toEqual([
        '宽带账单多扣了一笔',
      ]);
      const url = `/api/contacts/${sms.contact.id}/messages`;
      expect((await h.json('GET', url, { as: 'backoffice' })).status).toBe(404);
      await h.json('POST', `/api/cases/${c.body.id}/transition`, {
        as: 'agent',
        body: { to: 'verifying' },
      });
      const d = await h.json('POST', `/api/cases/${c.body.id}/dispatch`, {
        as: 'agent',
        body: { teamId: h.teams.backoffice },
      });
      expect(d.status).toBe(200);
      expect((await h.json('GET', url, { as: 'backoffice' })).body.items).toHaveLength(1);
      expect((await h.json('GET', url, { as: 'backoffice2' })).status).toBe(404);
      expect(
        (await h.json('GET', `/api/cases/${c.body.id}/messages`, { as: 'backoffice' })).status,
      ).toBe(200);
    },
  );
});
