import { useCallback, useEffect, useState, useSyncExternalStore } from 'react';
import { api, apiUrl, type RequestOptions } from './client';

/**
 * A small request cache: one entry per URL, shared by every component that reads it, refetched
 * when stale or invalidated after a write. (A library such as TanStack Query does this and more.)
 */
interface Entry {
  data?: unknown;
  error?: unknown;
  loading: boolean;
  fetchedAt: number;
  listeners: Set<() => void>;
  snapshot: Snapshot<unknown>;
}

export interface Snapshot<T> {
  data: T | undefined;
  error: unknown;
  loading: boolean;
}

const cache = new Map<string, Entry>();
const EMPTY: Snapshot<never> = { data: undefined, error: undefined, loading: false };

function entryOf(key: string): Entry {
  let e = cache.get(key);
  if (!e) {
    e = { loading: false, fetchedAt: 0, listeners: new Set(), snapshot: EMPTY };
    cache.set(key, e);
  }
  return e;
}

function publish(e: Entry): void {
  e.snapshot = { data: e.data, error: e.error, loading: e.loading };
  for (const fn of e.listeners) fn();
}

async function load(key: string): Promise<void> {
  const e = entryOf(key);
  if (e.loading) return;
  e.loading = true;
  publish(e);
  try {
    e.data = await api(key);
    e.error = undefined;
  } catch (err) {
    e.error = err;
  } finally {
    e.loading = false;
    e.fetchedAt = Date.now();
    publish(e);
  }
}

/** Refetch every cached URL under these paths (e.g. '/sites/abc/keywords') that is on screen. */
export function invalidate(...paths: string[]): void {
  const prefixes = paths.map((p) => apiUrl(p));
  for (const [key, e] of cache) {
    if (!prefixes.some((p) => key === p || key.startsWith(`${p}?`) || key.startsWith(`${p}/`))) continue;
    e.fetchedAt = 0;
    if (e.listeners.size > 0) void load(key);
  }
}

/** Forget everything (sign-out: the next account must not see this one's data). */
export function clearCache(): void {
  cache.clear();
}

export interface UseApiOptions {
  query?: RequestOptions['query'];
  /** Refetch this often while mounted (ms). */
  refreshMs?: number;
  /** Data younger than this is served without a refetch (default 10 s). */
  staleMs?: number;
}

export interface UseApi<T> extends Snapshot<T> {
  reload(): void;
}

/** Read a GET route; `path` null waits (e.g. until a site is chosen). */
export function useApi<T>(path: string | null, opts: UseApiOptions = {}): UseApi<T> {
  const key = path === null ? null : apiUrl(path, opts.query);
  const subscribe = useCallback(
    (fn: () => void) => {
      if (!key) return () => {};
      const e = entryOf(key);
      e.listeners.add(fn);
      return () => e.listeners.delete(fn);
    },
    [key],
  );
  const snap = useSyncExternalStore(subscribe, () => (key ? entryOf(key).snapshot : EMPTY)) as Snapshot<T>;
  const staleMs = opts.staleMs ?? 10_000;

  useEffect(() => {
    if (!key) return;
    const e = entryOf(key);
    if (Date.now() - e.fetchedAt > staleMs) void load(key);
    if (!opts.refreshMs) return;
    const timer = setInterval(() => void load(key), opts.refreshMs);
    return () => clearInterval(timer);
  }, [key, staleMs, opts.refreshMs]);

  const reload = useCallback(() => {
    if (key) void load(key);
  }, [key]);
  return { ...snap, reload };
}

export interface Mutation<A extends unknown[], R> {
  run(...args: A): Promise<R | undefined>;
  pending: boolean;
  error: unknown;
  reset(): void;
}

/** Wrap a write: tracks pending and error; the error is kept for the form to show, not thrown. */
export function useMutation<A extends unknown[], R>(fn: (...args: A) => Promise<R>): Mutation<A, R> {
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<unknown>(undefined);
  const run = useCallback(
    async (...args: A) => {
      setPending(true);
      setError(undefined);
      try {
        return await fn(...args);
      } catch (err) {
        setError(err);
        return undefined;
      } finally {
        setPending(false);
      }
    },
    [fn],
  );
  return { run, pending, error, reset: () => setError(undefined) };
}
