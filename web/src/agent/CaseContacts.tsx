import { Empty, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../api/types.ts';
import { channelColor } from './colors.ts';
import { formatShortTime } from '../shared/format.ts';

/** The contacts linked to a case (every channel), newest first. */
export function CaseContacts({ contacts }: { contacts: Contact[] }) {
  const { t, i18n } = useTranslation('agent');
  const { t: tc } = useTranslation();
  if (contacts.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer.noContacts')} />;
  return (
    <div data-testid="case-contacts">
      {contacts.map((c) => (
        <div
          key={c.id}
          style={{ display: 'flex', gap: 8, padding: '4px 0', borderBottom: '1px solid #f0f0f0' }}
        >
          <Tag color={channelColor[c.channel]}>{tc(`channel.${c.channel}`)}</Tag>
          <Typography.Text>{c.direction === 'inbound' ? c.from : c.to}</Typography.Text>
          <Typography.Text type="secondary" ellipsis style={{ flex: 1 }}>
            {c.subject ?? ''}
          </Typography.Text>
          <Typography.Text type="secondary">
            {formatShortTime(c.startedAt, i18n.language)}
          </Typography.Text>
          {!c.endedAt && <Tag color="green">{t('customer.ongoing')}</Tag>}
        </div>
      ))}
    </div>
  );
}
