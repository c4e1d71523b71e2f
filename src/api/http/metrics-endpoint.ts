/**
 * `GET /metrics` for Prometheus: the process registry (connector calls, …), the center's gauges,
 * resource health (phones, trunks, node, alarms) and the process itself (memory, event-loop delay, uptime). A scraper authenticates with
 * `Authorization: Bearer <token>` — the token given by `--metrics-token` / $KEFU_METRICS_TOKEN,
 * or an administrator's session token; anything else is 401 (docs/operations.md).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { Context } from 'hono';
import { centerGauges } from '../../app/metrics/center-gauges.ts';
import { resourceGauges } from '../../app/metrics/resource-gauges.ts';
import { prometheusText, type GaugeFamily } from '../../app/metrics/prometheus-text.ts';
import type { Services } from './api-env.ts';
import { problem } from './problem.ts';
import { clientIp, requestToken } from './request-info.ts';

const digest = (s: string) => createHash('sha256').update(s).digest();
const loopDelay = monitorEventLoopDelay({ resolution: 20 });
loopDelay.enable();

export function metricsEndpoint(services: Services, token: string | null) {
  const expected = token ? digest(token) : null;
  return async (c: Context): Promise<Response> => {
    const given = requestToken(c);
    if (!given) return problem(c, 'auth.required', 'send the metrics token as a Bearer token');
    const byToken = expected !== null && timingSafeEqual(digest(given), expected);
    if (!byToken) {
      const actor = await services.auth.authenticate(given, clientIp(c));
      if (!actor) return problem(c, 'auth.required', 'unknown or expired token');
      if (actor.role !== 'admin')
        return problem(c, 'auth.forbidden', `the ${actor.role} role may not read metrics`);
    }
    const families = [
      ...services.metrics.snapshot(),
      ...(await centerGauges(services)),
      ...resourceGauges(services.resourceMonitor),
      ...processGauges(),
    ];
    return c.body(prometheusText(families), 200, {
      'content-type': 'text/plain; version=0.0.4; charset=utf-8',
      'cache-control': 'no-store',
    });
  };
}

function processGauges(): GaugeFamily[] {
  const m = process.memoryUsage();
  const one = (name: string, help: string, value: number): GaugeFamily => ({
    type: 'gauge',
    name,
    help,
    series: [{ labels: {}, value }],
  });
  return [
    one('kefu_process_resident_memory_bytes', 'Resident set size of the kefu process.', m.rss),
    one('kefu_process_heap_used_bytes', 'V8 heap in use.', m.heapUsed),
    one(
      'kefu_event_loop_delay_seconds',
      'Event-loop delay, 99th percentile since the process started.',
      loopDelay.percentile(99) / 1e9,
    ),
    one('kefu_process_uptime_seconds', 'Seconds since the process started.', process.uptime()),
  ];
}
