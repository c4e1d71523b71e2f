/**
 * The admin console (系统管理): a side menu of configuration sections, each a list with forms
 * that save through the API and show the server's validation next to the field. The open
 * section is kept in the address (#queues) so a reload or a link returns to it.
 */
import { ConfigProvider, Layout, Menu } from 'antd';
import { useEffect, useState, type ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import './texts.ts';
import { AuditSection } from './AuditSection.tsx';
import { CalendarsSection } from './CalendarsSection.tsx';
import { CapacitySection } from './CapacitySection.tsx';
import { CaseTypesSection } from './CaseTypesSection.tsx';
import { CategoriesSection } from './CategoriesSection.tsx';
import { ChannelsSection } from './ChannelsSection.tsx';
import { ConnectorsSection } from './ConnectorsSection.tsx';
import { DevicesSection } from './DevicesSection.tsx';
import { IvrSection } from './IvrSection.tsx';
import { QueuesSection } from './QueuesSection.tsx';
import { ReasonCodesSection } from './ReasonCodesSection.tsx';
import { SkillsSection } from './SkillsSection.tsx';
import { SlaSection } from './SlaSection.tsx';
import { TeamsSection } from './TeamsSection.tsx';
import { UsersSection } from './UsersSection.tsx';
import { WebhooksSection } from './WebhooksSection.tsx';
import { WorkflowsSection } from './WorkflowsSection.tsx';
import { NodesSection } from '../resources/NodesSection.tsx';
import { ResourceBoardSection } from '../resources/ResourceBoardSection.tsx';
import { SeatsSection } from '../resources/SeatsSection.tsx';
import { TrunksSection } from '../resources/TrunksSection.tsx';

const groups: { key: string; sections: [string, ComponentType][] }[] = [
  {
    key: 'org',
    sections: [
      ['users', UsersSection],
      ['teams', TeamsSection],
      ['skills', SkillsSection],
    ],
  },
  {
    key: 'routing',
    sections: [
      ['queues', QueuesSection],
      ['workflows', WorkflowsSection],
      ['reasons', ReasonCodesSection],
      ['capacity', CapacitySection],
    ],
  },
  {
    key: 'voice',
    sections: [
      ['devices', DevicesSection],
      ['ivr', IvrSection],
    ],
  },
  {
    key: 'resources',
    sections: [
      ['resourceBoard', ResourceBoardSection],
      ['seats', SeatsSection],
      ['trunks', TrunksSection],
      ['nodes', NodesSection],
    ],
  },
  {
    key: 'cases',
    sections: [
      ['caseTypes', CaseTypesSection],
      ['categories', CategoriesSection],
      ['sla', SlaSection],
      ['calendars', CalendarsSection],
    ],
  },
  {
    key: 'system',
    sections: [
      ['channels', ChannelsSection],
      ['webhooks', WebhooksSection],
      ['connectors', ConnectorsSection],
      ['audit', AuditSection],
    ],
  },
];
const sections = new Map(groups.flatMap((g) => g.sections));
const fromHash = () => {
  const h = location.hash.slice(1);
  return sections.has(h) ? h : 'users';
};

export default function AdminPage() {
  const { t } = useTranslation('admin');
  const [section, setSection] = useState(fromHash);
  useEffect(() => {
    const on = () => setSection(fromHash());
    window.addEventListener('hashchange', on);
    return () => window.removeEventListener('hashchange', on);
  }, []);
  const Section = sections.get(section) ?? UsersSection;
  return (
    <Layout style={{ background: 'transparent' }}>
      <Layout.Sider width={180} theme="light" style={{ borderRadius: 4, alignSelf: 'flex-start' }}>
        {/* Compact items: all sixteen sections fit a 768-pixel-high screen without scrolling. */}
        <ConfigProvider
          theme={{
            components: { Menu: { itemHeight: 28, itemMarginBlock: 2, groupTitleLineHeight: 1.2 } },
          }}
        >
          <Menu
            mode="inline"
            selectedKeys={[section]}
            data-testid="admin-menu"
            onClick={(e) => {
              history.replaceState(null, '', `#${e.key}`);
              setSection(e.key);
            }}
            items={groups.map((g) => ({
              type: 'group' as const,
              key: g.key,
              label: t(`group.${g.key}`),
              children: g.sections.map(([key]) => ({
                key,
                label: t(`menu.${key}`),
                'data-testid': `admin-menu-${key}`,
              })),
            }))}
          />
        </ConfigProvider>
      </Layout.Sider>
      <Layout.Content style={{ paddingLeft: 12, minWidth: 0 }}>
        <Section key={section} />
      </Layout.Content>
    </Layout>
  );
}
