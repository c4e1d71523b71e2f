import { useQuery } from '@tanstack/react-query';
import { Card, Input, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../shared/format.ts';
import { get } from './problem-api.ts';
import type { AuditEntry, Page } from './types.ts';

const pageSize = 12;

/** The audit trail of logins and administrative changes, newest first, paged on the server. */
export function AuditSection() {
  const { t, i18n } = useTranslation('admin');
  const [page, setPage] = useState(1);
  const [action, setAction] = useState('');
  const audit = useQuery({
    queryKey: ['adm-audit', page, action],
    queryFn: () =>
      get<Page<AuditEntry>>(
        `/api/audit?limit=${pageSize}&offset=${(page - 1) * pageSize}${action ? `&action=${encodeURIComponent(action)}` : ''}`,
      ),
    placeholderData: (previous) => previous,
  });
  return (
    <Card
      size="small"
      title={t('menu.audit')}
      data-testid="section-audit"
      extra={
        <Input.Search
          size="small"
          allowClear
          placeholder={t('audit.filter')}
          style={{ width: 280 }}
          onSearch={(v) => {
            setAction(v.trim());
            setPage(1);
          }}
        />
      }
    >
      <Table<AuditEntry>
        size="small"
        rowKey="id"
        loading={audit.isLoading}
        dataSource={audit.data?.items}
        pagination={{
          current: page,
          pageSize,
          total: audit.data?.total ?? 0,
          onChange: setPage,
          size: 'small',
          showSizeChanger: false,
        }}
        columns={[
          {
            title: t('audit.at'),
            dataIndex: 'at',
            width: 170,
            render: (v: string) => formatDateTime(v, i18n.language),
          },
          {
            title: t('audit.actor'),
            dataIndex: 'actorName',
            width: 110,
            render: (v: string | null) => v ?? '–',
          },
          {
            title: t('audit.action'),
            dataIndex: 'action',
            render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
          },
          {
            title: t('audit.target'),
            key: 'target',
            ellipsis: true,
            render: (_: unknown, e) =>
              [e.targetType, e.targetId].filter(Boolean).join(' / ') || '–',
          },
          {
            title: t('audit.ip'),
            dataIndex: 'ip',
            width: 130,
            render: (v: string | null) => v ?? '–',
          },
          {
            title: t('audit.outcome'),
            dataIndex: 'outcome',
            width: 80,
            render: (v: AuditEntry['outcome']) => (
              <Tag color={v === 'ok' ? 'green' : v === 'denied' ? 'orange' : 'red'}>
                {t(`outcome.${v}`)}
              </Tag>
            ),
          },
        ]}
      />
    </Card>
  );
}
