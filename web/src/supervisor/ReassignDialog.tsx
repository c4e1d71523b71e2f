import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Form, Modal, Select } from 'antd';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../shared/errors.ts';
import { post } from './http.ts';
import { useStaff, useTeams } from './queries.ts';
import type { SupervisedCase } from './types.ts';

interface Values {
  teamId: string | null;
  assigneeId: string | null;
}

/** Give a case to another team and/or person; the choice of people follows the team. */
export function ReassignDialog({
  row,
  onClose,
}: {
  row: SupervisedCase | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('supervisor');
  const { message } = App.useApp();
  const reportError = useReportError();
  const qc = useQueryClient();
  const teams = useTeams();
  const staff = useStaff();
  const [form] = Form.useForm<Values>();
  const teamId = Form.useWatch('teamId', form);
  useEffect(() => {
    if (row) form.setFieldsValue({ teamId: row.case.teamId, assigneeId: row.case.assigneeId });
  }, [row, form]);
  const assign = useMutation({
    mutationFn: (v: Values & { id: string }) =>
      post(`/api/cases/${encodeURIComponent(v.id)}/assign`, {
        teamId: v.teamId ?? null,
        assigneeId: v.assigneeId ?? null,
      }),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['sup-cases'] });
      void message.success(t('case.assigned.done', { number: row?.case.number }));
      onClose();
    },
    onError: reportError,
  });
  const people = (staff.data ?? []).filter((u) => !teamId || u.teamIds.includes(teamId));
  return (
    <Modal
      open={row !== null}
      title={`${t('case.reassign')} ${row?.case.number ?? ''}`}
      onCancel={onClose}
      okButtonProps={{ loading: assign.isPending, 'data-testid': 'reassign-ok' }}
      onOk={() => row && assign.mutate({ id: row.case.id, ...form.getFieldsValue() })}
      forceRender
    >
      <Form form={form} layout="vertical">
        <Form.Item name="teamId" label={t('case.toTeam')}>
          <Select
            allowClear
            data-testid="reassign-team"
            options={(teams.data ?? []).map((x) => ({ value: x.id, label: x.name }))}
            onChange={() => form.setFieldValue('assigneeId', null)}
          />
        </Form.Item>
        <Form.Item name="assigneeId" label={t('case.toAgent')}>
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('case.unassigned')}
            data-testid="reassign-agent"
            options={people.map((u) => ({
              value: u.id,
              label: `${u.displayName} (${u.username})`,
            }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
