import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from './EChart.tsx';
import type { QueueLive } from './types.ts';

/** Bars per queue: waiting now and abandoned today, to spot the queue in trouble. */
export function QueueChart({ queues }: { queues: QueueLive[] }) {
  const { t } = useTranslation('supervisor');
  const option = useMemo(() => {
    // Horizontal bars keep long queue names readable; the first queue on top.
    const rows = [...queues].reverse();
    return {
      // Redrawn every second: movement would only distract from the numbers.
      animation: false,
      tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
      legend: { top: 0, right: 0, itemWidth: 12, itemHeight: 8, textStyle: { fontSize: 11 } },
      grid: { left: 4, right: 12, top: 22, bottom: 0, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } },
      yAxis: {
        type: 'category',
        data: rows.map((q) => q.name),
        axisLabel: { width: 96, overflow: 'truncate', fontSize: 10 },
      },
      series: [
        {
          name: t('queue.waiting'),
          type: 'bar',
          data: rows.map((q) => q.waiting),
          itemStyle: { color: '#cf1322' },
          barMaxWidth: 10,
        },
        {
          name: t('queue.abandoned'),
          type: 'bar',
          data: rows.map((q) => q.abandoned),
          itemStyle: { color: '#faad14' },
          barMaxWidth: 10,
        },
      ],
    };
  }, [queues, t]);
  return <EChart option={option} height={168} testId="chart-queues" />;
}
