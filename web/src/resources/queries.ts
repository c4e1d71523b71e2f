/** Lists the resource sections read, cached under one key each. */
import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client.ts';
import type { KefuNode, Seat, Trunk } from './types.ts';

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
