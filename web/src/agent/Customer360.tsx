import { Descriptions, Empty, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../api/types.ts';
import { channelColor, levelColor, stageColor } from './colors.ts';
import { openStages, type Stage } from './case-rules.ts';
import { useCustomer, useCustomerCases, useCustomerContacts } from './queries.ts';
import { CustomerAccount } from './CustomerAccount.tsx';
import { formatShortTime } from '../shared/format.ts';

const section = { marginTop: 10, marginBottom: 4, fontSize: 13 } as const;

/**
 * The screen pop: who the customer is (level, numbers, tags), their plan, balance and services
 * at the operator, the IVR data of this contact, their recent contacts on every channel and
 * their open cases (click to open one).
 */
export function Customer360({
  customerId,
  contact,
  onOpenCase,
}: {
  customerId: string | null;
  contact: Contact | undefined;
  onOpenCase: (caseId: string) => void;
}) {
  const { t, i18n } = useTranslation('agent');
  const { t: tc } = useTranslation();
  const customer = useCustomer(customerId);
  const contacts = useCustomerContacts(customerId);
  const cases = useCustomerCases(customerId);
  const ivr = Object.entries(contact?.ivrData ?? {});
  const open = (cases.data?.items ?? []).filter((c) => openStages.includes(c.stage as Stage));
  const c = customer.data;
  return (
    <div data-testid="customer-360">
      {c ? (
        <>
          <div style={{ display: 'flex', alignItems: 'center', gap: 6 }}>
            <Typography.Text strong style={{ fontSize: 15 }} data-testid="customer-name">
              {c.name}
            </Typography.Text>
            <Tag color={levelColor[c.level]}>{t(`level.${c.level}`)}</Tag>
          </div>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'msisdn', label: t('customer.phone'), children: c.msisdn ?? tc('none') },
              { key: 'email', label: t('customer.email'), children: c.email ?? tc('none') },
              {
                key: 'tags',
                label: t('customer.tags'),
                children: c.tags.length ? c.tags.map((x) => <Tag key={x}>{x}</Tag>) : tc('none'),
              },
            ]}
          />
          {c.msisdn && <CustomerAccount customerId={c.id} />}
        </>
      ) : (
        <Typography.Text type="secondary">
          {contact ? t('customer.unknown', { from: contact.from }) : t('customer.noneSelected')}
        </Typography.Text>
      )}
      {ivr.length > 0 && (
        <>
          <Typography.Title level={5} style={section}>
            {t('customer.ivrData')}
          </Typography.Title>
          <Descriptions
            size="small"
            column={1}
            data-testid="ivr-data"
            items={ivr.map(([k, v]) => ({ key: k, label: k, children: v }))}
          />
        </>
      )}
      {c && (
        <>
          <Typography.Title level={5} style={section}>
            {t('customer.openCases', { n: open.length })}
          </Typography.Title>
          {open.length === 0 && <Typography.Text type="secondary">{tc('none')}</Typography.Text>}
          {open.map((k) => (
            <div
              key={k.id}
              role="button"
              tabIndex={0}
              onClick={() => onOpenCase(k.id)}
              onKeyDown={(e) => e.key === 'Enter' && onOpenCase(k.id)}
              style={{ cursor: 'pointer', padding: '2px 0', display: 'flex', gap: 6 }}
              data-testid="customer-case"
            >
              <Tag color={stageColor[k.stage]}>{tc(`stage.${k.stage}`)}</Tag>
              <Typography.Text ellipsis style={{ flex: 1 }} title={k.title}>
                {k.number} {k.title}
              </Typography.Text>
            </div>
          ))}
          <Typography.Title level={5} style={section}>
            {t('customer.recentContacts')}
          </Typography.Title>
          {(contacts.data?.items ?? []).length === 0 && (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('customer.noContacts')} />
          )}
          {(contacts.data?.items ?? []).map((x) => (
            <div key={x.id} style={{ display: 'flex', gap: 6, padding: '2px 0' }}>
              <Tag color={channelColor[x.channel]}>{tc(`channel.${x.channel}`)}</Tag>
              <Typography.Text type="secondary" ellipsis style={{ flex: 1 }}>
                {x.subject ??
                  (x.direction === 'inbound' ? t('customer.inbound') : t('customer.outbound'))}
              </Typography.Text>
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {formatShortTime(x.startedAt, i18n.language)}
              </Typography.Text>
            </div>
          ))}
        </>
      )}
    </div>
  );
}
