/**
 * Historical reports (历史报表): the interval tables by queue, agent, team or channel, per
 * 15 minutes or day, as a chart over time and a table, with a streamed CSV export.
 */
import { useQuery } from '@tanstack/react-query';
import {
  Button,
  DatePicker,
  Progress,
  Segmented,
  Select,
  Space,
  Table,
  Typography,
  Flex,
} from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../http.ts';
import { EChart } from '../EChart.tsx';
import { ratioText } from './ratio.ts';
import { downloadCsv } from './csv-download.ts';
import { rangeQuery, useRange } from './use-range.ts';

interface Row {
  period: string;
  key: string;
  offered: number;
  answered: number;
  abandoned: number;
  serviceLevel: number | null;
  abandonRate: number | null;
  asaMs: number | null;
  ahtMs: number | null;
  answeredWithin: number;
}

const dimensions = ['queue', 'agent', 'team', 'channel'] as const;
const secs = (ms: number | null) => (ms === null ? '—' : (ms / 1000).toFixed(1));

export function ReportsPanel() {
  const { t } = useTranslation('reports');
  const [range, setRange] = useRange();
  const [dimension, setDimension] = useState<(typeof dimensions)[number]>('queue');
  const [granularity, setGranularity] = useState<'15m' | 'day'>('day');
  const [progress, setProgress] = useState<{ done: number; total: number | null } | null>(null);
  const query = `dimension=${dimension}&granularity=${granularity}&${rangeQuery(range)}`;
  const rows = useQuery({
    queryKey: ['report-intervals', query],
    queryFn: () => get<{ items: Row[] }>(`/api/reports/intervals?${query}`),
  });
  const items = useMemo(() => rows.data?.items ?? [], [rows.data]);

  const option = useMemo(() => {
    // The chart sums the keys of each period; the table keeps them apart.
    const by = new Map<string, { o: number; a: number; ab: number; w: number }>();
    for (const r of items) {
      const s = by.get(r.period) ?? { o: 0, a: 0, ab: 0, w: 0 };
      s.o += r.offered;
      s.a += r.answered;
      s.ab += r.abandoned;
      s.w += r.answeredWithin;
      by.set(r.period, s);
    }
    const periods = [...by.keys()].sort();
    const label = (p: string) => (granularity === 'day' ? p : p.slice(5, 16).replace('T', ' '));
    const sl = periods.map((p) => {
      const s = by.get(p)!;
      return s.a + s.ab > 0 ? Math.round((1000 * s.w) / (s.a + s.ab)) / 10 : null;
    });
    return {
      tooltip: { trigger: 'axis' },
      legend: { top: 0 },
      grid: { left: 8, right: 8, top: 30, bottom: 0, containLabel: true },
      xAxis: { type: 'category', data: periods.map(label) },
      yAxis: [
        { type: 'value', minInterval: 1 },
        { type: 'value', min: 0, max: 100, axisLabel: { formatter: '{value}%' } },
      ],
      series: [
        { name: t('offered'), type: 'bar', data: periods.map((p) => by.get(p)!.o) },
        { name: t('answered'), type: 'bar', data: periods.map((p) => by.get(p)!.a) },
        { name: t('abandoned'), type: 'bar', data: periods.map((p) => by.get(p)!.ab) },
        { name: t('serviceLevel'), type: 'line', yAxisIndex: 1, data: sl, connectNulls: true },
      ],
    };
  }, [items, granularity, t]);

  const exportCsv = async () => {
    setProgress({ done: 0, total: null });
    try {
      const n = await downloadCsv(
        `/api/reports/intervals?${query}&format=csv`,
        `kefu-${dimension}.csv`,
        (done, total) => setProgress({ done, total }),
      );
      setProgress({ done: n, total: n });
    } catch {
      setProgress(null);
    }
  };

  return (
    <Flex vertical gap={8} data-testid="reports-panel">
      <Space wrap>
        <DatePicker.RangePicker
          value={range}
          allowClear={false}
          onChange={(v) => setRange(v && v[0] && v[1] ? [v[0], v[1]] : null)}
          data-testid="report-range"
        />
        <Select
          value={dimension}
          onChange={setDimension}
          style={{ width: 120 }}
          options={dimensions.map((d) => ({ value: d, label: t(`dimension.${d}`) }))}
          data-testid="report-dimension"
        />
        <Segmented
          value={granularity}
          onChange={(v) => setGranularity(v as '15m' | 'day')}
          options={[
            { value: 'day', label: t('granularity.day') },
            { value: '15m', label: t('granularity.15m') },
          ]}
        />
        <Button onClick={() => void exportCsv()} data-testid="report-export">
          {t('exportCsv')}
        </Button>
        {progress && (
          <Space data-testid="export-progress">
            <Progress
              style={{ width: 160 }}
              size="small"
              percent={
                progress.total ? Math.round((100 * progress.done) / Math.max(1, progress.total)) : 0
              }
            />
            {progress.total === progress.done && (
              <Typography.Text type="secondary" data-testid="export-done">
                {t('exported', { rows: progress.done })}
              </Typography.Text>
            )}
          </Space>
        )}
      </Space>
      <Typography.Text strong>{t('chartTitle')}</Typography.Text>
      <EChart option={option} height={260} testId="chart-history" replace />
      <Table<Row>
        size="small"
        rowKey={(r) => `${r.period}|${r.key}`}
        loading={rows.isLoading}
        dataSource={items}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        data-testid="report-table"
        columns={[
          { title: t('periodCol'), dataIndex: 'period' },
          { title: t('key'), dataIndex: 'key' },
          { title: t('offered'), dataIndex: 'offered', align: 'right' },
          { title: t('answered'), dataIndex: 'answered', align: 'right' },
          { title: t('abandoned'), dataIndex: 'abandoned', align: 'right' },
          {
            title: t('serviceLevel'),
            dataIndex: 'serviceLevel',
            align: 'right',
            render: ratioText,
          },
          {
            title: t('abandonRate'),
            dataIndex: 'abandonRate',
            align: 'right',
            render: ratioText,
          },
          { title: t('asa'), dataIndex: 'asaMs', align: 'right', render: secs },
          { title: t('aht'), dataIndex: 'ahtMs', align: 'right', render: secs },
        ]}
      />
    </Flex>
  );
}
