import { App, Form, Input, Select } from 'antd';
import { useMemo, useState, type Key } from 'react';
import { useTranslation } from 'react-i18next';
import { CrudSection } from './CrudSection.tsx';
import { FormModal } from './FormModal.tsx';
import { del, patch, post } from './problem-api.ts';
import { useCaseTypes, useCategories, useRefresh } from './queries.ts';
import type { Category } from './types.ts';
import { useEditor } from './useEditor.ts';

type Node = Category & { children?: Node[] };

/** The category tree (业务分类) agents file cases under; a leaf may imply a case type. */
export function CategoriesSection() {
  const { t, i18n } = useTranslation('admin');
  const { message } = App.useApp();
  const categories = useCategories();
  const types = useCaseTypes();
  const refresh = useRefresh();
  const ed = useEditor<Category>();
  const zh = i18n.language === 'zh-CN';
  const label = (c: Category) => (zh && c.nameZh ? c.nameZh : c.name);
  // The table shows the tree; the flat list keeps it simple to build.
  const tree = useMemo(() => {
    const all = categories.data ?? [];
    const nodes = new Map<string, Node>(all.map((c) => [c.id, { ...c }]));
    const roots: Node[] = [];
    for (const n of nodes.values()) {
      const parent = n.parentId ? nodes.get(n.parentId) : undefined;
      if (parent) (parent.children ??= []).push(n);
      else roots.push(n);
    }
    return roots;
  }, [categories.data]);
  // The tree opens fully (it is short); what the user folds stays folded.
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);
  const parents = useMemo(
    () => [...new Set((categories.data ?? []).flatMap((c) => (c.parentId ? [c.parentId] : [])))],
    [categories.data],
  );
  const save = async (v: Category) => {
    const body = {
      name: v.name,
      nameZh: v.nameZh?.trim() ? v.nameZh : null,
      parentId: v.parentId ?? null,
      caseType: v.caseType ?? null,
    };
    if (ed.row) await patch(`/api/case-categories/${encodeURIComponent(ed.row.id)}`, body);
    else await post('/api/case-categories', body);
    void message.success(t('saved'));
    await refresh('adm-categories');
  };
  const typeName = (code: string | null) => {
    const x = types.data?.find((c) => c.code === code);
    return x ? (zh ? x.nameZh : x.name) : '–';
  };
  return (
    <>
      <CrudSection<Node>
        testId="categories"
        title={t('menu.categories')}
        rows={tree}
        loading={categories.isLoading}
        rowKey={(c) => c.id}
        onCreate={ed.create}
        onEdit={ed.edit}
        tableProps={{
          expandable: {
            expandedRowKeys: [...(expanded ?? parents)],
            onExpandedRowsChange: setExpanded,
          },
        }}
        onDelete={async (c) => {
          await del(`/api/case-categories/${encodeURIComponent(c.id)}`);
          await refresh('adm-categories');
        }}
        columns={[
          {
            title: zh ? t('category.nameZh') : t('category.name'),
            key: 'name',
            render: (_: unknown, c) => label(c),
          },
          {
            title: zh ? t('category.name') : t('category.nameZh'),
            key: 'other',
            render: (_: unknown, c) => (zh ? c.name : (c.nameZh ?? '–')),
          },
          { title: t('category.caseType'), dataIndex: 'caseType', width: 140, render: typeName },
        ]}
      />
      <FormModal<Category>
        testId="category-form"
        open={ed.open}
        title={ed.row ? label(ed.row) : t('menu.categories')}
        initial={ed.row ?? { parentId: null, caseType: null }}
        onClose={ed.close}
        onSubmit={save}
      >
        <Form.Item name="nameZh" label={t('category.nameZh')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="name"
          label={t('category.name')}
          rules={[{ required: true, message: t('required') }]}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="parentId" label={t('category.parent')}>
          <Select
            allowClear
            options={(categories.data ?? [])
              .filter((c) => c.id !== ed.row?.id)
              .map((c) => ({ value: c.id, label: label(c) }))}
          />
        </Form.Item>
        <Form.Item name="caseType" label={t('category.caseType')}>
          <Select
            allowClear
            options={(types.data ?? []).map((x) => ({
              value: x.code,
              label: zh ? x.nameZh : x.name,
            }))}
          />
        </Form.Item>
      </FormModal>
    </>
  );
}
