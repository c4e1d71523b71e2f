import { useQueryClient } from '@tanstack/react-query';
import { Button, Checkbox, Input, Select, Space, Tooltip } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { post } from '../api/client.ts';
import type { Case, Contact } from '../api/types.ts';
import { useReportError } from '../shared/errors.ts';
import { AttachmentPicker } from './AttachmentPicker.tsx';
import { CannedPicker } from './CannedPicker.tsx';
import { KbSuggestBar } from './KbSuggestBar.tsx';
import { toUpload } from './files.ts';
import { joinList } from './case-rules.ts';
import { SmsCounter } from './SmsCounter.tsx';

type ReplyChannel = 'webchat' | 'email' | 'sms' | 'fax' | 'voice';

/**
 * Answers the customer on the case, on any channel: into an open chat of the case, by e-mail,
 * SMS or fax through the outbox, or records a reply given by phone. Replying also moves the
 * case to replied unless unticked (or the plan still needs other stages).
 */
export function CaseReplyForm({
  kase,
  contacts,
  missing,
}: {
  kase: Case;
  contacts: Contact[];
  missing: string[];
}) {
  const { t, i18n } = useTranslation('agent');
  const { t: tc } = useTranslation();
  const client = useQueryClient();
  const report = useReportError();
  const chats = contacts.filter((c) => c.channel === 'webchat' && !c.endedAt);
  // Answer where the customer last wrote from: an open chat, else the newest text contact.
  const latest = contacts.find((c) => ['email', 'sms', 'fax'].includes(c.channel));
  const [channel, setChannel] = useState<ReplyChannel>(
    chats.length ? 'webchat' : ((latest?.channel as ReplyChannel | undefined) ?? 'sms'),
  );
  const [chatId, setChatId] = useState<string | undefined>(chats[0]?.id);
  const [to, setTo] = useState('');
  const [body, setBody] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [advance, setAdvance] = useState(kase.stage !== 'replied');
  const [busy, setBusy] = useState(false);
  const canAdvance = missing.length === 0 && kase.stage !== 'replied';

  const send = async () => {
    setBusy(true);
    try {
      await post(`/api/cases/${kase.id}/replies`, {
        channel,
        body: body.trim(),
        advance: advance && canAdvance,
        ...(channel === 'webchat' && chatId ? { contactId: chatId } : {}),
        ...(to.trim() && channel !== 'webchat' && channel !== 'voice' ? { to: to.trim() } : {}),
        ...(files.length ? { attachments: await Promise.all(files.map(toUpload)) } : {}),
      });
      setBody('');
      setFiles([]);
      void client.invalidateQueries({ queryKey: ['case', kase.id] });
      void client.invalidateQueries({ queryKey: ['cases'] });
    } catch (e) {
      report(e);
    } finally {
      setBusy(false);
    }
  };

  const channels: ReplyChannel[] = ['webchat', 'email', 'sms', 'fax', 'voice'];
  return (
    <div data-testid="case-reply" style={{ display: 'flex', flexDirection: 'column', gap: 6 }}>
      <Space size={6} wrap>
        <Select
          size="small"
          value={channel}
          onChange={setChannel}
          style={{ width: 130 }}
          data-testid="case-reply-channel"
          options={channels
            .filter((c) => c !== 'webchat' || chats.length > 0)
            .map((c) => ({
              value: c,
              label: c === 'voice' ? t('case.replyByPhone') : tc(`channel.${c}`),
            }))}
        />
        {channel === 'webchat' && chats.length > 1 && (
          <Select
            size="small"
            value={chatId}
            onChange={setChatId}
            style={{ width: 180 }}
            options={chats.map((c) => ({ value: c.id, label: c.from }))}
          />
        )}
        {channel !== 'webchat' && channel !== 'voice' && (
          <Input
            size="small"
            value={to}
            onChange={(e) => setTo(e.target.value)}
            placeholder={t('case.replyToAuto')}
            style={{ width: 220 }}
          />
        )}
        <CannedPicker onPick={(text) => setBody(body ? `${body} ${text}` : text)} />
        {(channel === 'email' || channel === 'fax') && (
          <AttachmentPicker files={files} onChange={setFiles} />
        )}
      </Space>
      <KbSuggestBar
        caseId={kase.id}
        onInsert={(text) => setBody((cur) => (cur.trim() ? `${cur}\n\n${text}` : text))}
      />
      <Input.TextArea
        value={body}
        onChange={(e) => setBody(e.target.value)}
        autoSize={{ minRows: 2, maxRows: 5 }}
        placeholder={channel === 'voice' ? t('case.replyVoiceHint') : t('case.replyHint')}
        data-testid="case-reply-body"
      />
      <div style={{ display: 'flex', alignItems: 'center', gap: 8 }}>
        {channel === 'sms' && <SmsCounter text={body} />}
        <Tooltip
          title={
            missing.length
              ? t('case.planMissing', {
                  stages: joinList(
                    missing.map((s) => tc(`stage.${s}`)),
                    i18n.language,
                  ),
                })
              : undefined
          }
        >
          <Checkbox
            checked={advance && canAdvance}
            disabled={!canAdvance}
            onChange={(e) => setAdvance(e.target.checked)}
            data-testid="case-reply-advance"
          >
            {t('case.replyAdvance')}
          </Checkbox>
        </Tooltip>
        <span style={{ flex: 1 }} />
        <Button
          type="primary"
          size="small"
          loading={busy}
          disabled={!body.trim() || (channel === 'webchat' && !chatId)}
          onClick={() => void send()}
          data-testid="case-reply-send"
        >
          {channel === 'voice' ? t('case.recordReply') : t('case.sendReply')}
        </Button>
      </div>
    </div>
  );
}
