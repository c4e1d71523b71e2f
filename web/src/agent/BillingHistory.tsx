import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Descriptions, Empty, Modal, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client.ts';
import type { BillingHistory as History } from '../api/types.ts';
import { formatShortTime } from '../shared/format.ts';

/**
 * The customer's bills of a month with their items, and recent payments and top-ups, read from
 * the operator's billing system when the agent asks (a customer querying a charge).
 */
export function BillingHistoryButton({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation('agent');
  const [open, setOpen] = useState(false);
  // Last month by default: the bill customers most often call about.
  const [month, setMonth] = useState<Dayjs>(() => dayjs().subtract(1, 'month'));
  const key = month.format('YYYY-MM');
  const history = useQuery({
    queryKey: ['customer-billing', customerId, key],
    queryFn: () => get<History>(`/api/customers/${customerId}/billing?month=${key}`),
    enabled: open,
  });
  const h = history.data;
  const title = (s: string) => (
    <Typography.Title level={5} style={{ marginTop: 12, fontSize: 13 }}>
      {s}
    </Typography.Title>
  );
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="billing-open">
        {t('billing.open')}
      </Button>
      <Modal
        open={open}
        title={t('billing.title')}
        onCancel={() => setOpen(false)}
        footer={null}
        width={640}
      >
        <DatePicker
          picker="month"
          value={month}
          allowClear={false}
          onChange={(d) => d && setMonth(d)}
          data-testid="billing-month"
        />
        {h && h.errors.length > 0 && (
          <Typography.Paragraph type="warning" style={{ marginTop: 8 }}>
            {t('account.unavailable')}
          </Typography.Paragraph>
        )}
        {title(t('billing.bill'))}
        {h?.bills?.length ? (
          h.bills.map((b) => (
            <div key={b.month} data-testid="billing-bill">
              <Descriptions
                size="small"
                column={2}
                items={[
                  {
                    key: 'total',
                    label: t('billing.total'),
                    children: (
                      <span data-testid="billing-total">
                        {b.total} {b.currency}
                      </span>
                    ),
                  },
                  {
                    key: 'paid',
                    label: t('billing.paid'),
                    children: b.paid ? (
                      <Tag color="green">{t('billing.paidYes')}</Tag>
                    ) : (
                      <Tag color="orange">{t('billing.paidNo')}</Tag>
                    ),
                  },
                ]}
              />
              <Table
                size="small"
                pagination={false}
                rowKey="description"
                dataSource={[...b.items]}
                columns={[
                  { title: t('billing.item'), dataIndex: 'description' },
                  { title: t('billing.amount'), dataIndex: 'amount', align: 'right' },
                ]}
              />
            </div>
          ))
        ) : (
          <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('billing.none')} />
        )}
        {title(t('billing.payments'))}
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={[...(h?.payments ?? [])]}
          columns={[
            {
              title: t('billing.at'),
              dataIndex: 'at',
              render: (v: string) => formatShortTime(v, i18n.language),
            },
            { title: t('billing.method'), dataIndex: 'method' },
            { title: t('billing.amount'), dataIndex: 'amount', align: 'right' },
          ]}
        />
        {title(t('billing.topUps'))}
        <Table
          size="small"
          pagination={false}
          rowKey="id"
          dataSource={[...(h?.topUps ?? [])]}
          columns={[
            {
              title: t('billing.at'),
              dataIndex: 'at',
              render: (v: string) => formatShortTime(v, i18n.language),
            },
            { title: t('billing.channel'), dataIndex: 'channel' },
            { title: t('billing.amount'), dataIndex: 'amount', align: 'right' },
          ]}
        />
      </Modal>
    </>
  );
}
