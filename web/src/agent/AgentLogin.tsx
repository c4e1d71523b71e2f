import { PhoneOutlined } from '@ant-design/icons';
import { Button, Input, Popover, Radio, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentActions } from './use-agent-actions.ts';

/** Logs in to the router with the browser softphone or a desk phone's extension. */
export function AgentLogin({ actions }: { actions: AgentActions }) {
  const { t } = useTranslation('agent');
  const [open, setOpen] = useState(false);
  const [mode, setMode] = useState<'softphone' | 'desk'>('softphone');
  const [extension, setExtension] = useState('8001');
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    setBusy(true);
    const ok = await actions.login(
      mode === 'softphone' ? { softphone: true } : { extension: extension.trim() },
    );
    setBusy(false);
    if (ok !== null) setOpen(false);
  };
  const content = (
    <Space orientation="vertical" style={{ width: 240 }}>
      <Radio.Group
        value={mode}
        onChange={(e) => setMode(e.target.value as 'softphone' | 'desk')}
        options={[
          { value: 'softphone', label: t('login.softphone') },
          { value: 'desk', label: t('login.deskPhone') },
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
      <Button
        type="primary"
        block
        loading={busy}
        disabled={mode === 'desk' && !/^\d{2,12}$/.test(extension.trim())}
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
