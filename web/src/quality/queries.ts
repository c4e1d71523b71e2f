/** QA data for the quality pages (cached by react-query; mutations invalidate `qa-*`). */
import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client.ts';
import type { Page } from '../api/types.ts';
import type { QaEvaluation, QaForm } from './types.ts';

export const useForms = () =>
  useQuery({
    queryKey: ['qa-forms'],
    queryFn: async () => (await get<{ items: QaForm[] }>('/api/qa/forms')).items,
  });

/** The exact form version an evaluation was scored on. */
export const useFormVersion = (id: string | null, version: number | null) =>
  useQuery({
    queryKey: ['qa-form', id, version],
    queryFn: () => get<QaForm>(`/api/qa/forms/${encodeURIComponent(id ?? '')}?version=${version}`),
    enabled: Boolean(id && version),
    staleTime: Infinity,
  });

export const useEvaluations = () =>
  useQuery({
    queryKey: ['qa-evaluations'],
    queryFn: () => get<Page<QaEvaluation>>('/api/qa/evaluations?limit=200'),
  });
