import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Space, Table, Tag } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { commandStates } from '../../../src/contracts/rules.ts';
import { useSession } from '../shell/session.tsx';
import { useReportError } from '../shared/errors.ts';
import { get, post } from './http.ts';
import { expectMonitorRing, MonitorPhone, useMyPhone } from './MonitorPhone.tsx';
import type { Call, Realtime } from './types.ts';

type Mode = 'listen' | 'whisper' | 'barge';
const modes: readonly Mode[] = ['listen', 'whisper', 'barge'];

/** The domain's table of legal states (src/domain/call/call.ts), so buttons match the server. */
const legal = (c: Call, command: 'monitor' | 'release') =>
  (commandStates[command] as readonly string[]).includes(c.state);

/** The supervisor's own live leg on a call, if they are monitoring it. */
const myLeg = (c: Call, userId: string | undefined) =>
  c.legs.find(
    (l) =>
      l.role === 'supervisor' &&
      l.state !== 'released' &&
      l.party.kind === 'user' &&
      l.party.userId === userId,
  );

/**
 * Calls in progress with the supervisor's controls: listen, whisper (the agent hears you), barge
 * in (both hear you) — again to switch mode — and release (end the call for everyone). Each
 * button is enabled only in the call states where the switch accepts its command; monitoring
 * rings the supervisor's phone, so it also needs the monitoring phone logged in.
 */
export function CallsPanel({ snapshot }: { snapshot: Realtime | null }) {
  const { t } = useTranslation('supervisor');
  const { user } = useSession();
  const { message, modal } = App.useApp();
  const reportError = useReportError();
  const qc = useQueryClient();
  const phone = useMyPhone();
  const mine = phone.data?.session;
  const hasPhone = Boolean(mine?.extension || mine?.softphone);
  const calls = useQuery({
    queryKey: ['sup-calls'],
    queryFn: () => get<Call[]>('/api/calls'),
    refetchInterval: 5_000,
  });
  const agentName = useMemo(
    () => new Map((snapshot?.agents ?? []).map((a) => [a.agentId, a.name])),
    [snapshot?.agents],
  );
  const command = useMutation({
    mutationFn: (c: { id: string; mode: Mode | 'release' }) => {
      if (c.mode === 'release') return post<Call>(`/api/calls/${encodeURIComponent(c.id)}/release`);
      expectMonitorRing();
      return post<Call>(`/api/calls/${encodeURIComponent(c.id)}/monitor`, { mode: c.mode });
    },
    onSuccess: (_r, c) => {
      void qc.invalidateQueries({ queryKey: ['sup-calls'] });
      void message.success(t(`call.${c.mode}`));
    },
    onError: reportError,
  });
  const rows = (calls.data ?? []).filter((c) => c.state !== 'released');
  return (
    <Card size="small" title={t('call.title')} extra={<MonitorPhone />}>
      {!phone.isLoading && !hasPhone && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 8 }}
          data-testid="call-need-phone"
          title={t('call.needPhone')}
        />
      )}
      <Table<Call>
        size="small"
        rowKey="id"
        pagination={false}
        dataSource={rows}
        loading={calls.isLoading}
        data-testid="call-table"
        locale={{ emptyText: t('call.none') }}
        columns={[
          {
            title: t('call.customer'),
            key: 'customer',
            render: (_: unknown, c) =>
              c.legs
                .filter((l) => l.role === 'customer' && l.state !== 'released')
                .map((l) => ('number' in l.party ? l.party.number : ''))
                .join(', '),
          },
          {
            title: t('call.agent'),
            key: 'agent',
            render: (_: unknown, c) =>
              c.legs
                .filter(
                  (l) => (l.role === 'agent' || l.role === 'consult') && l.party.kind === 'user',
                )
                .map((l) =>
                  l.party.kind === 'user' ? (agentName.get(l.party.userId) ?? l.party.userId) : '',
                )
                .join(', '),
          },
          {
            title: t('call.state'),
            dataIndex: 'state',
            width: 100,
            render: (s: Call['state']) => <Tag>{t(`call.state.${s}`)}</Tag>,
          },
          {
            title: t('call.monitor'),
            key: 'mine',
            width: 130,
            render: (_: unknown, c) => {
              const mine = myLeg(c, user?.id);
              return mine?.monitor ? (
                <Tag color="purple" data-testid={`call-mine-${c.id}`} data-mode={mine.monitor}>
                  {t(`call.${mine.monitor}`)}
                </Tag>
              ) : (
                '–'
              );
            },
          },
          {
            title: t('agent.actions'),
            key: 'actions',
            width: 300,
            render: (_: unknown, c) => {
              const mine = myLeg(c, user?.id)?.monitor ?? null;
              const busy = command.isPending && command.variables?.id === c.id;
              return (
                <Space size={4}>
                  {modes.map((m) => (
                    <Button
                      key={m}
                      size="small"
                      type={mine === m ? 'primary' : 'default'}
                      data-testid={`call-${m}-${c.id}`}
                      disabled={!hasPhone || !legal(c, 'monitor') || mine === m || busy}
                      loading={busy && command.variables?.mode === m}
                      onClick={() => command.mutate({ id: c.id, mode: m })}
                    >
                      {t(`call.${m}`)}
                    </Button>
                  ))}
                  <Button
                    size="small"
                    danger
                    data-testid={`call-release-${c.id}`}
                    disabled={!legal(c, 'release') || busy}
                    onClick={() =>
                      modal.confirm({
                        title: t('call.confirmRelease'),
                        okButtonProps: { danger: true },
                        onOk: () =>
                          command.mutateAsync({ id: c.id, mode: 'release' }).catch(() => undefined),
                      })
                    }
                  >
                    {t('call.release')}
                  </Button>
                </Space>
              );
            },
          },
        ]}
      />
    </Card>
  );
}
