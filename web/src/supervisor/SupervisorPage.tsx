/**
 * The supervisor's workspace (班长监控): the live wallboard, calls in progress with monitoring,
 * and case supervision. One stream connection feeds every tab.
 */
import { Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import './texts.ts';
import { CallsPanel } from './CallsPanel.tsx';
import { CaseSupervision } from './CaseSupervision.tsx';
import { useLiveCenter } from './useLiveCenter.ts';
import { Wallboard } from './Wallboard.tsx';

type Tab = 'wallboard' | 'calls' | 'cases';

export default function SupervisorPage() {
  const { t } = useTranslation('supervisor');
  const live = useLiveCenter();
  const [tab, setTab] = useState<Tab>('wallboard');
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => setTab(k as Tab)}
      size="small"
      destroyOnHidden
      items={[
        {
          key: 'wallboard',
          label: <span data-testid="tab-wallboard">{t('tab.wallboard')}</span>,
          children: <Wallboard live={live} />,
        },
        {
          key: 'calls',
          label: <span data-testid="tab-calls">{t('tab.calls')}</span>,
          children: <CallsPanel snapshot={live.snapshot} />,
        },
        {
          key: 'cases',
          label: <span data-testid="tab-cases">{t('tab.cases')}</span>,
          children: <CaseSupervision />,
        },
      ]}
    />
  );
}
