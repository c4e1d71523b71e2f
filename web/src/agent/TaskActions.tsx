import { Button, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../api/types.ts';
import type { AgentTask } from './agent-types.ts';
import { TransferPicker } from './TransferPicker.tsx';
import type { AgentActions } from './use-agent-actions.ts';
import { wrapUpCodes } from './wrap-codes.ts';

/** What the agent can do with the task itself: end the chat, wrap, complete, transfer. */
export function TaskActions({
  task,
  contact,
  actions,
  selfId,
}: {
  task: AgentTask;
  contact: Contact | undefined;
  actions: AgentActions;
  selfId: string | undefined;
}) {
  const { t } = useTranslation('agent');
  const [code, setCode] = useState<string>('resolved');
  const [picking, setPicking] = useState(false);
  const assigned = task.state === 'assigned';
  const chatOpen = task.channel === 'webchat' && contact && !contact.endedAt;
  return (
    <Space size={6} wrap>
      {assigned && chatOpen && (
        <Button
          danger
          size="small"
          onClick={() => void actions.endChat(contact.id)}
          data-testid="end-chat"
        >
          {t('task.endChat')}
        </Button>
      )}
      {assigned && task.channel !== 'voice' && !chatOpen && (
        <Button size="small" onClick={() => void actions.wrapTask(task.id)} data-testid="task-wrap">
          {t('task.wrap')}
        </Button>
      )}
      {assigned && task.channel !== 'voice' && (
        <Button size="small" onClick={() => setPicking(true)} data-testid="task-transfer">
          {t('task.transfer')}
        </Button>
      )}
      {task.state === 'wrapping' && (
        <>
          <Select
            size="small"
            value={code}
            onChange={setCode}
            style={{ width: 130 }}
            aria-label={t('wrapup.code')}
            options={wrapUpCodes.map((c) => ({ value: c, label: t(`wrapCode.${c}`) }))}
          />
          <Button
            size="small"
            type="primary"
            onClick={() => void actions.completeTask(task.id, code)}
            data-testid="task-complete"
          >
            {t('task.complete')}
          </Button>
        </>
      )}
      <TransferPicker
        open={picking}
        title={t('task.transferTitle')}
        kinds={['queue', 'agent']}
        selfId={selfId}
        onClose={() => setPicking(false)}
        onPick={(to) => {
          if ('queueId' in to || 'agentId' in to) void actions.transferTask(task.id, to);
        }}
      />
    </Space>
  );
}
