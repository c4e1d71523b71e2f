import { useQueryClient } from '@tanstack/react-query';
import { Form, Input, Modal, Select, TreeSelect } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api/client.ts';
import type { Case } from '../api/types.ts';
import { useReportError } from '../shared/errors.ts';
import type { CategoryNode } from './agent-types.ts';
import { useCaseTypes, useCategoryTree } from './queries.ts';

interface Values {
  type: string;
  categoryId?: string;
  priority: string;
  title: string;
  description: string;
}

export interface CaseSeed {
  contactId: string | null;
  customerId: string | null;
  title: string;
  description: string;
}

type TreeNode = { value: string; title: string; selectable: boolean; children: TreeNode[] };

/** Categories usable for a case type: those of the type or of none (parents stay as folders). */
function tree(nodes: CategoryNode[], type: string, zh: boolean): TreeNode[] {
  return nodes
    .filter((n) => !n.caseType || n.caseType === type)
    .map((n) => ({
      value: n.id,
      title: zh ? (n.nameZh ?? n.name) : n.name,
      selectable: n.children.length === 0,
      children: tree(n.children, type, zh),
    }))
    .filter((n) => n.selectable || n.children.length > 0);
}

/** Opens a case from the current contact (linked to it and to its customer). */
export function CaseCreateModal({
  open,
  seed,
  onClose,
  onCreated,
}: {
  open: boolean;
  seed: CaseSeed;
  onClose: () => void;
  onCreated: (c: Case) => void;
}) {
  const { t, i18n } = useTranslation('agent');
  const { t: tc } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  const [form] = Form.useForm<Values>();
  const types = useCaseTypes();
  const categories = useCategoryTree();
  const client = useQueryClient();
  const report = useReportError();
  const [busy, setBusy] = useState(false);
  const type = Form.useWatch('type', form) ?? 'consultation';
  // Fill the form when it opens (not on every render: the seed is rebuilt each time).
  useEffect(() => {
    if (open)
      form.setFieldsValue({
        type: 'consultation',
        priority: 'normal',
        title: seed.title,
        description: seed.description,
        categoryId: undefined,
      });
  }, [open]);

  const submit = async (v: Values) => {
    setBusy(true);
    try {
      const c = await post<Case>('/api/cases', {
        type: v.type,
        title: v.title,
        description: v.description ?? '',
        priority: v.priority,
        categoryId: v.categoryId ?? null,
        customerId: seed.customerId,
        ...(seed.contactId ? { contactId: seed.contactId } : {}),
      });
      void client.invalidateQueries({ queryKey: ['cases'] });
      void client.invalidateQueries({ queryKey: ['contact', seed.contactId] });
      onCreated(c);
      onClose();
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('case.createTitle')}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={tc('create')}
      cancelText={tc('cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'case-create-submit' }}
      destroyOnHidden
      forceRender
    >
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false}>
        <div style={{ display: 'flex', gap: 12 }}>
          <Form.Item name="type" label={t('case.type')} style={{ flex: 1 }}>
            <Select
              data-testid="case-type"
              onChange={(code: string) => {
                const def = types.data?.find((x) => x.code === code);
                form.setFieldsValue({ categoryId: undefined, priority: def?.defaultPriority });
              }}
              options={(types.data ?? [])
                .filter((x) => x.active)
                .map((x) => ({ value: x.code, label: zh ? x.nameZh : x.name }))}
            />
          </Form.Item>
          <Form.Item name="priority" label={t('case.priority')} style={{ width: 120 }}>
            <Select
              data-testid="case-priority"
              options={['low', 'normal', 'high', 'urgent'].map((p) => ({
                value: p,
                label: tc(`priority.${p}`),
              }))}
            />
          </Form.Item>
        </div>
        <Form.Item name="categoryId" label={t('case.category')}>
          <TreeSelect
            allowClear
            treeDefaultExpandAll
            treeData={tree(categories.data ?? [], type, zh)}
            placeholder={tc('none')}
          />
        </Form.Item>
        <Form.Item name="title" label={t('case.title')} rules={[{ required: true, max: 300 }]}>
          <Input data-testid="case-title" />
        </Form.Item>
        <Form.Item name="description" label={t('case.description')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 8 }} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
