/**
 * Webhooks over HTTP on both stores, delivered to a real local receiver that verifies every
 * signature with its own HMAC code: retries with backoff on 500, replay with the same event id,
 * the test event, secret rotation, automatic disabling and re-enabling, and a dispatcher
 * restart that neither loses nor duplicates a delivery.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultCenterConfig } from '../../src/app/app-context.ts';
import { WebhookDispatcher } from '../../src/app/webhooks/webhook-dispatcher.ts';
import { HttpWebhookSender } from '../../src/connectors/webhook/http-webhook-sender.ts';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { storeKinds } from '../support/test-stores.ts';
import {
  receiverVerifies,
  startWebhookReceiver,
  type WebhookReceiver,
} from '../support/webhook-receiver.ts';

describe.each(storeKinds)('webhooks API on %s', (kind) => {
  let h: Harness;
  let rx: WebhookReceiver;
  const nowSec = () => Math.floor(h.clock.now().getTime() / 1000);
  const flush = () => h.services.webhookDispatcher.flush();
  const on = (path: string) => rx.received.filter((r) => r.path === path);
  const subscribe = async (path: string, eventTypes: string[]) => {
    const r = await h.json('POST', '/api/webhooks', {
      body: { name: `hook ${path}`, url: rx.url + path, eventTypes },
    });
    expect(r.status).toBe(201);
    return r.body as { id: string; secret: string };
  };
  const newCustomer = (name: string) =>
    h.json('POST', '/api/customers', {
      body: { name, msisdn: `139${String(Math.floor(Math.random() * 1e8)).padStart(8, '0')}` },
    });
  const newCase = (title: string) =>
    h.json('POST', '/api/cases', {
      body: { type: 'query', title, description: 'd', customerId: h.customerId },
    });

  beforeAll(async () => {
    h = await makeHarness(kind);
    rx = await startWebhookReceiver();
    await flush(); // the dispatcher's cursor starts at the head of the log
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await rx?.close();
  });

  let hook = { id: '', secret: '' };
  let firstDelivery = '';

  it('signs each request, retries a 500 after 10 s and 30 s, then delivers', async () => {
    hook = await subscribe('/crm', ['customer.*']);
    expect(hook.secret).toMatch(/^whsec_[\w-]{43}$/);
    const list = await h.json('GET', '/api/webhooks');
    expect(JSON.stringify(list.body)).not.toContain(hook.secret);
    expect(list.body.items[0].secretHint).toBe(`…${hook.secret.slice(-4)}`);

    rx.plan('/crm', [500, 500]);
    await newCase('not subscribed'); // case.created does not match customer.*
    expect((await newCustomer('张伟')).status).toBe(201);
    await flush();
    expect(on('/crm')).toHaveLength(1);
    await flush(); // nothing is due before the backoff ends
    expect(on('/crm')).toHaveLength(1);

    const log1 = await h.json('GET', `/api/webhooks/${hook.id}/deliveries`);
    expect(log1.body.total).toBe(1);
    const d = log1.body.items[0];
    firstDelivery = d.id;
    expect(d).toMatchObject({ state: 'retrying', eventType: 'customer.created' });
    expect(d.attempts[0].statusCode).toBe(500);
    expect(d.attempts[0].response.length).toBe(1024); // bounded snippet
    expect(Date.parse(d.nextAttemptAt) - h.clock.now().getTime()).toBe(10_000);

    h.clock.advance(10_000);
    await flush();
    expect(on('/crm')).toHaveLength(2);
    h.clock.advance(29_000);
    await flush();
    expect(on('/crm')).toHaveLength(2);
    h.clock.advance(1_000);
    await flush();

    const got = on('/crm');
    expect(got).toHaveLength(3);
    for (const r of got) {
      expect(receiverVerifies(hook.secret, r.headers['kefu-signature'], r.body, nowSec())).toBe(
        true,
      );
      expect(receiverVerifies('whsec_wrong', r.headers['kefu-signature'], r.body, nowSec())).toBe(
        false,
      );
    }
    // A captured request is refused by a receiver more than 5 minutes later.
    const last = got[2]!;
    expect(
      receiverVerifies(hook.secret, last.headers['kefu-signature'], last.body, nowSec() + 301),
    ).toBe(false);
    expect(new Set(got.map((r) => r.eventId)).size).toBe(1);
    const body = JSON.parse(last.body);
    expect(body).toMatchObject({ id: last.eventId, type: 'customer.created' });
    expect(body.data).toMatchObject({ name: '张伟' });

    const log2 = await h.json('GET', `/api/webhooks/${hook.id}/deliveries?state=delivered`);
    expect(log2.body.items[0].attempts.map((a: { statusCode: number }) => a.statusCode)).toEqual([
      500, 500, 200,
    ]);
    expect(log2.body.items[0].nextAttemptAt).toBeNull();
  }, 60_000);

  it('replays a delivery as a new one with the same event id', async () => {
    const before = on('/crm').length;
    const r = await h.json('POST', `/api/webhook-deliveries/${firstDelivery}/replay`);
    expect(r.status).toBe(202);
    expect(r.body).toMatchObject({ state: 'pending', replayOf: firstDelivery });
    await flush();
    const got = on('/crm');
    expect(got).toHaveLength(before + 1);
    const [orig, again] = [got[0]!, got.at(-1)!];
    expect(again.eventId).toBe(orig.eventId);
    expect(again.body).toBe(orig.body);
    expect(again.headers['kefu-delivery-id']).toBe(r.body.id);
    expect(receiverVerifies(hook.secret, again.headers['kefu-signature'], again.body, nowSec()));
    const log = await h.json('GET', `/api/webhooks/${hook.id}/deliveries`);
    expect(log.body.items[0]).toMatchObject({ id: r.body.id, state: 'delivered' });
    expect((await h.json('POST', `/api/webhook-deliveries/nope/replay`)).status).toBe(404);
  }, 60_000);

  it('sends a test event, and signs with the new secret after a rotation', async () => {
    const rot = await h.json('POST', `/api/webhooks/${hook.id}/rotate-secret`);
    expect(rot.status).toBe(200);
    expect(rot.body.secret).not.toBe(hook.secret);
    const t = await h.json('POST', `/api/webhooks/${hook.id}/test`);
    expect(t.status).toBe(202);
    await flush();
    const got = on('/crm').at(-1)!;
    expect(got.type).toBe('webhook.test');
    expect(receiverVerifies(rot.body.secret, got.headers['kefu-signature'], got.body, nowSec()));
    expect(receiverVerifies(hook.secret, got.headers['kefu-signature'], got.body, nowSec())).toBe(
      false,
    );
    hook = { id: hook.id, secret: rot.body.secret };
  }, 60_000);

  it('refuses bad subscriptions with coded errors', async () => {
    const bad = async (body: unknown) => (await h.json('POST', '/api/webhooks', { body })).body;
    const ok = { name: 'x', url: 'https://x.example/h', eventTypes: ['case.*'] };
    expect((await bad({ ...ok, url: 'file:///etc/passwd' })).code).toBe('webhook.invalid_url');
    expect((await bad({ ...ok, url: 'ftp://x.example/' })).code).toBe('webhook.invalid_url');
    expect((await bad({ ...ok, eventTypes: ['ca*e'] })).code).toBe('webhook.invalid_pattern');
    expect((await bad({ ...ok, eventTypes: [] })).code).toBe('validation.failed');
    expect((await bad({ ...ok, secret: 'mine' })).code).toBe('validation.failed');
    const p = await h.json('PATCH', `/api/webhooks/${hook.id}`, { body: { url: 'javascript:1' } });
    expect(p.body.code).toBe('webhook.invalid_url');
    expect((await h.json('GET', '/api/webhooks/nope')).status).toBe(404);
  });

  it('disables a subscription after 5 dead deliveries in a row; PATCH re-enables it', async () => {
    const sub = await subscribe('/fail', ['webhook.none']);
    for (let i = 0; i < 5; i++) await h.json('POST', `/api/webhooks/${sub.id}/test`);
    for (let i = 0; i < 8; i++) {
      await flush();
      h.clock.advance(3_600_000);
    }
    expect(on('/fail')).toHaveLength(5 * 7); // the first try and 6 retries each
    const s = await h.json('GET', `/api/webhooks/${sub.id}`);
    expect(s.body).toMatchObject({
      active: false,
      disabledReason: '5 failed deliveries in a row',
      consecutiveDead: 5,
    });
    const dead = await h.json('GET', `/api/webhooks/${sub.id}/deliveries?state=dead`);
    expect(dead.body.total).toBe(5);

    // While disabled nothing is sent; re-enabled, what waited goes out.
    await h.json('POST', `/api/webhooks/${sub.id}/test`);
    await flush();
    expect(on('/fail')).toHaveLength(35);
    const re = await h.json('PATCH', `/api/webhooks/${sub.id}`, {
      body: { active: true, url: `${rx.url}/ok` },
    });
    expect(re.body).toMatchObject({ active: true, disabledReason: null, consecutiveDead: 0 });
    await flush();
    expect(on('/ok')).toHaveLength(1);
    await h.json('DELETE', `/api/webhooks/${sub.id}`);
  }, 120_000);

  it('a restarted dispatcher neither loses nor duplicates a delivery', async () => {
    const sub = await subscribe('/cases', ['case.created']);
    await newCase('one');
    await newCase('two');
    const first = h.services.webhookDispatcher;
    expect(await first.queuePending()).toBe(2); // queued, not sent: the process stops here
    await newCase('three'); // committed while no dispatcher runs
    expect(await first.queuePending()).toBe(1);
    await first.queuePending();

    const second = new WebhookDispatcher(
      {
        store: h.services.store,
        clock: h.clock,
        ids: { newId: randomUUID },
        config: defaultCenterConfig,
      },
      new HttpWebhookSender(),
    );
    // One delivery was being sent when the process stopped: it is left `delivering`.
    const queued = await h.services.store.webhooks.listDeliveries(
      sub.id,
      {},
      { limit: 1, offset: 0 },
    );
    const cut = queued.items[0]!;
    await h.services.store.webhooks.updateDelivery({ ...cut, state: 'delivering' });

    await second.flush();
    await second.flush();
    await first.flush();
    const got = on('/cases');
    expect(got).toHaveLength(3);
    expect(new Set(got.map((r) => r.eventId)).size).toBe(3);
    expect(got.map((r) => r.eventId)).toContain(cut.eventId); // sent again after the restart
    const log = await h.json('GET', `/api/webhooks/${sub.id}/deliveries`);
    expect(log.body.total).toBe(3);
    expect(log.body.items.every((d: { state: string }) => d.state === 'delivered')).toBe(true);
    await second.stop();
    await h.json('DELETE', `/api/webhooks/${sub.id}`);
  }, 60_000);

  it('records a receiver that does not answer in time as a failed attempt', async () => {
    const sub = await subscribe('/hang', ['webhook.none']);
    const slow = new WebhookDispatcher(
      {
        store: h.services.store,
        clock: h.clock,
        ids: { newId: randomUUID },
        config: defaultCenterConfig,
      },
      new HttpWebhookSender(),
      { timeoutMs: 300 },
    );
    await h.services.webhookDispatcher.stop(); // only `slow` sends from here on
    await h.json('POST', `/api/webhooks/${sub.id}/test`);
    await slow.flush();
    const log = await h.json('GET', `/api/webhooks/${sub.id}/deliveries`);
    expect(log.body.items[0]).toMatchObject({ state: 'retrying' });
    expect(log.body.items[0].attempts[0]).toMatchObject({
      statusCode: null,
      error: 'no answer within 300 ms',
    });
    await slow.stop();
  }, 30_000);
});
