import { App, Col, Form, Input, InputNumber, Row, Switch } from 'antd';
import { useTranslation } from 'react-i18next';
import { CrudSection } from './CrudSection.tsx';
import { FormModal } from './FormModal.tsx';
import { del, put } from './problem-api.ts';
import { useCapacityProfiles, useRefresh } from './queries.ts';
import { workChannels, type CapacityProfile } from './types.ts';
import { useEditor } from './useEditor.ts';

/** Capacity profiles: how many tasks of each channel an agent may hold at once. */
export function CapacitySection() {
  const { t } = useTranslation('admin');
  const { t: tc } = useTranslation();
  const { message } = App.useApp();
  const profiles = useCapacityProfiles();
  const refresh = useRefresh();
  const ed = useEditor<CapacityProfile>();
  const save = async (v: CapacityProfile) => {
    const id = ed.row?.id ?? v.id;
    await put(`/api/capacity-profiles/${encodeURIComponent(id)}`, {
      name: v.name,
      limits: Object.fromEntries(workChannels.map((c) => [c, v.limits?.[c] ?? 0])),
      voiceBlocksOthers: v.voiceBlocksOthers ?? true,
      maxTotal: v.maxTotal ?? null,
    });
    void message.success(t('saved'));
    await refresh('adm-capacity');
  };
  return (
    <>
      <CrudSection<CapacityProfile>
        testId="capacity"
        title={t('menu.capacity')}
        rows={profiles.data}
        loading={profiles.isLoading}
        rowKey={(p) => p.id}
        onCreate={ed.create}
        onEdit={ed.edit}
        onDelete={async (p) => {
          await del(`/api/capacity-profiles/${encodeURIComponent(p.id)}`);
          await refresh('adm-capacity');
        }}
        columns={[
          { title: t('capacity.name'), dataIndex: 'name', width: 160 },
          {
            title: t('capacity.limits'),
            dataIndex: 'limits',
            render: (l: CapacityProfile['limits']) =>
              workChannels
                .filter((c) => (l[c] ?? 0) > 0)
                .map((c) => `${tc(`channel.${c}`)} ${l[c]}`)
                .join(' · '),
          },
          {
            title: t('capacity.voiceBlocks'),
            dataIndex: 'voiceBlocksOthers',
            width: 150,
            render: (v: boolean) => (v ? t('yes') : t('no')),
          },
          {
            title: t('capacity.maxTotal'),
            dataIndex: 'maxTotal',
            width: 90,
            render: (v: number | null) => v ?? '–',
          },
        ]}
      />
      <FormModal<CapacityProfile>
        testId="capacity-form"
        open={ed.open}
        title={ed.row?.name ?? t('menu.capacity')}
        initial={ed.row ?? { voiceBlocksOthers: true, maxTotal: null, limits: { voice: 1 } }}
        onClose={ed.close}
        onSubmit={save}
        width={620}
      >
        <Row gutter={12}>
          <Col span={8}>
            <Form.Item
              name="id"
              label={t('capacity.id')}
              rules={[
                { required: true, pattern: /^[A-Za-z0-9_-]{1,100}$/, message: t('required') },
              ]}
            >
              <Input disabled={!ed.isNew} />
            </Form.Item>
          </Col>
          <Col span={16}>
            <Form.Item
              name="name"
              label={t('capacity.name')}
              rules={[{ required: true, message: t('required') }]}
            >
              <Input maxLength={200} />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item label={t('capacity.limits')} style={{ marginBottom: 0 }}>
          <Row gutter={12}>
            {workChannels.map((c) => (
              <Col span={6} key={c}>
                <Form.Item name={['limits', c]} label={tc(`channel.${c}`)}>
                  <InputNumber min={0} max={100} precision={0} style={{ width: '100%' }} />
                </Form.Item>
              </Col>
            ))}
          </Row>
        </Form.Item>
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item
              name="voiceBlocksOthers"
              label={t('capacity.voiceBlocks')}
              valuePropName="checked"
            >
              <Switch />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="maxTotal" label={t('capacity.maxTotal')}>
              <InputNumber min={1} max={1000} precision={0} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      </FormModal>
    </>
  );
}
