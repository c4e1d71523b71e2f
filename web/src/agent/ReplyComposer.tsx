import { SendOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Input, Space, Typography } from 'antd';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api/client.ts';
import type { Contact, Message } from '../api/types.ts';
import { useReportError } from '../shared/errors.ts';
import { formatDateTime } from '../shared/format.ts';
import { AttachmentPicker } from './AttachmentPicker.tsx';
import { CannedPicker } from './CannedPicker.tsx';
import { coverUpload } from './fax-cover.ts';
import { FaxCoverPreview } from './FaxCoverPreview.tsx';
import { KbSuggestBar } from './KbSuggestBar.tsx';
import { toUpload } from './files.ts';
import { SmsCounter } from './SmsCounter.tsx';

/** The quoted original under an e-mail reply ("> " before every line, RFC 3676 style). */
function quote(m: Message, header: string): string {
  const lines = m.body.split(/\r?\n/).map((l) => `> ${l}`);
  return `\n\n${header}\n${lines.join('\n')}`;
}

/**
 * Answers a conversation on its own channel: chat (with "typing…"), e-mail (subject, quoting,
 * attachments), SMS (character and part count), fax (attachments; the cover page is ASCII).
 */
export function ReplyComposer({
  contact,
  messages,
  canType,
}: {
  contact: Contact;
  messages: Message[];
  canType: boolean;
}) {
  const { t, i18n } = useTranslation('agent');
  const client = useQueryClient();
  const report = useReportError();
  const [body, setBody] = useState('');
  const [subject, setSubject] = useState('');
  const [withQuote, setWithQuote] = useState(true);
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const lastTyping = useRef(0);
  const cover = useRef<HTMLCanvasElement | null>(null);
  const ch = contact.channel;
  const lastIn = messages.filter((m) => m.direction === 'inbound').at(-1);

  const onChange = (v: string) => {
    setBody(v);
    // The visitor sees "typing…" for a few seconds per notice: send one at most every 3 s.
    if (ch === 'webchat' && canType && v && Date.now() - lastTyping.current > 3000) {
      lastTyping.current = Date.now();
      void post(`/api/contacts/${contact.id}/typing`).catch(() => undefined);
    }
  };

  /** The picked files; a fax leads with the cover page drawn in the preview. */
  const uploads = async () => {
    const picked = await Promise.all(files.map(toUpload));
    return ch === 'fax' && cover.current ? [await coverUpload(cover.current), ...picked] : picked;
  };

  const send = async () => {
    const text = body.trim();
    if (!text || busy) return;
    setBusy(true);
    try {
      const full =
        ch === 'email' && withQuote && lastIn
          ? text +
            quote(
              lastIn,
              t('composer.quoteHeader', {
                date: formatDateTime(lastIn.createdAt, i18n.language),
                from: lastIn.from,
              }),
            )
          : text;
      await post(`/api/contacts/${contact.id}/messages`, {
        body: full,
        ...(ch === 'email' && subject.trim() ? { subject: subject.trim() } : {}),
        ...(files.length || ch === 'fax' ? { attachments: await uploads() } : {}),
      });
      setBody('');
      setFiles([]);
      void client.invalidateQueries({ queryKey: ['messages', contact.id] });
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div data-testid="reply-composer" style={{ borderTop: '1px solid #f0f0f0', paddingTop: 8 }}>
      {ch === 'email' && (
        <Input
          size="small"
          value={subject}
          onChange={(e) => setSubject(e.target.value)}
          placeholder={t('composer.subjectAuto')}
          style={{ marginBottom: 6 }}
          data-testid="reply-subject"
        />
      )}
      <KbSuggestBar
        // The conversation itself: its case may belong to a team this agent cannot open.
        contactId={contact.id}
        version={messages.length}
        onInsert={(text) => onChange(body.trim() ? `${body}\n\n${text}` : text)}
      />
      <div style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
        <Input.TextArea
          style={{ flex: 1 }}
          value={body}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) void send();
          }}
          autoSize={{ minRows: 2, maxRows: 6 }}
          placeholder={t('composer.placeholder', { channel: t(`composer.on.${ch}`) })}
          data-testid="reply-input"
        />
        {ch === 'fax' && (
          <FaxCoverPreview
            canvasRef={cover}
            to={contact.from ?? ''}
            from={lastIn?.to ?? ''}
            body={body}
          />
        )}
      </div>
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, marginTop: 6 }}>
        <Space size={6} wrap>
          <CannedPicker onPick={(text) => onChange(body ? `${body} ${text}` : text)} />
          {(ch === 'email' || ch === 'fax') && (
            <AttachmentPicker files={files} onChange={setFiles} />
          )}
          {ch === 'email' && lastIn && (
            <Checkbox
              checked={withQuote}
              onChange={(e) => setWithQuote(e.target.checked)}
              data-testid="reply-quote"
            >
              {t('composer.quote')}
            </Checkbox>
          )}
          {ch === 'sms' && <SmsCounter text={body} />}
          {ch === 'fax' && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('composer.faxHint')}
            </Typography.Text>
          )}
        </Space>
        <span style={{ flex: 1 }} />
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          Ctrl+Enter
        </Typography.Text>
        <Button
          type="primary"
          icon={<SendOutlined />}
          loading={busy}
          disabled={!body.trim()}
          onClick={() => void send()}
          data-testid="reply-send"
        >
          {t('composer.send')}
        </Button>
      </div>
    </div>
  );
}
