import { useQuery } from '@tanstack/react-query';
import { Button, Card, Flex, Segmented, Select, Space, Table, Tag } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HTMLAttributes } from 'react';
import { get } from './http.ts';
import { ReassignDialog } from './ReassignDialog.tsx';
import { SlaCell } from './SlaCell.tsx';
import { UrgeDialog } from './UrgeDialog.tsx';
import { useStaff, useTeams } from './queries.ts';
import type { SupervisedCase } from './types.ts';

type Filter = 'all' | 'overdue' | 'at_risk';

/**
 * Case supervision (督办): open cases whose stage or whole-case SLA is overdue or about to be,
 * most urgent first, with urge and reassign. Case events on the stream refresh the list.
 */
export function CaseSupervision() {
  const { t } = useTranslation('supervisor');
  const { t: tc } = useTranslation();
  const [filter, setFilter] = useState<Filter>('all');
  const [team, setTeam] = useState<string | undefined>(undefined);
  const [urging, setUrging] = useState<SupervisedCase | null>(null);
  const [reassigning, setReassigning] = useState<SupervisedCase | null>(null);
  const teams = useTeams();
  const staff = useStaff();
  const list = useQuery({
    queryKey: ['sup-cases', team ?? ''],
    queryFn: () =>
      get<{ items: SupervisedCase[]; total: number }>(
        `/api/case-supervision?limit=500${team ? `&team=${encodeURIComponent(team)}` : ''}`,
      ),
    // SLA clocks move with time, not only with events.
    refetchInterval: 30_000,
  });
  const userName = useMemo(
    () => new Map((staff.data ?? []).map((u) => [u.id, u.displayName])),
    [staff.data],
  );
  const teamName = useMemo(
    () => new Map((teams.data ?? []).map((x) => [x.id, x.name])),
    [teams.data],
  );
  const items = list.data?.items ?? [];
  const rows = filter === 'all' ? items : items.filter((r) => r.risk === filter);
  const count = (f: Filter) =>
    f === 'all' ? items.length : items.filter((r) => r.risk === f).length;
  return (
    <Card
      size="small"
      title={t('case.title')}
      extra={
        <Space>
          <Select
            allowClear
            size="small"
            style={{ width: 200 }}
            placeholder={t('case.allTeams')}
            value={team}
            onChange={setTeam}
            options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
          />
          <Segmented<Filter>
            size="small"
            value={filter}
            onChange={setFilter}
            data-testid="case-filter"
            options={(['all', 'overdue', 'at_risk'] as const).map((f) => ({
              value: f,
              label: `${t(`case.filter.${f}`)} (${count(f)})`,
            }))}
          />
        </Space>
      }
    >
      <Table<SupervisedCase>
        size="small"
        rowKey={(r) => r.case.id}
        dataSource={rows}
        loading={list.isLoading}
        data-testid="case-table"
        locale={{ emptyText: t('case.none') }}
        pagination={{ pageSize: 20, size: 'small', hideOnSinglePage: true }}
        scroll={{ y: 480 }}
        onRow={(r) =>
          ({ 'data-testid': `case-row-${r.case.number}` }) as HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: t('case.number'),
            key: 'number',
            width: 160,
            render: (_: unknown, r) => r.case.number,
          },
          {
            title: t('case.subject'),
            key: 'title',
            ellipsis: true,
            render: (_: unknown, r) => r.case.title,
          },
          {
            title: t('case.type'),
            key: 'type',
            width: 110,
            render: (_: unknown, r) => tc(`caseType.${r.case.type}`, { defaultValue: r.case.type }),
          },
          {
            title: t('case.stage'),
            key: 'stage',
            width: 96,
            render: (_: unknown, r) => tc(`stage.${r.case.stage}`),
          },
          {
            title: t('case.assignee'),
            key: 'assignee',
            width: 140,
            ellipsis: true,
            render: (_: unknown, r) =>
              r.case.assigneeId
                ? (userName.get(r.case.assigneeId) ?? r.case.assigneeId)
                : r.case.teamId
                  ? (teamName.get(r.case.teamId) ?? '')
                  : '–',
          },
          {
            title: t('case.stageDue'),
            key: 'stageDue',
            width: 130,
            render: (_: unknown, r) => <SlaCell reading={r.sla.stage} />,
          },
          {
            title: t('case.totalDue'),
            key: 'totalDue',
            width: 130,
            render: (_: unknown, r) => <SlaCell reading={r.sla.total} />,
          },
          {
            title: t('case.urged'),
            key: 'urged',
            width: 60,
            align: 'right',
            render: (_: unknown, r) => (
              <span data-testid={`urge-count-${r.case.number}`}>{r.case.urgeCount}</span>
            ),
          },
          {
            title: t('case.risk'),
            key: 'risk',
            width: 80,
            render: (_: unknown, r) => (
              <Tag color={r.risk === 'overdue' ? 'red' : 'orange'}>{t(`case.risk.${r.risk}`)}</Tag>
            ),
          },
          {
            title: t('case.actions'),
            key: 'actions',
            width: 140,
            render: (_: unknown, r) => (
              <Flex gap={4}>
                <Button
                  size="small"
                  type="primary"
                  data-testid={`urge-${r.case.number}`}
                  onClick={() => setUrging(r)}
                >
                  {t('case.urge')}
                </Button>
                <Button
                  size="small"
                  data-testid={`reassign-${r.case.number}`}
                  onClick={() => setReassigning(r)}
                >
                  {t('case.reassign')}
                </Button>
              </Flex>
            ),
          },
        ]}
      />
      <UrgeDialog row={urging} onClose={() => setUrging(null)} />
      <ReassignDialog row={reassigning} onClose={() => setReassigning(null)} />
    </Card>
  );
}
