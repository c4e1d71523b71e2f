import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { get } from './problem-api.ts';

interface ChannelStatus {
  channel: string;
  configured: boolean;
  address: string | null;
}

/**
 * The text channels and whether replies can be sent on each. Channels are configured when kefu
 * starts, not through the API, so this page only reads `GET /api/channels`.
 */
export function ChannelsSection() {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const channels = useQuery({
    queryKey: ['adm-channels'],
    queryFn: () => get<ChannelStatus[]>('/api/channels'),
  });
  return (
    <Card size="small" title={t('menu.channels')} data-testid="section-channels">
      <Alert type="info" showIcon title={t('channels.note')} style={{ marginBottom: 8 }} />
      <Table<ChannelStatus>
        size="small"
        rowKey="channel"
        pagination={false}
        loading={channels.isLoading}
        dataSource={channels.data}
        columns={[
          {
            title: t('channels.channel'),
            dataIndex: 'channel',
            render: (c: string) => tc(`channel.${c}`),
          },
          {
            title: t('channels.configured'),
            dataIndex: 'configured',
            render: (v: boolean, c) =>
              // Web forms only come in: there is nothing to send on them.
              c.channel === 'webform' ? (
                <Tag color="blue">{t('channels.inboundOnly')}</Tag>
              ) : v ? (
                <Tag color="green">{t('channels.on')}</Tag>
              ) : (
                <Tag>{t('channels.off')}</Tag>
              ),
          },
          {
            title: t('channels.address'),
            dataIndex: 'address',
            render: (a: string | null) => a ?? '–',
          },
        ]}
      />
    </Card>
  );
}
