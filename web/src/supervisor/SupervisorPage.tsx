/**
 * The supervisor's workspace (班长监控): the live wallboard, calls in progress with monitoring,
 * case supervision, reports and outbound campaigns. One stream connection feeds every tab. The
 * tab is in the address (`/supervisor?tab=campaigns`), so each can be linked to.
 */
import { Tabs } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import './texts.ts';
import { CallsPanel } from './CallsPanel.tsx';
import { CaseSupervision } from './CaseSupervision.tsx';
import { useLiveCenter } from './useLiveCenter.ts';
import { Wallboard } from './Wallboard.tsx';
import './report-texts.ts';
import { CompliancePanel } from './reports/CompliancePanel.tsx';
import { IvrReportPanel } from './reports/IvrReportPanel.tsx';
import { ReportsPanel } from './reports/ReportsPanel.tsx';
import { WorkforcePanel } from './reports/WorkforcePanel.tsx';
import './campaigns/campaign-texts.ts';
import { CampaignsPanel } from './campaigns/CampaignsPanel.tsx';
import { ResourceBoardSection } from '../resources/ResourceBoardSection.tsx';
import { readParam, writeParams } from './address-param.ts';

const tabs = [
  'wallboard',
  'calls',
  'cases',
  'reports',
  'ivr',
  'compliance',
  'workforce',
  'campaigns',
  'resources',
] as const;
type Tab = (typeof tabs)[number];

const linkedTab = (): Tab => {
  const v = readParam('tab');
  return (tabs as readonly string[]).includes(v ?? '') ? (v as Tab) : 'wallboard';
};

export default function SupervisorPage() {
  const { t } = useTranslation('supervisor');
  const { t: tr } = useTranslation('reports');
  const { t: tc } = useTranslation('campaigns');
  const { t: tres } = useTranslation('resources');
  const live = useLiveCenter();
  const [tab, setTab] = useState<Tab>(linkedTab);
  useEffect(() => {
    const on = () => setTab(linkedTab());
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return (
    <Tabs
      activeKey={tab}
      onChange={(k) => {
        // Another tab's parameters (an open campaign) do not follow to this one.
        writeParams({ tab: k === 'wallboard' ? null : k, campaign: null });
        setTab(k as Tab);
      }}
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
        // Phones, trunks and the seat map (resource management, issue 11).
        {
          key: 'resources',
          label: <span data-testid="tab-resources">{tres('menu.board')}</span>,
          children: <ResourceBoardSection />,
        },
        // Historical reports and workforce planning (issue 8).
        ...(
          [
            ['reports', <ReportsPanel key="r" />],
            ['ivr', <IvrReportPanel key="i" />],
            ['compliance', <CompliancePanel key="c" />],
            ['workforce', <WorkforcePanel key="w" />],
          ] as const
        ).map(([key, children]) => ({
          key,
          label: <span data-testid={`tab-${key}`}>{tr(`tab.${key}`)}</span>,
          children,
        })),
        // Outbound campaigns and the do-not-call list (the dialer, docs/dialer.md).
        {
          key: 'campaigns',
          label: <span data-testid="tab-campaigns">{tc('tab')}</span>,
          children: <CampaignsPanel />,
        },
      ]}
    />
  );
}
