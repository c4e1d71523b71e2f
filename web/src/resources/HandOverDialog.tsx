import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api/client.ts';
import { useErrorText } from '../shared/errors.ts';
import { useAgentUsers } from './queries.ts';
import './texts.ts';

/** The phone being handed over, and who holds it now (if anyone). */
export interface HandOverTarget {
  extension: string;
  holderId: string | null;
  holderName: string | null;
}

/**
 * A supervisor's approval of a phone takeover: pick the agent who gets the phone
 * (`POST /api/devices/{extension}/takeover`); its holder stays logged in without a phone.
 */
export function HandOverDialog({
  target,
  onClose,
}: {
  target: HandOverTarget | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('resources');
  const { message } = App.useApp();
  const errorText = useErrorText();
  const client = useQueryClient();
  const agents = useAgentUsers(target !== null);
  const [agentId, setAgentId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const close = () => {
    setAgentId(null);
    setError(null);
    onClose();
  };
  const submit = async () => {
    if (!target || !agentId) return;
    setBusy(true);
    setError(null);
    try {
      await post(`/api/devices/${encodeURIComponent(target.extension)}/takeover`, { agentId });
      const name = agents.data?.find((u) => u.id === agentId)?.displayName ?? agentId;
      void message.success(t('handOver.done', { extension: target.extension, agent: name }));
      void client.invalidateQueries({ queryKey: ['res-board'] });
      close();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open={target !== null}
      title={t('handOver.title', { extension: target?.extension ?? '' })}
      okText={t('handOver.confirm')}
      cancelText={t('handOver.cancel')}
      onOk={() => void submit()}
      onCancel={close}
      confirmLoading={busy}
      okButtonProps={{ disabled: !agentId, 'data-testid': 'handover-confirm' }}
      destroyOnHidden
    >
      <Space orientation="vertical" style={{ width: '100%' }} data-testid="handover-dialog">
        <Typography.Text data-testid="handover-holder">
          {target?.holderName
            ? t('handOver.heldBy', { agent: target.holderName })
            : t('handOver.free')}
        </Typography.Text>
        <Select
          value={agentId}
          onChange={setAgentId}
          loading={agents.isLoading}
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('handOver.pickAgent')}
          style={{ width: '100%' }}
          data-testid="handover-agent"
          options={(agents.data ?? [])
            .filter((u) => u.id !== target?.holderId)
            .map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` }))}
        />
        <Typography.Text type="secondary">{t('handOver.hint')}</Typography.Text>
        {error && <Alert type="error" showIcon title={error} data-testid="handover-error" />}
      </Space>
    </Modal>
  );
}
