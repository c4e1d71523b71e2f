import { DownOutlined } from '@ant-design/icons';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App, Button, Dropdown, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { del, post, put } from './http.ts';
import { useReasonCodes } from './queries.ts';
import { useReportError } from '../shared/errors.ts';
import type { Agent, AgentLive } from './types.ts';

type Action =
  | { kind: 'state'; state: 'available' | 'away' | 'offline'; reason?: string }
  | { kind: 'logout' }
  | { kind: 'decide'; approve: boolean };

/** What a supervisor may do to one agent: force a state, log them out, decide an away request. */
export function AgentActions({ agent, overview }: { agent: AgentLive; overview?: Agent }) {
  const { t, i18n } = useTranslation('supervisor');
  const { message, modal } = App.useApp();
  const reportError = useReportError();
  const qc = useQueryClient();
  const reasons = useReasonCodes();
  const run = useMutation({
    mutationFn: (a: Action) => {
      const base = `/api/agents/${encodeURIComponent(agent.agentId)}`;
      if (a.kind === 'logout') return del(`${base}/session`);
      if (a.kind === 'decide') return post(`${base}/away-decision`, { approve: a.approve });
      return put(`${base}/state`, { state: a.state, ...(a.reason ? { reason: a.reason } : {}) });
    },
    onSuccess: (_r, a) => {
      void qc.invalidateQueries({ queryKey: ['sup-agents'] });
      const key =
        a.kind === 'logout' ? 'done.logout' : a.kind === 'decide' ? 'done.decided' : 'done.state';
      void message.success(t(key, { name: agent.name }));
    },
    onError: reportError,
  });
  const pending = overview?.pendingAway ?? null;
  const awayItems = (reasons.data ?? [])
    .filter((r) => r.active && !r.systemOnly)
    .map((r) => ({
      key: `away:${r.code}`,
      label: i18n.language === 'zh-CN' ? r.labelZh : r.label,
    }));
  const onMenu = ({ key }: { key: string }) => {
    if (key === 'available') run.mutate({ kind: 'state', state: 'available' });
    else if (key.startsWith('away:'))
      run.mutate({ kind: 'state', state: 'away', reason: key.slice(5) });
    else if (key === 'logout')
      modal.confirm({
        title: t('confirm.logout', { name: agent.name }),
        onOk: () => run.mutateAsync({ kind: 'logout' }).catch(() => undefined),
      });
  };
  return (
    <Space size={4}>
      {pending && (
        <>
          <Button
            size="small"
            type="primary"
            loading={run.isPending}
            data-testid={`approve-${agent.agentId}`}
            onClick={() => run.mutate({ kind: 'decide', approve: true })}
          >
            {t('action.approve')}
          </Button>
          <Button
            size="small"
            danger
            loading={run.isPending}
            onClick={() => run.mutate({ kind: 'decide', approve: false })}
          >
            {t('action.deny')}
          </Button>
        </>
      )}
      <Dropdown
        trigger={['click']}
        menu={{
          onClick: onMenu,
          items: [
            {
              key: 'available',
              label: t('action.available'),
              disabled: agent.state === 'available',
            },
            { key: 'away', label: t('action.away'), children: awayItems },
            { type: 'divider' },
            { key: 'logout', label: t('action.logout'), danger: true },
          ],
        }}
      >
        <Button size="small" data-testid={`agent-actions-${agent.agentId}`}>
          {t('action.more')} <DownOutlined />
        </Button>
      </Dropdown>
    </Space>
  );
}
