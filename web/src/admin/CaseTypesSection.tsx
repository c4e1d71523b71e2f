import { App, Col, Form, Input, Row, Select, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { CrudSection } from './CrudSection.tsx';
import { FormModal } from './FormModal.tsx';
import { patch, post } from './problem-api.ts';
import { useCaseTypes, useRefresh } from './queries.ts';
import { plannableStages, priorities, type CaseType } from './types.ts';
import { useEditor } from './useEditor.ts';

/** Case types and their plan: the stages a case of the type must pass before the reply. */
export function CaseTypesSection() {
  const { t, i18n } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const types = useCaseTypes();
  const refresh = useRefresh();
  const ed = useEditor<CaseType>();
  const save = async (v: CaseType) => {
    const body = {
      name: v.name,
      nameZh: v.nameZh,
      requiredStages: v.requiredStages ?? [],
      defaultPriority: v.defaultPriority,
      active: v.active ?? true,
    };
    if (ed.row) await patch(`/api/case-types/${encodeURIComponent(ed.row.code)}`, body);
    else await post('/api/case-types', { ...body, code: v.code });
    void message.success(t('saved'));
    await refresh('adm-case-types');
  };
  return (
    <>
      <CrudSection<CaseType>
        testId="case-types"
        title={t('menu.caseTypes')}
        rows={types.data}
        loading={types.isLoading}
        rowKey={(x) => x.code}
        onCreate={ed.create}
        onEdit={ed.edit}
        columns={[
          { title: t('caseType.code'), dataIndex: 'code', width: 140 },
          {
            title: i18n.language === 'zh-CN' ? t('caseType.nameZh') : t('caseType.name'),
            key: 'name',
            render: (_: unknown, x) => (i18n.language === 'zh-CN' ? x.nameZh : x.name),
          },
          {
            title: t('caseType.stages'),
            dataIndex: 'requiredStages',
            render: (s: string[]) => s.map((x) => tc(`stage.${x}`)).join(' → ') || '–',
          },
          {
            title: t('caseType.priority'),
            dataIndex: 'defaultPriority',
            width: 100,
            render: (p: string) => tc(`priority.${p}`),
          },
          {
            title: t('caseType.active'),
            dataIndex: 'active',
            width: 80,
            render: (v: boolean) => (v ? t('yes') : t('no')),
          },
        ]}
      />
      <FormModal<CaseType>
        testId="case-type-form"
        open={ed.open}
        title={ed.row?.code ?? t('menu.caseTypes')}
        initial={ed.row ?? { requiredStages: [], defaultPriority: 'normal', active: true }}
        onClose={ed.close}
        onSubmit={save}
      >
        <Form.Item
          name="code"
          label={t('caseType.code')}
          rules={[{ required: true, min: 2, max: 40, message: t('required') }]}
        >
          <Input disabled={!ed.isNew} />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="nameZh"
              label={t('caseType.nameZh')}
              rules={[{ required: true, message: t('required') }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item
              name="name"
              label={t('caseType.name')}
              rules={[{ required: true, message: t('required') }]}
            >
              <Input maxLength={100} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="requiredStages" label={t('caseType.stages')}>
          <Select
            mode="multiple"
            options={plannableStages.map((s) => ({ value: s, label: tc(`stage.${s}`) }))}
          />
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="defaultPriority" label={t('caseType.priority')}>
              <Select options={priorities.map((p) => ({ value: p, label: tc(`priority.${p}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="active" label={t('caseType.active')} valuePropName="checked">
              <Switch />
            </Form.Item>
          </Col>
        </Row>
      </FormModal>
    </>
  );
}
