import { useSyncExternalStore, type AnchorHTMLAttributes, type MouseEvent, type ReactNode } from 'react';

/** A history-API router in one file: location as an external store, pattern matching, links. */
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((fn) => fn());
window.addEventListener('popstate', emit);

function subscribe(fn: () => void): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === window.location.pathname + window.location.search) return;
  if (opts.replace) window.history.replaceState(null, '', to);
  else window.history.pushState(null, '', to);
  window.scrollTo(0, 0);
  emit();
}

/** The current path and query string; re-renders on navigation. */
export function useLocation(): { pathname: string; search: URLSearchParams } {
  const href = useSyncExternalStore(subscribe, () => window.location.pathname + window.location.search);
  const url = new URL(href, window.location.origin);
  return { pathname: url.pathname, search: url.searchParams };
}

/** '/writer/content/:id' against '/writer/content/42' → { id: '42' }; null when it does not match. */
export function matchPath(pattern: string, pathname: string): Record<string, string> | null {
  const want = pattern.split('/').filter(Boolean);
  const got = pathname.split('/').filter(Boolean);
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < want.length; i++) {
    const w = want[i]!;
    if (w.startsWith(':')) params[w.slice(1)] = decodeURIComponent(got[i]!);
    else if (w !== got[i]) return null;
  }
  return params;
}

export interface RouteDef {
  path: string;
  render(params: Record<string, string>): ReactNode;
}

/** The first route whose pattern matches the current path, or `fallback`. */
export function Routes({ routes, fallback }: { routes: RouteDef[]; fallback: ReactNode }) {
  const { pathname } = useLocation();
  for (const r of routes) {
    const params = matchPath(r.path, pathname);
    if (params) return <>{r.render(params)}</>;
  }
  return <>{fallback}</>;
}

type LinkProps = AnchorHTMLAttributes<HTMLAnchorElement> & { to: string; exact?: boolean };

/** An anchor that navigates without a reload and marks itself aria-current when active. */
export function Link({ to, exact, onClick, children, ...rest }: LinkProps) {
  const { pathname, search } = useLocation();
  const [base, query] = to.split('?') as [string, string | undefined];
  const active = query
    ? pathname === base && search.toString() === new URLSearchParams(query).toString()
    : exact || base === '/'
      ? pathname === base
      : pathname === base || pathname.startsWith(`${base}/`);
  const handle = (ev: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(ev);
    if (ev.defaultPrevented || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey) return;
    ev.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handle} aria-current={active ? 'page' : undefined} {...rest}>
      {children}
    </a>
  );
}
