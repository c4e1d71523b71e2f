import { Empty, Tabs, Badge } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../shell/session.tsx';
import type { AgentTask, Selection } from './agent-types.ts';
import { isLegal } from './call-actions.ts';
import { CaseList } from './CaseList.tsx';
import { CaseView } from './CaseView.tsx';
import { Inbox } from './Inbox.tsx';
import { OfferBanner } from './OfferBanner.tsx';
import { useCalls, useMe, useReasonCodes } from './queries.ts';
import { SelectedCustomer } from './SelectedCustomer.tsx';
import type { Shortcut } from './shortcuts.ts';
import { useShortcuts } from './shortcuts.ts';
import { SoftphonePanel } from './SoftphonePanel.tsx';
import { StateBar } from './StateBar.tsx';
import { TaskWorkspace } from './TaskWorkspace.tsx';
import { useAgentActions } from './use-agent-actions.ts';
import { useFillHeight } from './use-fill-height.ts';
import { useSoftphone } from '../shared/use-softphone.ts';
import { useTyping } from './use-typing.ts';

/**
 * The agent desktop: the state bar and offers on top; the inbox and cases on the left; the
 * selected conversation, call or case in the middle; the softphone and the customer on the
 * right. Sized for 1366×768: it fills the window and every column scrolls inside.
 */
export function Desktop() {
  const { t } = useTranslation('agent');
  const { user } = useSession();
  const me = useMe();
  const session = me.data?.session ?? null;
  const softphone = useSoftphone(Boolean(session?.softphone));
  const actions = useAgentActions(me.data, softphone);
  const calls = useCalls(Boolean(session));
  const call = calls.data?.find((c) => c.state !== 'released');
  const reasons = useReasonCodes();
  const typing = useTyping();
  const [selection, setSelection] = useState<Selection | null>(null);
  const [leftTab, setLeftTab] = useState(user?.role === 'backoffice' ? 'cases' : 'inbox');
  const tasks = me.data?.tasks ?? [];
  const box = useRef<HTMLDivElement>(null);
  const height = useFillHeight(box);
  const held = tasks.filter((x) => x.state === 'assigned' || x.state === 'wrapping');

  const select = (s: Selection) => {
    setSelection(s);
    if (s.kind === 'task') setLeftTab('inbox');
  };
  const openCase = (caseId: string) => select({ kind: 'case', caseId });
  const accepted = (task: AgentTask) => select({ kind: 'task', taskId: task.id });

  // Screen pop for calls answered on a desk phone: the call's task opens by itself.
  const callContact = call?.contactId;
  useEffect(() => {
    if (!callContact) return;
    const task = held.find((x) => x.attributes['contactId'] === callContact);
    if (task) setSelection({ kind: 'task', taskId: task.id });
    // Only when a new call or task appears, not on every refetch of the task list.
  }, [callContact, held.length]);

  const firstOffer = tasks.find((x) => x.state === 'reserved' && x.reservation);
  const awayReason = reasons.data?.find((r) => r.active && !r.systemOnly)?.code;
  const shortcuts: Shortcut[] = [
    {
      key: 'a',
      label: 'shortcuts.answer',
      run: () => {
        if (firstOffer) void actions.accept(firstOffer).then((ok) => ok && accepted(firstOffer));
      },
    },
    {
      key: 'h',
      label: 'shortcuts.hold',
      run: () => {
        if (call && isLegal('hold', call.state)) void actions.callCommand(call, 'hold');
        else if (call && isLegal('retrieve', call.state))
          void actions.callCommand(call, 'retrieve');
      },
    },
    {
      key: 'x',
      label: 'shortcuts.hangup',
      run: () => {
        if (call && isLegal('hangup', call.state)) void actions.callCommand(call, 'hangup');
      },
    },
    { key: 'r', label: 'shortcuts.ready', run: () => session && void actions.setAvailable() },
    {
      key: 'n',
      label: 'shortcuts.notReady',
      run: () => session && awayReason && void actions.setAway(awayReason),
    },
    {
      key: 'd',
      label: 'shortcuts.wrapDone',
      run: () => session?.state === 'wrapup' && void actions.wrapUpDone('resolved'),
    },
  ];
  useShortcuts(shortcuts);

  const selectedTask =
    selection?.kind === 'task' ? held.find((x) => x.id === selection.taskId) : undefined;

  return (
    <div
      ref={box}
      data-testid="agent-desktop"
      style={{ display: 'flex', flexDirection: 'column', gap: 8, height }}
    >
      <StateBar me={me.data} actions={actions} softphone={softphone} shortcuts={shortcuts} />
      <OfferBanner me={me.data} actions={actions} softphone={softphone} onAccepted={accepted} />
      <div style={{ flex: 1, display: 'flex', gap: 8, minHeight: 0 }}>
        <div className="agent-pane" style={{ width: 260, flexShrink: 0 }}>
          <Tabs
            size="small"
            className="agent-fill-tabs"
            style={{ height: '100%' }}
            activeKey={leftTab}
            onChange={setLeftTab}
            items={[
              {
                key: 'inbox',
                label: (
                  <span data-testid="tab-inbox">
                    {t('inbox.title')} <Badge count={held.length} size="small" />
                  </span>
                ),
                children: (
                  <Inbox me={me.data} selection={selection} typing={typing} onSelect={select} />
                ),
              },
              {
                key: 'cases',
                label: <span data-testid="tab-cases">{t('cases.title')}</span>,
                children: <CaseList selection={selection} onSelect={select} />,
              },
            ]}
          />
        </div>
        <div className="agent-pane" style={{ flex: 1, minWidth: 0 }}>
          {selectedTask ? (
            <TaskWorkspace
              key={selectedTask.id}
              task={selectedTask}
              actions={actions}
              selfId={user?.id}
              typing={typing.has(String(selectedTask.attributes['contactId']))}
              onOpenCase={openCase}
            />
          ) : selection?.kind === 'case' ? (
            <CaseView key={selection.caseId} caseId={selection.caseId} />
          ) : (
            <Empty style={{ marginTop: 80 }} description={t('work.nothingSelected')} />
          )}
        </div>
        <div
          className="agent-pane"
          style={{ width: 320, flexShrink: 0, overflowY: 'auto', gap: 10 }}
        >
          {session && (
            <SoftphonePanel session={session} call={call} actions={actions} selfId={user?.id} />
          )}
          <SelectedCustomer selection={selection} tasks={tasks} onOpenCase={openCase} />
        </div>
      </div>
    </div>
  );
}
