import { QueryClientProvider } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { createBrowserRouter } from 'react-router';
import { RouterProvider } from 'react-router/dom';
import { authStore } from '../api/auth-store';
import { refreshSession } from '../api/client';
import { createQueryClient } from '../api/queries';
import { Loading } from '../components/feedback';
import { Toasts } from '../components/toast';
import { routes } from './routes';
import { useSession } from './use-session';

export function App() {
  const session = useSession();
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createBrowserRouter(routes));
  // A reload keeps only the refresh cookie: trade it for an access token before showing pages.
  const [booting, setBooting] = useState(() => authStore.maySignInFromCookie() && !session.accessToken);
  useEffect(() => {
    if (booting) void refreshSession().finally(() => setBooting(false));
  }, [booting]);
  // Signed out (by the user or an expired session): the next account must not see this one's data.
  useEffect(
    () =>
      authStore.subscribe(() => {
        if (!authStore.get().user) queryClient.clear();
      }),
    [queryClient],
  );
  if (booting) return <Loading label="Signing in…" />;
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
      <Toasts />
    </QueryClientProvider>
  );
}
