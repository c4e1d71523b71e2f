/** Lists the resource sections read, cached under one key each. */
import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client.ts';
import type { AgentUser, KefuNode, Seat, Trunk } from './types.ts';

export const useSeats = () =>
  useQuery({ queryKey: ['res-seats'], queryFn: () => get<Seat[]>('/api/resources/seats') });
export const useTrunks = () =>
  useQuery({ queryKey: ['res-trunks'], queryFn: () => get<Trunk[]>('/api/resources/trunks') });
export const useNodes = () =>
  useQuery({
    queryKey: ['res-nodes'],
    queryFn: () => get<KefuNode[]>('/api/resources/nodes'),
    refetchInterval: 5000,
  });

/** Agents who can be given a phone (supervisors and admins may list users). */
export const useAgentUsers = (enabled: boolean) =>
  useQuery({
    queryKey: ['res-agent-users'],
    queryFn: async () =>
      (await get<{ items: AgentUser[] }>('/api/users?role=agent&limit=500')).items.filter(
        (u) => !u.disabled,
      ),
    enabled,
    staleTime: 60_000,
  });
