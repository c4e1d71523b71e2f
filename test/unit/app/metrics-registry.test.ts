import { describe, expect, it } from 'vitest';
import { MetricsRegistry } from '../../../src/app/metrics/metrics-registry.ts';

describe('metrics registry', () => {
  it('counts per label set, whatever the key order', () => {
    const r = new MetricsRegistry();
    const c = r.counter('calls_total', 'calls');
    c.inc({ connector: 'boss', outcome: 'ok' });
    c.inc({ outcome: 'ok', connector: 'boss' }, 2);
    c.inc({ connector: 'nms', outcome: 'ok' });
    expect(c.get({ connector: 'boss', outcome: 'ok' })).toBe(3);
    expect(r.counter('calls_total', 'calls')).toBe(c);
    const fam = r.snapshot()[0];
    expect(fam?.type).toBe('counter');
    expect(fam?.series).toHaveLength(2);
  });

  it('keeps cumulative buckets, sum, count and quantiles', () => {
    const r = new MetricsRegistry();
    const h = r.histogram('latency_ms', 'latency', [10, 100, 1000]);
    for (let i = 1; i <= 100; i++) h.observe({ c: 'x' }, i * 10);
    expect(h.quantile({ c: 'x' }, 0.5)).toBe(500);
    expect(h.quantile({ c: 'x' }, 0.95)).toBe(950);
    expect(h.quantile({ c: 'y' }, 0.5)).toBeNull();
    const fam = r.snapshot()[0];
    if (fam?.type !== 'histogram') throw new Error('expected a histogram');
    expect(fam.series[0]).toMatchObject({ count: 100, sum: 50_500, bucketCounts: [1, 10, 100] });
  });

  it('refuses one name for two kinds', () => {
    const r = new MetricsRegistry();
    r.counter('m', 'a');
    expect(() => r.histogram('m', 'b', [1])).toThrow(/already a counter/);
  });
});
