/**
 * `GET /metrics` scraped as Prometheus would: refused without a token, with a wrong one or an
 * agent's session; read with the scrape token or an administrator's session. The text is parsed
 * here by the exposition format's rules (HELP and TYPE before a family's samples, label escapes)
 * and the figures are checked against what the center did: contacts waiting in a queue whose name
 * needs escaping, agents by state, open tasks, connector calls, the event log, the process.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApi } from '../../src/api/http/create-api.ts';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { storeKinds } from '../support/test-stores.ts';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** Parses exposition text strictly: any line that is not HELP, TYPE or a sample fails. */
function parse(text: string): { types: Map<string, string>; samples: Sample[] } {
  const types = new Map<string, string>();
  const helped = new Set<string>();
  const samples: Sample[] = [];
  expect(text.endsWith('\n')).toBe(true);
  for (const line of text.slice(0, -1).split('\n')) {
    const meta = /^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) (.*)$/.exec(line);
    if (meta) {
      if (meta[1] === 'HELP') helped.add(meta[2]!);
      else types.set(meta[2]!, meta[3]!);
      continue;
    }
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (\S+)$/.exec(line);
    if (!m) throw new Error(`not an exposition line: ${line}`);
    const labels: Record<string, string> = {};
    const body = m[3] ?? '';
    const label = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\[\\"n])*)"(,|$)/gy;
    for (let at = 0; at < body.length;) {
      label.lastIndex = at;
      const l = label.exec(body);
      if (!l) throw new Error(`bad labels: ${body}`);
      labels[l[1]!] = l[2]!.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
      at = label.lastIndex;
    }
    const family = m[1]!.replace(/_(bucket|sum|count)$/, '');
    const known = types.has(m[1]!) ? m[1]! : family;
    expect(types.has(known), `TYPE before ${m[1]}`).toBe(true);
    expect(helped.has(known), `HELP before ${m[1]}`).toBe(true);
    samples.push({ name: m[1]!, labels, value: Number(m[4]!.replace('+Inf', 'Infinity')) });
  }
  return { types, samples };
}

describe.each(storeKinds)('GET /metrics on %s', (kind) => {
  let h: Harness;
  let app: ReturnType<typeof createApi>;
  let queueId: string;
  const queueName = 'Billing "VIP" \\ 计费';
  beforeAll(async () => {
    h = await makeHarness(kind);
    await h.services.router.start();
    await h.services.realtime.start();
    app = createApi(h.services, { metricsToken: 'scrape-secret' });
    queueId = (
      await h.json('POST', '/api/queues', {
        body: { name: queueName, targetExpression: 'skills.none >= 1' },
      })
    ).body.id;
  });
  afterAll(async () => {
    h?.services.realtime.stop();
    await h?.services.router.stop();
    await h?.close();
  });

  const scrape = (token?: string) =>
    app.request('/metrics', token ? { headers: { authorization: `Bearer ${token}` } } : {});

  it('refuses a scrape without the token or an administrator', { timeout: 30_000 }, async () => {
    expect((await scrape()).status).toBe(401);
    expect((await scrape('wrong')).status).toBe(401);
    const agent = await scrape(h.users.agent.token);
    expect(agent.status).toBe(403);
    expect(agent.headers.get('content-type')).toContain('application/problem+json');
    expect((await scrape(h.users.admin.token)).status).toBe(200);
  });

  it('exposes the center, the connectors and the process', { timeout: 30_000 }, async () => {
    await h.json('POST', '/api/agent/session', { as: 'agent', body: {} });
    for (let i = 0; i < 2; i++)
      await h.json('POST', '/api/tasks', { body: { channel: 'voice', queueId, attributes: {} } });
    h.services.metrics.counter('kefu_test_calls_total', 'Calls a test made.').inc({ to: 'x' }, 3);

    const r = await scrape('scrape-secret');
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const { types, samples } = parse(await r.text());
    const value = (name: string, labels: Record<string, string> = {}) =>
      samples.find(
        (s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v),
      )?.value;

    expect(types.get('kefu_queue_waiting')).toBe('gauge');
    expect(value('kefu_queue_waiting', { queue: queueName, queue_id: queueId })).toBe(2);
    expect(value('kefu_queue_offered_today', { queue_id: queueId })).toBe(2);
    expect(value('kefu_agents', { state: 'available' })).toBe(1);
    expect(value('kefu_router_tasks', { state: 'pending' })).toBe(2);
    expect(value('kefu_event_log_seq')).toBe(await h.services.store.events.lastSeq());
    expect(types.get('kefu_test_calls_total')).toBe('counter');
    expect(value('kefu_test_calls_total', { to: 'x' })).toBe(3);
    expect(value('kefu_process_resident_memory_bytes')).toBeGreaterThan(10_000_000);
    expect(value('kefu_event_loop_delay_seconds')).toBeGreaterThanOrEqual(0);
  });
});
