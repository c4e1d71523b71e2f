import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../shared/errors.ts';
import { post } from './http.ts';
import type { SupervisedCase } from './types.ts';

/** Urge (催办) a case with an optional note; the assignee and their team see it at once. */
export function UrgeDialog({ row, onClose }: { row: SupervisedCase | null; onClose: () => void }) {
  const { t } = useTranslation('supervisor');
  const { message } = App.useApp();
  const reportError = useReportError();
  const qc = useQueryClient();
  const [form] = Form.useForm<{ note?: string }>();
  const urge = useMutation({
    mutationFn: (v: { id: string; note: string | null }) =>
      post(`/api/cases/${encodeURIComponent(v.id)}/urge`, { note: v.note }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['sup-cases'] });
      void message.success(t('case.urged.done', { number: row?.case.number }));
      form.resetFields();
      onClose();
    },
    onError: reportError,
  });
  return (
    <Modal
      open={row !== null}
      title={`${t('case.urge')} ${row?.case.number ?? ''}`}
      onCancel={onClose}
      okButtonProps={{ loading: urge.isPending, 'data-testid': 'urge-ok' }}
      onOk={() =>
        row && urge.mutate({ id: row.case.id, note: form.getFieldValue('note')?.trim() || null })
      }
      forceRender
    >
      <Form form={form} layout="vertical">
        <Form.Item name="note" label={t('case.note')}>
          <Input.TextArea rows={3} maxLength={5000} data-testid="urge-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
