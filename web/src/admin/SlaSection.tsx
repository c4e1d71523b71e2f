import { App, Col, Form, InputNumber, Row, Select } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../shared/format.ts';
import { CrudSection } from './CrudSection.tsx';
import { FormModal } from './FormModal.tsx';
import { del, get, patch, post } from './problem-api.ts';
import { useCalendars, useCaseTypes, useRefresh } from './queries.ts';
import { priorities, slaStages, type SlaPolicy } from './types.ts';
import { useEditor } from './useEditor.ts';

/**
 * SLA policies: business minutes per stage and for the whole case, per case type (and
 * priority), counted on a business calendar; a clock warns when less than warnPercent is left.
 */
export function SlaSection() {
  const { t, i18n } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const policies = useQuery({
    queryKey: ['adm-sla'],
    queryFn: () => get<SlaPolicy[]>('/api/sla-policies'),
  });
  const types = useCaseTypes();
  const calendars = useCalendars();
  const refresh = useRefresh();
  const ed = useEditor<SlaPolicy>();
  const zh = i18n.language === 'zh-CN';
  const typeName = (code: string) => {
    const x = types.data?.find((c) => c.code === code);
    return x ? (zh ? x.nameZh : x.name) : code;
  };
  const save = async (v: SlaPolicy) => {
    const stageMinutes = Object.fromEntries(
      slaStages.flatMap((s) => (v.stageMinutes?.[s] ? [[s, v.stageMinutes[s]]] : [])),
    );
    const body = {
      caseType: v.caseType,
      priority: v.priority ?? null,
      calendarId: v.calendarId,
      stageMinutes,
      totalMinutes: v.totalMinutes,
      warnPercent: v.warnPercent,
    };
    if (ed.row) await patch(`/api/sla-policies/${encodeURIComponent(ed.row.id)}`, body);
    else await post('/api/sla-policies', body);
    void message.success(t('saved'));
    await refresh('adm-sla');
  };
  const required = [{ required: true, message: t('required') }];
  return (
    <>
      <CrudSection<SlaPolicy>
        testId="sla"
        title={t('menu.sla')}
        rows={policies.data}
        loading={policies.isLoading}
        rowKey={(p) => p.id}
        onCreate={ed.create}
        onEdit={ed.edit}
        onDelete={async (p) => {
          await del(`/api/sla-policies/${encodeURIComponent(p.id)}`);
          await refresh('adm-sla');
        }}
        columns={[
          { title: t('sla.caseType'), dataIndex: 'caseType', width: 110, render: typeName },
          {
            title: t('sla.priority'),
            dataIndex: 'priority',
            width: 80,
            render: (p: string | null) => (p ? tc(`priority.${p}`) : t('sla.anyPriority')),
          },
          {
            title: t('sla.stages'),
            dataIndex: 'stageMinutes',
            render: (m: SlaPolicy['stageMinutes']) =>
              slaStages
                .filter((s) => m[s] !== undefined)
                .map((s) => `${tc(`stage.${s}`)} ${formatNumber(m[s] ?? 0, i18n.language)}`)
                .join(' · '),
          },
          {
            title: t('sla.total'),
            dataIndex: 'totalMinutes',
            width: 140,
            render: (v: number) => formatNumber(v, i18n.language),
          },
          { title: t('sla.warn'), dataIndex: 'warnPercent', width: 90 },
          {
            title: t('sla.calendar'),
            dataIndex: 'calendarId',
            width: 160,
            ellipsis: true,
            render: (id: string) => calendars.data?.find((c) => c.id === id)?.name ?? id,
          },
        ]}
      />
      <FormModal<SlaPolicy>
        testId="sla-form"
        open={ed.open}
        title={ed.row ? typeName(ed.row.caseType) : t('menu.sla')}
        initial={ed.row ?? { priority: null, warnPercent: 20, stageMinutes: {} }}
        onClose={ed.close}
        onSubmit={save}
        width={640}
      >
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item name="caseType" label={t('sla.caseType')} rules={required}>
              <Select
                data-testid="sla-case-type"
                options={(types.data ?? []).map((x) => ({
                  value: x.code,
                  label: zh ? x.nameZh : x.name,
                }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="priority" label={t('sla.priority')}>
              <Select
                data-testid="sla-priority"
                allowClear
                placeholder={t('sla.anyPriority')}
                options={priorities.map((p) => ({ value: p, label: tc(`priority.${p}`) }))}
              />
            </Form.Item>
          </Col>
          <Col span={8}>
            <Form.Item name="calendarId" label={t('sla.calendar')} rules={required}>
              <Select
                data-testid="sla-calendar"
                options={(calendars.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('sla.stages')} style={{ marginBottom: 0 }}>
          <Row gutter={8}>
            {slaStages.map((s) => (
              <Col
                span={Math.floor(24 / slaStages.length)}
                key={s}
                style={{ flex: 1, maxWidth: 'none' }}
              >
                <Form.Item name={['stageMinutes', s]} label={tc(`stage.${s}`)}>
                  <InputNumber min={0} style={{ width: '100%' }} data-testid={`sla-stage-${s}`} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="totalMinutes" label={t('sla.total')} rules={required}>
              <InputNumber min={0} style={{ width: '100%' }} data-testid="sla-total" />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="warnPercent" label={t('sla.warn')} rules={required}>
              <InputNumber min={0} max={100} style={{ width: '100%' }} data-testid="sla-warn" />
            </Form.Item>
          </Col>
        </Row>
      </FormModal>
    </>
  );
}
