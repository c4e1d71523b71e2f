/**
 * ECharts in React: one chart per element, option changes merged in place (so live updates
 * animate instead of redrawing), resized with its box. Only the chart types and components the
 * web app uses are registered, to keep the bundle small.
 */
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import {
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
} from 'echarts/components';
import { init, use, type ECharts, type EChartsCoreOption } from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import { useEffect, useRef } from 'react';

use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  CanvasRenderer,
]);

export interface EChartProps {
  option: EChartsCoreOption;
  height: number;
  testId?: string;
  /** Replace the whole option instead of merging (when series come and go). */
  replace?: boolean;
}

export function EChart({ option, height, testId, replace = false }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ECharts | null>(null);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const c = init(el);
    chart.current = c;
    const resize = new ResizeObserver(() => c.resize());
    resize.observe(el);
    return () => {
      resize.disconnect();
      c.dispose();
      chart.current = null;
    };
  }, []);
  useEffect(() => {
    chart.current?.setOption(option, { notMerge: replace, lazyUpdate: true });
  }, [option, replace]);
  return <div ref={box} style={{ width: '100%', height }} data-testid={testId} />;
}
