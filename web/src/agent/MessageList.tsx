import { Empty } from 'antd';
import { useEffect, useRef, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Message } from '../api/types.ts';
import { MessageItem } from './MessageItem.tsx';

/** A conversation, oldest first, kept scrolled to the newest message. */
export function MessageList({
  messages,
  showChannel,
  footer,
}: {
  messages: Message[];
  showChannel?: boolean;
  footer?: ReactNode;
}) {
  const { t } = useTranslation('agent');
  const box = useRef<HTMLDivElement>(null);
  const last = messages.at(-1)?.id;
  const hasFooter = Boolean(footer);
  useEffect(() => {
    // Scroll the list itself, never the page around it.
    if (box.current) box.current.scrollTop = box.current.scrollHeight;
  }, [last, hasFooter]);
  return (
    <div
      ref={box}
      data-testid="messages"
      style={{ flex: 1, overflowY: 'auto', display: 'flex', flexDirection: 'column', gap: 8 }}
    >
      {messages.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('message.none')} />
      )}
      {messages.map((m) => (
        <MessageItem key={m.id} m={m} showChannel={showChannel} />
      ))}
      {footer}
    </div>
  );
}
