import { Empty } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AgentStatus } from '../api/types.ts';
import type { Selection } from './agent-types.ts';
import { InboxItem } from './InboxItem.tsx';

/** Every task the agent holds, all channels in one list (offers are in the banner). */
export function Inbox({
  me,
  selection,
  typing,
  onSelect,
}: {
  me: AgentStatus | undefined;
  selection: Selection | null;
  typing: ReadonlySet<string>;
  onSelect: (s: Selection) => void;
}) {
  const { t } = useTranslation('agent');
  const held = (me?.tasks ?? []).filter((x) => x.state === 'assigned' || x.state === 'wrapping');
  if (held.length === 0)
    return (
      <Empty
        image={Empty.PRESENTED_IMAGE_SIMPLE}
        description={me?.session ? t('inbox.empty') : t('inbox.loggedOut')}
      />
    );
  return (
    <div data-testid="inbox" style={{ display: 'flex', flexDirection: 'column', gap: 2 }}>
      {held.map((task) => (
        <InboxItem
          key={task.id}
          task={task}
          selected={selection?.kind === 'task' && selection.taskId === task.id}
          typing={typing.has(String(task.attributes['contactId']))}
          onSelect={() => onSelect({ kind: 'task', taskId: task.id })}
        />
      ))}
    </div>
  );
}
