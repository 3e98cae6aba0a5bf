import { useEffect, useState } from 'react';
import { authStore } from '../api/auth-store';
import { refreshSession } from '../api/client';
import { Loading } from '../components/feedback';
import { PageHeader } from '../components/page';
import { Toasts } from '../components/toast';
import { LoginPage } from '../pages/auth/login-page';
import { RegisterPage } from '../pages/auth/register-page';
import { ResetPage } from '../pages/auth/reset-page';
import { AutomationPage } from '../pages/automation/automation-page';
import { RunPage } from '../pages/automation/run-page';
import { BillingPage } from '../pages/billing-page';
import { DashboardPage } from '../pages/dashboard-page';
import { ImagesPage } from '../pages/images/images-page';
import { OnboardingPage } from '../pages/onboarding-page';
import { PlannerPage } from '../pages/planner/planner-page';
import { PublishingPage } from '../pages/publishing/publishing-page';
import { SettingsPage } from '../pages/settings/settings-page';
import { EditorPage } from '../pages/writer/editor-page';
import { WriterPage } from '../pages/writer/writer-page';
import { Link, navigate, Routes, useLocation, type RouteDef } from '../router/router';
import { Shell } from './shell';
import { SiteProvider } from './site-context';
import { useSession } from './use-session';

const PUBLIC: RouteDef[] = [
  { path: '/login', render: () => <LoginPage /> },
  { path: '/register', render: () => <RegisterPage /> },
  { path: '/reset', render: () => <ResetPage /> },
];

const PRIVATE: RouteDef[] = [
  { path: '/', render: () => <DashboardPage /> },
  { path: '/onboarding', render: () => <OnboardingPage /> },
  { path: '/planner', render: () => <PlannerPage view="keywords" /> },
  { path: '/planner/import', render: () => <PlannerPage view="import" /> },
  { path: '/planner/clusters', render: () => <PlannerPage view="clusters" /> },
  { path: '/planner/ideas', render: () => <PlannerPage view="ideas" /> },
  { path: '/writer', render: () => <WriterPage view="articles" /> },
  { path: '/writer/tasks', render: () => <WriterPage view="tasks" /> },
  { path: '/writer/content/:id', render: (p) => <EditorPage key={p.id} id={p.id!} /> },
  { path: '/images', render: () => <ImagesPage /> },
  { path: '/automation', render: () => <AutomationPage /> },
  { path: '/automation/runs/:id', render: (p) => <RunPage key={p.id} runId={p.id!} /> },
  { path: '/publishing', render: () => <PublishingPage /> },
  { path: '/billing', render: () => <BillingPage /> },
  { path: '/settings', render: () => <SettingsPage view="account" /> },
  { path: '/settings/:view', render: (p) => <SettingsPage view={p.view!} /> },
];

function NotFound() {
  return (
    <PageHeader title="Page not found">
      There is nothing at this address. <Link to="/">Go to the dashboard</Link>.
    </PageHeader>
  );
}

/** Signed out: the auth pages; any other address goes to sign-in and comes back after. */
function PublicApp() {
  const { pathname } = useLocation();
  const known = PUBLIC.some((r) => r.path === pathname);
  useEffect(() => {
    if (!known)
      navigate(pathname === '/' ? '/login' : `/login?next=${encodeURIComponent(pathname)}`, {
        replace: true,
      });
  }, [known, pathname]);
  return known ? <Routes routes={PUBLIC} fallback={null} /> : null;
}

function PrivateApp() {
  const { pathname } = useLocation();
  useEffect(() => {
    if (PUBLIC.some((r) => r.path === pathname)) navigate('/', { replace: true });
  }, [pathname]);
  return (
    <SiteProvider>
      <Shell>
        <Routes routes={PRIVATE} fallback={<NotFound />} />
      </Shell>
    </SiteProvider>
  );
}

export function App() {
  const session = useSession();
  // A reload keeps the refresh token only: trade it for an access token before showing pages.
  const [booting, setBooting] = useState(() => Boolean(authStore.refreshToken()) && !session.accessToken);
  useEffect(() => {
    if (booting) void refreshSession().finally(() => setBooting(false));
  }, [booting]);
  if (booting) return <Loading label="Signing in…" />;
  return (
    <>
      {session.accessToken ? <PrivateApp /> : <PublicApp />}
      <Toasts />
    </>
  );
}
