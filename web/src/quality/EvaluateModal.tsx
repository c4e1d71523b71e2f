import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Modal, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, patch, post } from '../api/client.ts';
import type { Page } from '../api/types.ts';
import { useReportError } from '../shared/errors.ts';
import { AnswerSheet } from './AnswerSheet.tsx';
import { useForms, useFormVersion } from './queries.ts';
import { complete, type Answers, type QaEvaluation } from './types.ts';

interface ContactRow {
  id: string;
  channel: string;
  from: string;
  startedAt: string;
  agentId: string | null;
}

/**
 * A supervisor evaluates a contact: picks one an agent handled and an active form, answers,
 * watches the score, and saves a draft or submits it to the agent. With `draft`, continues it.
 */
export function EvaluateModal({
  open,
  draft,
  agentName,
  onClose,
}: {
  open: boolean;
  draft: QaEvaluation | null;
  agentName: (id: string | null) => string;
  onClose: () => void;
}) {
  const { t } = useTranslation('quality');
  const { message } = App.useApp();
  const reportError = useReportError();
  const qc = useQueryClient();
  const forms = useForms();
  const contacts = useQuery({
    queryKey: ['qa-contacts'],
    queryFn: () => get<Page<ContactRow>>('/api/contacts?limit=200'),
    enabled: open && !draft,
  });
  const [contactId, setContactId] = useState<string | null>(null);
  const [formId, setFormId] = useState<string | null>(null);
  const [answers, setAnswers] = useState<Answers>({});
  const [comment, setComment] = useState('');
  const [prevDraft, setPrevDraft] = useState<QaEvaluation | null>(null);
  if (draft !== prevDraft) {
    // A new draft (or none) opened: start from its answers.
    setPrevDraft(draft);
    setAnswers(draft ? { ...draft.answers } : {});
    setComment(draft?.comment ?? '');
    setContactId(null);
    setFormId(null);
  }
  const current = forms.data?.find((f) => f.id === formId) ?? null;
  const draftForm = useFormVersion(draft?.formId ?? null, draft?.formVersion ?? null);
  const form = draft ? (draftForm.data ?? null) : current;

  const save = useMutation({
    mutationFn: (submit: boolean) =>
      draft
        ? patch<QaEvaluation>(`/api/qa/evaluations/${draft.id}`, {
            answers,
            comment: comment.trim() || null,
            submit,
          })
        : post<QaEvaluation>('/api/qa/evaluations', {
            formId,
            contactId,
            answers,
            comment: comment.trim() || null,
            submit,
          }),
    onSuccess: (e) => {
      void qc.invalidateQueries({ queryKey: ['qa-evaluations'] });
      void message.success(t(e.state === 'draft' ? 'done.saved' : 'done.submitted'));
      // The form stays chosen for the next contact; the contact and answers start afresh.
      setAnswers({});
      setComment('');
      setContactId(null);
      onClose();
    },
    onError: reportError,
  });

  const handled = (contacts.data?.items ?? []).filter((c) => c.agentId);
  const ready = Boolean(form && (draft || contactId));
  return (
    <Modal
      open={open}
      width={760}
      title={t(draft ? 'evaluate.continue' : 'evaluate.title')}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          <Button onClick={onClose}>{t('cancel')}</Button>
          <Button
            disabled={!ready}
            loading={save.isPending}
            onClick={() => save.mutate(false)}
            data-testid="evaluate-draft"
          >
            {t('evaluate.saveDraft')}
          </Button>
          <Button
            type="primary"
            // Submitting needs every question answered: checked here so no request fails.
            disabled={!ready || !form || !complete(form, answers)}
            loading={save.isPending}
            onClick={() => save.mutate(true)}
            data-testid="evaluate-submit"
          >
            {t('evaluate.submit')}
          </Button>
        </Space>
      }
    >
      <Form layout="vertical">
        {!draft && (
          <>
            <Form.Item label={t('evaluate.contact')} required>
              <Select
                showSearch
                optionFilterProp="label"
                value={contactId}
                onChange={setContactId}
                loading={contacts.isLoading}
                data-testid="evaluate-contact"
                options={handled.map((c) => ({
                  value: c.id,
                  label: `${new Date(c.startedAt).toLocaleString()} · ${t(`channel.${c.channel}`)} · ${c.from} · ${agentName(c.agentId)}`,
                }))}
              />
            </Form.Item>
            <Form.Item label={t('evaluate.form')} required>
              <Select
                value={formId}
                onChange={(v: string) => {
                  setFormId(v);
                  setAnswers({});
                }}
                data-testid="evaluate-form"
                options={(forms.data ?? [])
                  .filter((f) => f.active)
                  .map((f) => ({ value: f.id, label: `${f.name} (v${f.version})` }))}
              />
            </Form.Item>
          </>
        )}
        {form && <AnswerSheet form={form} answers={answers} onChange={setAnswers} />}
        <Form.Item label={t('comment')} style={{ marginTop: 12 }}>
          <Input.TextArea
            rows={2}
            maxLength={2000}
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            data-testid="evaluate-comment"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
