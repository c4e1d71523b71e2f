import { Descriptions, Divider, Drawer, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CampaignActions } from './CampaignActions.tsx';
import { CampaignRecords } from './CampaignRecords.tsx';
import { CampaignStatsPanel } from './CampaignStatsPanel.tsx';
import { percentText } from './campaign-form.ts';
import { campaignStateColor, isEditable } from './campaign-moves.ts';
import { useCampaignStats } from './campaign-queries.ts';
import type { Campaign, RecordState } from './campaign-types.ts';
import { ListImport } from './ListImport.tsx';

/**
 * One campaign: its settings at a glance, start / pause / stop, live statistics (every 3 s while
 * it runs), the list import with its report, and the records by state.
 */
export function CampaignDrawer(p: {
  campaign: Campaign | null;
  queueName(id: string): string;
  onClose(): void;
}) {
  const { t } = useTranslation('campaigns');
  const c = p.campaign;
  const live = c?.state === 'running';
  const stats = useCampaignStats(c?.id ?? '', live);
  const [state, setState] = useState<RecordState | undefined>(undefined);
  return (
    <Drawer
      open={c !== null}
      onClose={p.onClose}
      size={1000}
      title={
        c && (
          <Space>
            <span data-testid="campaign-drawer-title">{c.name}</span>
            <Tag color={campaignStateColor[c.state]} data-testid="campaign-drawer-state">
              {t(`state.${c.state}`)}
            </Tag>
            {live && (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('live')}
              </Typography.Text>
            )}
          </Space>
        )
      }
      extra={c && <CampaignActions campaign={c} testId="drawer" />}
      destroyOnHidden
      data-testid="campaign-drawer"
    >
      {c && (
        <>
          <Descriptions size="small" column={3} style={{ marginBottom: 12 }}>
            <Descriptions.Item label={t('col.mode')}>{t(`mode.${c.mode}`)}</Descriptions.Item>
            <Descriptions.Item label={t('col.queue')}>{p.queueName(c.queueId)}</Descriptions.Item>
            <Descriptions.Item label={t('col.callerId')}>{c.callerId}</Descriptions.Item>
            <Descriptions.Item label={t('form.timeZone')}>{c.timeZone}</Descriptions.Item>
            <Descriptions.Item label={t('form.maxAbandonRate')}>
              {percentText(c.maxAbandonRate)}
            </Descriptions.Item>
            <Descriptions.Item label={t('form.holidays')}>
              {c.holidays.length === 0 ? '—' : c.holidays.join(', ')}
            </Descriptions.Item>
          </Descriptions>
          <CampaignStatsPanel campaign={c} stats={stats.data} onPickState={setState} />
          <Divider titlePlacement="start">{t('import.title')}</Divider>
          <ListImport campaignId={c.id} disabled={!isEditable(c.state)} />
          <Divider titlePlacement="start">{t('records.title')}</Divider>
          <CampaignRecords
            campaignId={c.id}
            campaignName={c.name}
            state={state}
            onState={setState}
            live={live}
          />
        </>
      )}
    </Drawer>
  );
}
