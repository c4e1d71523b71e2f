import { Table, Tooltip } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { percent } from './format.ts';
import { useTeams } from './queries.ts';
import { stateColor, type TeamLive } from './types.ts';

const shown = ['available', 'busy', 'away', 'wrapup'] as const;

/** Per team (workgroup): agents by state, waiting work in its queues, today's service level. */
export function TeamTable({ teams }: { teams: TeamLive[] }) {
  const { t } = useTranslation('supervisor');
  const names = useTeams();
  const name = useMemo(() => new Map((names.data ?? []).map((x) => [x.id, x.name])), [names.data]);
  return (
    <Table<TeamLive>
      size="small"
      rowKey="teamId"
      pagination={false}
      dataSource={teams}
      data-testid="team-table"
      scroll={{ y: 260 }}
      columns={[
        {
          title: t('team.name'),
          dataIndex: 'teamId',
          ellipsis: { showTitle: true },
          render: (id: string) => name.get(id) ?? id,
        },
        {
          title: <Tooltip title={t('team.agents')}>{t('agent.title')}</Tooltip>,
          key: 'agents',
          width: 96,
          render: (_: unknown, x) => (
            // Counts in the states' colours: available / busy / away / wrap-up.
            <Tooltip title={t('team.agents')}>
              {shown.map((s, i) => (
                <span key={s}>
                  {i > 0 && '/'}
                  <span style={{ color: stateColor[s], fontWeight: 600 }}>{x.agents[s]}</span>
                </span>
              ))}
            </Tooltip>
          ),
        },
        { title: t('queue.waiting'), dataIndex: 'waiting', width: 76, align: 'right' },
        {
          title: t('queue.serviceLevel'),
          dataIndex: 'serviceLevelPercent',
          width: 84,
          align: 'right',
          render: (v: number | null) => percent(v),
        },
      ]}
    />
  );
}
