/**
 * Which reads an event makes stale. The stream replays the backlog on connect (it starts after
 * seq 0), so this only ever invalidates: an old event costs a refetch, never a wrong banner.
 */
import type { QueryKey } from '@tanstack/react-query';
import type { LoggedEvent } from '../api/types.ts';

const str = (v: unknown) => (typeof v === 'string' ? v : null);

export function staleKeys(e: LoggedEvent): QueryKey[] {
  const p = e.payload;
  const [area] = e.type.split('.');
  switch (area) {
    case 'task':
    case 'agent':
      return [['me']];
    case 'call':
      return [['calls'], ['me']];
    case 'message': {
      const keys: QueryKey[] = [['messages', str(p['contactId'])]];
      const caseId = str(p['caseId']);
      if (caseId) keys.push(['case', caseId]);
      return keys;
    }
    case 'case':
      return [['case', e.subjectId], ['cases']];
    case 'contact':
      return [['contact', e.subjectId], ['contacts']];
    default:
      return [];
  }
}
