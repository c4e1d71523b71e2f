import { useQuery } from '@tanstack/react-query';
import { Segmented, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import { get } from '../api/client.ts';
import type { SurveyReportRowView } from '../../../src/contracts/reports.ts';

type Row = z.infer<typeof SurveyReportRowView>;
type Group = 'channel' | 'agent' | 'queue';

const days = { today: 0, week: 6, month: 29 } as const;

/** Satisfaction survey results (IVR, SMS, web) by channel, agent or queue, over recent days. */
export function SurveyReport({ agentName }: { agentName: (id: string) => string }) {
  const { t } = useTranslation('quality');
  const [groupBy, setGroupBy] = useState<Group>('channel');
  const [period, setPeriod] = useState<keyof typeof days>('week');
  const report = useQuery({
    queryKey: ['qa-surveys', groupBy, period],
    queryFn: () => {
      const from = new Date();
      from.setHours(0, 0, 0, 0);
      from.setDate(from.getDate() - days[period]);
      const to = new Date(Date.now() + 60_000);
      const q = `from=${from.toISOString()}&to=${to.toISOString()}&groupBy=${groupBy}`;
      return get<{ items: Row[] }>(`/api/reports/surveys?${q}`);
    },
  });
  const queues = useQuery({
    queryKey: ['qa-queues'],
    queryFn: () => get<{ id: string; name: string }[]>('/api/queues'),
    enabled: groupBy === 'queue',
    staleTime: 60_000,
  });
  const name = (g: string) =>
    g === ''
      ? t('survey.none')
      : groupBy === 'channel'
        ? t(`survey.channel.${g}`)
        : groupBy === 'agent'
          ? agentName(g)
          : (queues.data?.find((q) => q.id === g)?.name ?? g);
  const pct = (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space>
        <Segmented
          value={groupBy}
          onChange={(v) => setGroupBy(v as Group)}
          data-testid="survey-group"
          options={(['channel', 'agent', 'queue'] as const).map((g) => ({
            value: g,
            label: t(`survey.by.${g}`),
          }))}
        />
        <Segmented
          value={period}
          onChange={(v) => setPeriod(v as keyof typeof days)}
          options={(['today', 'week', 'month'] as const).map((p) => ({
            value: p,
            label: t(`survey.period.${p}`),
          }))}
        />
      </Space>
      <Table<Row>
        size="small"
        rowKey="group"
        loading={report.isLoading}
        dataSource={report.data?.items ?? []}
        pagination={false}
        onRow={(r) => ({ 'data-testid': `survey-row-${r.group || 'none'}` }) as never}
        columns={[
          { title: t(`survey.by.${groupBy}`), dataIndex: 'group', render: name },
          { title: t('survey.count'), dataIndex: 'count' },
          {
            title: t('survey.average'),
            dataIndex: 'average',
            render: (v: number | null) => (v === null ? '—' : v.toFixed(2)),
          },
          { title: t('survey.csat'), dataIndex: 'csat', render: pct },
        ]}
      />
    </Space>
  );
}
