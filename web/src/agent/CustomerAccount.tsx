import { Descriptions, Tag, Typography } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { get } from '../api/client.ts';
import type { CustomerAccount as Account } from '../api/types.ts';
import { BillingHistoryButton } from './BillingHistory.tsx';

const section = { marginTop: 10, marginBottom: 4, fontSize: 13 } as const;

/**
 * The customer's account at the operator (plan, balance, services), part of the screen pop.
 * The server answers 200 even when a system is down; the parts it could not read say so here.
 */
export function CustomerAccount({ customerId }: { customerId: string }) {
  const { t } = useTranslation('agent');
  const account = useQuery({
    queryKey: ['customer-account', customerId],
    queryFn: () => get<Account>(`/api/customers/${customerId}/account`),
    staleTime: 30_000,
  });
  const a = account.data;
  if (!a) return null;
  const failed = (part: 'profile' | 'balance' | 'services') =>
    a.errors.some((e) => e.part === part) ? (
      <Typography.Text type="warning">{t('account.unavailable')}</Typography.Text>
    ) : (
      '—'
    );
  return (
    <div data-testid="customer-account">
      <div style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between' }}>
        <Typography.Title level={5} style={section}>
          {t('account.title')}
        </Typography.Title>
        <BillingHistoryButton customerId={customerId} />
      </div>
      <Descriptions
        size="small"
        column={1}
        items={[
          {
            key: 'plan',
            label: t('account.plan'),
            children: a.profile ? (
              <span data-testid="account-plan">{a.profile.plan.name}</span>
            ) : (
              failed('profile')
            ),
          },
          {
            key: 'balance',
            label: t('account.balance'),
            children: a.balance ? (
              <span data-testid="account-balance">
                {a.balance.amount} {a.balance.currency}
              </span>
            ) : (
              failed('balance')
            ),
          },
          ...(a.profile
            ? [
                {
                  key: 'status',
                  label: t('account.status'),
                  children: `${t(`account.status_${a.profile.status}`)} · ${a.profile.area}`,
                },
              ]
            : []),
          {
            key: 'services',
            label: t('account.services'),
            // Long service names wrap inside the narrow customer pane.
            children: a.services ? (
              <span style={{ display: 'flex', flexWrap: 'wrap', gap: 4 }}>
                {a.services.map((s) => (
                  <Tag key={s.code} title={s.code} style={{ marginInlineEnd: 0 }}>
                    {s.name}
                  </Tag>
                ))}
              </span>
            ) : (
              failed('services')
            ),
          },
        ]}
      />
    </div>
  );
}
