/**
 * The knowledge base for its authors (supervisors and administrators): articles with their
 * review workflow, the category tree and the statistics (what is read, what is used in replies,
 * what people searched for in vain, how many portal visits ended without a contact).
 */
import { Tabs } from 'antd';
import { useTranslation } from 'react-i18next';
import './kb.css';
import './texts.ts';
import { ArticleList } from './ArticleList.tsx';
import { CategoryEditor } from './CategoryEditor.tsx';
import { KbStatsPanel } from './KbStatsPanel.tsx';

export default function KbPage() {
  const { t } = useTranslation('kb');
  return (
    <Tabs
      size="small"
      destroyOnHidden
      items={[
        {
          key: 'articles',
          label: <span data-testid="kb-tab-articles">{t('tab.articles')}</span>,
          children: <ArticleList />,
        },
        {
          key: 'categories',
          label: <span data-testid="kb-tab-categories">{t('tab.categories')}</span>,
          children: <CategoryEditor />,
        },
        {
          key: 'stats',
          label: <span data-testid="kb-tab-stats">{t('tab.stats')}</span>,
          children: <KbStatsPanel />,
        },
      ]}
    />
  );
}
