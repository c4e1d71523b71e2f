import { useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Empty, Input, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api/client.ts';
import { useReportError } from '../shared/errors.ts';
import type { CaseNote } from './agent-types.ts';
import { usePersonName } from './people.ts';
import { formatShortTime } from '../shared/format.ts';

/** The case's notes (internal ones only staff see) and a box to add one. */
export function CaseNotes({ caseId, notes }: { caseId: string; notes: CaseNote[] }) {
  const { t, i18n } = useTranslation('agent');
  const personName = usePersonName();
  const client = useQueryClient();
  const report = useReportError();
  const [body, setBody] = useState('');
  const [internal, setInternal] = useState(true);
  const [busy, setBusy] = useState(false);
  const add = async () => {
    setBusy(true);
    try {
      await post(`/api/cases/${caseId}/notes`, { body: body.trim(), internal });
      setBody('');
      void client.invalidateQueries({ queryKey: ['case', caseId] });
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div style={{ display: 'flex', flexDirection: 'column', gap: 8 }}>
      {notes.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('case.noNotes')} />
      )}
      {notes.map((n) => (
        <div
          key={n.id}
          data-testid="case-note"
          style={{ borderBottom: '1px solid #f0f0f0', paddingBottom: 6 }}
        >
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            <span data-testid="case-note-author">{personName(n.authorId)}</span> ·{' '}
            {formatShortTime(n.createdAt, i18n.language)}
          </Typography.Text>{' '}
          {n.internal ? (
            <Tag>{t('case.internal')}</Tag>
          ) : (
            <Tag color="blue">{t('case.public')}</Tag>
          )}
          <div style={{ whiteSpace: 'pre-wrap' }}>{n.body}</div>
        </div>
      ))}
      <Input.TextArea
        value={body}
        onChange={(e) => setBody(e.target.value)}
        autoSize={{ minRows: 2, maxRows: 5 }}
        placeholder={t('case.notePlaceholder')}
        data-testid="case-note-input"
      />
      <div style={{ display: 'flex', alignItems: 'center' }}>
        <Checkbox checked={internal} onChange={(e) => setInternal(e.target.checked)}>
          {t('case.internalNote')}
        </Checkbox>
        <span style={{ flex: 1 }} />
        <Button
          size="small"
          type="primary"
          loading={busy}
          disabled={!body.trim()}
          onClick={() => void add()}
          data-testid="case-note-add"
        >
          {t('case.addNote')}
        </Button>
      </div>
    </div>
  );
}
