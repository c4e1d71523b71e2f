/**
 * The phone the supervisor listens on: a desk phone's extension or this browser (the softphone
 * the agent desktop uses). The switch rings it when the supervisor starts monitoring a call, so
 * the supervisor logs in here first and goes away at once: a supervisor's session is for
 * monitoring, not for taking calls from the queues. In the browser, a ring that follows a
 * monitoring click is answered by itself; any other ring (an agent consulting) waits for a click.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../shared/errors.ts';
import { useSoftphone, type Softphone } from '../shared/use-softphone.ts';
import { del, get, post, put } from './http.ts';
import type { AgentStatus, ReasonCode } from './types.ts';

export const meKey = ['sup-me'] as const;

/** Rings within this long after a monitoring click are the monitoring leg. */
const monitorRingMs = 15_000;
let monitorClickedAt = 0;

/** Called by the Calls panel when the supervisor asks to listen, whisper or barge in. */
export function expectMonitorRing(): void {
  monitorClickedAt = Date.now();
}

/** The supervisor's own router session (null while not logged in with a phone). */
export function useMyPhone() {
  return useQuery({ queryKey: meKey, queryFn: () => get<AgentStatus>('/api/agent/me') });
}

type Login = { extension: string } | { softphone: true };

export function MonitorPhone() {
  const { t } = useTranslation('supervisor');
  const { message } = App.useApp();
  const reportError = useReportError();
  const qc = useQueryClient();
  const me = useMyPhone();
  const [extension, setExtension] = useState('');
  const session = me.data?.session ?? null;
  const soft = useSoftphone(Boolean(session?.softphone));
  const login = useMutation({
    mutationFn: async (how: Login) => {
      await post('/api/agent/session', how);
      const reasons = await get<ReasonCode[]>('/api/reason-codes');
      const reason = reasons.find((r) => r.active && !r.systemOnly && !r.requiresApproval);
      if (reason) await put('/api/agent/state', { state: 'away', reason: reason.code });
    },
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: meKey });
      void message.success(t('phone.ready'));
    },
    onError: reportError,
  });
  const logout = useMutation({
    mutationFn: () => del('/api/agent/session'),
    onSuccess: () => void qc.invalidateQueries({ queryKey: meKey }),
    onError: reportError,
  });
  if (me.isLoading) return null;
  const release = (
    <Button
      size="small"
      data-testid="monitor-phone-logout"
      loading={logout.isPending}
      onClick={() => logout.mutate()}
    >
      {t('phone.logout')}
    </Button>
  );
  if (session?.softphone && soft)
    return (
      <Space data-testid="monitor-phone" data-softphone="true">
        <Typography.Text type="secondary">{t('phone.label')}</Typography.Text>
        <BrowserPhone phone={soft} />
        {release}
      </Space>
    );
  if (session?.extension)
    return (
      <Space data-testid="monitor-phone" data-extension={session.extension}>
        <Typography.Text type="secondary">{t('phone.label')}</Typography.Text>
        <Tag color="green" data-testid="monitor-phone-extension">
          {session.extension}
        </Tag>
        {release}
      </Space>
    );
  const ext = extension.trim();
  return (
    <Space data-testid="monitor-phone">
      <Typography.Text type="secondary">{t('phone.label')}</Typography.Text>
      <Input
        size="small"
        style={{ width: 120 }}
        placeholder={t('phone.extension')}
        data-testid="monitor-phone-input"
        value={extension}
        onChange={(e) => setExtension(e.target.value)}
        onPressEnter={() => ext && login.mutate({ extension: ext })}
      />
      <Button
        size="small"
        type="primary"
        data-testid="monitor-phone-login"
        disabled={!/^\d{2,15}$/.test(ext)}
        loading={login.isPending}
        onClick={() => login.mutate({ extension: ext })}
      >
        {t('phone.login')}
      </Button>
      <Button
        size="small"
        data-testid="monitor-phone-browser"
        loading={login.isPending}
        onClick={() => login.mutate({ softphone: true })}
      >
        {t('phone.browser')}
      </Button>
    </Space>
  );
}

/** The browser softphone's state, answering monitoring rings by itself. */
function BrowserPhone({ phone }: { phone: Softphone }) {
  const { t } = useTranslation('supervisor');
  const reportError = useReportError();
  const ring = phone.ringing[0];
  useEffect(() => {
    if (!ring || Date.now() - monitorClickedAt > monitorRingMs) return;
    monitorClickedAt = 0;
    phone.answer(ring.legId).catch(reportError);
  }, [ring, phone, reportError]);
  const color = { connected: 'green', ringing: 'orange', offline: 'red' } as Record<string, string>;
  return (
    <>
      <Tag color="blue">{t('phone.browserTag')}</Tag>
      <Tag
        color={color[phone.state] ?? 'default'}
        data-testid="monitor-phone-state"
        data-state={phone.state}
      >
        {t(`phone.state.${phone.state}`)}
      </Tag>
      {ring && (
        <Button
          size="small"
          type="primary"
          data-testid="monitor-phone-answer"
          onClick={() => phone.answer(ring.legId).catch(reportError)}
        >
          {t('phone.answer')}
        </Button>
      )}
      {phone.state === 'connected' && (
        <Button size="small" danger data-testid="monitor-phone-hangup" onClick={phone.hangup}>
          {t('phone.hangup')}
        </Button>
      )}
    </>
  );
}
