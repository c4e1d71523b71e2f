/**
 * The campaigns tab's reads, cached by react-query: campaigns, statistics (every 3 s while a
 * campaign runs and someone looks at it), records by state and the do-not-call list.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { get } from '../http.ts';
import type { Page } from '../../api/types.ts';
import type {
  Campaign,
  CampaignRecord,
  CampaignStats,
  DncEntry,
  RecordState,
} from './campaign-types.ts';

export const campaignPath = (id: string, rest = '') =>
  `/api/campaigns/${encodeURIComponent(id)}${rest}`;

/** How often statistics refresh while a running campaign is open. */
export const liveRefreshMs = 3000;

export const useCampaigns = () =>
  useQuery({
    queryKey: ['campaigns'],
    queryFn: async () => (await get<{ items: Campaign[] }>('/api/campaigns')).items,
    // The dialer completes a running campaign by itself: keep the states current.
    refetchInterval: (q) => (q.state.data?.some((c) => c.state === 'running') ? 10_000 : false),
  });

export const statsQuery = (id: string, live: boolean) => ({
  queryKey: ['campaign-stats', id],
  queryFn: () => get<CampaignStats>(campaignPath(id, '/stats')),
  enabled: id !== '',
  refetchInterval: live ? liveRefreshMs : (false as const),
});

export const useCampaignStats = (id: string, live: boolean) => useQuery(statsQuery(id, live));

export const useCampaignRecords = (
  id: string,
  state: RecordState | undefined,
  page: number,
  pageSize: number,
  live: boolean,
) =>
  useQuery({
    queryKey: ['campaign-records', id, state, page, pageSize],
    queryFn: () =>
      get<Page<CampaignRecord>>(recordsPath(id, state, pageSize, (page - 1) * pageSize)),
    refetchInterval: live ? liveRefreshMs : false,
  });

export const recordsPath = (
  id: string,
  state: RecordState | undefined,
  limit: number,
  offset: number,
) => campaignPath(id, `/records?limit=${limit}&offset=${offset}${state ? `&state=${state}` : ''}`);

export const useDnc = (page: number, pageSize: number) =>
  useQuery({
    queryKey: ['dnc', page, pageSize],
    queryFn: () =>
      get<Page<DncEntry>>(`/api/dnc?limit=${pageSize}&offset=${(page - 1) * pageSize}`),
  });

/** Refetches what a change to campaign `id` (or to any, without one) may have altered. */
export function useCampaignRefresh() {
  const qc = useQueryClient();
  return async (id?: string) => {
    await Promise.all([
      qc.invalidateQueries({ queryKey: ['campaigns'] }),
      qc.invalidateQueries({ queryKey: id ? ['campaign-stats', id] : ['campaign-stats'] }),
      qc.invalidateQueries({ queryKey: id ? ['campaign-records', id] : ['campaign-records'] }),
    ]);
  };
}
