import { PhoneOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Input, Popover, Radio, Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, get } from '../api/client.ts';
import type { AgentActions } from './use-agent-actions.ts';

/**
 * Logs in to the router with the browser softphone, a desk phone's extension, or a seat (its desk
 * phone). A phone another agent is using is refused (`device.in_use`): the form says who has it
 * and that a supervisor can hand it over from the resource board.
 */
export function AgentLogin({ actions }: { actions: AgentActions }) {
  const { t } = useTranslation('agent');
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<'softphone' | 'desk' | 'seat'>('softphone');
  const [seatId, setSeatId] = useState<string | null>(null);
  const seats = useQuery({
    queryKey: ['agent-seats'],
    queryFn: () => get<{ id: string; name: string; zone: string }[]>('/api/resources/seats'),
    enabled: open && mode === 'seat',
  });
  const [extension, setExtension] = useState('8001');
  const [busy, setBusy] = useState(false);
  const [inUse, setInUse] = useState<{ extension: string; holder: string | null } | null>(null);
  const submit = async () => {
    setBusy(true);
    setInUse(null);
    const ok = await actions.login(
      mode === 'softphone'
        ? { softphone: true }
        : mode === 'seat' && seatId
          ? { seatId }
          : { extension: extension.trim() },
      (e) => {
        if (!(e instanceof ApiError) || e.code !== 'device.in_use') return false;
        const d = e.details;
        setInUse({
          extension: typeof d['extension'] === 'string' ? d['extension'] : extension.trim(),
          holder: typeof d['agentName'] === 'string' ? d['agentName'] : null,
        });
        return true;
      },
    );
    setBusy(false);
    if (ok !== null) setOpen(false);
  };
  const content = (
    <Space orientation="vertical" style={{ width: 240 }}>
      <Radio.Group
        value={mode}
        onChange={(e) => {
          setMode(e.target.value as 'softphone' | 'desk' | 'seat');
          setInUse(null);
        }}
        options={[
          { value: 'softphone', label: t('login.softphone') },
          { value: 'desk', label: t('login.deskPhone') },
          { value: 'seat', label: t('login.seat') },
        ]}
      />
      {mode === 'desk' && (
        <Input
          value={extension}
          onChange={(e) => setExtension(e.target.value)}
          prefix={<PhoneOutlined />}
          placeholder={t('login.extension')}
          data-testid="agent-login-extension"
        />
      )}
      {mode === 'seat' && (
        <Select
          value={seatId}
          onChange={setSeatId}
          loading={seats.isLoading}
          placeholder={t('login.seat')}
          style={{ width: '100%' }}
          data-testid="agent-login-seat"
          options={(seats.data ?? []).map((s) => ({ value: s.id, label: `${s.name} · ${s.zone}` }))}
        />
      )}
      {inUse && (
        <Alert
          type="warning"
          showIcon
          data-testid="agent-login-in-use"
          title={
            inUse.holder
              ? t('login.inUseBy', { extension: inUse.extension, agent: inUse.holder })
              : t('login.inUse', { extension: inUse.extension })
          }
          description={t('login.inUseHint')}
        />
      )}
      <Button
        type="primary"
        block
        loading={busy}
        disabled={
          (mode === 'desk' && !/^\d{2,12}$/.test(extension.trim())) || (mode === 'seat' && !seatId)
        }
        onClick={() => void submit()}
        data-testid="agent-login-submit"
      >
        {t('login.submit')}
      </Button>
    </Space>
  );
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      content={content}
      title={t('login.title')}
    >
      <Button type="primary" data-testid="agent-login">
        {t('login.button')}
      </Button>
    </Popover>
  );
}
