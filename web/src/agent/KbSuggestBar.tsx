/**
 * Knowledge-base articles for the case or conversation in front of the agent: suggested from
 * it (a case's title, category, IVR choices and what the customer wrote; a contact's IVR data
 * and messages) or found by a search. One click puts the answer — or, for a public article, a
 * link to it on the portal — into the reply, and "answered it" tells the knowledge base the
 * article did its job.
 */
import { useQuery } from '@tanstack/react-query';
import { App, Button, Input, Popover, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { get, post } from '../api/client.ts';
import { Highlighted } from '../kb/Highlighted.tsx';
import '../kb/kb.css';
import '../kb/texts.ts';
import type { KbArticle, KbHit } from '../kb/types.ts';
import { useReportError } from '../shared/errors.ts';

export function KbSuggestBar({
  caseId = null,
  contactId = null,
  version = 0,
  onInsert,
}: {
  caseId?: string | null;
  contactId?: string | null;
  /** Changes with the conversation (new messages), to suggest again. */
  version?: number;
  onInsert: (text: string) => void;
}) {
  const { t } = useTranslation('kb');
  const [q, setQ] = useState('');
  const about = caseId
    ? `caseId=${encodeURIComponent(caseId)}`
    : `contactId=${encodeURIComponent(contactId ?? '')}`;
  const suggested = useQuery({
    queryKey: ['kb-suggest', about, version],
    queryFn: async () => (await get<{ items: KbHit[] }>(`/api/kb/suggestions?${about}`)).items,
    staleTime: 60_000,
  });
  const found = useQuery({
    queryKey: ['kb-search', q],
    queryFn: async () =>
      (await get<{ items: KbHit[] }>(`/api/kb/search?limit=5&q=${encodeURIComponent(q)}`)).items,
    enabled: q.trim().length > 0,
  });
  const items = q.trim() ? (found.data ?? []) : (suggested.data ?? []);
  return (
    <div
      data-testid="kb-suggest"
      style={{ display: 'flex', alignItems: 'center', gap: 6, flexWrap: 'wrap' }}
    >
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {t('suggest.title')}:
      </Typography.Text>
      {items.length === 0 && !suggested.isLoading && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('suggest.none')}
        </Typography.Text>
      )}
      {items.slice(0, 3).map((h) => (
        <SuggestedArticle key={h.id} hit={h} caseId={caseId} onInsert={onInsert} />
      ))}
      <Input.Search
        size="small"
        allowClear
        placeholder={t('suggest.search')}
        onSearch={setQ}
        style={{ width: 180, marginLeft: 'auto' }}
        data-testid="kb-suggest-search"
      />
    </div>
  );
}

function SuggestedArticle({
  hit,
  caseId,
  onInsert,
}: {
  hit: KbHit;
  caseId: string | null;
  onInsert: (text: string) => void;
}) {
  const { t } = useTranslation('kb');
  const { message } = App.useApp();
  const report = useReportError();
  const [open, setOpen] = useState(false);
  const article = useQuery({
    queryKey: ['kb-read', hit.id],
    queryFn: () => get<KbArticle>(`/api/kb/articles/${encodeURIComponent(hit.id)}`),
    enabled: open,
    staleTime: 60_000,
  });
  const use = async (how: 'inserted' | 'linked') => {
    try {
      const a = article.data ?? (await article.refetch()).data;
      if (!a?.live) return;
      onInsert(
        how === 'inserted'
          ? a.live.text
          : `${a.live.title}: ${location.origin}/portal.html?article=${encodeURIComponent(a.slug)}`,
      );
      setOpen(false);
      await post(`/api/kb/articles/${hit.id}/used`, { caseId, how });
    } catch (e) {
      report(e);
    }
  };
  const answered = async () => {
    try {
      await post(`/api/kb/articles/${hit.id}/feedback`, { caseId, helpful: true });
      void message.success(t('suggest.thanks'));
    } catch (e) {
      report(e);
    }
  };
  return (
    <Popover
      open={open}
      onOpenChange={setOpen}
      trigger="click"
      placement="topLeft"
      title={<Highlighted segments={hit.titleSegments} />}
      content={
        <div style={{ maxWidth: 460 }} data-testid={`kb-article-${hit.slug}`}>
          <div
            className="kb-article"
            style={{ maxHeight: 260, overflow: 'auto', fontSize: 13 }}
            // Rendered and sanitized by the server.
            dangerouslySetInnerHTML={{ __html: article.data?.live?.html ?? '' }}
          />
          <Space style={{ marginTop: 8 }}>
            <Button
              size="small"
              type="primary"
              onClick={() => void use('inserted')}
              data-testid="kb-insert"
            >
              {t('suggest.insert')}
            </Button>
            <Button
              size="small"
              disabled={hit.audience !== 'public'}
              onClick={() => void use('linked')}
              data-testid="kb-link"
            >
              {t('suggest.link')}
            </Button>
            <Button size="small" onClick={() => void answered()} data-testid="kb-answered">
              {t('suggest.answered')}
            </Button>
          </Space>
        </div>
      }
    >
      <Tag
        style={{ cursor: 'pointer', maxWidth: 260, overflow: 'hidden', textOverflow: 'ellipsis' }}
        data-testid={`kb-suggestion-${hit.slug}`}
      >
        {hit.audience === 'internal' && (
          <span style={{ color: '#d46b08' }}>[{t('suggest.internal')}] </span>
        )}
        <Highlighted segments={hit.titleSegments} />
      </Tag>
    </Popover>
  );
}
