/**
 * The center's figures as Prometheus gauges, read at scrape time from what the wallboard shows
 * (the realtime service: queues, agents, today's counters) and the router's open tasks. Day
 * counters reset at local midnight, so they are gauges named `_today`, not counters.
 */
import type { RealtimeService } from '../realtime/realtime-service.ts';
import type { RouterService } from '../routing/router-service.ts';
import type { Store } from '../ports/store.ts';
import type { GaugeFamily } from './prometheus-text.ts';

export async function centerGauges(d: {
  readonly realtime: RealtimeService;
  readonly router: RouterService;
  readonly store: Store;
}): Promise<GaugeFamily[]> {
  const s = d.realtime.snapshot();
  const gauge = (name: string, help: string, series: GaugeFamily['series']): GaugeFamily => ({
    type: 'gauge',
    name,
    help,
    series,
  });
  const perQueue = (pick: (q: (typeof s.queues)[number]) => number | null) =>
    s.queues.flatMap((q) => {
      const v = pick(q);
      return v === null ? [] : [{ labels: { queue: q.name, queue_id: q.queueId }, value: v }];
    });
  const tasks = new Map<string, number>();
  for (const t of d.router.openTasks()) tasks.set(t.state, (tasks.get(t.state) ?? 0) + 1);
  return [
    gauge(
      'kefu_queue_waiting',
      'Contacts waiting in the queue now.',
      perQueue((q) => q.waiting),
    ),
    gauge(
      'kefu_queue_longest_wait_seconds',
      'How long the oldest waiting contact has waited.',
      perQueue((q) => q.longestWaitSeconds),
    ),
    gauge(
      'kefu_queue_offered_today',
      'Contacts offered to the queue today (short abandons excluded; docs/kpis.md).',
      perQueue((q) => q.offered),
    ),
    gauge(
      'kefu_queue_answered_today',
      'Contacts answered today.',
      perQueue((q) => q.answered),
    ),
    gauge(
      'kefu_queue_abandoned_today',
      'Contacts abandoned today.',
      perQueue((q) => q.abandoned),
    ),
    gauge(
      'kefu_queue_service_level_ratio',
      'Answered within the threshold ÷ (answered + abandoned), today.',
      perQueue((q) => (q.serviceLevelPercent === null ? null : q.serviceLevelPercent / 100)),
    ),
    gauge(
      'kefu_agents',
      'Logged-in agents by state.',
      Object.entries(s.center.agents).map(([state, value]) => ({ labels: { state }, value })),
    ),
    gauge(
      'kefu_router_tasks',
      'Open router tasks by state.',
      [...tasks].map(([state, value]) => ({ labels: { state }, value })),
    ),
    gauge('kefu_event_log_seq', 'Sequence number of the newest logged event.', [
      { labels: {}, value: await d.store.events.lastSeq() },
    ]),
  ];
}
