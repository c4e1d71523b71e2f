/**
 * The desktop's reads, as React Query hooks. Live events invalidate them (live-updates.ts); the
 * few that also poll do so because something changes without an event the agent may see (an
 * offer timing out, SLA clocks running).
 */
import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client.ts';
import type {
  AgentStatus,
  Case,
  CaseDetail,
  CaseType,
  Contact,
  Customer,
  LoggedEvent,
  Message,
  Page,
  Queue,
  Realtime,
  ReasonCode,
  Team,
} from '../api/types.ts';
import type { Call, CaseSla, CategoryNode } from './agent-types.ts';

export const useMe = () =>
  useQuery({
    queryKey: ['me'],
    queryFn: () => get<AgentStatus>('/api/agent/me'),
    refetchInterval: 4000,
  });

export const useReasonCodes = () =>
  useQuery({
    queryKey: ['reason-codes'],
    queryFn: () => get<ReasonCode[]>('/api/reason-codes'),
    staleTime: 300_000,
  });

export const useQueues = () =>
  useQuery({ queryKey: ['queues'], queryFn: () => get<Queue[]>('/api/queues'), staleTime: 60_000 });

export const useTeams = () =>
  useQuery({ queryKey: ['teams'], queryFn: () => get<Team[]>('/api/teams'), staleTime: 300_000 });

export const useCaseTypes = () =>
  useQuery({
    queryKey: ['case-types'],
    queryFn: () => get<CaseType[]>('/api/case-types'),
    staleTime: 300_000,
  });

export const useCategoryTree = () =>
  useQuery({
    queryKey: ['case-categories'],
    queryFn: () => get<CategoryNode[]>('/api/case-categories/tree'),
    staleTime: 300_000,
  });

/** Agents and queues live, for the transfer picker (only while it is open). */
export const useRealtime = (enabled: boolean) =>
  useQuery({
    queryKey: ['realtime'],
    queryFn: () => get<Realtime>('/api/realtime'),
    enabled,
    refetchInterval: enabled ? 3000 : false,
  });

/** The agent's calls in progress; polled while one is live so the timer and legs stay true. */
export const useCalls = (enabled: boolean) =>
  useQuery({
    queryKey: ['calls'],
    queryFn: () => get<Call[]>('/api/calls'),
    enabled,
    refetchInterval: (q) => (q.state.data?.some((c) => c.state !== 'released') ? 2000 : 8000),
  });

export const useContact = (id: string | null | undefined) =>
  useQuery({
    queryKey: ['contact', id],
    queryFn: () => get<Contact>(`/api/contacts/${id}`),
    enabled: Boolean(id),
  });

export const useCustomer = (id: string | null | undefined) =>
  useQuery({
    queryKey: ['customer', id],
    queryFn: () => get<Customer>(`/api/customers/${id}`),
    enabled: Boolean(id),
    staleTime: 60_000,
  });

export const useMessages = (contactId: string | null | undefined) =>
  useQuery({
    queryKey: ['messages', contactId],
    queryFn: async () =>
      (await get<{ items: Message[] }>(`/api/contacts/${contactId}/messages`)).items,
    enabled: Boolean(contactId),
  });

export const useCustomerContacts = (customerId: string | null | undefined) =>
  useQuery({
    queryKey: ['contacts', 'customer', customerId],
    queryFn: () => get<Page<Contact>>(`/api/contacts?customerId=${customerId}&limit=8`),
    enabled: Boolean(customerId),
  });

export const useCustomerCases = (customerId: string | null | undefined) =>
  useQuery({
    queryKey: ['cases', 'customer', customerId],
    queryFn: () => get<Page<Case>>(`/api/cases?customer=${customerId}&limit=20`),
    enabled: Boolean(customerId),
  });

export type CaseScope = 'mine' | 'visible' | 'overdue';

export const useCaseList = (scope: CaseScope) =>
  useQuery({
    queryKey: ['cases', 'list', scope],
    queryFn: () =>
      get<Page<Case>>(
        `/api/cases?limit=100${scope === 'mine' ? '&assignee=me' : scope === 'overdue' ? '&overdue=true' : ''}`,
      ),
    refetchInterval: 30_000,
  });

export const useCaseDetails = (id: string | null | undefined) =>
  useQuery({
    queryKey: ['case', id],
    queryFn: () => get<CaseDetail>(`/api/cases/${id}/details`),
    enabled: Boolean(id),
  });

/** SLA readings move with the clock, not only with events: poll. */
export const useCaseSla = (id: string) =>
  useQuery({
    queryKey: ['case', id, 'sla'],
    queryFn: () => get<CaseSla>(`/api/cases/${id}/sla`),
    refetchInterval: 30_000,
  });

export const useCaseMessages = (id: string) =>
  useQuery({
    queryKey: ['case', id, 'messages'],
    queryFn: async () => (await get<{ items: Message[] }>(`/api/cases/${id}/messages`)).items,
  });

export const useCaseTimeline = (id: string) =>
  useQuery({
    queryKey: ['case', id, 'timeline'],
    queryFn: () => get<LoggedEvent[]>(`/api/cases/${id}/timeline`),
  });

/** Staff by id (display name, role, teams): agents may not list users, but may read this. */
export const useDirectory = () =>
  useQuery({
    queryKey: ['directory'],
    queryFn: async () =>
      (
        await get<{
          items: { id: string; displayName: string; role: string; teamIds: string[] }[];
        }>('/api/directory')
      ).items,
    staleTime: 300_000,
  });
