import { PhoneOutlined } from '@ant-design/icons';
import { Button, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentSession, Call } from './agent-types.ts';
import { callButtons, isLegal, type CallCommand } from './call-actions.ts';
import { callStateColor } from './colors.ts';
import { DialPad } from './DialPad.tsx';
import { useContact } from './queries.ts';
import { formatDuration, secondsSince, useNow } from './time.ts';
import { TransferPicker } from './TransferPicker.tsx';
import type { AgentActions } from './use-agent-actions.ts';

/** Who the agent talks with: the customer's number, or a consulted colleague's. */
function partyOf(call: Call): string {
  const customer = call.legs.find((l) => l.role === 'customer')?.party;
  return customer && 'number' in customer ? customer.number : '';
}

/**
 * Call control: the live call with its state and timer, every CTI button enabled only where the
 * call state allows it (call-actions.ts), transfer and consult targets, DTMF, and click-to-dial.
 */
export function SoftphonePanel({
  session,
  call,
  actions,
  selfId,
}: {
  session: AgentSession | null;
  call: Call | undefined;
  actions: AgentActions;
  selfId: string | undefined;
}) {
  const { t } = useTranslation('agent');
  const now = useNow();
  const [number, setNumber] = useState('');
  const [picker, setPicker] = useState<'transfer' | 'consult' | null>(null);
  const contact = useContact(call?.contactId);
  const started = contact.data?.answeredAt ?? contact.data?.startedAt;
  const canDial = Boolean(session?.extension) && !call;

  const press = (command: CallCommand, needsTarget: boolean) => {
    if (!call) return;
    if (needsTarget) setPicker(command as 'transfer' | 'consult');
    else void actions.callCommand(call, command);
  };
  const key = (k: string) => {
    if (call && isLegal('dtmf', call.state)) void actions.callCommand(call, 'dtmf', { digits: k });
    else setNumber((n) => (n + k).slice(0, 20));
  };

  return (
    <div data-testid="softphone-panel" style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
      {call ? (
        <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
          <PhoneOutlined />
          <Typography.Text strong>{partyOf(call)}</Typography.Text>
          <Tag color={callStateColor[call.state]} data-testid="call-state">
            {t(`call.state.${call.state}`)}
          </Tag>
          <span style={{ flex: 1 }} />
          <Typography.Text data-testid="call-timer">
            {started ? formatDuration(secondsSince(started, now)) : ''}
          </Typography.Text>
        </div>
      ) : (
        <Typography.Text type="secondary">{t('call.none')}</Typography.Text>
      )}
      <div style={{ display: 'grid', gridTemplateColumns: 'repeat(4, 1fr)', gap: 4 }}>
        {callButtons.map(({ command, needsTarget }) => (
          <Button
            key={command}
            size="small"
            danger={command === 'hangup'}
            disabled={!isLegal(command, call?.state)}
            onClick={() => press(command, needsTarget)}
            data-testid={`call-${command}`}
            style={{ paddingInline: 2 }}
          >
            {t(`call.cmd.${command}`)}
          </Button>
        ))}
      </div>
      <Space.Compact style={{ width: '100%' }}>
        <Input
          size="small"
          value={number}
          onChange={(e) => setNumber(e.target.value.replace(/[^\d+*#]/g, ''))}
          placeholder={t('call.numberPlaceholder')}
          onPressEnter={() => canDial && number && void actions.dial(number)}
          data-testid="dial-number"
        />
        <Button
          size="small"
          type="primary"
          disabled={!canDial || !/^\+?\d{3,20}$/.test(number)}
          onClick={() => void actions.dial(number)}
          data-testid="dial-button"
        >
          {t('call.dial')}
        </Button>
      </Space.Compact>
      {session?.softphone && !call && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('call.dialNeedsDeskPhone')}
        </Typography.Text>
      )}
      <DialPad onKey={key} />
      <TransferPicker
        open={picker !== null}
        title={picker === 'consult' ? t('call.consultTitle') : t('call.transferTitle')}
        kinds={
          picker === 'consult'
            ? ['agent', 'extension', 'number']
            : ['queue', 'agent', 'extension', 'number']
        }
        selfId={selfId}
        onClose={() => setPicker(null)}
        onPick={(to) => call && picker && void actions.callCommand(call, picker, to)}
      />
    </div>
  );
}
