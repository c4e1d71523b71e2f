/** The supervisor's reference data, shared by the panels (cached by react-query). */
import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client.ts';
import type { Page, Queue, ReasonCode, Team } from '../api/types.ts';
import type { Agent, UserRow } from './types.ts';

export const useTeams = () =>
  useQuery({
    queryKey: ['sup-teams'],
    queryFn: () => get<Team[]>('/api/teams'),
    staleTime: 60_000,
  });

/** Queues, for the campaigns' queue of agents (any staff member may list them). */
export const useQueues = () =>
  useQuery({
    queryKey: ['sup-queues'],
    queryFn: () => get<Queue[]>('/api/queues'),
    staleTime: 60_000,
  });

export const useReasonCodes = () =>
  useQuery({
    queryKey: ['sup-reasons'],
    queryFn: () => get<ReasonCode[]>('/api/reason-codes'),
    staleTime: 60_000,
  });

/** Staff who can take cases, for reassignment (supervisors may list users). */
export const useStaff = () =>
  useQuery({
    queryKey: ['sup-staff'],
    queryFn: async () =>
      (await get<Page<UserRow>>('/api/users?limit=500')).items.filter(
        (u) => u.role !== 'customer' && !u.disabled,
      ),
    staleTime: 60_000,
  });

/** Logged-in agents with what snapshots leave out (pending away requests); events refetch it. */
export const useAgents = () =>
  useQuery({
    queryKey: ['sup-agents'],
    queryFn: () => get<Agent[]>('/api/agents'),
    refetchInterval: 15_000,
  });
