import { useQuery } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import { paths } from '../api/endpoints';
import { apiQuery } from '../api/queries';
import type { Page, SiteSummary } from '../api/types';

interface SiteState {
  sites: SiteSummary[] | undefined;
  site: SiteSummary | null;
  /** Empty string until a site exists. */
  siteId: string;
  setSiteId(id: string): void;
  loading: boolean;
  error: unknown;
}

const SITE_KEY = 'igny8.site';
const SiteContext = createContext<SiteState | null>(null);

/** The site the planner, writer, automation and publishing pages work on (remembered per browser). */
export function SiteProvider({ children }: { children: ReactNode }) {
  const list = useQuery(apiQuery<Page<SiteSummary>>(paths.sites, { page_size: 200 }));
  const [chosen, setChosen] = useState(() => localStorage.getItem(SITE_KEY) ?? '');
  const setSiteId = useCallback((id: string) => {
    localStorage.setItem(SITE_KEY, id);
    setChosen(id);
  }, []);
  const value = useMemo<SiteState>(() => {
    const sites = list.data?.results;
    const site = sites?.find((s) => s.id === chosen) ?? sites?.[0] ?? null;
    return {
      sites,
      site,
      siteId: site?.id ?? '',
      setSiteId,
      loading: list.isPending,
      error: list.error,
    };
  }, [list.data, list.isPending, list.error, chosen, setSiteId]);
  return <SiteContext.Provider value={value}>{children}</SiteContext.Provider>;
}

export function useSite(): SiteState {
  const ctx = useContext(SiteContext);
  if (!ctx) throw new Error('useSite outside SiteProvider');
  return ctx;
}
