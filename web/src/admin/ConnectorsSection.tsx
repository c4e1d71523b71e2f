import { useQuery } from '@tanstack/react-query';
import { Alert, Card, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ConnectorStatusView } from '../../../src/contracts/connectors.ts';
import { get } from './problem-api.ts';

const breakerColor = { closed: 'green', half_open: 'orange', open: 'red' } as const;
const ms = (v: number | null) => (v === null ? '–' : `${Math.round(v)} ms`);

/**
 * The operator's systems (BOSS, billing, NMS) as kefu sees them: circuit breaker, calls,
 * failures and latency. Set when kefu starts (`--boss-url` …), so this page only reads
 * `GET /api/connectors/status`, refreshed every few seconds.
 */
export function ConnectorsSection() {
  const { t } = useTranslation('admin');
  const status = useQuery({
    queryKey: ['adm-connectors'],
    queryFn: () => get<ConnectorStatusView[]>('/api/connectors/status'),
    refetchInterval: 5000,
  });
  return (
    <Card size="small" title={t('menu.connectors')} data-testid="section-connectors">
      <Alert type="info" showIcon title={t('connectors.note')} style={{ marginBottom: 8 }} />
      <Table<ConnectorStatusView>
        size="small"
        rowKey="connector"
        pagination={false}
        loading={status.isLoading}
        dataSource={status.data}
        locale={{ emptyText: t('connectors.none') }}
        columns={[
          {
            title: t('connectors.system'),
            dataIndex: 'connector',
            render: (c: string) => t(`connectors.name_${c}`, { defaultValue: c }),
          },
          { title: t('connectors.url'), dataIndex: 'baseUrl' },
          {
            title: t('connectors.breaker'),
            dataIndex: 'breaker',
            render: (b: ConnectorStatusView['breaker']) => (
              <Tag color={breakerColor[b]} data-testid={`connector-breaker-${b}`}>
                {t(`connectors.breaker_${b}`)}
              </Tag>
            ),
          },
          { title: t('connectors.calls'), dataIndex: 'calls' },
          { title: t('connectors.failures'), dataIndex: 'failures' },
          { title: t('connectors.retries'), dataIndex: 'retries' },
          { title: 'p50', dataIndex: 'p50Ms', render: ms },
          { title: 'p95', dataIndex: 'p95Ms', render: ms },
        ]}
      />
    </Card>
  );
}
