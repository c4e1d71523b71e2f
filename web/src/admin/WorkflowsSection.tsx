import { useQuery } from '@tanstack/react-query';
import { App, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { CrudSection } from './CrudSection.tsx';
import { FormModal } from './FormModal.tsx';
import { del, get, patch, post } from './problem-api.ts';
import { useQueues, useRefresh } from './queries.ts';
import type { Workflow } from './types.ts';
import { useEditor } from './useEditor.ts';
import {
  WorkflowFields,
  workflowExpressionFields,
  type WorkflowValues,
} from './WorkflowFields.tsx';

/** Workflows (路由策略): which queues a task goes through, by filters over its attributes. */
export function WorkflowsSection() {
  const { t } = useTranslation('admin');
  const { message } = App.useApp();
  const workflows = useQuery({
    queryKey: ['adm-workflows'],
    queryFn: () => get<Workflow[]>('/api/workflows'),
  });
  const queues = useQueues();
  const refresh = useRefresh();
  const ed = useEditor<Workflow>();
  const queueName = (id: string) => queues.data?.find((q) => q.id === id)?.name ?? id;
  const save = async (v: WorkflowValues) => {
    const filters = (v.filters ?? []).map((f) => ({
      name: f.name,
      expression: f.expression,
      steps: (f.steps ?? []).map((s) => ({
        queueId: s.queueId,
        expression: s.expression?.trim() ? s.expression : null,
        timeoutSeconds: s.timeoutSeconds ?? null,
        priority: s.priority ?? null,
      })),
    }));
    const body = { name: v.name, defaultQueueId: v.defaultQueueId, filters };
    if (ed.row)
      await patch(`/api/workflows/${encodeURIComponent(ed.row.id)}`, {
        ...body,
        ...(v.isDefault && !ed.row.isDefault ? { isDefault: true } : {}),
      });
    else await post('/api/workflows', { ...body, isDefault: v.isDefault ?? false });
    void message.success(t('saved'));
    await refresh('adm-workflows');
  };
  return (
    <>
      <CrudSection<Workflow>
        testId="workflows"
        title={t('menu.workflows')}
        rows={workflows.data}
        loading={workflows.isLoading}
        rowKey={(w) => w.id}
        onCreate={ed.create}
        onEdit={ed.edit}
        onDelete={async (w) => {
          await del(`/api/workflows/${encodeURIComponent(w.id)}`);
          await refresh('adm-workflows');
        }}
        columns={[
          {
            title: t('workflow.name'),
            dataIndex: 'name',
            width: 240,
            render: (n: string, w) => (
              <>
                {n} {w.isDefault && <Tag color="blue">{t('workflow.default')}</Tag>}
              </>
            ),
          },
          {
            title: t('workflow.filters'),
            dataIndex: 'filters',
            ellipsis: true,
            render: (f: Workflow['filters']) => f.map((x) => x.name).join(' → ') || '–',
          },
          {
            title: t('workflow.defaultQueue'),
            dataIndex: 'defaultQueueId',
            width: 200,
            render: queueName,
          },
        ]}
      />
      <FormModal<WorkflowValues>
        testId="workflow-form"
        open={ed.open}
        title={ed.row?.name ?? t('menu.workflows')}
        initial={ed.row ?? { filters: [], isDefault: false }}
        onClose={ed.close}
        onSubmit={save}
        expressionFields={workflowExpressionFields}
        width={860}
      >
        <WorkflowFields wasDefault={ed.row?.isDefault ?? false} />
      </FormModal>
    </>
  );
}
