/** The event log over HTTP paging and the WebSocket stream, on a real listening server. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startCenter, type Center } from '../../src/main.ts';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { storeKinds } from '../support/test-stores.ts';

interface Msg {
  kind: string;
  event?: { seq: number; type: string; subjectId: string; payload: Record<string, unknown> };
  userId?: string;
  after?: number;
}

/** Collects stream messages; `until` waits (with a timeout) for a matching one. */
function openStream(url: string, headers: Record<string, string> = {}) {
  const ws = new WebSocket(url, { headers });
  const msgs: Msg[] = [];
  const waiters: { pred: (m: Msg) => boolean; resolve: (m: Msg) => void }[] = [];
  ws.on('message', (d) => {
    const m = JSON.parse(String(d)) as Msg;
    msgs.push(m);
    for (const w of [...waiters])
      if (w.pred(m)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(m);
      }
  });
  return {
    ws,
    msgs,
    opened: new Promise<void>(
      (res, rej) => (
        ws.once('open', () => res()),
        ws.once('error', rej),
        ws.once('unexpected-response', (_q, r) => rej(new Error(`HTTP ${r.statusCode}`)))
      ),
    ),
    until(pred: (m: Msg) => boolean, ms = 5000): Promise<Msg> {
      const hit = msgs.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const t = setTimeout(() => reject(new Error('timed out waiting for a stream message')), ms);
        waiters.push({ pred, resolve: (m) => (clearTimeout(t), resolve(m)) });
      });
    },
    close: () => ws.close(),
  };
}

describe.each(storeKinds)('event log and stream on %s', (kind) => {
  let h: Harness;
  let center: Center;
  let base: string;
  beforeAll(async () => {
    h = await makeHarness(kind);
    center = await startCenter({
      store: h.services.store,
      port: 0,
      host: '127.0.0.1',
      clock: h.clock,
      logger: undefined,
    });
    base = center.url.replace('http', 'ws');
  });
  afterAll(async () => {
    await center?.close();
    await h?.close();
  });

  it('pages through the log, showing each user only what they may see', async () => {
    const start = await h.services.store.events.lastSeq();
    const mine = await h.json('POST', '/api/cases', {
      as: 'agent',
      body: { type: 'query', title: 'visible to the front team' },
    });
    const theirs = await h.json('POST', '/api/cases', {
      as: 'agent2',
      body: { type: 'query', title: 'other team' },
    });
    const page = async (
      as: 'admin' | 'agent' | 'agent2' | 'supervisor' | 'customer',
      after = start,
    ) => (await h.json('GET', `/api/events?after=${after}&limit=100`, { as })).body;
    const ids = (p: { events: { subjectId: string }[] }) => p.events.map((e) => e.subjectId);
    expect(ids(await page('admin'))).toEqual([mine.body.id, theirs.body.id]);
    expect(ids(await page('agent'))).toEqual([mine.body.id]);
    expect(ids(await page('supervisor'))).toEqual([mine.body.id]);
    expect(ids(await page('agent2'))).toEqual([theirs.body.id]);
    expect(ids(await page('customer'))).toEqual([]);
    const p1 = (await h.json('GET', `/api/events?after=${start}&limit=1`)).body;
    expect(p1.events).toHaveLength(1);
    const p2 = (await h.json('GET', `/api/events?after=${p1.next}&limit=1`)).body;
    expect(p2.events[0].seq).toBeGreaterThan(p1.next);
    expect(p1.events[0]).not.toHaveProperty('scope');
  });

  it('pushes new visible events over the WebSocket and resumes after a reconnect', async () => {
    const start = await h.services.store.events.lastSeq();
    const s = openStream(`${base}/api/stream?after=${start}`, {
      authorization: `Bearer ${h.users.agent.token}`,
    });
    await s.opened;
    expect((await s.until((m) => m.kind === 'hello')).userId).toBe(h.users.agent.id);
    const hidden = await h.json('POST', '/api/cases', {
      as: 'agent2',
      body: { type: 'query', title: 'not for agent 1' },
    });
    const shown = await h.json('POST', '/api/cases', {
      as: 'agent',
      body: { type: 'query', title: 'for agent 1' },
    });
    const got = await s.until((m) => m.event?.subjectId === shown.body.id);
    expect(got.event?.type).toBe('case.created');
    await h.json('POST', `/api/cases/${shown.body.id}/urge`, { as: 'supervisor', body: {} });
    const urged = await s.until((m) => m.event?.type === 'case.urged');
    s.close();
    expect(s.msgs.some((m) => m.event?.subjectId === hidden.body.id)).toBe(false);

    // Missed while disconnected: delivered on reconnect, in order, without repeats.
    const missed = await h.json('POST', `/api/cases/${shown.body.id}/notes`, {
      as: 'agent',
      body: { body: 'while away' },
    });
    expect(missed.status).toBe(201);
    const s2 = openStream(
      `${base}/api/stream?after=${urged.event?.seq}&token=${h.users.agent.token}`,
    );
    await s2.opened;
    const note = await s2.until((m) => m.event?.type === 'case.note_added');
    expect(note.event?.seq).toBeGreaterThan(urged.event?.seq ?? 0);
    const seqs = s2.msgs.filter((m) => m.event).map((m) => m.event?.seq ?? 0);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    s2.close();
  });

  it('starts at the head of the log with after=latest (no replay of the past)', async () => {
    await h.json('POST', '/api/cases', { as: 'agent', body: { type: 'query', title: 'old news' } });
    const head = await h.services.store.events.lastSeq();
    const s = openStream(`${base}/api/stream?after=latest&token=${h.users.agent.token}`);
    await s.opened;
    expect((await s.until((m) => m.kind === 'hello')).after).toBe(head);
    const fresh = await h.json('POST', '/api/cases', {
      as: 'agent',
      body: { type: 'query', title: 'new' },
    });
    await s.until((m) => m.event?.subjectId === fresh.body.id);
    expect(s.msgs.filter((m) => m.event).every((m) => (m.event?.seq ?? 0) > head)).toBe(true);
    s.close();
  });

  it('refuses a stream without a valid session', async () => {
    await expect(openStream(`${base}/api/stream`).opened).rejects.toThrow('HTTP 401');
    await expect(openStream(`${base}/api/stream?token=forged`).opened).rejects.toThrow('HTTP 401');
  });

  it('serves health and the OpenAPI document over real HTTP', async () => {
    const r = await fetch(`${center.url}/api/health`);
    expect(await r.json()).toEqual({ status: 'ok' });
    const doc = (await (await fetch(`${center.url}/api/openapi.json`)).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toContain('/api/cases/{id}/transition');
    expect((await fetch(`${center.url}/api/docs`)).status).toBe(200);
    expect((await fetch(`${center.url}/`)).status).toBe(200);
  });
});
