/**
 * An API over a fresh store with a small organisation: two front teams, a back-office team,
 * and one user per role. Requests go through `app.request`, the same code path as HTTP.
 */
import { ManualClock } from '../../src/app/ports/clock.ts';
import type { StoreKind } from '../../src/app/ports/store.ts';
import type { ConnectorSet } from '../../src/app/ports/connectors.ts';
import { bootstrapCenter } from '../../src/app/seed/bootstrap.ts';
import { systemActor } from '../../src/app/app-context.ts';
import type { Services } from '../../src/api/http/api-env.ts';
import { createApi } from '../../src/api/http/create-api.ts';
import { buildServices } from '../../src/main.ts';
import type { Role } from '../../src/domain/user/user.ts';
import { openTestStore } from './test-stores.ts';

export const password = 'correct-horse';

export interface Harness {
  readonly services: Services;
  readonly clock: ManualClock;
  readonly app: ReturnType<typeof createApi>;
  readonly teams: { front: string; other: string; backoffice: string; otherBackoffice: string };
  readonly users: Record<
    'admin' | 'supervisor' | 'agent' | 'agent2' | 'backoffice' | 'backoffice2' | 'customer',
    { id: string; token: string; username: string }
  >;
  readonly customerId: string;
  readonly otherCustomerId: string;
  call(
    method: string,
    path: string,
    o?: {
      as?: keyof Harness['users'] | null;
      body?: unknown;
      headers?: Record<string, string>;
      raw?: string;
    },
  ): Promise<Response>;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- response bodies are checked by assertions
  json<T = any>(
    method: string,
    path: string,
    o?: Parameters<Harness['call']>[2],
  ): Promise<{ status: number; body: T; headers: Headers }>;
  close(): Promise<void>;
}

export async function makeHarness(
  kind: StoreKind,
  o: {
    maxBodyBytes?: number;
    throttle?: { windowMs: number; perUser: number; perIp: number };
    recordingsDir?: string;
    /** Operator connectors (default: none configured). */
    connectors?: ConnectorSet;
  } = {},
): Promise<Harness> {
  const store = await openTestStore(kind);
  await bootstrapCenter(store);
  const clock = new ManualClock();
  const services = buildServices(store, {
    clock,
    ...(o.throttle ? { throttle: o.throttle } : {}),
    ...(o.recordingsDir ? { recordingsDir: o.recordingsDir } : {}),
    ...(o.connectors ? { connectors: o.connectors } : {}),
  });
  const app = createApi(services, o.maxBodyBytes ? { maxBodyBytes: o.maxBodyBytes } : {});
  const admin = systemActor;
  const front = await services.org.createTeam(admin, { name: 'Front', kind: 'front' });
  const other = await services.org.createTeam(admin, { name: 'Other front', kind: 'front' });
  const bo = await services.org.createTeam(admin, { name: 'Billing BO', kind: 'backoffice' });
  const bo2 = await services.org.createTeam(admin, { name: 'Network BO', kind: 'backoffice' });
  const customer = await services.customers.create(admin, {
    name: '刘洋',
    msisdn: '13900139000',
    email: 'liu@example.cn',
  });
  const otherCustomer = await services.customers.create(admin, {
    name: 'Grace Lee',
    msisdn: '13700137000',
  });

  const spec: [keyof Harness['users'], Role, string[], string | null][] = [
    ['admin', 'admin', [], null],
    ['supervisor', 'supervisor', [front.id], null],
    ['agent', 'agent', [front.id], null],
    ['agent2', 'agent', [other.id], null],
    ['backoffice', 'backoffice', [bo.id], null],
    ['backoffice2', 'backoffice', [bo2.id], null],
    ['customer', 'customer', [], customer.id],
  ];
  const users = {} as Harness['users'];
  for (const [key, role, teamIds, customerId] of spec) {
    const u = await services.org.createUser(admin, {
      username: key,
      password,
      role,
      teamIds,
      customerId,
    });
    const r = await services.auth.login(key, password, null);
    users[key] = { id: u.id, token: r.token, username: key };
  }

  const call: Harness['call'] = (method, path, opt = {}) => {
    const headers: Record<string, string> = { ...(opt.headers ?? {}) };
    const who = opt.as === undefined ? 'admin' : opt.as;
    if (who) headers['authorization'] = `Bearer ${users[who].token}`;
    let body: string | undefined = opt.raw;
    if (opt.body !== undefined) {
      body = JSON.stringify(opt.body);
      headers['content-type'] ??= 'application/json';
    }
    if (body !== undefined) headers['content-length'] ??= String(Buffer.byteLength(body));
    return Promise.resolve(
      app.request(path, { method, headers, ...(body !== undefined ? { body } : {}) }),
    );
  };
  return {
    services,
    clock,
    app,
    teams: { front: front.id, other: other.id, backoffice: bo.id, otherBackoffice: bo2.id },
    users,
    customerId: customer.id,
    otherCustomerId: otherCustomer.id,
    call,
    async json(method, path, opt) {
      const r = await call(method, path, opt);
      const text = await r.text();
      return { status: r.status, body: text ? JSON.parse(text) : null, headers: r.headers };
    },
    close: async () => {
      // A dispatch pass still running would query a closed store.
      await services.outbox.stop();
      await services.webhookDispatcher.stop();
      await store.close();
    },
  };
}
