/**
 * Recordings over HTTP, on both stores: search and its filters, who sees what, audio with
 * Range requests and as a download, the waveform with a paused span, and retention (which
 * leaves a tombstone and an event, and never touches a call still in progress).
 */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/app/app-context.ts';
import { generalQueueId } from '../../src/app/seed/bootstrap.ts';
import { MediaClock } from '../../src/voice/rtp/media-clock.ts';
import { makeHarness, type Harness } from '../support/api-harness.ts';
import { recordCall, startRecordedCall } from '../support/recorded-contact.ts';
import { storeKinds } from '../support/test-stores.ts';

describe.each(storeKinds)('recordings API on %s', (kind) => {
  let h: Harness;
  let dir: string;
  const media = new MediaClock();
  const ids = { paused: '', other: '', old: '', live: '' };
  let caseId = '';
  let live: Awaited<ReturnType<typeof startRecordedCall>>;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kefu-rec-'));
    h = await makeHarness(kind, { recordingsDir: dir });
    const s = h.services;
    const task = await s.router.submit(null, {
      channel: 'voice',
      attributes: {},
      queueId: generalQueueId,
    });
    const c = await s.cases.create(systemActor, {
      type: 'complaint',
      title: 'Dropped calls',
      description: 'calls drop after a minute',
      customerId: h.customerId,
    });
    caseId = c.id;
    live = await startRecordedCall(s, media, {
      agentId: h.users.agent.id,
      startedAt: '2026-10-01T08:00:00Z',
      from: '13800000002',
      lengthMs: 0,
    });
    ids.live = live.contact.id;
    const [paused, other, old] = await Promise.all([
      recordCall(s, media, {
        agentId: h.users.agent.id,
        startedAt: '2026-11-30T01:00:00Z',
        from: '13900139000',
        customerId: h.customerId,
        caseId,
        taskId: task.id,
        pause: [300, 600],
        lengthMs: 900,
      }),
      recordCall(s, media, {
        agentId: h.users.agent2.id,
        startedAt: '2026-11-30T01:30:00Z',
        from: '13700137000',
        customerId: h.otherCustomerId,
        lengthMs: 400,
      }),
      recordCall(s, media, {
        agentId: h.users.agent.id,
        startedAt: '2026-10-01T09:00:00Z',
        from: '13800000001',
        lengthMs: 300,
      }),
    ]);
    ids.paused = paused.id;
    ids.other = other.id;
    ids.old = old.id;
  }, 60_000);
  afterAll(async () => {
    await live?.recorder.close();
    await h?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const listIds = async (query: string, as: keyof Harness['users'] = 'supervisor') => {
    const r = await h.json('GET', `/api/recordings${query}`, { as });
    expect(r.status).toBe(200);
    return (r.body.items as { contactId: string }[]).map((i) => i.contactId);
  };

  it('lists recordings newest first with their call, paused spans and size', async () => {
    const r = await h.json('GET', '/api/recordings', { as: 'supervisor' });
    expect(r.body.total).toBe(4);
    expect(r.body.items.map((i: { contactId: string }) => i.contactId)).toEqual([
      ids.other,
      ids.paused,
      ids.old,
      ids.live,
    ]);
    const p = r.body.items[1];
    expect(p).toMatchObject({
      agentId: h.users.agent.id,
      customerId: h.customerId,
      queueId: generalQueueId,
      caseIds: [caseId],
      from: '13900139000',
      deletedAt: null,
    });
    expect(p.durationMs).toBeGreaterThan(700);
    expect(p.sizeBytes).toBe(44 + (p.durationMs / 20) * 640);
    expect(p.pauses).toHaveLength(1);
    expect(p.pauses[0].fromMs).toBeGreaterThan(100);
    expect(p.pauses[0].toMs - p.pauses[0].fromMs).toBeGreaterThan(150);
    expect(r.body.items[3]).toMatchObject({ endedAt: null, durationMs: null });
  });

  it('filters by agent, customer (id or number), queue, case and start time, and pages', async () => {
    expect(await listIds(`?agentId=${h.users.agent2.id}`)).toEqual([ids.other]);
    expect(await listIds(`?customer=${h.customerId}`)).toEqual([ids.paused]);
    expect(await listIds('?customer=3800000001')).toEqual([ids.old]);
    expect(await listIds(`?queueId=${generalQueueId}`)).toEqual([ids.paused]);
    expect(await listIds(`?caseId=${caseId}`)).toEqual([ids.paused]);
    expect(await listIds('?from=2026-11-30T00:00:00Z&to=2026-11-30T01:15:00Z')).toEqual([
      ids.paused,
    ]);
    const page = await h.json('GET', '/api/recordings?limit=2&offset=2', { as: 'admin' });
    expect(page.body).toMatchObject({ total: 4 });
    expect(page.body.items.map((i: { contactId: string }) => i.contactId)).toEqual([
      ids.old,
      ids.live,
    ]);
    const bad = await h.json('GET', '/api/recordings?from=yesterday', { as: 'admin' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation.failed');
  });

  it('shows an agent only their own calls; back office and customers not at all', async () => {
    expect(await listIds('', 'agent')).toEqual([ids.paused, ids.old, ids.live]);
    expect(await listIds(`?agentId=${h.users.agent2.id}`, 'agent')).toEqual([]);
    expect(await listIds('', 'agent2')).toEqual([ids.other]);
    const hidden = await h.json('GET', `/api/recordings/${ids.paused}/audio`, { as: 'agent2' });
    expect(hidden.status).toBe(404);
    expect(hidden.body.code).toBe('not_found');
    expect((await h.call('GET', '/api/recordings', { as: 'backoffice' })).status).toBe(403);
    expect((await h.call('GET', '/api/recordings', { as: 'customer' })).status).toBe(403);
    expect((await h.call('GET', '/api/recordings', { as: null })).status).toBe(401);
  });

  it('serves the audio whole, by byte range (so players can seek) and as a download', async () => {
    const url = `/api/recordings/${ids.paused}/audio`;
    const whole = await h.call('GET', url, { as: 'agent' });
    expect(whole.status).toBe(200);
    expect(whole.headers.get('accept-ranges')).toBe('bytes');
    expect(whole.headers.get('content-type')).toBe('audio/wav');
    expect(whole.headers.get('content-disposition')).toBeNull();
    const bytes = Buffer.from(await whole.arrayBuffer());
    expect(bytes.toString('ascii', 0, 4)).toBe('RIFF');
    const size = bytes.length;
    expect(Number(whole.headers.get('content-length'))).toBe(size);

    const part = await h.call('GET', url, { as: 'agent', headers: { range: 'bytes=40-139' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe(`bytes 40-139/${size}`);
    expect(Buffer.from(await part.arrayBuffer())).toEqual(bytes.subarray(40, 140));

    const tail = await h.call('GET', url, { as: 'agent', headers: { range: 'bytes=-10' } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get('content-range')).toBe(`bytes ${size - 10}-${size - 1}/${size}`);
    expect(Buffer.from(await tail.arrayBuffer())).toEqual(bytes.subarray(size - 10));

    const open = await h.call('GET', url, {
      as: 'agent',
      headers: { range: `bytes=${size - 4}-` },
    });
    expect(open.status).toBe(206);
    expect((await open.arrayBuffer()).byteLength).toBe(4);

    const past = await h.call('GET', url, { as: 'agent', headers: { range: `bytes=${size}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${size}`);
    expect(((await past.json()) as { code: string }).code).toBe('recording.range_not_satisfiable');

    const dl = await h.call('GET', `${url}?download=1`, { as: 'supervisor' });
    expect(dl.headers.get('content-disposition')).toBe(`attachment; filename="${ids.paused}.wav"`);
    expect(Buffer.from(await dl.arrayBuffer())).toEqual(bytes);
  });

  it('draws the waveform: both channels, silence where the recording was paused', async () => {
    const r = await h.json('GET', `/api/recordings/${ids.paused}/waveform?points=100`, {
      as: 'supervisor',
    });
    expect(r.status).toBe(200);
    const { peaks, pauses, durationMs, sampleRate } = r.body;
    expect(sampleRate).toBe(8000);
    expect(peaks).toHaveLength(2);
    expect(peaks[0]).toHaveLength(100);
    const at = (ms: number) => Math.floor((ms / durationMs) * 100);
    const [span] = pauses as { fromMs: number; toMs: number }[];
    const inside = peaks[1].slice(at(span!.fromMs) + 1, at(span!.toMs) - 1);
    expect(inside.length).toBeGreaterThan(5);
    expect(Math.max(...inside)).toBe(0);
    // Before the pause the agent's tone is louder than the caller's, as fed.
    const before = at(span!.fromMs) - 2;
    expect(peaks[1][before]).toBeGreaterThan(0.4);
    expect(peaks[0][before]).toBeGreaterThan(0.1);
    expect(peaks[0][before]).toBeLessThan(peaks[1][before]);

    for (const points of ['0', '4001', 'many']) {
      const bad = await h.json('GET', `/api/recordings/${ids.paused}/waveform?points=${points}`);
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe('validation.failed');
    }
    const missing = await h.json('GET', '/api/recordings/no-such-contact/waveform');
    expect(missing.status).toBe(404);
  });

  it('deletes what retention says is too old, keeps a tombstone, spares the call in progress', async () => {
    expect((await h.json('GET', '/api/recordings/retention')).body).toEqual({ days: null });
    const bad = await h.json('PUT', '/api/recordings/retention', { body: { days: 0 } });
    expect(bad.status).toBe(400);
    const denied = await h.call('PUT', '/api/recordings/retention', {
      as: 'supervisor',
      body: { days: 30 },
    });
    expect(denied.status).toBe(403);
    const set = await h.json('PUT', '/api/recordings/retention', { body: { days: 30 } });
    expect(set.body).toEqual({ days: 30 });

    // An old recording whose contact was deleted since: nothing lists it, retention still goes.
    const orphan = await recordCall(h.services, media, {
      agentId: h.users.agent.id,
      startedAt: '2026-10-02T09:00:00Z',
      from: '13800000003',
      lengthMs: 200,
    });
    await h.services.customers.deleteContact(systemActor, orphan.id);
    const orphanFile = h.services.recordings.pathFor(`2026-10-02/${orphan.id}.wav`);
    expect(existsSync(orphanFile)).toBe(true);

    const oldFile = h.services.recordings.pathFor(`2026-10-01/${ids.old}.wav`);
    const liveFile = h.services.recordings.pathFor(`2026-10-01/${ids.live}.wav`);
    expect(existsSync(oldFile)).toBe(true);
    const run = await h.json('POST', '/api/recordings/retention/run');
    expect(run.body).toEqual({ deleted: 2, days: 30 });
    expect(existsSync(oldFile)).toBe(false);
    expect(existsSync(orphanFile)).toBe(false);
    expect(existsSync(liveFile)).toBe(true);

    expect(await listIds('')).toEqual([ids.other, ids.paused, ids.live]);
    const tomb = await h.json('GET', `/api/recordings/${ids.old}`);
    expect(tomb.body).toMatchObject({
      deletedReason: 'retention',
      deletedAt: h.clock.now().toISOString(),
    });
    expect(await listIds('?includeDeleted=true')).toContain(ids.old);
    const gone = await h.json('GET', `/api/recordings/${ids.old}/audio`);
    expect(gone.status).toBe(410);
    expect(gone.body.code).toBe('recording.deleted');

    const events = await h.json('GET', '/api/events?limit=1000');
    const deleted = (
      events.body.events as { type: string; subjectId: string; payload: unknown }[]
    ).filter((e) => e.type === 'recording.deleted');
    // Oldest first.
    expect(deleted).toMatchObject([
      {
        subjectId: ids.old,
        payload: { reason: 'retention', recordingId: `2026-10-01/${ids.old}.wav` },
      },
      { subjectId: orphan.id, payload: { reason: 'retention' } },
    ]);
    const audit = await h.services.store.audit.list(
      { action: 'recordings.retention' },
      {
        limit: 10,
        offset: 0,
      },
    );
    expect(audit.items[0]?.details).toEqual({ days: 30, deleted: 2 });

    // Once the call in progress ends, a later run may take it too; the others are recent.
    await live.finish();
    expect((await h.json('POST', '/api/recordings/retention/run')).body.deleted).toBe(1);
    expect(existsSync(liveFile)).toBe(false);
  });
});
