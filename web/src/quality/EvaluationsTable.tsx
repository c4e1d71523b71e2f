import { Button, Table, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import { useForms } from './queries.ts';
import { stateColor, type QaEvaluation } from './types.ts';

/** Evaluations, newest first, with the action their state and the viewer allow. */
export function EvaluationsTable({
  rows,
  loading,
  agentName,
  action,
}: {
  rows: QaEvaluation[];
  loading: boolean;
  agentName?: (id: string) => string;
  action: (e: QaEvaluation) => { label: string; run: () => void } | null;
}) {
  const { t } = useTranslation('quality');
  const forms = useForms();
  const formName = (id: string) => forms.data?.find((f) => f.id === id)?.name ?? '';
  return (
    <Table<QaEvaluation>
      size="small"
      rowKey="id"
      loading={loading}
      dataSource={rows}
      pagination={{ pageSize: 20, hideOnSinglePage: true }}
      onRow={(e) => ({ 'data-testid': `evaluation-${e.id}` }) as never}
      columns={[
        {
          title: t('col.date'),
          dataIndex: 'createdAt',
          render: (v: string) => new Date(v).toLocaleString(),
        },
        ...(agentName
          ? [{ title: t('col.agent'), dataIndex: 'agentId', render: (v: string) => agentName(v) }]
          : []),
        {
          title: t('col.form'),
          render: (_: unknown, e: QaEvaluation) => `${formName(e.formId)} (v${e.formVersion})`,
        },
        {
          title: t('score'),
          dataIndex: 'score',
          render: (v: number | null, e: QaEvaluation) => (
            <span data-testid={`evaluation-score-${e.id}`}>
              {v === null ? '—' : v.toFixed(2)}
              {e.autoFailed && (
                <Tag color="red" style={{ marginLeft: 6 }}>
                  {t('autoFailed')}
                </Tag>
              )}
            </span>
          ),
        },
        {
          title: t('col.state'),
          dataIndex: 'state',
          render: (v: QaEvaluation['state'], e: QaEvaluation) => (
            <Tag color={stateColor[v]} data-testid={`evaluation-state-${e.id}`}>
              {t(`state.${v}`)}
            </Tag>
          ),
        },
        {
          title: t('col.actions'),
          render: (_: unknown, e: QaEvaluation) => {
            const a = action(e);
            return (
              a && (
                <Button size="small" onClick={a.run} data-testid={`evaluation-open-${e.id}`}>
                  {a.label}
                </Button>
              )
            );
          },
        },
      ]}
    />
  );
}
