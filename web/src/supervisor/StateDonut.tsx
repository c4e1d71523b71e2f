import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { EChart } from './EChart.tsx';
import { liveStates, stateColor, type ByState } from './types.ts';

/** The logged-in agents by state, as a donut. */
export function StateDonut({ agents }: { agents: ByState }) {
  const { t } = useTranslation();
  const option = useMemo(() => {
    const counts = new Map(liveStates.map((s) => [t(`state.${s}`), agents[s]]));
    return {
      // Redrawn every second: movement would only distract from the numbers.
      animation: false,
      tooltip: { trigger: 'item', formatter: '{b}: {c} ({d}%)' },
      legend: {
        orient: 'vertical',
        right: 0,
        top: 'middle',
        itemWidth: 12,
        itemHeight: 8,
        textStyle: { fontSize: 11 },
        formatter: (name: string) => `${name}  ${counts.get(name) ?? 0}`,
      },
      series: [
        {
          type: 'pie',
          radius: ['48%', '85%'],
          center: ['30%', '50%'],
          avoidLabelOverlap: true,
          label: { show: false },
          data: liveStates
            .filter((s) => s !== 'offline')
            .map((s) => ({
              name: t(`state.${s}`),
              value: agents[s],
              itemStyle: { color: stateColor[s] },
            })),
        },
      ],
    };
  }, [agents, t]);
  return <EChart option={option} height={130} testId="chart-states" />;
}
