/**
 * The dialer over a large contact list, on PGlite then PostgreSQL: CSV import rate (the list
 * arrives in ~1 MiB requests, as the API takes it, each checked line by line against the DNC list
 * and the numbers already in the campaign), then the latency of one pacing step (choose due
 * records in their window, lock and mark them dialing) with 20 free agents, while the list is
 * worked through. Lines are counted, not placed: no switch. Prints rates and p50/p95; no
 * pass/fail.
 *
 *   npx tsx bench/dialer.ts [--records 100000] [--steps 200]
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { defaultCenterConfig, type AppDeps } from '../src/app/app-context.ts';
import { CampaignService } from '../src/app/dialer/campaign-service.ts';
import { DialerService } from '../src/app/dialer/dialer-service.ts';
import type { DialerLines, DialRequest } from '../src/app/ports/dialer-lines.ts';
import { systemClock } from '../src/app/ports/clock.ts';
import { bootstrapCenter, generalQueueId } from '../src/app/seed/bootstrap.ts';
import { onEachStore } from './support/each-store.ts';

const { values: v } = parseArgs({
  options: {
    records: { type: 'string', default: '100000' },
    steps: { type: 'string', default: '200' },
  },
});
const records = Number(v.records);
const steps = Number(v.steps);

const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] ?? 0;
};

const allWeek = Object.fromEntries(
  (['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const).map((d) => [
    d,
    [{ start: '00:00', end: '24:00' }],
  ]),
);

/** Counts what the pacer asks for and settles each line at once: half connect, half busy. */
class CountingLines implements DialerLines {
  asked: DialRequest[] = [];
  async dial(req: DialRequest): Promise<void> {
    this.asked.push(req);
  }
  inFlight(): number {
    return 0;
  }
}

await onEachStore(async (label, store) => {
  await bootstrapCenter(store);
  const deps: AppDeps = {
    store,
    clock: systemClock,
    ids: { newId: randomUUID },
    config: defaultCenterConfig,
  };
  const campaigns = new CampaignService(deps);
  const c = await campaigns.create('bench', {
    name: 'Bench list',
    mode: 'progressive',
    queueId: generalQueueId,
    callerId: '+864008001000',
    windows: allWeek,
  });
  const number = (i: number) => `13${String(100_000_000 + i).slice(-9)}`;
  // 1,000 numbers on the DNC list, spread over the list: rejected at import.
  for (let i = 0; i < 1000; i++) await campaigns.addDnc('bench', number(i * 97), 'bench');

  // The list as ~1 MiB CSV requests.
  const header = 'number,name,plan,region\n';
  const line = (i: number) => `${number(i)},Customer ${i},"Plan ${i % 7}, monthly",SH-${i % 16}\n`;
  const t0 = performance.now();
  let accepted = 0;
  let rejected = 0;
  let chunk = header;
  for (let i = 0; i < records; i++) {
    chunk += line(i);
    if (chunk.length > 1_000_000 || i === records - 1) {
      const r = await campaigns.importCsv('bench', c.id, chunk);
      accepted += r.accepted;
      rejected += r.rejected.length;
      chunk = header;
    }
  }
  const importSec = (performance.now() - t0) / 1000;
  console.log(
    `${label}: imported ${accepted.toLocaleString('en')} records (${rejected} rejected) in ${importSec.toFixed(1)} s: ${Math.round(accepted / importSec).toLocaleString('en')} records/s`,
  );

  await campaigns.move('bench', c.id, 'running');
  const lines = new CountingLines();
  const dialer = new DialerService(deps, lines, {
    availability: async () => ({ free: 20, busy: 0 }),
  });
  const times: number[] = [];
  for (let s = 0; s < steps; s++) {
    lines.asked = [];
    const t = performance.now();
    await dialer.dialNext(c.id);
    times.push(performance.now() - t);
    // Settle what was dialed so the next step moves on through the list.
    for (const [i, req] of lines.asked.entries())
      await dialer.reportResult(req.recordId, i % 2 ? 'busy' : 'connected', null);
  }
  console.log(
    `${label}: pacing step (20 lines) over ${accepted.toLocaleString('en')} records: p50 ${pct(times, 50).toFixed(1)} ms, p95 ${pct(times, 95).toFixed(1)} ms (${steps} steps)`,
  );
});
