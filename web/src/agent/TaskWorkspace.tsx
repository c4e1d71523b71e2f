import { FileAddOutlined, FolderOpenOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AgentTask } from './agent-types.ts';
import { CaseCreateModal } from './CaseCreateModal.tsx';
import { CaseView } from './CaseView.tsx';
import { channelColor } from './colors.ts';
import { MessageList } from './MessageList.tsx';
import { useContact, useMessages } from './queries.ts';
import { ReplyComposer } from './ReplyComposer.tsx';
import { TaskActions } from './TaskActions.tsx';
import type { AgentActions } from './use-agent-actions.ts';
import { taskParty } from './task-party.ts';

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/**
 * The work area for one task: the conversation with a reply box for text channels, the call's
 * data for voice, the number to call back, or the case for a case step; with the task's own
 * actions and "create case" from the contact.
 */
export function TaskWorkspace({
  task,
  actions,
  selfId,
  typing,
  onOpenCase,
}: {
  task: AgentTask;
  actions: AgentActions;
  selfId: string | undefined;
  typing: boolean;
  onOpenCase: (caseId: string) => void;
}) {
  const { t } = useTranslation('agent');
  const { t: tc } = useTranslation();
  const a = task.attributes;
  const contactId = str(a['contactId']);
  const contact = useContact(contactId);
  const text = ['webchat', 'email', 'sms', 'fax', 'webform'].includes(task.channel);
  const messages = useMessages(text ? contactId : null);
  const [creating, setCreating] = useState(false);
  const caseId = contact.data?.caseId ?? str(a['caseId']);
  const firstIn = messages.data?.find((m) => m.direction === 'inbound');
  const canType = task.state === 'assigned' && !contact.data?.endedAt;
  const chatOver = task.channel === 'webchat' && Boolean(contact.data?.endedAt);

  if (task.channel === 'case' && caseId)
    return (
      <div style={{ display: 'flex', flexDirection: 'column', height: '100%', gap: 6 }}>
        <TaskActions task={task} contact={undefined} actions={actions} selfId={selfId} />
        <div style={{ flex: 1, minHeight: 0 }}>
          <CaseView caseId={caseId} />
        </div>
      </div>
    );

  return (
    <div
      data-testid="task-workspace"
      style={{ display: 'flex', flexDirection: 'column', height: '100%', gap: 6 }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Tag color={channelColor[task.channel]}>{tc(`channel.${task.channel}`)}</Tag>
        <Typography.Text strong>{contact.data?.from ?? taskParty(task)}</Typography.Text>
        {contact.data?.subject && (
          <Typography.Text ellipsis style={{ maxWidth: 300 }}>
            {contact.data.subject}
          </Typography.Text>
        )}
        {typing && <Tag color="cyan">{t('chat.visitorTyping')}</Tag>}
        <span style={{ flex: 1 }} />
        {caseId ? (
          <Button
            size="small"
            icon={<FolderOpenOutlined />}
            onClick={() => onOpenCase(caseId)}
            data-testid="open-case"
          >
            {t('case.open')}
          </Button>
        ) : (
          contactId && (
            <Button
              size="small"
              icon={<FileAddOutlined />}
              onClick={() => setCreating(true)}
              data-testid="case-create"
            >
              {t('case.create')}
            </Button>
          )
        )}
        <TaskActions task={task} contact={contact.data} actions={actions} selfId={selfId} />
      </div>
      {text && (
        <MessageList
          messages={messages.data ?? []}
          footer={chatOver && <Alert type="info" showIcon title={t('chat.ended')} />}
        />
      )}
      {text && contact.data && !chatOver && task.state === 'assigned' && (
        <ReplyComposer contact={contact.data} messages={messages.data ?? []} canType={canType} />
      )}
      {task.channel === 'voice' && (
        <div style={{ flex: 1 }}>
          <Alert type="info" showIcon title={t('call.useSoftphone')} />
          <Descriptions
            size="small"
            column={1}
            style={{ marginTop: 8 }}
            items={[
              {
                key: 'caller',
                label: t('call.caller'),
                children: str(a['caller']) ?? str(a['number']) ?? '',
              },
              { key: 'called', label: t('call.called'), children: str(a['called']) ?? '' },
            ]}
          />
        </div>
      )}
      {task.channel === 'callback' && (
        <div style={{ flex: 1 }}>
          <Descriptions
            size="small"
            column={1}
            items={[
              { key: 'number', label: t('call.callbackNumber'), children: str(a['number']) ?? '' },
              ...(a['preview']
                ? [{ key: 'name', label: t('call.previewName'), children: str(a['name']) ?? '' }]
                : []),
              ...(str(a['at'])
                ? [
                    {
                      key: 'at',
                      label: t('call.callbackAt'),
                      children: new Date(str(a['at'])!).toLocaleString(),
                    },
                  ]
                : []),
              { key: 'note', label: t('case.note'), children: str(a['note']) ?? tc('none') },
            ]}
          />
          <Button
            type="primary"
            disabled={!str(a['number'])}
            onClick={() =>
              void actions.dial(String(a['number']), {
                taskId: task.id,
                ...(str(a['caseId']) ? { caseId: str(a['caseId'])! } : {}),
                // A dialer preview record: the call's outcome is its attempt.
                ...(str(a['campaignId']) && str(a['recordId'])
                  ? { campaignId: str(a['campaignId'])!, recordId: str(a['recordId'])! }
                  : {}),
              })
            }
            data-testid="callback-dial"
          >
            {t('call.callBack')}
          </Button>
        </div>
      )}
      <CaseCreateModal
        open={creating}
        seed={{
          contactId,
          customerId: contact.data?.customerId ?? str(a['customerId']),
          title: contact.data?.subject ?? firstIn?.body.slice(0, 60) ?? '',
          description: (messages.data ?? [])
            .filter((m) => m.direction === 'inbound')
            .map((m) => m.body)
            .join('\n')
            .slice(0, 4000),
        }}
        onClose={() => setCreating(false)}
        onCreated={(c) => onOpenCase(c.id)}
      />
    </div>
  );
}
