import { QueryClient, queryOptions, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback } from 'react';
import { api, ApiError, type RequestOptions } from './client';

type Query = RequestOptions['query'];

/** The query without blank values, so `{ status: '' }` and `{}` share one cache entry. */
function cleanQuery(query: Query): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') out[k] = String(v);
  }
  return out;
}

/**
 * The cache key of a GET: the path's segments, then the query — `/content/abc?x=1` is
 * `['api', 'content', 'abc', { x: '1' }]`. Keys nest like the URLs, so invalidating `/content`
 * refreshes every list and article under it.
 */
export function apiKey(path: string, query?: Query): QueryKey {
  return ['api', ...path.split('/').filter(Boolean), cleanQuery(query)];
}

/** The key prefix that matches a path and everything under it, whatever the query. */
export function apiPrefix(path: string): QueryKey {
  return ['api', ...path.split('/').filter(Boolean)];
}

/** Query options for a GET route of the API: `useQuery(apiQuery<Page<Keyword>>(paths.keywords, { siteId }))`. */
export function apiQuery<T>(path: string, query?: Query) {
  return queryOptions<T, Error, T, QueryKey>({
    queryKey: apiKey(path, query),
    queryFn: ({ signal }) => api<T>(path, { query, signal }),
  });
}

/** Refetch the cached GETs under these paths that are on screen (the rest refetch when next shown). */
export function useInvalidate(): (...paths: string[]) => Promise<void> {
  const client = useQueryClient();
  return useCallback(
    async (...paths: string[]) => {
      await Promise.all(paths.map((p) => client.invalidateQueries({ queryKey: apiPrefix(p) })));
    },
    [client],
  );
}

/** A server that is down or failing is worth a second try; a refusal (4xx) is not. */
function shouldRetry(failures: number, err: Error): boolean {
  if (!(err instanceof ApiError)) return false;
  return failures < 2 && (err.status === 0 || err.status >= 500);
}

/** The dashboard's query cache: data younger than 10 s is served without a refetch. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 10_000, retry: shouldRetry },
      mutations: { retry: false },
    },
  });
}
