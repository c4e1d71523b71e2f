import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTeams } from './queries.ts';

/** Dispatches a case (任务分派) to a back-office team, with instructions for them. */
export function DispatchModal({
  open,
  currentTeamId,
  onClose,
  onConfirm,
}: {
  open: boolean;
  currentTeamId: string | null;
  onClose: () => void;
  onConfirm: (v: { teamId: string; note: string | null }) => Promise<void>;
}) {
  const { t } = useTranslation('agent');
  const { t: tc } = useTranslation();
  const teams = useTeams();
  const [teamId, setTeamId] = useState<string | undefined>(currentTeamId ?? undefined);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const backOffice = (teams.data ?? []).filter((x) => x.kind === 'backoffice');
  const ok = async () => {
    if (!teamId) return;
    setBusy(true);
    await onConfirm({ teamId, note: note.trim() || null });
    setBusy(false);
  };
  return (
    <Modal
      open={open}
      title={t('case.dispatchTitle')}
      onCancel={onClose}
      onOk={() => void ok()}
      okText={t('case.dispatch')}
      cancelText={tc('cancel')}
      confirmLoading={busy}
      okButtonProps={{ disabled: !teamId, 'data-testid': 'dispatch-confirm' }}
    >
      <Form layout="vertical">
        <Form.Item label={t('case.dispatchTeam')}>
          <Select
            value={teamId}
            onChange={setTeamId}
            data-testid="dispatch-team"
            options={backOffice.map((x) => ({ value: x.id, label: x.name }))}
          />
        </Form.Item>
        <Form.Item label={t('case.dispatchNote')}>
          <Input.TextArea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            autoSize={{ minRows: 2, maxRows: 6 }}
            data-testid="dispatch-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
