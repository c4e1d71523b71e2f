/** The authors' list of articles, with filters, a new-article button and import/export. */
import { Button, Input, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatShortTime } from '../shared/format.ts';
import { ArticleEditor } from './ArticleEditor.tsx';
import { KbTransfer } from './KbTransfer.tsx';
import { categoryLabel, useArticles, useKbCategories, type ArticleFilter } from './queries.ts';
import type { KbArticle } from './types.ts';

export const stateColor: Record<string, string> = {
  draft: 'default',
  in_review: 'gold',
  published: 'green',
  archived: 'red',
};

export function ArticleList() {
  const { t, i18n } = useTranslation('kb');
  const zh = i18n.language === 'zh-CN';
  const [filter, setFilter] = useState<ArticleFilter>({ q: '', state: undefined, lang: undefined });
  const list = useArticles(filter);
  const categories = useKbCategories();
  const [open, setOpen] = useState<string | 'new' | null>(null);
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input.Search
          allowClear
          placeholder={t('list.search')}
          onSearch={(q) => setFilter({ ...filter, q })}
          style={{ width: 240 }}
          data-testid="kb-filter"
        />
        <Select
          allowClear
          placeholder={t('list.allStates')}
          value={filter.state}
          onChange={(state: string | undefined) => setFilter({ ...filter, state })}
          style={{ width: 140 }}
          options={['draft', 'in_review', 'published', 'archived'].map((s) => ({
            value: s,
            label: t(`state.${s}`),
          }))}
        />
        <Select
          allowClear
          placeholder={t('list.allLangs')}
          value={filter.lang}
          onChange={(lang: string | undefined) => setFilter({ ...filter, lang })}
          style={{ width: 120 }}
          options={['zh-CN', 'en'].map((l) => ({ value: l, label: t(`lang.${l}`) }))}
        />
        <Button type="primary" onClick={() => setOpen('new')} data-testid="kb-new">
          {t('list.new')}
        </Button>
        <KbTransfer />
      </Space>
      <Table<KbArticle>
        size="small"
        rowKey="id"
        loading={list.isLoading}
        dataSource={list.data?.items ?? []}
        pagination={{ pageSize: 20, showSizeChanger: false }}
        onRow={(a) => ({ onClick: () => setOpen(a.id), style: { cursor: 'pointer' } })}
        columns={[
          {
            title: t('list.title'),
            render: (_, a) => (
              <span data-testid={`kb-row-${a.slug}`}>
                {a.working?.title}
                <br />
                <small style={{ color: '#888' }}>
                  {a.slug} ·{' '}
                  {categoryLabel(categories.data ?? [], a.working?.categoryId ?? null, zh)}
                </small>
              </span>
            ),
          },
          { title: t('list.lang'), width: 80, render: (_, a) => t(`lang.${a.lang}`) },
          {
            title: t('list.state'),
            width: 100,
            render: (_, a) => <Tag color={stateColor[a.state]}>{t(`state.${a.state}`)}</Tag>,
          },
          {
            title: t('list.audience'),
            width: 110,
            render: (_, a) => t(`audience.${a.working?.audience ?? 'internal'}`),
          },
          { title: t('list.version'), width: 70, render: (_, a) => `v${a.version}` },
          {
            title: t('list.live'),
            width: 90,
            render: (_, a) => (a.live ? `v${a.live.version}` : '—'),
          },
          {
            title: t('list.updated'),
            width: 130,
            render: (_, a) => formatShortTime(a.updatedAt, i18n.language),
          },
        ]}
      />
      <ArticleEditor open={open} onClose={() => setOpen(null)} onCreated={(id) => setOpen(id)} />
    </Space>
  );
}
