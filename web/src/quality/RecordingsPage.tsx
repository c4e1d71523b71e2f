/**
 * Call recordings for quality review (质检录音): search, a table of calls, and a player with the
 * waveform for the one picked. Supervisors and admins open it; the API decides what they see.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client.ts';
import type { Page, Queue } from '../api/types.ts';
import { useFormat } from '../shared/format.ts';
import type { UserRow } from '../supervisor/types.ts';
import './recording-texts.ts';
import { RecordingFilters } from './RecordingFilters.tsx';
import { RecordingPlayer } from './RecordingPlayer.tsx';
import { RetentionCard } from './RetentionCard.tsx';
import { useSession } from '../shell/session.tsx';
import type { Recording, RecordingSearch } from './recording-types.ts';

const pageSize = 20;

const clock = (ms: number | null) => {
  if (ms === null) return '';
  const s = Math.round(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
};

export default function RecordingsPage() {
  const { t } = useTranslation('recordings');
  const fmt = useFormat();
  const { user } = useSession();
  const [search, setSearch] = useState<RecordingSearch>({});
  const [page, setPage] = useState(1);
  const [playing, setPlaying] = useState<Recording | null>(null);
  const users = useQuery({
    queryKey: ['rec-users'],
    queryFn: () => get<Page<UserRow>>('/api/users?limit=500'),
    staleTime: 60_000,
  });
  const queues = useQuery({
    queryKey: ['rec-queues'],
    queryFn: () => get<Queue[]>('/api/queues'),
    staleTime: 60_000,
  });
  const list = useQuery({
    queryKey: ['recordings', search, page],
    queryFn: () => {
      const q = new URLSearchParams({
        ...search,
        limit: String(pageSize),
        offset: String((page - 1) * pageSize),
      } as Record<string, string>);
      return get<Page<Recording>>(`/api/recordings?${q}`);
    },
  });
  const userName = new Map((users.data?.items ?? []).map((u) => [u.id, u.displayName]));
  const queueName = new Map((queues.data ?? []).map((q) => [q.id, q.name]));
  const agents = (users.data?.items ?? [])
    .filter((u) => u.role === 'agent' || u.role === 'supervisor')
    .map((u) => ({ value: u.id, label: u.displayName }));
  return (
    <Space orientation="vertical" style={{ width: '100%' }} size="middle">
      <Card size="small" title={t('title')}>
        <RecordingFilters
          agents={agents}
          queues={[...queueName].map(([value, label]) => ({ value, label }))}
          onSearch={(s) => {
            setSearch(s);
            setPage(1);
          }}
        />
      </Card>
      {user?.role === 'admin' && <RetentionCard />}
      {playing && <RecordingPlayer key={playing.contactId} recording={playing} />}
      <Table<Recording>
        size="small"
        rowKey="contactId"
        data-testid="rec-table"
        loading={list.isPending}
        dataSource={list.data?.items ?? []}
        locale={{ emptyText: t('empty') }}
        onRow={(r) => ({ 'data-testid': `rec-row-${r.contactId}` }) as never}
        rowClassName={(r) => (r.contactId === playing?.contactId ? 'ant-table-row-selected' : '')}
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showTotal: (total) => t('total', { total }),
        }}
        columns={[
          {
            title: t('col.started'),
            dataIndex: 'startedAt',
            render: (v: string) => fmt.dateTime(v),
          },
          {
            title: t('col.duration'),
            dataIndex: 'durationMs',
            render: (v: number | null) => (v === null ? <Tag>{t('inProgress')}</Tag> : clock(v)),
          },
          {
            title: t('col.agent'),
            dataIndex: 'agentId',
            render: (v: string | null) => (v ? (userName.get(v) ?? v) : ''),
          },
          {
            title: t('col.customer'),
            render: (_: unknown, r) => (r.direction === 'outbound' ? r.to : r.from),
          },
          {
            title: t('col.queue'),
            dataIndex: 'queueId',
            render: (v: string | null) => (v ? (queueName.get(v) ?? v) : ''),
          },
          {
            title: t('col.case'),
            dataIndex: 'caseIds',
            render: (v: string[]) => v.map((id) => id.slice(0, 8)).join(', '),
          },
          {
            title: t('col.paused'),
            dataIndex: 'pauses',
            render: (v: Recording['pauses']) =>
              v.length > 0 ? (
                <Tag color="default">{t('pausedCount', { count: v.length })}</Tag>
              ) : (
                ''
              ),
          },
          {
            title: t('col.size'),
            dataIndex: 'sizeBytes',
            render: (v: number | null) =>
              v === null ? '' : fmt.number(v / 1024, { maximumFractionDigits: 0 }) + ' KB',
          },
          {
            title: t('col.actions'),
            render: (_: unknown, r) => (
              <Button
                size="small"
                disabled={r.endedAt === null}
                onClick={() => setPlaying(r)}
                data-testid={`rec-play-${r.contactId}`}
              >
                {t('play')}
              </Button>
            ),
          },
        ]}
      />
    </Space>
  );
}
