import { useQuery } from '@tanstack/react-query';
import { App, Button, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeliveryViewT, WebhookViewT } from '../../../src/contracts/webhooks.ts';
import { useReportError } from '../shared/errors.ts';
import { get, post } from './problem-api.ts';

type Attempt = DeliveryViewT['attempts'][number];
const states = ['pending', 'delivering', 'retrying', 'delivered', 'dead'] as const;
const colors: Record<string, string> = {
  pending: 'default',
  delivering: 'processing',
  retrying: 'warning',
  delivered: 'success',
  dead: 'error',
};

/**
 * The delivery log of one subscription: newest first, filtered by state, each row expanding to
 * its attempts (status, duration, the start of the answer) and the body sent; replay sends the
 * same event again. It refreshes every two seconds while open, so a test shows up by itself.
 */
export function WebhookDeliveries(p: { hook: WebhookViewT | null; onClose(): void }) {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const reportError = useReportError();
  const [state, setState] = useState<string | undefined>(undefined);
  const [page, setPage] = useState(1);
  const pageSize = 10;
  const id = p.hook?.id;
  const log = useQuery({
    queryKey: ['adm-webhook-deliveries', id, state, page],
    enabled: Boolean(id),
    refetchInterval: 2000,
    queryFn: () =>
      get<{ items: DeliveryViewT[]; total: number }>(
        `/api/webhooks/${encodeURIComponent(id ?? '')}/deliveries?limit=${pageSize}&offset=${
          (page - 1) * pageSize
        }${state ? `&state=${state}` : ''}`,
      ),
  });
  const replay = async (d: DeliveryViewT) => {
    try {
      await post(`/api/webhook-deliveries/${encodeURIComponent(d.id)}/replay`);
      void message.success(t('webhook.replayed'));
      await log.refetch();
    } catch (e) {
      reportError(e);
    }
  };
  const time = (s: string) => new Date(s).toLocaleString();
  return (
    <Modal
      open={p.hook !== null}
      title={t('webhook.deliveriesOf', { name: p.hook?.name ?? '' })}
      onCancel={p.onClose}
      footer={null}
      width={980}
    >
      <Space style={{ marginBottom: 8 }}>
        <Select
          allowClear
          placeholder={t('webhook.allStates')}
          style={{ width: 160 }}
          value={state}
          onChange={(v?: string) => {
            setState(v);
            setPage(1);
          }}
          options={states.map((s) => ({ value: s, label: t(`webhook.state.${s}`) }))}
          data-testid="webhook-state-filter"
        />
      </Space>
      <Table<DeliveryViewT>
        size="small"
        rowKey="id"
        loading={log.isLoading}
        dataSource={log.data?.items}
        data-testid="webhook-deliveries"
        pagination={{
          current: page,
          pageSize,
          total: log.data?.total ?? 0,
          size: 'small',
          onChange: setPage,
          hideOnSinglePage: true,
        }}
        onRow={(d) => ({ 'data-testid': `delivery-${d.state}` }) as never}
        expandable={{
          expandedRowRender: (d) => <DeliveryDetail d={d} />,
        }}
        columns={[
          { title: t('webhook.created'), dataIndex: 'createdAt', render: time, width: 170 },
          {
            title: t('webhook.event'),
            dataIndex: 'eventType',
            render: (v: string, d) => (
              <Space size={4} wrap>
                <Typography.Text code>{v}</Typography.Text>
                {d.replayOf && <Tag color="blue">{t('webhook.replay')}</Tag>}
              </Space>
            ),
          },
          {
            title: t('webhook.eventId'),
            dataIndex: 'eventId',
            ellipsis: true,
            render: (v: string) => <Typography.Text type="secondary">{v}</Typography.Text>,
          },
          {
            title: t('webhook.stateTitle'),
            dataIndex: 'state',
            width: 110,
            render: (s: string) => <Tag color={colors[s]}>{t(`webhook.state.${s}`)}</Tag>,
          },
          {
            title: t('webhook.lastStatus'),
            key: 'last',
            width: 130,
            render: (_: unknown, d) => {
              const a = d.attempts.at(-1);
              if (!a) return '–';
              return `${a.statusCode ?? t('webhook.noAnswer')} · ${a.durationMs} ms`;
            },
          },
          {
            title: t('webhook.attempts'),
            key: 'n',
            width: 70,
            render: (_, d) => d.attempts.length,
          },
          {
            title: t('actions'),
            key: 'actions',
            width: 90,
            render: (_: unknown, d) => (
              <Button
                size="small"
                type="link"
                onClick={() => void replay(d)}
                data-testid={`delivery-replay-${d.id}`}
              >
                {t('webhook.replay')}
              </Button>
            ),
          },
        ]}
      />
    </Modal>
  );
}

function DeliveryDetail({ d }: { d: DeliveryViewT }) {
  const { t } = useTranslation('admin');
  return (
    <div>
      <Table<Attempt>
        size="small"
        rowKey="at"
        pagination={false}
        dataSource={d.attempts}
        columns={[
          {
            title: t('webhook.attemptAt'),
            dataIndex: 'at',
            render: (s: string) => new Date(s).toLocaleString(),
          },
          {
            title: t('webhook.status'),
            dataIndex: 'statusCode',
            render: (v: number | null) => v ?? t('webhook.noAnswer'),
          },
          {
            title: t('webhook.duration'),
            dataIndex: 'durationMs',
            render: (v: number) => `${v} ms`,
          },
          {
            title: t('webhook.response'),
            key: 'r',
            ellipsis: true,
            render: (_: unknown, a) => a.error ?? a.response ?? '',
          },
        ]}
      />
      {d.nextAttemptAt && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('webhook.nextAttempt', { at: new Date(d.nextAttemptAt).toLocaleString() })}
        </Typography.Paragraph>
      )}
      <Typography.Paragraph style={{ marginTop: 8 }}>
        <Typography.Text code style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
          {d.body}
        </Typography.Text>
      </Typography.Paragraph>
    </div>
  );
}
