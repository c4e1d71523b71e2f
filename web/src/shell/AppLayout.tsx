import { Button, Layout, Menu, Select, Space, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { setLang, type Lang } from '../i18n/i18n.ts';
import { navigate, type Page } from './router.ts';
import { useSession } from './session.tsx';

/** Which workspaces a role may open (the API enforces the same; this only hides links). */
export function pagesFor(role: string): Page[] {
  switch (role) {
    case 'admin':
      return ['agent', 'supervisor', 'quality', 'kb', 'admin'];
    case 'supervisor':
      // Supervisors write and review the knowledge base; agents read it in the desktop.
      return ['agent', 'supervisor', 'quality', 'kb'];
    case 'agent':
      // Agents open their own QA evaluations there.
      return ['agent', 'quality'];
    case 'backoffice':
      return ['agent'];
    default:
      return [];
  }
}

export function AppLayout({ page, children }: { page: Page; children: ReactNode }) {
  const { t, i18n } = useTranslation();
  const { user, logout } = useSession();
  const pages = user ? pagesFor(user.role) : [];
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header
        style={{ display: 'flex', alignItems: 'center', gap: 16, paddingInline: 16, height: 48 }}
      >
        <Typography.Text strong style={{ color: '#fff', whiteSpace: 'nowrap' }}>
          kefu · {t('appName')}
        </Typography.Text>
        <Menu
          theme="dark"
          mode="horizontal"
          selectedKeys={[page]}
          style={{ flex: 1, minWidth: 0, lineHeight: '48px' }}
          items={pages.map((p) => ({ key: p, label: t(`nav.${p}`), 'data-testid': `nav-${p}` }))}
          onClick={(e) => navigate(e.key as Page)}
        />
        <Space>
          <Select<Lang>
            size="small"
            value={i18n.language as Lang}
            onChange={setLang}
            aria-label={t('language')}
            data-testid="lang"
            options={[
              { value: 'zh-CN', label: '中文' },
              { value: 'en', label: 'English' },
            ]}
            style={{ width: 96 }}
          />
          <Typography.Text style={{ color: '#fff' }} data-testid="whoami">
            {user?.displayName}
          </Typography.Text>
          <Button size="small" onClick={() => void logout()} data-testid="logout">
            {t('logout')}
          </Button>
        </Space>
      </Layout.Header>
      <Layout.Content style={{ padding: 12 }}>{children}</Layout.Content>
    </Layout>
  );
}
