/**
 * The phone the supervisor listens on. The switch rings the supervisor's desk phone (the
 * extension of their router session) when they start monitoring a call, so the supervisor logs
 * in with an extension here first and goes away at once: a supervisor's session is for
 * monitoring, not for taking calls from the queues.
 */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../shared/errors.ts';
import { del, get, post, put } from './http.ts';
import type { AgentStatus, ReasonCode } from './types.ts';

export const meKey = ['sup-me'] as const;

/** The supervisor's own router session (null while not logged in with a phone). */
export function useMyPhone() {
  return useQuery({ queryKey: meKey, queryFn: () => get<AgentStatus>('/api/agent/me') });
}

export function MonitorPhone() {
  const { t } = useTranslation('supervisor');
  const { message } = App.useApp();
  const reportError = useReportError();
  const qc = useQueryClient();
  const me = useMyPhone();
  const [extension, setExtension] = useState('');
  const session = me.data?.session ?? null;
  const login = useMutation({
    mutationFn: async (ext: string) => {
      await post('/api/agent/session', { extension: ext });
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
  if (session?.extension)
    return (
      <Space data-testid="monitor-phone" data-extension={session.extension}>
        <Typography.Text type="secondary">{t('phone.label')}</Typography.Text>
        <Tag color="green" data-testid="monitor-phone-extension">
          {session.extension}
        </Tag>
        <Button
          size="small"
          data-testid="monitor-phone-logout"
          loading={logout.isPending}
          onClick={() => logout.mutate()}
        >
          {t('phone.logout')}
        </Button>
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
        onPressEnter={() => ext && login.mutate(ext)}
      />
      <Button
        size="small"
        type="primary"
        data-testid="monitor-phone-login"
        disabled={!/^\d{2,15}$/.test(ext)}
        loading={login.isPending}
        onClick={() => login.mutate(ext)}
      >
        {t('phone.login')}
      </Button>
    </Space>
  );
}
