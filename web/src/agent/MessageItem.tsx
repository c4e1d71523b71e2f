import { PaperClipOutlined } from '@ant-design/icons';
import { Button, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../api/types.ts';
import { channelColor } from './colors.ts';
import { formatDateTime, formatShortTime } from '../shared/format.ts';

/** What browsers draw (and the server serves inline); a fax's TIFF original is a download. */
const shownInPlace = /^image\/(png|jpeg|gif)$/;

const statusColor: Record<string, string> = {
  queued: 'default',
  sending: 'processing',
  sent: 'blue',
  delivered: 'green',
  failed: 'red',
};

/**
 * One message: the customer's on the left, ours on the right with its delivery status; e-mail
 * HTML (already sanitised by the server) only on request and inside a sandboxed frame; fax
 * pages shown as images.
 */
export function MessageItem({ m, showChannel }: { m: Message; showChannel?: boolean }) {
  const { t, i18n } = useTranslation('agent');
  const { t: tc } = useTranslation();
  const [html, setHtml] = useState(false);
  const inbound = m.direction === 'inbound';
  const name = inbound ? String(m.meta['fromName'] ?? m.from) : t('message.us');
  return (
    <div
      data-testid="message"
      data-direction={m.direction}
      style={{ display: 'flex', justifyContent: inbound ? 'flex-start' : 'flex-end' }}
    >
      <div
        style={{
          maxWidth: '80%',
          background: inbound ? '#f5f5f5' : '#e6f4ff',
          borderRadius: 6,
          padding: '6px 10px',
        }}
      >
        <div style={{ display: 'flex', gap: 6, alignItems: 'center', fontSize: 12 }}>
          {showChannel && (
            <Tag color={channelColor[m.channel]} style={{ marginInlineEnd: 0 }}>
              {tc(`channel.${m.channel}`)}
            </Tag>
          )}
          <Typography.Text strong style={{ fontSize: 12 }}>
            {name}
          </Typography.Text>
          <Typography.Text
            type="secondary"
            style={{ fontSize: 12 }}
            title={formatDateTime(m.createdAt, i18n.language)}
          >
            {formatShortTime(m.createdAt, i18n.language)}
          </Typography.Text>
          {!inbound && (
            <Tooltip title={m.error ?? undefined}>
              <Tag color={statusColor[m.status]} style={{ marginInlineEnd: 0 }}>
                {t(`message.status.${m.status}`)}
              </Tag>
            </Tooltip>
          )}
        </div>
        {m.subject && m.channel === 'email' && (
          <Typography.Text strong style={{ display: 'block' }}>
            {m.subject}
          </Typography.Text>
        )}
        {html && m.html ? (
          <iframe
            title={m.subject ?? m.id}
            sandbox=""
            srcDoc={m.html}
            style={{ width: 520, maxWidth: '100%', height: 260, border: 0, background: '#fff' }}
          />
        ) : (
          <div style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word' }}>{m.body}</div>
        )}
        {m.html && (
          <Button type="link" size="small" style={{ padding: 0 }} onClick={() => setHtml(!html)}>
            {html ? t('message.showText') : t('message.showHtml')}
          </Button>
        )}
        {m.attachments.map((a) =>
          m.channel === 'fax' && shownInPlace.test(a.contentType) ? (
            <a key={a.id} href={`${a.url}?inline=1`} target="_blank" rel="noreferrer">
              <img
                src={`${a.url}?inline=1`}
                alt={a.filename}
                style={{ display: 'block', maxWidth: 240, border: '1px solid #d9d9d9' }}
              />
            </a>
          ) : (
            <div key={a.id}>
              <a href={a.url}>
                <PaperClipOutlined /> {a.filename} ({Math.ceil(a.size / 1024)} KB)
              </a>
            </div>
          ),
        )}
      </div>
    </div>
  );
}
