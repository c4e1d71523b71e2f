/**
 * Writing and reviewing one article: the form with a Markdown preview rendered by the server
 * (exactly what readers get), the workflow buttons legal in its state, and its versions.
 */
import { useQueryClient } from '@tanstack/react-query';
import {
  App,
  Alert,
  Button,
  Drawer,
  Form,
  Input,
  Radio,
  Select,
  Space,
  Table,
  Tabs,
  Tag,
} from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post, put } from '../api/client.ts';
import { formatShortTime } from '../shared/format.ts';
import { useReportError } from '../shared/errors.ts';
import { stateColor } from './ArticleList.tsx';
import { categoryLabel, useArticle, useArticles, useKbCategories, useVersions } from './queries.ts';
import type { KbArticle, KbVersion } from './types.ts';

interface Values {
  slug?: string;
  lang?: 'zh-CN' | 'en';
  translationOf?: string;
  title: string;
  body: string;
  tags: string[];
  categoryId?: string | null;
  audience: 'internal' | 'public';
  validFrom?: string;
  validUntil?: string;
  note?: string;
}

const dateOnly = (iso: string | null | undefined) => (iso ? iso.slice(0, 10) : undefined);
const isoOf = (d: string | undefined) => (d ? new Date(`${d}T00:00:00Z`).toISOString() : null);

export function ArticleEditor({
  open,
  onClose,
  onCreated,
}: {
  open: string | 'new' | null;
  onClose: () => void;
  onCreated: (id: string) => void;
}) {
  const { t } = useTranslation('kb');
  const isNew = open === 'new';
  const article = useArticle(open && !isNew ? open : null);
  return (
    <Drawer
      open={open !== null}
      onClose={onClose}
      size={900}
      destroyOnHidden
      title={isNew ? t('editor.new') : t('editor.edit')}
    >
      {open !== null && (isNew || article.data) && (
        <EditorBody
          key={article.data?.rev ?? 'new'}
          article={isNew ? null : (article.data ?? null)}
          onCreated={onCreated}
        />
      )}
    </Drawer>
  );
}

function EditorBody({
  article,
  onCreated,
}: {
  article: KbArticle | null;
  onCreated: (id: string) => void;
}) {
  const { t, i18n } = useTranslation('kb');
  const zh = i18n.language === 'zh-CN';
  const { message } = App.useApp();
  const report = useReportError();
  const client = useQueryClient();
  const categories = useKbCategories();
  const others = useArticles({ q: '', state: undefined, lang: undefined });
  const versions = useVersions(article?.id ?? null);
  const [form] = Form.useForm<Values>();
  const [tab, setTab] = useState('write');
  const [preview, setPreview] = useState('');
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const w = article?.working;

  useEffect(() => {
    if (tab !== 'preview') return;
    post<{ html: string }>('/api/kb/render', { body: form.getFieldValue('body') ?? '' })
      .then((r) => setPreview(r.html))
      .catch(report);
    // Rendered when the preview tab opens, from the body as it is then.
  }, [tab]);

  const refresh = (id: string) => {
    void client.invalidateQueries({ queryKey: ['kb-articles'] });
    void client.invalidateQueries({ queryKey: ['kb-article', id] });
    void client.invalidateQueries({ queryKey: ['kb-versions', id] });
  };

  const save = async (v: Values) => {
    setBusy(true);
    try {
      const content = {
        title: v.title,
        body: v.body,
        tags: v.tags ?? [],
        categoryId: v.categoryId ?? null,
        audience: v.audience,
        validFrom: isoOf(v.validFrom),
        validUntil: isoOf(v.validUntil),
        ...(v.note ? { note: v.note } : {}),
      };
      if (!article) {
        const a = await post<KbArticle>('/api/kb/articles', {
          ...content,
          slug: v.slug,
          lang: v.lang,
          translationOf: v.translationOf ?? null,
        });
        refresh(a.id);
        onCreated(a.id);
      } else {
        await put<KbArticle>(`/api/kb/articles/${article.id}`, { ...content, rev: article.rev });
        refresh(article.id);
      }
      void message.success(t('editor.saved'));
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  };

  const act = async (action: string) => {
    if (!article) return;
    setBusy(true);
    try {
      await post(`/api/kb/articles/${article.id}/workflow`, {
        action,
        rev: article.rev,
        comment: comment.trim() || null,
      });
      refresh(article.id);
      void message.success(t('action.done'));
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Space orientation="vertical" style={{ width: '100%' }}>
      {article && (
        <Space wrap>
          <Tag color={stateColor[article.state]} data-testid="kb-state" data-state={article.state}>
            {t(`state.${article.state}`)}
          </Tag>
          <span>v{article.version}</span>
          {article.live && article.state !== 'published' && (
            <Alert type="info" showIcon title={t('editor.liveNote', { v: article.live.version })} />
          )}
          {article.reviewComment && (
            <Alert
              type="warning"
              showIcon
              title={t('editor.reviewComment', { c: article.reviewComment })}
            />
          )}
        </Space>
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={save}
        initialValues={{
          lang: zh ? 'zh-CN' : 'en',
          title: w?.title ?? '',
          body: w?.body ?? '',
          tags: w?.tags ?? [],
          categoryId: w?.categoryId ?? null,
          audience: w?.audience ?? 'public',
          validFrom: dateOnly(w?.validFrom),
          validUntil: dateOnly(w?.validUntil),
        }}
      >
        {!article && (
          <Space wrap align="start">
            <Form.Item
              name="slug"
              label={t('editor.slug')}
              rules={[{ required: true, pattern: /^[a-z0-9][a-z0-9-]*$/ }]}
            >
              <Input style={{ width: 260 }} data-testid="kb-slug" />
            </Form.Item>
            <Form.Item name="lang" label={t('editor.lang')}>
              <Select
                style={{ width: 120 }}
                options={['zh-CN', 'en'].map((l) => ({ value: l, label: t(`lang.${l}`) }))}
              />
            </Form.Item>
            <Form.Item name="translationOf" label={t('editor.translationOf')}>
              <Select
                allowClear
                showSearch
                optionFilterProp="label"
                style={{ width: 300 }}
                options={(others.data?.items ?? []).map((a) => ({
                  value: a.id,
                  label: `${a.working?.title ?? a.slug} (${a.lang})`,
                }))}
              />
            </Form.Item>
          </Space>
        )}
        <Form.Item name="title" label={t('editor.title')} rules={[{ required: true, max: 200 }]}>
          <Input data-testid="kb-title" />
        </Form.Item>
        <Space wrap align="start">
          <Form.Item name="tags" label={t('editor.tags')}>
            <Select
              mode="tags"
              style={{ width: 300 }}
              tokenSeparators={[',', '，']}
              data-testid="kb-tags"
            />
          </Form.Item>
          <Form.Item name="categoryId" label={t('editor.category')}>
            <Select
              allowClear
              style={{ width: 240 }}
              options={(categories.data ?? []).map((c) => ({
                value: c.id,
                label: categoryLabel(categories.data ?? [], c.id, zh),
              }))}
            />
          </Form.Item>
          <Form.Item name="audience" label={t('editor.audience')}>
            <Radio.Group
              options={['public', 'internal'].map((a) => ({ value: a, label: t(`audience.${a}`) }))}
              data-testid="kb-audience"
            />
          </Form.Item>
        </Space>
        <Space align="start">
          <Form.Item name="validFrom" label={t('editor.validity')}>
            <Input type="date" />
          </Form.Item>
          <Form.Item name="validUntil" label=" ">
            <Input type="date" />
          </Form.Item>
        </Space>
        <Tabs
          size="small"
          activeKey={tab}
          onChange={setTab}
          items={[
            {
              key: 'write',
              label: t('editor.write'),
              forceRender: true,
              children: (
                <Form.Item name="body" label={t('editor.body')} rules={[{ required: true }]}>
                  <Input.TextArea autoSize={{ minRows: 10, maxRows: 24 }} data-testid="kb-body" />
                </Form.Item>
              ),
            },
            {
              key: 'preview',
              label: <span data-testid="kb-preview-tab">{t('editor.preview')}</span>,
              // The server renders and sanitizes; the HTML is what readers get.
              children: (
                <div
                  className="kb-article"
                  data-testid="kb-preview"
                  dangerouslySetInnerHTML={{ __html: preview }}
                />
              ),
            },
          ]}
        />
        <Form.Item name="note" label={t('editor.note')}>
          <Input maxLength={500} data-testid="kb-note" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="kb-save">
          {t('editor.save')}
        </Button>
      </Form>
      {article && article.actions.length > 0 && (
        <Space wrap>
          <Input
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            placeholder={t('editor.rejectWhy')}
            style={{ width: 280 }}
            data-testid="kb-comment"
          />
          {article.actions.map((a) => (
            <Button
              key={a}
              onClick={() => void act(a)}
              loading={busy}
              data-testid={`kb-action-${a}`}
              danger={a === 'archive' || a === 'reject'}
            >
              {t(`action.${a}`)}
            </Button>
          ))}
        </Space>
      )}
      {article && (
        <>
          <h4>{t('editor.versions')}</h4>
          <Table<KbVersion>
            size="small"
            rowKey="version"
            pagination={false}
            dataSource={versions.data ?? []}
            data-testid="kb-versions"
            columns={[
              { title: 'v', dataIndex: 'version', width: 50 },
              { title: t('editor.title'), dataIndex: 'title' },
              { title: t('version.note'), dataIndex: 'note' },
              {
                title: t('version.at'),
                width: 130,
                render: (_, v) => formatShortTime(v.createdAt, i18n.language),
              },
            ]}
          />
        </>
      )}
    </Space>
  );
}
