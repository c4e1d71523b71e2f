import { Form, Input, Modal, Rate } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Stage } from './case-rules.ts';

/** Confirms a stage move with an optional note (and, when closing, the customer's rating). */
export function StageMoveModal({
  to,
  title,
  onClose,
  onConfirm,
}: {
  to: Stage | null;
  title: string;
  onClose: () => void;
  onConfirm: (v: { note: string | null; satisfaction: number | null }) => Promise<void>;
}) {
  const { t } = useTranslation('agent');
  const { t: tc } = useTranslation();
  const [note, setNote] = useState('');
  const [score, setScore] = useState(0);
  const [busy, setBusy] = useState(false);
  const ok = async () => {
    setBusy(true);
    await onConfirm({ note: note.trim() || null, satisfaction: score || null });
    setBusy(false);
    setNote('');
    setScore(0);
  };
  return (
    <Modal
      open={to !== null}
      title={title}
      onCancel={onClose}
      onOk={() => void ok()}
      confirmLoading={busy}
      okText={tc('save')}
      cancelText={tc('cancel')}
      okButtonProps={{ 'data-testid': 'stage-confirm' }}
    >
      <Form layout="vertical">
        {to === 'closed' && (
          <Form.Item label={t('case.satisfaction')}>
            <Rate value={score} onChange={setScore} />
          </Form.Item>
        )}
        <Form.Item label={t('case.note')}>
          <Input.TextArea
            value={note}
            onChange={(e) => setNote(e.target.value)}
            autoSize={{ minRows: 2, maxRows: 6 }}
            data-testid="stage-note"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
