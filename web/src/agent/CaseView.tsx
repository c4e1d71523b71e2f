import { Descriptions, Spin, Tabs, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CaseContacts } from './CaseContacts.tsx';
import { CaseHistory } from './CaseHistory.tsx';
import { CaseNotes } from './CaseNotes.tsx';
import { CaseReplyForm } from './CaseReplyForm.tsx';
import { CaseStageActions } from './CaseStageActions.tsx';
import { missingFor, visitedStages } from './case-rules.ts';
import { priorityColor, stageColor } from './colors.ts';
import { MessageList } from './MessageList.tsx';
import {
  useCaseDetails,
  useCaseSla,
  useCaseTimeline,
  useCaseTypes,
  useCustomer,
  useTeams,
} from './queries.ts';
import { usePersonName } from './people.ts';
import { SlaTag } from './SlaTag.tsx';
import { useCaseConversation } from './use-case-conversation.ts';
import { formatShortTime } from '../shared/format.ts';

/**
 * The case workspace: what it is and where it stands (stage, SLA clocks), the moves allowed
 * from here, the conversation on every channel with a reply form, notes, linked contacts and
 * the history. Agents and back office use the same view; the actions follow the role.
 */
export function CaseView({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation('agent');
  const { t: tc } = useTranslation();
  const zh = i18n.language === 'zh-CN';
  const details = useCaseDetails(caseId);
  const sla = useCaseSla(caseId);
  const timeline = useCaseTimeline(caseId);
  const types = useCaseTypes();
  const teams = useTeams();
  const personName = usePersonName();
  const kase = details.data?.case;
  const customer = useCustomer(kase?.customerId);
  const messages = useCaseConversation(caseId, details.data?.contacts ?? []);
  if (!kase || !details.data) return <Spin style={{ margin: 24 }} />;
  const plan = types.data?.find((x) => x.code === kase.type);
  const visited = visitedStages(timeline.data ?? []);
  const recorded = details.data.replies.filter((r) => r.status === 'recorded');
  const team = (id: string | null) => teams.data?.find((x) => x.id === id)?.name ?? tc('none');

  return (
    <div
      data-testid="case-view"
      style={{ display: 'flex', flexDirection: 'column', height: '100%', gap: 6 }}
    >
      <div style={{ display: 'flex', alignItems: 'center', gap: 8, flexWrap: 'wrap' }}>
        <Typography.Text strong data-testid="case-number">
          {kase.number}
        </Typography.Text>
        <Typography.Text ellipsis style={{ maxWidth: 360 }} title={kase.title}>
          {kase.title}
        </Typography.Text>
        <Tag>{plan ? (zh ? plan.nameZh : plan.name) : kase.type}</Tag>
        <Tag color={priorityColor[kase.priority]}>{tc(`priority.${kase.priority}`)}</Tag>
        <Tag color={stageColor[kase.stage]} data-testid="case-stage" data-stage={kase.stage}>
          {tc(`stage.${kase.stage}`)}
        </Tag>
        {kase.urgeCount > 0 && <Tag color="red">{t('case.urged', { n: kase.urgeCount })}</Tag>}
        {sla.data && <SlaTag label={t('sla.stage')} reading={sla.data.stage} />}
        {sla.data && <SlaTag label={t('sla.total')} reading={sla.data.total} />}
      </div>
      <CaseStageActions kase={kase} plan={plan} visited={visited} />
      <Tabs
        size="small"
        style={{ flex: 1, minHeight: 0 }}
        className="agent-fill-tabs"
        items={[
          {
            key: 'conversation',
            label: t('case.tabConversation'),
            children: (
              <div style={{ display: 'flex', flexDirection: 'column', height: '100%', gap: 6 }}>
                <MessageList
                  messages={messages}
                  showChannel
                  footer={recorded.map((r) => (
                    <Typography.Text key={r.id} type="secondary" data-testid="recorded-reply">
                      {t('case.recordedReply', { at: formatShortTime(r.createdAt, i18n.language) })}
                      : {r.body}
                    </Typography.Text>
                  ))}
                />
                {kase.stage !== 'closed' && kase.stage !== 'canceled' && (
                  <CaseReplyForm
                    key={kase.id}
                    kase={kase}
                    contacts={details.data.contacts}
                    missing={missingFor('replied', plan, visited)}
                  />
                )}
              </div>
            ),
          },
          {
            key: 'notes',
            label: t('case.tabNotes', { n: details.data.notes.length }),
            children: <CaseNotes caseId={kase.id} notes={details.data.notes} />,
          },
          {
            key: 'details',
            label: t('case.tabDetails'),
            children: (
              <Descriptions
                size="small"
                column={2}
                items={[
                  {
                    key: 'customer',
                    label: t('customer.title'),
                    children: customer.data?.name ?? tc('none'),
                  },
                  { key: 'team', label: t('case.ownerTeam'), children: team(kase.teamId) },
                  {
                    key: 'assignee',
                    label: t('case.assignee'),
                    children: kase.assigneeId ? personName(kase.assigneeId) : tc('none'),
                  },
                  {
                    key: 'dispatch',
                    label: t('case.dispatchTeam'),
                    children: team(kase.dispatchTeamId),
                  },
                  {
                    key: 'accepted',
                    label: t('case.acceptedAt'),
                    children: formatShortTime(kase.acceptedAt, i18n.language),
                  },
                  {
                    key: 'due',
                    label: t('case.dueAt'),
                    children: kase.dueAt ? formatShortTime(kase.dueAt, i18n.language) : tc('none'),
                  },
                  {
                    key: 'desc',
                    label: t('case.description'),
                    span: 2,
                    children: <span style={{ whiteSpace: 'pre-wrap' }}>{kase.description}</span>,
                  },
                ]}
              />
            ),
          },
          {
            key: 'contacts',
            label: t('case.tabContacts', { n: details.data.contacts.length }),
            children: <CaseContacts contacts={details.data.contacts} />,
          },
          {
            key: 'history',
            label: t('case.tabHistory'),
            children: <CaseHistory events={timeline.data ?? []} />,
          },
        ]}
      />
    </div>
  );
}
