import { Table, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDuration, percent, seconds } from './format.ts';
import type { QueueLive } from './types.ts';

/** Per queue: who waits and for how long, and today's service figures. */
export function QueueTable({ queues }: { queues: QueueLive[] }) {
  const { t } = useTranslation('supervisor');
  return (
    <Table<QueueLive>
      size="small"
      rowKey="queueId"
      pagination={false}
      dataSource={queues}
      data-testid="queue-table"
      columns={[
        { title: t('queue.name'), dataIndex: 'name', ellipsis: true },
        {
          title: t('queue.waiting'),
          dataIndex: 'waiting',
          width: 72,
          align: 'right',
          render: (v: number, q) => (
            <span data-testid={`queue-waiting-${q.queueId}`}>
              {v > 0 ? <Tag color="red">{v}</Tag> : v}
            </span>
          ),
        },
        {
          title: t('queue.longest'),
          dataIndex: 'longestWaitSeconds',
          width: 100,
          align: 'right',
          render: (v: number, q) => (q.waiting > 0 ? formatDuration(t, v) : '–'),
        },
        {
          title: t('queue.serviceLevel'),
          dataIndex: 'serviceLevelPercent',
          width: 100,
          align: 'right',
          render: (v: number | null, q) => (
            <Tooltip title={t('queue.slTarget', { seconds: q.serviceLevelSeconds })}>
              {percent(v)}
            </Tooltip>
          ),
        },
        {
          title: t('queue.asa'),
          dataIndex: 'averageSpeedOfAnswerSeconds',
          width: 72,
          align: 'right',
          render: (v: number | null) => seconds(v),
        },
        {
          title: t('queue.answered'),
          dataIndex: 'answered',
          width: 110,
          align: 'right',
          render: (v: number, q) => `${v}/${q.offered}`,
        },
        { title: t('queue.abandoned'), dataIndex: 'abandoned', width: 100, align: 'right' },
        {
          title: t('queue.agents'),
          key: 'agents',
          width: 116,
          align: 'right',
          render: (_: unknown, q) =>
            `${q.agents.available}/${q.agents.available + q.agents.busy + q.agents.away + q.agents.wrapup}`,
        },
      ]}
    />
  );
}
