import { Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AgentTask } from './agent-types.ts';
import { channelColor } from './colors.ts';
import { useCustomer } from './queries.ts';
import { formatDuration, secondsSince, useNow } from './time.ts';
import { taskParty } from './task-party.ts';

/** One task the agent holds: channel, who, what about, how long, wrap-up. */
export function InboxItem({
  task,
  selected,
  typing,
  onSelect,
}: {
  task: AgentTask;
  selected: boolean;
  typing: boolean;
  onSelect: () => void;
}) {
  const { t } = useTranslation('agent');
  const { t: tc } = useTranslation();
  const now = useNow();
  const a = task.attributes;
  const customer = useCustomer(typeof a['customerId'] === 'string' ? a['customerId'] : null);
  const subject = [a['caseNumber'], a['subject']].filter((x) => typeof x === 'string' && x);
  return (
    <div
      role="button"
      tabIndex={0}
      onClick={onSelect}
      onKeyDown={(e) => e.key === 'Enter' && onSelect()}
      data-testid="inbox-item"
      data-channel={task.channel}
      style={{
        padding: '8px 10px',
        borderRadius: 4,
        cursor: 'pointer',
        background: selected ? '#e6f4ff' : undefined,
        borderLeft: `3px solid ${selected ? '#1677ff' : 'transparent'}`,
      }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
        <Tag color={channelColor[task.channel]} style={{ marginInlineEnd: 0 }}>
          {tc(`channel.${task.channel}`)}
        </Tag>
        <Typography.Text strong ellipsis style={{ flex: 1 }}>
          {customer.data?.name ?? (taskParty(task) || t('offer.unknownCustomer'))}
        </Typography.Text>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {formatDuration(secondsSince(task.createdAt, now))}
        </Typography.Text>
      </div>
      <div style={{ display: 'flex', gap: 6, marginTop: 2, alignItems: 'center' }}>
        <Typography.Text type="secondary" ellipsis style={{ flex: 1, fontSize: 12 }}>
          {typing ? t('chat.visitorTyping') : subject.join(' · ') || '\u00a0'}
        </Typography.Text>
        {task.state === 'wrapping' && <Tag color="purple">{tc('state.wrapup')}</Tag>}
      </div>
    </div>
  );
}
