/** A tiny path router: the app has a handful of top-level pages, each a full workspace. */
import { useEffect, useState } from 'react';

export type Page = 'login' | 'agent' | 'supervisor' | 'quality' | 'kb' | 'admin';

const pages: Page[] = ['login', 'agent', 'supervisor', 'quality', 'kb', 'admin'];

export function currentPage(): Page | null {
  const first = location.pathname.split('/')[1] ?? '';
  return (pages as string[]).includes(first) ? (first as Page) : null;
}

export function navigate(page: Page): void {
  if (currentPage() === page) return;
  history.pushState(null, '', `/${page}`);
  window.dispatchEvent(new PopStateEvent('popstate'));
}

export function usePage(): Page | null {
  const [page, setPage] = useState(currentPage());
  useEffect(() => {
    const on = () => setPage(currentPage());
    window.addEventListener('popstate', on);
    return () => window.removeEventListener('popstate', on);
  }, []);
  return page;
}
