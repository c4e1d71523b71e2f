import { Spin } from 'antd';
import { lazy, Suspense, useEffect } from 'react';
import { AppLayout, pagesFor } from './AppLayout.tsx';
import { LoginPage } from './LoginPage.tsx';
import { navigate, usePage } from './router.ts';
import { useSession } from './session.tsx';

const AgentDesktop = lazy(() => import('../agent/AgentDesktop.tsx'));
const Supervisor = lazy(() => import('../supervisor/SupervisorPage.tsx'));
const Admin = lazy(() => import('../admin/AdminPage.tsx'));
const Quality = lazy(() => import('../quality/QualityPage.tsx'));
const KnowledgeBase = lazy(() => import('../kb/KbPage.tsx'));

export function App() {
  const { user, ready } = useSession();
  const page = usePage();
  const allowed = user ? pagesFor(user.role) : [];
  useEffect(() => {
    if (!ready) return;
    if (!user) return navigate('login');
    if (user.role === 'customer') {
      location.href = '/portal.html';
      return;
    }
    if (!page || page === 'login' || !allowed.includes(page)) navigate(allowed[0] ?? 'login');
  }, [ready, user, page, allowed]);
  if (!ready) return <Spin fullscreen />;
  if (!user) return <LoginPage />;
  if (!page || page === 'login' || !allowed.includes(page)) return <Spin fullscreen />;
  return (
    <AppLayout page={page}>
      <Suspense fallback={<Spin />}>
        {page === 'agent' && <AgentDesktop />}
        {page === 'supervisor' && <Supervisor />}
        {page === 'quality' && <Quality />}
        {page === 'kb' && <KnowledgeBase />}
        {page === 'admin' && <Admin />}
      </Suspense>
    </AppLayout>
  );
}
