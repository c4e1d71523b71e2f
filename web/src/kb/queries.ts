/** Knowledge-base data for the authors' page (react-query; mutations invalidate `kb-*`). */
import { useQuery } from '@tanstack/react-query';
import { get } from '../api/client.ts';
import type { Page } from '../api/types.ts';
import type { KbArticle, KbCategory, KbStats, KbVersion } from './types.ts';

export interface ArticleFilter {
  q: string;
  state: string | undefined;
  lang: string | undefined;
}

export const useArticles = (f: ArticleFilter) =>
  useQuery({
    queryKey: ['kb-articles', f],
    queryFn: () => {
      const p = new URLSearchParams({ limit: '200' });
      if (f.q.trim()) p.set('q', f.q.trim());
      if (f.state) p.set('state', f.state);
      if (f.lang) p.set('lang', f.lang);
      return get<Page<KbArticle>>(`/api/kb/articles?${p}`);
    },
  });

export const useArticle = (id: string | null) =>
  useQuery({
    queryKey: ['kb-article', id],
    queryFn: () => get<KbArticle>(`/api/kb/articles/${encodeURIComponent(id ?? '')}`),
    enabled: id !== null,
  });

export const useVersions = (id: string | null) =>
  useQuery({
    queryKey: ['kb-versions', id],
    queryFn: async () =>
      (
        await get<{ items: KbVersion[] }>(
          `/api/kb/articles/${encodeURIComponent(id ?? '')}/versions`,
        )
      ).items,
    enabled: id !== null,
  });

export const useKbCategories = () =>
  useQuery({
    queryKey: ['kb-categories'],
    queryFn: async () => (await get<{ items: KbCategory[] }>('/api/kb/categories')).items,
    staleTime: 60_000,
  });

export const useKbStats = () =>
  useQuery({ queryKey: ['kb-stats'], queryFn: () => get<KbStats>('/api/kb/stats') });

/** "Roaming › Asia" in the page's language. */
export function categoryLabel(all: readonly KbCategory[], id: string | null, zh: boolean): string {
  const byId = new Map(all.map((c) => [c.id, c]));
  const names: string[] = [];
  for (
    let c = id ? byId.get(id) : undefined;
    c && names.length < 20;
    c = c.parentId ? byId.get(c.parentId) : undefined
  )
    names.unshift(zh ? (c.nameZh ?? c.name) : c.name);
  return names.join(' › ');
}
