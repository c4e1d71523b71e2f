import { CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { Button, Progress, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentTask } from './agent-types.ts';
import { channelColor } from './colors.ts';
import { useCustomer, useQueues } from './queries.ts';
import { taskParty } from './task-party.ts';
import { formatDuration, secondsSince, useNow } from './time.ts';
import type { AgentActions } from './use-agent-actions.ts';
import type { Softphone } from '../shared/use-softphone.ts';

/** One offer: channel, queue, customer, wait, the countdown, accept and reject. */
export function OfferCard({
  task,
  actions,
  softphone,
  deskPhone,
  onAccepted,
}: {
  task: AgentTask;
  actions: AgentActions;
  softphone: Softphone | null;
  deskPhone: boolean;
  onAccepted: (task: AgentTask) => void;
}) {
  const { t } = useTranslation('agent');
  const { t: tc } = useTranslation();
  const now = useNow(250);
  const queues = useQueues();
  const customerId = task.attributes['customerId'];
  const customer = useCustomer(typeof customerId === 'string' ? customerId : null);
  const [busy, setBusy] = useState(false);
  const r = task.reservation;
  if (!r) return null;
  const total = (Date.parse(r.expiresAt) - Date.parse(r.createdAt)) / 1000;
  const left = Math.max(0, (Date.parse(r.expiresAt) - now) / 1000);
  const queue = queues.data?.find((q) => q.id === task.queueId)?.name ?? '';
  const voice = task.channel === 'voice';
  const ringingHere = voice && softphone?.ringing.length;
  const accept = async () => {
    setBusy(true);
    const ok = await actions.accept(task);
    setBusy(false);
    if (ok) onAccepted(task);
  };
  return (
    <div
      data-testid="offer"
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 12,
        padding: '8px 12px',
        background: '#fffbe6',
        border: '1px solid #ffe58f',
        borderRadius: 4,
      }}
    >
      <Tag color={channelColor[task.channel]}>{tc(`channel.${task.channel}`)}</Tag>
      <Typography.Text strong data-testid="offer-customer">
        {customer.data?.name ?? (taskParty(task) || t('offer.unknownCustomer'))}
      </Typography.Text>
      {customer.data && <Tag>{t(`level.${customer.data.level}`)}</Tag>}
      <Typography.Text type="secondary">
        {t('offer.queue')}: {queue}
      </Typography.Text>
      <Typography.Text type="secondary">
        {t('offer.waited', { time: formatDuration(secondsSince(task.createdAt, now)) })}
      </Typography.Text>
      {typeof task.attributes['subject'] === 'string' && (
        <Typography.Text ellipsis style={{ maxWidth: 240 }}>
          {task.attributes['subject']}
        </Typography.Text>
      )}
      <span style={{ flex: 1 }} />
      <Progress
        percent={total > 0 ? (left / total) * 100 : 0}
        showInfo={false}
        size="small"
        style={{ width: 90, margin: 0 }}
        strokeColor={left < 5 ? '#ff4d4f' : '#faad14'}
      />
      <Typography.Text data-testid="offer-countdown">{Math.ceil(left)}s</Typography.Text>
      <Space>
        {voice && deskPhone ? (
          <Typography.Text type="warning">{t('offer.pickUpPhone')}</Typography.Text>
        ) : (
          <Button
            type="primary"
            icon={<CheckOutlined />}
            loading={busy}
            disabled={voice && !ringingHere}
            onClick={() => void accept()}
            data-testid="offer-accept"
          >
            {voice ? t('offer.answer') : t('offer.accept')}
          </Button>
        )}
        <Button
          danger
          icon={<CloseOutlined />}
          onClick={() => void actions.reject(task)}
          data-testid="offer-reject"
        >
          {t('offer.reject')}
        </Button>
      </Space>
    </div>
  );
}
