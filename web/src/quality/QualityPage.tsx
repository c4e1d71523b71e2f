/**
 * Quality (质检). Supervisors and administrators keep the evaluation forms, evaluate agents'
 * contacts, resolve disputes, read the satisfaction survey results and listen to call
 * recordings; an agent sees their own evaluations and acknowledges or disputes each.
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Space, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client.ts';
import type { Page } from '../api/types.ts';
import { useSession } from '../shell/session.tsx';
import './texts.ts';
import { EvaluateModal } from './EvaluateModal.tsx';
import { EvaluationsTable } from './EvaluationsTable.tsx';
import { FormEditor } from './FormEditor.tsx';
import { useEvaluations, useForms } from './queries.ts';
import RecordingsPage from './RecordingsPage.tsx';
import { ReviewModal } from './ReviewModal.tsx';
import { SurveyReport } from './SurveyReport.tsx';
import { SurveySettings } from './SurveySettings.tsx';
import type { QaEvaluation, QaForm } from './types.ts';

export default function QualityPage() {
  const { user } = useSession();
  return user?.role === 'agent' ? <MyEvaluations /> : <QualityDesk />;
}

function MyEvaluations() {
  const { t } = useTranslation('quality');
  const list = useEvaluations();
  const [open, setOpen] = useState<QaEvaluation | null>(null);
  return (
    <div data-testid="my-evaluations">
      <h3>{t('mine.title')}</h3>
      <EvaluationsTable
        rows={list.data?.items ?? []}
        loading={list.isLoading}
        action={(e) => ({
          label: t(e.state === 'submitted' ? 'action.answer' : 'action.view'),
          run: () => setOpen(e),
        })}
      />
      <ReviewModal evaluation={open} as="agent" onClose={() => setOpen(null)} />
    </div>
  );
}

function QualityDesk() {
  const { t } = useTranslation('quality');
  const list = useEvaluations();
  const forms = useForms();
  const users = useQuery({
    queryKey: ['qa-users'],
    queryFn: () => get<Page<{ id: string; displayName: string }>>('/api/users?limit=500'),
    staleTime: 60_000,
  });
  const agentName = (id: string | null) =>
    users.data?.items.find((u) => u.id === id)?.displayName ?? '';
  const [evaluating, setEvaluating] = useState(false);
  const [draft, setDraft] = useState<QaEvaluation | null>(null);
  const [review, setReview] = useState<QaEvaluation | null>(null);
  const [editing, setEditing] = useState<QaForm | null | 'new'>(null);
  return (
    <>
      <Tabs
        size="small"
        items={[
          {
            key: 'evaluations',
            label: <span data-testid="tab-evaluations">{t('tab.evaluations')}</span>,
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Button
                  type="primary"
                  onClick={() => setEvaluating(true)}
                  data-testid="evaluate-open"
                >
                  {t('evaluate.title')}
                </Button>
                <EvaluationsTable
                  rows={list.data?.items ?? []}
                  loading={list.isLoading}
                  agentName={agentName}
                  action={(e) =>
                    e.state === 'draft'
                      ? { label: t('action.continue'), run: () => setDraft(e) }
                      : {
                          label: t(e.state === 'disputed' ? 'action.resolve' : 'action.view'),
                          run: () => setReview(e),
                        }
                  }
                />
              </Space>
            ),
          },
          {
            key: 'surveys',
            label: <span data-testid="tab-surveys">{t('tab.surveys')}</span>,
            children: (
              <Space orientation="vertical" size="large" style={{ width: '100%' }}>
                <SurveyReport agentName={agentName} />
                <SurveySettings />
              </Space>
            ),
          },
          {
            key: 'forms',
            label: <span data-testid="tab-forms">{t('tab.forms')}</span>,
            children: (
              <Space orientation="vertical" style={{ width: '100%' }}>
                <Button type="primary" onClick={() => setEditing('new')} data-testid="form-new">
                  {t('forms.new')}
                </Button>
                <Table<QaForm>
                  size="small"
                  rowKey="id"
                  loading={forms.isLoading}
                  dataSource={forms.data ?? []}
                  pagination={false}
                  columns={[
                    { title: t('forms.name'), dataIndex: 'name' },
                    { title: t('forms.version'), dataIndex: 'version' },
                    {
                      title: t('forms.sections'),
                      render: (_: unknown, f: QaForm) =>
                        f.sections.map((s) => `${s.title} ×${s.weight}`).join(' · '),
                    },
                    {
                      title: t('forms.active'),
                      dataIndex: 'active',
                      render: (v: boolean) => (
                        <Tag color={v ? 'green' : 'default'}>{t(v ? 'yes' : 'no')}</Tag>
                      ),
                    },
                    {
                      title: t('col.actions'),
                      render: (_: unknown, f: QaForm) => (
                        <Button size="small" onClick={() => setEditing(f)}>
                          {t('action.edit')}
                        </Button>
                      ),
                    },
                  ]}
                />
              </Space>
            ),
          },
          {
            key: 'recordings',
            label: <span data-testid="tab-recordings">{t('tab.recordings')}</span>,
            children: <RecordingsPage />,
          },
        ]}
      />
      <EvaluateModal
        open={evaluating || draft !== null}
        draft={draft}
        agentName={agentName}
        onClose={() => {
          setEvaluating(false);
          setDraft(null);
        }}
      />
      <ReviewModal evaluation={review} as="supervisor" onClose={() => setReview(null)} />
      <FormEditor
        open={editing !== null}
        editing={editing === 'new' ? null : editing}
        onClose={() => setEditing(null)}
      />
    </>
  );
}
