import { Table, Tag, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { AgentActions } from './AgentActions.tsx';
import { formatDuration } from './format.ts';
import { useAgents, useReasonCodes, useTeams } from './queries.ts';
import { stateColor, type AgentLive } from './types.ts';

/**
 * Every logged-in agent: state with reason, time in state, tasks, today's answered contacts and
 * average handling time, and the supervisor's actions.
 */
export function AgentTable({ agents }: { agents: AgentLive[] }) {
  const { t } = useTranslation('supervisor');
  const { t: tc, i18n } = useTranslation();
  const overview = useAgents();
  const teams = useTeams();
  const reasons = useReasonCodes();
  const byId = useMemo(
    () => new Map((overview.data ?? []).map((a) => [a.agentId, a])),
    [overview.data],
  );
  const teamName = useMemo(
    () => new Map((teams.data ?? []).map((x) => [x.id, x.name])),
    [teams.data],
  );
  const reasonLabel = (code: string) => {
    const r = reasons.data?.find((x) => x.code === code);
    return r ? (i18n.language === 'zh-CN' ? r.labelZh : r.label) : code;
  };
  // Agents asking for rest first, then by name, so nobody waits for an answer unseen.
  const rows = [...agents].sort(
    (a, b) =>
      Number(Boolean(byId.get(b.agentId)?.pendingAway)) -
        Number(Boolean(byId.get(a.agentId)?.pendingAway)) || a.name.localeCompare(b.name),
  );
  return (
    <Table<AgentLive>
      size="small"
      rowKey="agentId"
      pagination={false}
      dataSource={rows}
      data-testid="agent-table"
      locale={{ emptyText: t('agent.none') }}
      scroll={{ y: 260 }}
      columns={[
        { title: t('agent.name'), dataIndex: 'name', ellipsis: true },
        {
          title: t('agent.state'),
          dataIndex: 'state',
          width: 190,
          render: (_: unknown, a) => {
            const pending = byId.get(a.agentId)?.pendingAway;
            return (
              <span data-testid={`agent-state-${a.agentId}`}>
                <Tag color={stateColor[a.state]}>{tc(`state.${a.state}`)}</Tag>
                {a.reason && (
                  <Typography.Text type="secondary">{reasonLabel(a.reason)}</Typography.Text>
                )}
                {pending && (
                  <Tag color="orange">
                    {t('agent.pending', { reason: reasonLabel(pending.reason) })}
                  </Tag>
                )}
              </span>
            );
          },
        },
        {
          title: t('agent.time'),
          dataIndex: 'secondsInState',
          width: 100,
          align: 'right',
          render: (v: number) => formatDuration(t, v),
        },
        { title: t('agent.tasks'), dataIndex: 'tasks', width: 56, align: 'right' },
        {
          title: t('agent.answered'),
          dataIndex: 'answered',
          width: 64,
          align: 'right',
          render: (v: number, a) => <span data-testid={`agent-answered-${a.agentId}`}>{v}</span>,
        },
        {
          title: t('agent.aht'),
          dataIndex: 'averageHandleSeconds',
          width: 80,
          align: 'right',
          render: (v: number | null) => (v === null ? '—' : formatDuration(t, Math.round(v))),
        },
        {
          title: t('agent.teams'),
          dataIndex: 'teamIds',
          ellipsis: true,
          render: (ids: string[]) => ids.map((id) => teamName.get(id) ?? id).join(', '),
        },
        {
          title: t('agent.actions'),
          key: 'actions',
          width: 190,
          render: (_: unknown, a) => <AgentActions agent={a} overview={byId.get(a.agentId)} />,
        },
      ]}
    />
  );
}
