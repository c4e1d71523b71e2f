import { App, Col, Form, Input, InputNumber, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CrudSection } from './CrudSection.tsx';
import { ExpressionItem } from './ExpressionItem.tsx';
import { FormModal } from './FormModal.tsx';
import { del, patch, post } from './problem-api.ts';
import { useQueues, useRefresh, useTeams } from './queries.ts';
import { strategies, type Queue } from './types.ts';
import { useEditor } from './useEditor.ts';

type Values = Omit<Queue, 'id' | 'teamId' | 'strategySkill'> & {
  teamId?: string | null;
  strategySkill?: string | null;
};

const defaults: Partial<Values> = {
  strategy: 'longest_idle',
  targetExpression: 'true',
  preferredTimeoutSeconds: 0,
  wrapUpSeconds: 30,
  serviceLevelSeconds: 20,
  reservationTimeoutSeconds: 20,
};

/** Queues (service groups): who may take the work (an expression over agents) and how. */
export function QueuesSection() {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const queues = useQueues();
  const teams = useTeams();
  const refresh = useRefresh();
  const ed = useEditor<Queue>();
  const teamName = (id: string | null) => teams.data?.find((x) => x.id === id)?.name ?? '–';
  const save = async (v: Values) => {
    const body = {
      ...v,
      description: v.description ?? '',
      strategySkill: v.strategySkill?.trim() ? v.strategySkill.trim() : null,
      teamId: v.teamId ?? null,
    };
    if (ed.row) await patch(`/api/queues/${encodeURIComponent(ed.row.id)}`, body);
    else await post('/api/queues', body);
    void message.success(t('saved'));
    await refresh('adm-queues');
  };
  return (
    <>
      <CrudSection<Queue>
        testId="queues"
        title={t('menu.queues')}
        rows={queues.data}
        loading={queues.isLoading}
        rowKey={(q) => q.id}
        onCreate={ed.create}
        onEdit={ed.edit}
        onDelete={async (q) => {
          await del(`/api/queues/${encodeURIComponent(q.id)}`);
          await refresh('adm-queues');
        }}
        columns={[
          { title: t('queue.name'), dataIndex: 'name', width: 200 },
          {
            title: t('queue.expression'),
            dataIndex: 'targetExpression',
            render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
          },
          {
            title: t('queue.strategy'),
            dataIndex: 'strategy',
            width: 130,
            render: (v: string) => t(`strategy.${v}`),
          },
          { title: t('queue.team'), dataIndex: 'teamId', width: 180, render: teamName },
          { title: t('queue.serviceLevel'), dataIndex: 'serviceLevelSeconds', width: 120 },
        ]}
      />
      <FormModal<Values>
        testId="queue-form"
        open={ed.open}
        title={ed.row ? ed.row.name : t('menu.queues')}
        initial={ed.row ?? defaults}
        onClose={ed.close}
        onSubmit={save}
        expressionFields={() => [['targetExpression'], ['strategySkill']]}
        width={640}
      >
        <Form.Item
          name="name"
          label={t('queue.name')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Input data-testid="queue-name" maxLength={100} />
        </Form.Item>
        <ExpressionItem
          name="targetExpression"
          fullName={['targetExpression']}
          label={t('queue.expression')}
          placeholder={t('queue.exprHint')}
          required
          testId="queue-expression"
        />
        <Row gutter={12}>
          <Col span={12}>
            <Form.Item name="strategy" label={t('queue.strategy')}>
              <Select options={strategies.map((s) => ({ value: s, label: t(`strategy.${s}`) }))} />
            </Form.Item>
          </Col>
          <Col span={12}>
            <Form.Item name="teamId" label={t('queue.team')}>
              <Select
                allowClear
                options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <ExpressionItem
          name="strategySkill"
          fullName={['strategySkill']}
          label={t('queue.strategySkill')}
          placeholder="skills.vip"
        />
        <Row gutter={12}>
          {(
            [
              ['serviceLevelSeconds', 'queue.serviceLevel'],
              ['reservationTimeoutSeconds', 'queue.reservation'],
              ['wrapUpSeconds', 'queue.wrapUp'],
              ['preferredTimeoutSeconds', 'queue.preferred'],
            ] as const
          ).map(([name, label]) => (
            <Col span={6} key={name}>
              <Form.Item name={name} label={t(label)}>
                <InputNumber min={0} max={86400} precision={0} style={{ width: '100%' }} />
              </Form.Item>
            </Col>
          ))}
        </Row>
        <Form.Item name="description" label={t('queue.description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
      </FormModal>
    </>
  );
}
