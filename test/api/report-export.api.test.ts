/**
 * A large interval export streams: 115,200 interval rows (40 days × 96 intervals × 30 queues)
 * come out as CSV page by page, all present, with the row count announced first, while the heap
 * stays well below what holding the rows at once takes. Both stores.
 */
import v8 from 'node:v8';
import vm from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { storeKinds } from '../support/test-stores.ts';
import { makeHarness, type Harness } from '../support/api-harness.ts';

const days = 40;
const keys = Array.from({ length: 30 }, (_, i) => `q${String(i).padStart(2, '0')}`);
const start = Date.parse('2026-10-01T00:00:00Z');
const total = days * 96 * keys.length;
// Offered in interval i for queue k: (i + k) % 5, so the sum is known without the rows.
const expectedOffered = (() => {
  let n = 0;
  for (let i = 0; i < days * 96; i++) for (let k = 0; k < keys.length; k++) n += (i + k) % 5;
  return n;
})();
// Live heap (after a collection), not garbage waiting to be collected, is what streaming bounds.
v8.setFlagsFromString('--expose-gc');
const gc = vm.runInNewContext('gc') as () => void;
const liveHeap = () => {
  gc();
  return process.memoryUsage().heapUsed;
};

const range = `from=2026-10-01T00:00:00Z&to=${new Date(start + days * 86_400_000).toISOString()}`;

describe.each(storeKinds)('streamed interval export on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => {
    h = await makeHarness(kind);
    const rows: Parameters<typeof h.services.store.stats.add>[0][number][] = [];
    for (let i = 0; i < days * 96; i++)
      for (let k = 0; k < keys.length; k++)
        rows.push({
          intervalStart: new Date(start + i * 900_000),
          dimension: 'queue' as const,
          key: keys[k]!,
          counts: { offered: (i + k) % 5, answered: 1, answeredWithin: 1 },
        });
    await h.services.store.transaction(async (tx) => tx.stats.add(rows));
  }, 180_000);
  afterAll(async () => h?.close());

  /** Reads a CSV download chunk by chunk; returns its lines and the peak heap growth seen. */
  async function download(url: string) {
    const before = liveHeap();
    let peak = 0;
    let chunks = 0;
    const res = await h.call('GET', url, { as: 'supervisor' });
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let rest = '';
    let lines = 0;
    let offered = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      const parts = (rest + value).split('\n');
      rest = parts.pop() ?? '';
      for (const line of parts) {
        if (lines++ > 0) offered += Number(line.split(',')[2]);
      }
      if (++chunks % 25 === 0) peak = Math.max(peak, liveHeap() - before);
    }
    return { res, lines, offered, peak };
  }

  it(
    'streams every 15-minute row with the count first, in bounded memory',
    { timeout: 180_000 },
    async () => {
      // What holding every row at once costs (the report as JSON builds this list).
      const before = liveHeap();
      const all = await h.services.reports.rows({
        dimension: 'queue',
        from: new Date(start),
        to: new Date(start + days * 86_400_000),
        granularity: '15m',
      });
      const held = liveHeap() - before;
      expect(all).toHaveLength(total);
      all.length = 0;

      const d = await download(`/api/reports/intervals?dimension=queue&format=csv&${range}`);
      expect(d.res.headers.get('x-total-rows')).toBe(String(total));
      expect(d.lines).toBe(total + 1);
      expect(d.offered).toBe(expectedOffered);
      expect(d.peak).toBeLessThan(held / 4);
    },
  );

  it('streams day sums that match the JSON report', { timeout: 180_000 }, async () => {
    const json = await h.json(
      'GET',
      `/api/reports/intervals?dimension=queue&granularity=day&${range}`,
      { as: 'supervisor' },
    );
    const d = await download(
      `/api/reports/intervals?dimension=queue&granularity=day&format=csv&${range}`,
    );
    // Local days (Asia/Shanghai): 40 UTC days touch 41 local ones.
    expect(json.body.items).toHaveLength(41 * keys.length);
    expect(d.res.headers.get('x-total-rows')).toBe(String(41 * keys.length));
    expect(d.lines).toBe(41 * keys.length + 1);
    expect(d.offered).toBe(expectedOffered);
  });
});
