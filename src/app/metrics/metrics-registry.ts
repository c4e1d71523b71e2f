/**
 * In-memory metrics: counters and histograms with labels, in the shape Prometheus expects
 * (name, help, type, series by label set; histogram buckets are cumulative upper bounds), so a
 * later `/metrics` endpoint only has to print `snapshot()`. Histograms also keep the most recent
 * samples of each series for exact p50/p95 readings on the status pages.
 */
export type Labels = Readonly<Record<string, string>>;

export interface CounterSeries {
  readonly labels: Labels;
  readonly value: number;
}

export interface HistogramSeries {
  readonly labels: Labels;
  readonly count: number;
  readonly sum: number;
  /** Cumulative counts per upper bound, in the order of `buckets` (+Inf is `count`). */
  readonly bucketCounts: readonly number[];
}

export type MetricFamily =
  | {
      readonly type: 'counter';
      readonly name: string;
      readonly help: string;
      readonly series: CounterSeries[];
    }
  | {
      readonly type: 'histogram';
      readonly name: string;
      readonly help: string;
      readonly buckets: readonly number[];
      readonly series: HistogramSeries[];
    };

const keyOf = (labels: Labels) =>
  JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));

export class Counter {
  private readonly series = new Map<string, { labels: Labels; value: number }>();
  constructor(
    readonly name: string,
    readonly help: string,
  ) {}
  inc(labels: Labels = {}, by = 1): void {
    const k = keyOf(labels);
    const s = this.series.get(k) ?? { labels: { ...labels }, value: 0 };
    s.value += by;
    this.series.set(k, s);
  }
  get(labels: Labels = {}): number {
    return this.series.get(keyOf(labels))?.value ?? 0;
  }
  family(): MetricFamily {
    return {
      type: 'counter',
      name: this.name,
      help: this.help,
      series: [...this.series.values()].map((s) => ({ ...s })),
    };
  }
}

interface HistogramState {
  labels: Labels;
  count: number;
  sum: number;
  bucketCounts: number[];
  recent: number[];
}

export class Histogram {
  private readonly series = new Map<string, HistogramState>();
  constructor(
    readonly name: string,
    readonly help: string,
    readonly buckets: readonly number[],
    /** How many recent samples per series quantiles are read from. */
    private readonly keep = 1000,
  ) {}
  observe(labels: Labels, value: number): void {
    const k = keyOf(labels);
    let s = this.series.get(k);
    if (!s) {
      s = {
        labels: { ...labels },
        count: 0,
        sum: 0,
        bucketCounts: this.buckets.map(() => 0),
        recent: [],
      };
      this.series.set(k, s);
    }
    s.count += 1;
    s.sum += value;
    this.buckets.forEach((b, i) => {
      if (value <= b) s.bucketCounts[i] = (s.bucketCounts[i] ?? 0) + 1;
    });
    s.recent.push(value);
    if (s.recent.length > this.keep) s.recent.shift();
  }
  /** The q-quantile (0..1) of the recent samples, nearest rank; null without samples. */
  quantile(labels: Labels, q: number): number | null {
    const r = this.series.get(keyOf(labels))?.recent;
    if (!r?.length) return null;
    const sorted = [...r].sort((a, b) => a - b);
    return (
      sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? null
    );
  }
  family(): MetricFamily {
    return {
      type: 'histogram',
      name: this.name,
      help: this.help,
      buckets: this.buckets,
      series: [...this.series.values()].map((s) => ({
        labels: s.labels,
        count: s.count,
        sum: s.sum,
        bucketCounts: [...s.bucketCounts],
      })),
    };
  }
}

/** One per process; asking twice for a name returns the same metric. */
export class MetricsRegistry {
  private readonly metrics = new Map<string, Counter | Histogram>();

  counter(name: string, help: string): Counter {
    const m = this.metrics.get(name);
    if (m instanceof Counter) return m;
    if (m) throw new Error(`metric ${name} is already a histogram`);
    const c = new Counter(name, help);
    this.metrics.set(name, c);
    return c;
  }

  histogram(name: string, help: string, buckets: readonly number[]): Histogram {
    const m = this.metrics.get(name);
    if (m instanceof Histogram) return m;
    if (m) throw new Error(`metric ${name} is already a counter`);
    const h = new Histogram(name, help, buckets);
    this.metrics.set(name, h);
    return h;
  }

  snapshot(): MetricFamily[] {
    return [...this.metrics.values()].map((m) => m.family());
  }
}
