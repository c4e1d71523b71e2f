import { useQuery } from '@tanstack/react-query';
import { App, Col, Form, Input, InputNumber, Row, Switch, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../shared/format.ts';
import { CrudSection } from './CrudSection.tsx';
import { FormModal } from './FormModal.tsx';
import { get, put } from './problem-api.ts';
import { useRefresh } from './queries.ts';
import type { ReasonCode } from './types.ts';
import { useEditor } from './useEditor.ts';

/**
 * Away reasons (示忙原因). They are never deleted — history refers to them — only retired
 * (inactive); `rest`-like reasons may need a supervisor's approval.
 */
export function ReasonCodesSection() {
  const { t, i18n } = useTranslation('admin');
  const { message } = App.useApp();
  const reasons = useQuery({
    queryKey: ['adm-reasons'],
    queryFn: () => get<ReasonCode[]>('/api/reason-codes'),
  });
  const refresh = useRefresh();
  const ed = useEditor<ReasonCode>();
  const save = async (v: ReasonCode) => {
    const code = ed.row?.code ?? v.code;
    await put(`/api/reason-codes/${encodeURIComponent(code)}`, {
      label: v.label,
      labelZh: v.labelZh,
      requiresApproval: v.requiresApproval ?? false,
      maxMinutes: v.maxMinutes ?? null,
      active: v.active ?? true,
      systemOnly: v.systemOnly ?? false,
    });
    void message.success(t('saved'));
    await refresh('adm-reasons');
  };
  const yesNo = (v: boolean) => (v ? t('yes') : t('no'));
  return (
    <>
      <CrudSection<ReasonCode>
        testId="reasons"
        title={t('menu.reasons')}
        rows={reasons.data}
        loading={reasons.isLoading}
        rowKey={(r) => r.code}
        onCreate={ed.create}
        onEdit={ed.edit}
        columns={[
          { title: t('reason.code'), dataIndex: 'code', width: 120 },
          {
            title: i18n.language === 'zh-CN' ? t('reason.labelZh') : t('reason.label'),
            key: 'label',
            render: (_: unknown, r) => (i18n.language === 'zh-CN' ? r.labelZh : r.label),
          },
          { title: t('reason.approval'), dataIndex: 'requiresApproval', width: 100, render: yesNo },
          {
            title: t('reason.maxMinutes'),
            dataIndex: 'maxMinutes',
            width: 100,
            render: (v: number | null) => (v === null ? '–' : formatNumber(v, i18n.language)),
          },
          {
            title: t('reason.active'),
            dataIndex: 'active',
            width: 140,
            render: (v: boolean, r) => (
              <>
                {yesNo(v)} {r.systemOnly && <Tag>{t('reason.systemOnly')}</Tag>}
              </>
            ),
          },
        ]}
      />
      <FormModal<ReasonCode>
        testId="reason-form"
        open={ed.open}
        title={ed.row?.code ?? t('menu.reasons')}
        initial={
          ed.row ?? { active: true, requiresApproval: false, systemOnly: false, maxMinutes: null }
        }
        onClose={ed.close}
        onSubmit={save}
      >
        <Form.Item
          name="code"
          label={t('reason.code')}
          rules={[
            { required: true, pattern: /^[a-z0-9_]{1,40}$/, message: t('required') },
            {
              // Saving is a PUT by code: a new reason must not silently replace an existing one.
              validator: (_, v: unknown) =>
                ed.isNew && reasons.data?.some((r) => r.code === v)
                  ? Promise.reject(new Error(t('reason.codeTaken')))
                  : Promise.resolve(),
            },
          ]}
        >
          <Input
            disabled={!ed.isNew}
            maxLength={40}
            placeholder="lunch"
            data-testid="reason-code"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="labelZh"
              label={t('reason.labelZh')}
              rules={[{ required: true, message: t('required') }]}
            >
              <Input maxLength={200} data-testid="reason-label-zh" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="label"
              label={t('reason.label')}
              rules={[{ required: true, message: t('required') }]}
            >
              <Input maxLength={200} data-testid="reason-label" />
            </Form.Item>
          </Col>
          <Col span={6}>
            <Form.Item name="maxMinutes" label={t('reason.maxMinutes')}>
              <InputNumber
                min={1}
                max={1440}
                precision={0}
                style={{ width: '100%' }}
                data-testid="reason-max-minutes"
              />
            </Form.Item>
          </Col>
          {(['requiresApproval', 'active', 'systemOnly'] as const).map((name) => (
            <Col span={6} key={name}>
              <Form.Item
                name={name}
                label={t(name === 'requiresApproval' ? 'reason.approval' : `reason.${name}`)}
                valuePropName="checked"
              >
                <Switch data-testid={`reason-${name}`} />
              </Form.Item>
            </Col>
          ))}
        </Row>
      </FormModal>
    </>
  );
}
