/**
 * Outbound campaigns (外呼活动): the list with live figures and start / pause / stop, the form
 * that creates and edits them, a drawer per campaign (statistics, list import, records) and the
 * do-not-call list. The open campaign is in the address (`?tab=campaigns&campaign=…`).
 */
import { PlusOutlined } from '@ant-design/icons';
import { useQueries } from '@tanstack/react-query';
import { App, Button, Card, Space, Table, Tag, Tooltip, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useEditor } from '../../admin/useEditor.ts';
import { readParam, writeParams } from '../address-param.ts';
import { patch, post } from '../http.ts';
import { useQueues } from '../queries.ts';
import { CampaignActions } from './CampaignActions.tsx';
import { CampaignDrawer } from './CampaignDrawer.tsx';
import { CampaignForm } from './CampaignForm.tsx';
import { percentText, type CampaignBody } from './campaign-form.ts';
import { campaignStateColor, isEditable } from './campaign-moves.ts';
import { campaignPath, statsQuery, useCampaignRefresh, useCampaigns } from './campaign-queries.ts';
import type { Campaign, CampaignStats } from './campaign-types.ts';
import { DncSection } from './DncSection.tsx';

export function CampaignsPanel() {
  const { t } = useTranslation('campaigns');
  const { message } = App.useApp();
  const campaigns = useCampaigns();
  const queues = useQueues();
  const refresh = useCampaignRefresh();
  const ed = useEditor<Campaign>();
  const [openId, setOpenId] = useState<string | null>(() => readParam('campaign'));
  const open = (id: string | null) => {
    writeParams({ campaign: id });
    setOpenId(id);
  };
  const list = useMemo(() => campaigns.data ?? [], [campaigns.data]);
  const stats = useQueries({
    queries: list.map((c) => ({
      ...statsQuery(c.id, false),
      refetchInterval: c.state === 'running' ? 10_000 : (false as const),
    })),
  });
  const statsOf = new Map<string, CampaignStats | undefined>(
    list.map((c, i) => [c.id, stats[i]?.data]),
  );
  const queueNames = useMemo(
    () => new Map((queues.data ?? []).map((q) => [q.id, q.name])),
    [queues.data],
  );
  const queueName = (id: string) => queueNames.get(id) ?? id;

  const save = async (body: CampaignBody) => {
    if (ed.row) {
      await patch(campaignPath(ed.row.id), body);
      void message.success(t('saved', { name: body.name }));
      await refresh(ed.row.id);
    } else {
      const created = await post<Campaign>('/api/campaigns', body);
      void message.success(t('created', { name: created.name }));
      await refresh(created.id);
      open(created.id);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }} size={12}>
      <Card
        size="small"
        title={t('title')}
        data-testid="section-campaigns"
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={ed.create}
            data-testid="campaign-create"
          >
            {t('new')}
          </Button>
        }
      >
        <Table<Campaign>
          size="small"
          rowKey="id"
          loading={campaigns.isLoading}
          dataSource={list}
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          data-testid="campaign-table"
          locale={{ emptyText: t('empty') }}
          columns={[
            {
              title: t('col.name'),
              dataIndex: 'name',
              render: (name: string, c) => (
                <Typography.Link onClick={() => open(c.id)} data-testid={`campaign-open-${c.id}`}>
                  {name}
                </Typography.Link>
              ),
            },
            {
              title: t('col.mode'),
              dataIndex: 'mode',
              width: 100,
              render: (m: Campaign['mode']) => t(`mode.${m}`),
            },
            {
              title: t('col.queue'),
              dataIndex: 'queueId',
              width: 140,
              render: (id: string) => queueName(id),
            },
            {
              title: t('col.state'),
              dataIndex: 'state',
              width: 90,
              render: (s: Campaign['state'], c) => (
                <Tag color={campaignStateColor[s]} data-testid={`campaign-state-${c.id}`}>
                  {t(`state.${s}`)}
                </Tag>
              ),
            },
            { title: t('col.callerId'), dataIndex: 'callerId', width: 150 },
            {
              title: t('col.progress'),
              key: 'progress',
              width: 120,
              render: (_: unknown, c) => {
                const s = statsOf.get(c.id);
                if (!s) return '—';
                const total = Object.values(s.records).reduce((n, x) => n + (x ?? 0), 0);
                return (
                  <Tooltip title={t('col.progressHelp', { total })}>
                    <span data-testid={`campaign-progress-${c.id}`}>
                      {s.records.pending ?? 0} / {s.records.done ?? 0}
                    </span>
                  </Tooltip>
                );
              },
            },
            {
              title: t('col.abandonRate'),
              key: 'abandon',
              width: 110,
              render: (_: unknown, c) => {
                const s = statsOf.get(c.id);
                if (!s) return '—';
                const over = s.abandonRate > c.maxAbandonRate;
                return (
                  <Typography.Text type={over ? 'danger' : undefined}>
                    {percentText(s.abandonRate)}
                  </Typography.Text>
                );
              },
            },
            {
              title: t('col.actions'),
              key: 'ops',
              width: 230,
              render: (_: unknown, c) => (
                <Space size={0}>
                  <CampaignActions campaign={c} />
                  <Button
                    size="small"
                    type="link"
                    disabled={!isEditable(c.state)}
                    onClick={() => ed.edit(c)}
                    data-testid={`campaign-edit-${c.id}`}
                  >
                    {t('action.edit')}
                  </Button>
                </Space>
              ),
            },
          ]}
        />
      </Card>
      <DncSection />
      <CampaignForm open={ed.open} campaign={ed.row} onClose={ed.close} onSubmit={save} />
      <CampaignDrawer
        key={openId ?? ''}
        campaign={list.find((c) => c.id === openId) ?? null}
        queueName={queueName}
        onClose={() => open(null)}
      />
    </Space>
  );
}
