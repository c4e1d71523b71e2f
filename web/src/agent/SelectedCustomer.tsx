import type { AgentTask, Selection } from './agent-types.ts';
import { Customer360 } from './Customer360.tsx';
import { useCaseDetails, useContact } from './queries.ts';

const str = (v: unknown) => (typeof v === 'string' && v ? v : null);

/** The customer of whatever the work area shows (a task's contact, or a case). */
export function SelectedCustomer({
  selection,
  tasks,
  onOpenCase,
}: {
  selection: Selection | null;
  tasks: AgentTask[];
  onOpenCase: (caseId: string) => void;
}) {
  const task =
    selection?.kind === 'task' ? tasks.find((x) => x.id === selection.taskId) : undefined;
  const contact = useContact(str(task?.attributes['contactId']));
  const kase = useCaseDetails(selection?.kind === 'case' ? selection.caseId : null);
  const customerId =
    contact.data?.customerId ??
    str(task?.attributes['customerId']) ??
    kase.data?.case.customerId ??
    null;
  return <Customer360 customerId={customerId} contact={contact.data} onOpenCase={onOpenCase} />;
}
