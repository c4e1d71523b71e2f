/**
 * Historical reports at volume: simulates N contacts' worth of events (arrivals over the day,
 * waits, abandons, handling, IVR runs for calls, some cases), appends them to the log,
 * materialises the interval tables, then times the report queries. PGlite, then PostgreSQL.
 * Prints rates and times; no pass/fail.
 *
 *   npx tsx bench/reports.ts [--contacts 1000000] [--days 30] [--queues 20] [--agents 300] [--web]
 *
 * With --web, the PGlite run also starts a center on the same store and times, in Chromium,
 * the supervisor's Reports page over the whole range (chart and table shown) and its CSV export.
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { defaultCenterConfig, type AppDeps } from '../src/app/app-context.ts';
import { systemClock } from '../src/app/ports/clock.ts';
import type { Store } from '../src/app/ports/store.ts';
import { CaseReportService } from '../src/app/stats/case-report-service.ts';
import { ComplianceReportService } from '../src/app/stats/compliance-report-service.ts';
import { IntervalMaterializer } from '../src/app/stats/interval-materializer.ts';
import { IvrReportService } from '../src/app/stats/ivr-report-service.ts';
import { ReportService } from '../src/app/stats/report-service.ts';
import type { DomainEvent } from '../src/domain/events/domain-event.ts';
import { onEachStore } from './support/each-store.ts';
import { startCenter } from '../src/main.ts';
import { launchChromium } from '../test/support/chromium.ts';

const { values: v } = parseArgs({
  options: {
    contacts: { type: 'string', default: '1000000' },
    days: { type: 'string', default: '30' },
    queues: { type: 'string', default: '20' },
    agents: { type: 'string', default: '300' },
    /** Also open the supervisor's Reports page over the whole range in Chromium (PGlite run). */
    web: { type: 'boolean', default: false },
  },
});
const nContacts = Number(v.contacts);
const nDays = Number(v.days);
const nQueues = Number(v.queues);
const nAgents = Number(v.agents);
const start = Date.parse('2026-10-01T00:00:00Z');
const end = start + nDays * 86_400_000;

let seed = 11;
const rnd = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
const exp = (mean: number) => -Math.log(1 - rnd()) * mean;
const scope = { userIds: [], teamIds: [], dispatchTeamIds: [], customerId: null };
type Timed = { at: number; e: DomainEvent };

/** One contact's events: arrival in the busy hours of its day, then answer or abandon. */
function contact(i: number): Timed[] {
  const day = Math.floor((i / nContacts) * nDays);
  // Arrivals between 08:00 and 20:00 Beijing (00:00–12:00 UTC), peaking mid-morning.
  const at = start + day * 86_400_000 + Math.floor(Math.min(rnd(), rnd()) * 12 * 3_600_000);
  const id = `t${i}`;
  const r = rnd();
  const channel = r < 0.7 ? 'voice' : r < 0.85 ? 'chat' : 'email';
  const queueId = `q${Math.floor(rnd() * nQueues)}`;
  const out: Timed[] = [];
  const ev = (t: number, type: string, subjectType: string, subjectId: string, p: object) =>
    out.push({ at: t, e: { type, subjectType, subjectId, payload: p as never, scope } });
  if (channel === 'voice') {
    const self = rnd() < 0.3;
    ev(at - 1000, 'ivr.left', 'call', `c${i}`, {
      flowId: 'demo',
      outcome: self ? 'hangup' : 'queue',
      segment: 1,
      sinceStartMs: 40_000,
      visits: self
        ? [
            { node: 'welcome', exit: '1' },
            { node: 'balance', exit: 'ok' },
            { node: 'goodbye', exit: 'hangup' },
          ]
        : [
            { node: 'welcome', exit: '2' },
            { node: 'general-queue', exit: 'queue' },
          ],
    });
    if (self) return out;
  }
  ev(at, 'task.created', 'task', id, { queueId, channel });
  const wait = Math.floor(exp(25_000));
  if (rnd() < 0.1) {
    ev(at + wait, 'task.canceled', 'task', id, { waitedMs: wait, whileWaiting: true });
    return out;
  }
  const agentId = `a${Math.floor(rnd() * nAgents)}`;
  ev(at + wait, 'task.assigned', 'task', id, { waitedMs: wait, agentId });
  ev(at + wait + Math.floor(exp(240_000)), 'task.completed', 'task', id, {});
  if (rnd() < 0.02) {
    const due = (t: number) => new Date(t + 3_600_000).toISOString();
    ev(at + wait + 60_000, 'case.created', 'case', `k${i}`, {
      type: 'complaint',
      stageDueAt: due(at),
    });
    ev(at + wait + 1_800_000 * rnd() * 4, 'case.stage_changed', 'case', `k${i}`, {
      to: 'verifying',
      stageDueAt: null,
    });
  }
  return out;
}

async function timed<T>(label: string, f: () => Promise<T>, n?: (r: T) => number) {
  const t0 = performance.now();
  const r = await f();
  const ms = performance.now() - t0;
  console.log(`  ${label}: ${ms.toFixed(0)} ms${n ? ` (${n(r).toLocaleString()} rows)` : ''}`);
  return r;
}

await onEachStore(async (label, store: Store) => {
  const deps: AppDeps = {
    store,
    clock: systemClock,
    ids: { newId: randomUUID },
    config: defaultCenterConfig,
  };
  seed = 11; // the same traffic on both stores
  console.log(`\n${label}: ${nContacts.toLocaleString()} contacts over ${nDays} days`);
  let events = 0;
  const t0 = performance.now();
  const chunk = 2000;
  for (let i = 0; i < nContacts; i += chunk) {
    const batch: Timed[] = [];
    for (let j = i; j < Math.min(nContacts, i + chunk); j++) batch.push(...contact(j));
    batch.sort((a, b) => a.at - b.at);
    await store.transaction(async (tx) => {
      for (const b of batch) tx.append([b.e], { actorId: null, at: new Date(b.at) });
    });
    events += batch.length;
  }
  const genS = (performance.now() - t0) / 1000;
  console.log(
    `  appended ${events.toLocaleString()} events: ${(events / genS).toFixed(0)} events/s`,
  );

  const m = new IntervalMaterializer(deps, { batch: 5000 });
  const t1 = performance.now();
  const read = await m.catchUp();
  const matS = (performance.now() - t1) / 1000;
  console.log(
    `  materialised ${read.toLocaleString()} events in ${matS.toFixed(1)} s: ${(read / matS).toFixed(0)} events/s`,
  );

  const reports = new ReportService(deps);
  const range = { from: new Date(start), to: new Date(end) };
  await timed(
    'queue by day, whole range',
    () => reports.rows({ ...range, dimension: 'queue', granularity: 'day' }),
    (r) => r.length,
  );
  await timed(
    'agent performance by day, whole range',
    () => reports.rows({ ...range, dimension: 'agent', granularity: 'day' }),
    (r) => r.length,
  );
  await timed(
    'queue 15-minute rows, whole range',
    () => reports.rows({ ...range, dimension: 'queue', granularity: '15m' }),
    (r) => r.length,
  );
  await timed(
    'queue 15-minute CSV stream, whole range',
    async () => {
      let n = 0;
      for await (const page of reports.stream({ ...range, dimension: 'queue', granularity: '15m' }))
        n += page.length;
      return n;
    },
    (n) => n,
  );
  const day = { from: new Date(start), to: new Date(start + 86_400_000) };
  await timed(
    'case analysis by type, one day',
    () => new CaseReportService(deps).rows({ ...day, groupBy: 'type' }),
    (r) => r.reduce((s, x) => s + x.cases, 0),
  );
  await timed(
    'IVR report, whole range',
    () => new IvrReportService(deps).rows(range),
    (r) => r.reduce((s, x) => s + x.calls, 0),
  );
  await timed(
    'compliance, one day',
    () => new ComplianceReportService(deps).report(day),
    (r) => r.answer.length,
  );
  if (v.web && label === 'pglite') await inTheBrowser(store);
});

/** The Reports page over the whole range, as a supervisor sees it, and its CSV export. */
async function inTheBrowser(store: Store): Promise<void> {
  const center = await startCenter({ store, port: 0, host: '127.0.0.1', demo: true });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, locale: 'en' });
    page.setDefaultTimeout(600_000);
    await page.goto(`${center.url}/login`);
    await page.getByTestId('login-username').fill('lina');
    await page.getByTestId('login-password').fill('kefu-demo');
    await page.getByTestId('login-submit').click();
    await page.getByTestId('whoami').waitFor();
    const last = new Date(end - 86_400_000).toISOString().slice(0, 10);
    const first = new Date(start).toISOString().slice(0, 10);
    await page.goto(`${center.url}/supervisor?from=${first}&to=${last}`);
    await timed('web: Reports page, whole range (chart and table shown)', async () => {
      await page.getByTestId('tab-reports').click();
      await page.getByTestId('chart-history').locator('canvas').waitFor();
      await page.getByTestId('report-table').locator('tbody tr td').first().waitFor();
    });
    await timed('web: CSV export, whole range (download complete)', async () => {
      const download = page.waitForEvent('download');
      await page.getByTestId('report-export').click();
      await page.getByTestId('export-done').waitFor();
      await (await download).path();
    });
  } finally {
    await browser.close();
    await center.close();
  }
}
