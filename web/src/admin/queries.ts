/** Lists the console reads in several sections, cached under one key each. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { get } from './problem-api.ts';
import type { Calendar, CapacityProfile, CaseType, Category, Queue, Skill, Team } from './types.ts';

const list =
  <T>(key: string, path: string) =>
  () =>
    useQuery({ queryKey: [key], queryFn: () => get<T[]>(path) });

export const useTeams = list<Team>('adm-teams', '/api/teams');
export const useSkills = list<Skill>('adm-skills', '/api/skills');
export const useQueues = list<Queue>('adm-queues', '/api/queues');
export const useCapacityProfiles = list<CapacityProfile>('adm-capacity', '/api/capacity-profiles');
export const useCalendars = list<Calendar>('adm-calendars', '/api/calendars');
export const useCaseTypes = list<CaseType>('adm-case-types', '/api/case-types');
export const useCategories = list<Category>('adm-categories', '/api/case-categories');

/** Refetches a list after a change. */
export function useRefresh() {
  const qc = useQueryClient();
  return (key: string) => qc.invalidateQueries({ queryKey: [key] });
}
