import type { AgentTask } from './agent-types.ts';

/** Who a task is from, before the customer record loads (or when there is none). */
export function taskParty(task: AgentTask): string {
  const a = task.attributes;
  for (const k of ['caller', 'from', 'number', 'caseNumber'])
    if (typeof a[k] === 'string' && a[k]) return a[k];
  return '';
}
