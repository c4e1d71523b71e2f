import { App, Button, Card, Form, Input, Popconfirm, Space, Table } from 'antd';
import { useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorText, useReportError } from '../../shared/errors.ts';
import { del, post } from '../http.ts';
import { useDnc } from './campaign-queries.ts';
import type { DncEntry } from './campaign-types.ts';

const pageSize = 10;

/**
 * The do-not-call list (免打扰名单): numbers no campaign dials, checked at import and again
 * before each call; add a number with a reason, or take one off.
 */
export function DncSection() {
  const { t } = useTranslation('campaigns');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const errorText = useErrorText();
  const reportError = useReportError();
  const qc = useQueryClient();
  const [page, setPage] = useState(1);
  const [form] = Form.useForm<{ number: string; reason: string }>();
  const [busy, setBusy] = useState(false);
  const list = useDnc(page, pageSize);
  const refresh = () => qc.invalidateQueries({ queryKey: ['dnc'] });

  const add = async (v: { number: string; reason?: string }) => {
    setBusy(true);
    try {
      const e = await post<DncEntry>('/api/dnc', {
        number: v.number.trim(),
        reason: (v.reason ?? '').trim(),
      });
      void message.success(t('dnc.added', { number: `+${e.number}` }));
      form.resetFields();
      await refresh();
    } catch (e) {
      form.setFields([{ name: 'number', errors: [errorText(e)] }]);
    } finally {
      setBusy(false);
    }
  };
  const remove = async (e: DncEntry) => {
    try {
      await del(`/api/dnc/${encodeURIComponent(e.number)}`);
      void message.success(t('dnc.removed', { number: `+${e.number}` }));
      await refresh();
    } catch (err) {
      reportError(err);
    }
  };

  return (
    <Card size="small" title={t('dnc.title')} data-testid="section-dnc">
      <Form
        form={form}
        layout="inline"
        onFinish={(v) => void add(v)}
        style={{ marginBottom: 12 }}
        data-testid="dnc-form"
      >
        <Form.Item name="number" rules={[{ required: true, message: t('form.required') }]}>
          <Input placeholder={t('dnc.number')} maxLength={40} data-testid="dnc-number" />
        </Form.Item>
        <Form.Item name="reason">
          <Input
            placeholder={t('dnc.reason')}
            maxLength={200}
            style={{ width: 280 }}
            data-testid="dnc-reason"
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="dnc-add">
          {t('dnc.add')}
        </Button>
      </Form>
      <Table<DncEntry>
        size="small"
        rowKey="number"
        loading={list.isLoading}
        dataSource={list.data?.items}
        data-testid="dnc-table"
        pagination={{
          current: page,
          pageSize,
          total: list.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        columns={[
          {
            title: t('dnc.number'),
            dataIndex: 'number',
            width: 200,
            render: (n: string) => `+${n}`,
          },
          { title: t('dnc.reason'), dataIndex: 'reason' },
          {
            title: t('dnc.addedAt'),
            dataIndex: 'createdAt',
            width: 190,
            render: (v: string) => new Date(v).toLocaleString(),
          },
          {
            title: t('col.actions'),
            key: 'ops',
            width: 100,
            render: (_: unknown, e) => (
              <Space>
                <Popconfirm
                  title={t('dnc.confirmRemove', { number: `+${e.number}` })}
                  okText={tc('delete')}
                  cancelText={tc('cancel')}
                  okButtonProps={{ danger: true, 'data-testid': 'dnc-remove-ok' }}
                  onConfirm={() => remove(e)}
                >
                  <Button size="small" type="link" danger data-testid={`dnc-remove-${e.number}`}>
                    {t('dnc.remove')}
                  </Button>
                </Popconfirm>
              </Space>
            ),
          },
        ]}
      />
    </Card>
  );
}
