/**
 * Prometheus text exposition format 0.0.4: `# HELP` and `# TYPE` once per family, then one line
 * per sample. Label values escape backslash, double quote and newline; HELP escapes backslash
 * and newline (the format's only escapes). Gauges are read at scrape time, so they are plain
 * values here rather than registry metrics.
 */
import type { Labels, MetricFamily } from './metrics-registry.ts';

export interface GaugeFamily {
  readonly type: 'gauge';
  readonly name: string;
  readonly help: string;
  readonly series: readonly { readonly labels: Labels; readonly value: number }[];
}

export type ExposedFamily = MetricFamily | GaugeFamily;

const escapeLabel = (v: string) =>
  v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
const escapeHelp = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n');

function labelText(labels: Labels, extra: Labels = {}): string {
  const all = { ...labels, ...extra };
  const parts = Object.keys(all)
    .sort()
    .map((k) => `${k}="${escapeLabel(all[k] ?? '')}"`);
  return parts.length ? `{${parts.join(',')}}` : '';
}

/** Numbers as Prometheus writes them (+Inf, -Inf, NaN spelled out). */
function num(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  return String(v);
}

export function prometheusText(families: readonly ExposedFamily[]): string {
  const out: string[] = [];
  for (const f of families) {
    out.push(`# HELP ${f.name} ${escapeHelp(f.help)}`, `# TYPE ${f.name} ${f.type}`);
    if (f.type === 'histogram') {
      for (const s of f.series) {
        f.buckets.forEach((b, i) =>
          out.push(
            `${f.name}_bucket${labelText(s.labels, { le: num(b) })} ${s.bucketCounts[i] ?? 0}`,
          ),
        );
        out.push(`${f.name}_bucket${labelText(s.labels, { le: '+Inf' })} ${s.count}`);
        out.push(`${f.name}_sum${labelText(s.labels)} ${num(s.sum)}`);
        out.push(`${f.name}_count${labelText(s.labels)} ${s.count}`);
      }
    } else {
      for (const s of f.series) out.push(`${f.name}${labelText(s.labels)} ${num(s.value)}`);
    }
  }
  return `${out.join('\n')}\n`;
}
