/**
 * DEMO operator backend: an HTTP server that speaks the connector contract of
 * docs/connectors.md (BOSS under /boss, billing under /billing, NMS under /nms) with generated
 * subscribers, so `kefu start --demo` has operator systems to talk to. It stands in for the
 * operator's real systems, which kefu never ships.
 */
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { systemClock, type Clock } from '../../app/ports/clock.ts';
import { wireMonth, wireOrderRequest, wireTicketRequest } from '../http/connector-wire.ts';
import { DemoOperatorDesk, type DemoTimings } from './demo-operator-desk.ts';
import {
  demoBalance,
  demoBills,
  demoPayments,
  demoProfile,
  demoServices,
  demoSubscriberNumber,
  demoTopUps,
} from './demo-subscribers.ts';

export interface DemoOperatorOptions {
  readonly port?: number;
  readonly host?: string;
  /** When set, every request must carry it in X-API-Key. */
  readonly apiKey?: string;
  readonly clock?: Clock;
  readonly timings?: DemoTimings;
}

export interface DemoOperator {
  readonly url: string;
  readonly bossUrl: string;
  readonly billingUrl: string;
  readonly nmsUrl: string;
  close(): Promise<void>;
}

const problem = (c: Context, status: 400 | 401 | 404 | 422, code: string, message: string) =>
  c.json({ code, message }, status);

export function demoOperatorApp(o: DemoOperatorOptions = {}): Hono {
  const desk = new DemoOperatorDesk(o.clock ?? systemClock, o.timings);
  const app = new Hono();
  app.use('*', async (c, next) => {
    if (o.apiKey && c.req.header('x-api-key') !== o.apiKey)
      return problem(c, 401, 'unauthorized', 'missing or wrong X-API-Key');
    return next();
  });
  const subscriber = (c: Context) => demoSubscriberNumber(c.req.param('msisdn') ?? '');
  const noSubscriber = (c: Context) =>
    problem(c, 404, 'no_subscriber', `no subscriber ${c.req.param('msisdn') ?? ''}`);
  const body = async (c: Context): Promise<unknown> => {
    try {
      return await c.req.json();
    } catch {
      return undefined;
    }
  };

  app.get('/boss/subscribers/:msisdn', (c) => {
    const n = subscriber(c);
    return n ? c.json(demoProfile(n)) : noSubscriber(c);
  });
  app.get('/boss/subscribers/:msisdn/services', (c) => {
    const n = subscriber(c);
    return n ? c.json({ services: demoServices(n) }) : noSubscriber(c);
  });
  app.post('/boss/orders', async (c) => {
    const key = c.req.header('idempotency-key');
    if (!key) return problem(c, 400, 'idempotency_key_required', 'send an Idempotency-Key');
    const r = wireOrderRequest.safeParse(await body(c));
    if (!r.success) return problem(c, 400, 'invalid_order', r.error.issues[0]?.message ?? 'bad');
    const n = demoSubscriberNumber(r.data.msisdn);
    if (!n) return problem(c, 422, 'no_subscriber', `no subscriber ${r.data.msisdn}`);
    const placed = desk.placeOrder(key, { ...r.data, msisdn: n });
    return c.json(placed.order, placed.replay ? 200 : 201);
  });
  app.get('/boss/orders/:id', (c) => {
    const order = desk.order(c.req.param('id'));
    return order ? c.json(order) : problem(c, 404, 'no_order', 'no such order');
  });

  app.get('/billing/accounts/:msisdn/balance', (c) => {
    const n = subscriber(c);
    return n ? c.json(demoBalance(n)) : noSubscriber(c);
  });
  app.get('/billing/accounts/:msisdn/bills', (c) => {
    const n = subscriber(c);
    if (!n) return noSubscriber(c);
    const month = c.req.query('month') ?? '';
    if (!wireMonth.safeParse(month).success)
      return problem(c, 400, 'invalid_month', 'month must be YYYY-MM');
    return c.json({ bills: demoBills(n, month) });
  });
  app.get('/billing/accounts/:msisdn/payments', (c) => {
    const n = subscriber(c);
    return n ? c.json({ payments: demoPayments(n) }) : noSubscriber(c);
  });
  app.get('/billing/accounts/:msisdn/top-ups', (c) => {
    const n = subscriber(c);
    return n ? c.json({ topUps: demoTopUps(n) }) : noSubscriber(c);
  });

  app.post('/nms/tickets', async (c) => {
    const key = c.req.header('idempotency-key');
    if (!key) return problem(c, 400, 'idempotency_key_required', 'send an Idempotency-Key');
    const r = wireTicketRequest.safeParse(await body(c));
    if (!r.success) return problem(c, 400, 'invalid_ticket', r.error.issues[0]?.message ?? 'bad');
    const opened = desk.openTicket(key, r.data);
    return c.json(opened.ticket, opened.replay ? 200 : 201);
  });
  app.get('/nms/tickets/:id', (c) => {
    const t = desk.ticket(c.req.param('id'));
    return t ? c.json(t) : problem(c, 404, 'no_ticket', 'no such ticket');
  });
  app.get('/nms/outages', (c) => c.json({ outages: desk.outages(c.req.query('area') ?? '') }));

  app.notFound((c) => problem(c, 404, 'no_route', `no ${c.req.method} ${c.req.path}`));
  return app;
}

export async function startDemoOperator(o: DemoOperatorOptions = {}): Promise<DemoOperator> {
  const app = demoOperatorApp(o);
  const host = o.host ?? '127.0.0.1';
  const server = await new Promise<ServerType>((resolve) => {
    const s = serve({ fetch: app.fetch, port: o.port ?? 0, hostname: host }, () => resolve(s));
  });
  const url = `http://${host}:${(server.address() as AddressInfo).port}`;
  return {
    url,
    bossUrl: `${url}/boss`,
    billingUrl: `${url}/billing`,
    nmsUrl: `${url}/nms`,
    close: () =>
      new Promise<void>((resolve) => {
        (server as unknown as { closeAllConnections?: () => void }).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}
