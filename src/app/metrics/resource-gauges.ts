/**
 * Resource health for Prometheus, read at scrape time from the resource monitor: phones by
 * state and their OPTIONS round trip, trunks (up, calls in use, channel limit, calls refused
 * over the limit, failures in the last hour), this node (event-loop lag, memory, open calls,
 * media packets and loss) and the active alarms by kind.
 */
import { alarmKinds } from '../../domain/resource/alarm-rules.ts';
import { phoneStates } from '../../domain/resource/phone-health.ts';
import type { ResourceMonitor } from '../resources/resource-monitor.ts';
import type { MetricFamily } from './metrics-registry.ts';
import type { ExposedFamily, GaugeFamily } from './prometheus-text.ts';

type Series = GaugeFamily['series'];

const gauge = (name: string, help: string, series: Series): GaugeFamily => ({
  type: 'gauge',
  name,
  help,
  series,
});

export function resourceGauges(monitor: ResourceMonitor): ExposedFamily[] {
  const phones = monitor.phoneHealth();
  const trunks = monitor.trunkHealth();
  const node = monitor.nodeHealth();
  const alarms = monitor.activeAlarms();
  const perTrunk = (pick: (t: (typeof trunks)[number]) => number | null): Series =>
    trunks.flatMap((t) => {
      const v = pick(t);
      return v === null ? [] : [{ labels: { trunk: t.name }, value: v }];
    });
  const refused: MetricFamily = {
    type: 'counter',
    name: 'kefu_trunk_calls_refused_total',
    help: 'Calls refused because the trunk was at its channel limit (inbound: answered 503).',
    series: trunks.flatMap((t) => [
      { labels: { trunk: t.name, direction: 'inbound' }, value: t.refusedInbound },
      { labels: { trunk: t.name, direction: 'outbound' }, value: t.refusedOutbound },
    ]),
  };
  const one = (name: string, help: string, value: number | null): GaugeFamily =>
    gauge(name, help, value === null ? [] : [{ labels: { node: node.id }, value }]);
  return [
    gauge(
      'kefu_phones',
      'Phones the switch knows by state (registered = registered and answering OPTIONS).',
      phoneStates.map((state) => ({
        labels: { state },
        value: phones.filter((p) => p.state === state).length,
      })),
    ),
    gauge('kefu_phones_registered', 'Phones with a live registration (reachable or not).', [
      { labels: {}, value: phones.filter((p) => p.state !== 'unregistered').length },
    ]),
    gauge('kefu_phones_reachable', 'Registered phones answering the OPTIONS keep-alives.', [
      { labels: {}, value: phones.filter((p) => p.state === 'registered').length },
    ]),
    gauge(
      'kefu_phone_options_rtt_seconds',
      'Round trip of the last answered OPTIONS keep-alive, per phone.',
      phones.flatMap((p) =>
        p.rttMs === null ? [] : [{ labels: { extension: p.extension }, value: p.rttMs / 1000 }],
      ),
    ),
    gauge(
      'kefu_trunk_up',
      'Whether the trunk answers OPTIONS probes (1 up, 0 down; absent before the first probe).',
      perTrunk((t) => (t.state === 'unknown' ? null : t.state === 'up' ? 1 : 0)),
    ),
    gauge(
      'kefu_trunk_options_rtt_seconds',
      'Round trip of the last answered trunk probe.',
      perTrunk((t) => (t.rttMs === null ? null : t.rttMs / 1000)),
    ),
    gauge(
      'kefu_trunk_calls_in_use',
      'Calls over the trunk now, both directions.',
      perTrunk((t) => t.inUse),
    ),
    gauge(
      'kefu_trunk_channel_limit',
      'Calls the trunk may carry at once (absent: no limit).',
      perTrunk((t) => t.limit),
    ),
    gauge(
      'kefu_trunk_failures_last_hour',
      'Unanswered probes and calls refused over the limit in the last hour.',
      perTrunk((t) => t.failuresLastHour),
    ),
    refused,
    one(
      'kefu_node_event_loop_lag_seconds',
      'Event-loop lag (p99 over the last heartbeat).',
      node.lagMs / 1000,
    ),
    one('kefu_node_resident_memory_bytes', 'Resident memory at the last heartbeat.', node.rssBytes),
    one('kefu_node_open_calls', 'Call legs open on this node.', node.openCalls),
    one(
      'kefu_node_overloaded',
      '1 while the node is overloaded (lag or memory).',
      node.state === 'overloaded' ? 1 : 0,
    ),
    one(
      'kefu_media_packets_per_second',
      'RTP packets received per second.',
      node.mediaPacketsPerSecond,
    ),
    one(
      'kefu_media_loss_ratio',
      'RTP packets lost ÷ expected (sequence gaps).',
      node.mediaLossRatio,
    ),
    one(
      'kefu_store_up',
      'Whether the store answered the last heartbeat write.',
      node.storeReachable ? 1 : 0,
    ),
    gauge(
      'kefu_resource_alarms',
      'Active resource alarms by kind.',
      alarmKinds.map((kind) => ({
        labels: { kind },
        value: alarms.filter((a) => a.kind === kind).length,
      })),
    ),
  ];
}
