/** The category tree of the knowledge base: add, rename, move and remove categories. */
import { useQueryClient } from '@tanstack/react-query';
import { Button, Input, Popconfirm, Select, Space, Table } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { del, patch, post } from '../api/client.ts';
import { useReportError } from '../shared/errors.ts';
import { categoryLabel, useKbCategories } from './queries.ts';
import type { KbCategory } from './types.ts';

export function CategoryEditor() {
  const { t, i18n } = useTranslation('kb');
  const { t: tc } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  const list = useKbCategories();
  const client = useQueryClient();
  const report = useReportError();
  const [draft, setDraft] = useState({ name: '', nameZh: '', parentId: null as string | null });
  const all = list.data ?? [];
  const run = async (fn: () => Promise<unknown>) => {
    try {
      await fn();
      void client.invalidateQueries({ queryKey: ['kb-categories'] });
    } catch (e) {
      report(e);
    }
  };
  const parentOptions = (except?: string) => [
    { value: '', label: t('category.none') },
    ...all
      .filter((c) => c.id !== except)
      .map((c) => ({ value: c.id, label: categoryLabel(all, c.id, zh) })),
  ];
  const save = (c: KbCategory, change: Partial<KbCategory>) =>
    run(() =>
      patch(`/api/kb/categories/${c.id}`, {
        parentId: c.parentId,
        name: c.name,
        nameZh: c.nameZh,
        position: c.position,
        ...change,
      }),
    );
  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      <Space wrap>
        <Input
          placeholder={t('category.name')}
          value={draft.name}
          onChange={(e) => setDraft({ ...draft, name: e.target.value })}
          data-testid="kb-cat-name"
        />
        <Input
          placeholder={t('category.nameZh')}
          value={draft.nameZh}
          onChange={(e) => setDraft({ ...draft, nameZh: e.target.value })}
          data-testid="kb-cat-name-zh"
        />
        <Select
          style={{ width: 220 }}
          value={draft.parentId ?? ''}
          onChange={(v: string) => setDraft({ ...draft, parentId: v || null })}
          options={parentOptions()}
        />
        <Button
          type="primary"
          disabled={!draft.name.trim()}
          data-testid="kb-cat-add"
          onClick={() =>
            void run(async () => {
              await post('/api/kb/categories', {
                name: draft.name,
                nameZh: draft.nameZh || null,
                parentId: draft.parentId,
              });
              setDraft({ name: '', nameZh: '', parentId: null });
            })
          }
        >
          {t('category.add')}
        </Button>
      </Space>
      <Table<KbCategory>
        size="small"
        rowKey="id"
        pagination={false}
        loading={list.isLoading}
        dataSource={[...all].sort((a, b) =>
          categoryLabel(all, a.id, zh).localeCompare(categoryLabel(all, b.id, zh)),
        )}
        columns={[
          {
            title: t('category.name'),
            render: (_, c) => (
              <Input
                defaultValue={c.name}
                onBlur={(e) => e.target.value !== c.name && void save(c, { name: e.target.value })}
              />
            ),
          },
          {
            title: t('category.nameZh'),
            render: (_, c) => (
              <Input
                defaultValue={c.nameZh ?? ''}
                onBlur={(e) =>
                  e.target.value !== (c.nameZh ?? '') &&
                  void save(c, { nameZh: e.target.value || null })
                }
              />
            ),
          },
          {
            title: t('category.parent'),
            render: (_, c) => (
              <Select
                style={{ width: 220 }}
                value={c.parentId ?? ''}
                onChange={(v: string) => void save(c, { parentId: v || null })}
                options={parentOptions(c.id)}
              />
            ),
          },
          {
            width: 80,
            render: (_, c) => (
              <Popconfirm
                title={tc('delete')}
                onConfirm={() => void run(() => del(`/api/kb/categories/${c.id}`))}
              >
                <Button size="small" danger>
                  {tc('delete')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />
    </Space>
  );
}
