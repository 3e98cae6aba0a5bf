import {
  isRouteErrorResponse,
  Link,
  Navigate,
  Outlet,
  ScrollRestoration,
  useLocation,
  useMatches,
  useParams,
  useRouteError,
  useSearchParams,
  type RouteObject,
} from 'react-router';
import { ErrorNotice } from '../components/feedback';
import { PageHeader } from '../components/page';
import { AcceptInvitePage } from '../pages/auth/accept-invite-page';
import { LoginPage } from '../pages/auth/login-page';
import { RegisterPage } from '../pages/auth/register-page';
import { ResetPage } from '../pages/auth/reset-page';
import { AutomationPage } from '../pages/automation/automation-page';
import { RunPage } from '../pages/automation/run-page';
import { SchedulesPage } from '../pages/automation/schedules-page';
import { BillingPage } from '../pages/billing-page';
import { DashboardPage } from '../pages/dashboard-page';
import { ImagesPage } from '../pages/images/images-page';
import { OnboardingPage } from '../pages/onboarding-page';
import { PlannerPage } from '../pages/planner/planner-page';
import { InventoryPage } from '../pages/publishing/inventory-page';
import { KbPage } from '../pages/kb/kb-page';
import { RefreshCandidatesPage } from '../pages/refresh/candidates-page';
import { RefreshMergePlanPage } from '../pages/refresh/candidates-merge-plan';
import { SearchConsolePage } from '../pages/search-console/search-console-page';
import { PublishingPage } from '../pages/publishing/publishing-page';
import { RefreshPage } from '../pages/refresh/refresh-page';
import { SettingsPage } from '../pages/settings/settings-page';
import { EditorPage } from '../pages/writer/editor-page';
import { TaskPage } from '../pages/writer/task-page';
import { WriterPage } from '../pages/writer/writer-page';
import { safeNext } from './safe-next';
import { Shell } from './shell';
import { SiteProvider } from './site-context';
import { useSession } from './use-session';

/** Where a page sends the user once they are signed in (a route's `handle.afterSignIn`). */
interface RouteHandle {
  afterSignIn?: string;
}

/** Signed in: back where sign-in was asked for, else where the page says, else the dashboard. */
function SignedOutOnly() {
  const { accessToken } = useSession();
  const [params] = useSearchParams();
  const matches = useMatches();
  if (!accessToken) return <Outlet />;
  const handle = matches.at(-1)?.handle as RouteHandle | undefined;
  return <Navigate to={safeNext(params.get('next')) ?? handle?.afterSignIn ?? '/'} replace />;
}

/** Signed out: any page goes to sign-in, which comes back to it after. */
function SignedInOnly() {
  const { accessToken } = useSession();
  const { pathname, search } = useLocation();
  if (!accessToken) {
    const to = pathname === '/' ? '/login' : `/login?next=${encodeURIComponent(pathname + search)}`;
    return <Navigate to={to} replace />;
  }
  return (
    <SiteProvider>
      <Shell>
        <Outlet />
      </Shell>
    </SiteProvider>
  );
}

function Root() {
  return (
    <>
      <ScrollRestoration />
      <Outlet />
    </>
  );
}

function NotFound() {
  return (
    <PageHeader title="Page not found">
      There is nothing at this address. <Link to="/">Go to the dashboard</Link>.
    </PageHeader>
  );
}

/** A page that threw while rendering: say so, instead of a blank screen. */
function RouteError() {
  const error = useRouteError();
  return (
    <main id="main" className="narrow">
      <PageHeader title="Something went wrong">
        This page failed to show. <a href="/">Reload the dashboard</a>.
      </PageHeader>
      {isRouteErrorResponse(error) ? (
        <p>
          {error.status} {error.statusText}
        </p>
      ) : (
        <ErrorNotice error={error} />
      )}
    </main>
  );
}

function TaskRoute() {
  const { id = '' } = useParams();
  return <TaskPage key={id} id={id} />;
}

function EditorRoute() {
  const { id = '' } = useParams();
  return <EditorPage key={id} id={id} />;
}

function RunRoute() {
  const { id = '' } = useParams();
  return <RunPage key={id} runId={id} />;
}

function SettingsRoute() {
  const { view = 'account' } = useParams();
  return <SettingsPage view={view} />;
}

/** Every address of the dashboard (the server answers each with index.html). */
export const routes: RouteObject[] = [
  {
    element: <Root />,
    errorElement: <RouteError />,
    children: [
      {
        element: <SignedOutOnly />,
        children: [
          { path: 'login', element: <LoginPage /> },
          { path: 'register', element: <RegisterPage />, handle: { afterSignIn: '/onboarding' } },
          { path: 'reset', element: <ResetPage /> },
          { path: 'invite', element: <AcceptInvitePage />, handle: { afterSignIn: '/' } },
        ],
      },
      {
        element: <SignedInOnly />,
        children: [
          { index: true, element: <DashboardPage /> },
          { path: 'onboarding', element: <OnboardingPage /> },
          { path: 'planner', element: <PlannerPage view="keywords" /> },
          { path: 'planner/import', element: <PlannerPage view="import" /> },
          { path: 'planner/clusters', element: <PlannerPage view="clusters" /> },
          { path: 'planner/ideas', element: <PlannerPage view="ideas" /> },
          { path: 'writer', element: <WriterPage view="articles" /> },
          { path: 'writer/tasks', element: <WriterPage view="tasks" /> },
          { path: 'writer/tasks/:id', element: <TaskRoute /> },
          { path: 'writer/kb', element: <KbPage /> },
          { path: 'writer/content/:id', element: <EditorRoute /> },
          { path: 'images', element: <ImagesPage /> },
          { path: 'automation', element: <AutomationPage /> },
          { path: 'automation/runs/:id', element: <RunRoute /> },
          { path: 'automation/schedules', element: <SchedulesPage /> },
          { path: 'publishing', element: <PublishingPage /> },
          { path: 'publishing/inventory', element: <InventoryPage /> },
          { path: 'refresh', element: <RefreshPage /> },
          { path: 'refresh/candidates', element: <RefreshCandidatesPage /> },
          { path: 'refresh/merge-plan', element: <RefreshMergePlanPage /> },
          { path: 'search-console', element: <SearchConsolePage /> },
          { path: 'billing', element: <BillingPage /> },
          { path: 'settings', element: <SettingsPage view="account" /> },
          { path: 'settings/:view', element: <SettingsRoute /> },
          { path: '*', element: <NotFound /> },
        ],
      },
    ],
  },
];
