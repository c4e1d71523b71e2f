import { Button, Empty, Input, Modal, Tabs, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Target } from './agent-types.ts';
import { stateColor } from './colors.ts';
import { useQueues, useRealtime } from './queries.ts';

export type TargetKind = 'queue' | 'agent' | 'extension' | 'number';

const row = {
  display: 'flex',
  alignItems: 'center',
  gap: 8,
  padding: '4px 0',
  borderBottom: '1px solid #f0f0f0',
} as const;

/**
 * Where to send a call or a task: a queue (with who waits there), a colleague (with their live
 * state: available ones first), a desk-phone extension or an outside number.
 */
export function TransferPicker({
  open,
  title,
  kinds,
  selfId,
  onPick,
  onClose,
}: {
  open: boolean;
  title: string;
  kinds: readonly TargetKind[];
  selfId: string | undefined;
  onPick: (target: Target) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation('agent');
  const { t: tc } = useTranslation();
  const queues = useQueues();
  const live = useRealtime(open);
  const [ext, setExt] = useState('');
  const [number, setNumber] = useState('');
  const rank: Record<string, number> = { available: 0, busy: 1, wrapup: 2, away: 3, offline: 4 };
  const agents = (live.data?.agents ?? [])
    .filter((a) => a.agentId !== selfId && a.state !== 'offline')
    .sort((a, b) => (rank[a.state] ?? 9) - (rank[b.state] ?? 9) || a.name.localeCompare(b.name));
  const pick = (target: Target) => {
    onPick(target);
    onClose();
  };
  const items = [
    kinds.includes('queue') && {
      key: 'queue',
      label: t('transfer.queues'),
      children: (queues.data ?? []).map((q) => {
        const w = live.data?.queues.find((x) => x.queueId === q.id);
        return (
          <div key={q.id} style={row}>
            <Typography.Text style={{ flex: 1 }}>{q.name}</Typography.Text>
            {w && (
              <Typography.Text type="secondary">
                {t('transfer.waiting', { n: w.waiting })} ·{' '}
                {t('transfer.availableAgents', { n: w.agents.available })}
              </Typography.Text>
            )}
            <Button size="small" onClick={() => pick({ queueId: q.id })} data-testid="pick-queue">
              {t('transfer.choose')}
            </Button>
          </div>
        );
      }),
    },
    kinds.includes('agent') && {
      key: 'agent',
      label: t('transfer.agents'),
      children: agents.length ? (
        agents.map((a) => (
          <div key={a.agentId} style={row}>
            <Typography.Text style={{ flex: 1 }}>{a.name}</Typography.Text>
            <Tag color={stateColor[a.state]}>{tc(`state.${a.state}`)}</Tag>
            <Button
              size="small"
              onClick={() => pick({ agentId: a.agentId })}
              data-testid="pick-agent"
            >
              {t('transfer.choose')}
            </Button>
          </div>
        ))
      ) : (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('transfer.noAgents')} />
      ),
    },
    kinds.includes('extension') && {
      key: 'extension',
      label: t('transfer.extension'),
      children: (
        <Input.Search
          value={ext}
          onChange={(e) => setExt(e.target.value)}
          placeholder="8002"
          enterButton={t('transfer.choose')}
          onSearch={(v) => /^\d{2,12}$/.test(v.trim()) && pick({ extension: v.trim() })}
        />
      ),
    },
    kinds.includes('number') && {
      key: 'number',
      label: t('transfer.number'),
      children: (
        <Input.Search
          value={number}
          onChange={(e) => setNumber(e.target.value)}
          placeholder="13800138000"
          enterButton={t('transfer.choose')}
          onSearch={(v) => /^\+?\d{3,20}$/.test(v.trim()) && pick({ number: v.trim() })}
        />
      ),
    },
  ].filter((x) => x !== false);
  return (
    <Modal open={open} title={title} onCancel={onClose} footer={null} destroyOnHidden width={520}>
      <div data-testid="transfer-picker" style={{ maxHeight: 420, overflowY: 'auto' }}>
        <Tabs items={items} size="small" />
      </div>
    </Modal>
  );
}
