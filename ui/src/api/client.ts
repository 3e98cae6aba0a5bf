import type { HintAction } from '../../../src/api-contract/hint-actions.js';
import { authStore } from './auth-store';
import { dashboardHint } from './hint-wording';
import type { AuthSession, ErrorEnvelope } from './types';

export const API_BASE = '/api/v1';

/** An error envelope from the API (or a network failure, code NETWORK). */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fieldErrors: Record<string, string[]> = {},
    readonly requestId: string | null = null,
    /** What to do, as the error envelope's action (the dashboard words it: `hint`). */
    readonly action: HintAction | undefined = undefined,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  /** What to do about it, in the dashboard's words. */
  get hint(): string | undefined {
    return dashboardHint(this.action);
  }

  /** The server has no such route (an older or partial build), as opposed to a missing object. */
  get routeMissing(): boolean {
    return this.status === 404 && this.code === 'NOT_FOUND' && this.message.startsWith('No route');
  }
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
  /** Skip the bearer token (auth routes). */
  anonymous?: boolean;
}

/** `/sites/x` + query → `/api/v1/sites/x?…`; undefined and empty values are left out. */
export function apiUrl(path: string, query?: RequestOptions['query']): string {
  const qs = new URLSearchParams();
  for (const [k, v] of Object.entries(query ?? {})) {
    if (v !== undefined && v !== null && v !== '') qs.set(k, String(v));
  }
  const s = qs.toString();
  const full = path.startsWith(API_BASE) ? path : `${API_BASE}${path}`;
  return s ? `${full}${full.includes('?') ? '&' : '?'}${s}` : full;
}

let refreshing: Promise<boolean> | null = null;

/** Sessions in cookie mode: the server keeps the refresh token in an httpOnly cookie, never in the body. */
const SESSION_MODE = { 'x-igny8-session': 'cookie' } as const;

/**
 * Trade the refresh cookie for a new pair, once for any number of concurrent callers in this tab
 * (other tabs refreshing at the same moment get the same successor from the server's grace window).
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= (async () => {
    if (!authStore.maySignInFromCookie()) return false;
    try {
      const res = await fetch(apiUrl('/auth/refresh'), {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...SESSION_MODE },
        credentials: 'same-origin',
        body: '{}',
      });
      if (!res.ok) {
        if (res.status === 401 || res.status === 400) authStore.signOut();
        return false;
      }
      const json = (await res.json()) as { data: AuthSession };
      authStore.signIn(json.data);
      return true;
    } catch {
      return false;
    }
  })().finally(() => {
    refreshing = null;
  });
  return refreshing;
}

/** Authorization header for the current session, if any. */
export function authHeaders(): Record<string, string> {
  const token = authStore.get().accessToken;
  return token ? { authorization: `Bearer ${token}` } : {};
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { ...SESSION_MODE, ...(opts.anonymous ? {} : authHeaders()) };
  let body: BodyInit | undefined;
  if (opts.body instanceof Blob || typeof opts.body === 'string') {
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  return fetch(apiUrl(path, opts.query), {
    method: opts.method ?? 'GET',
    headers,
    body,
    signal: opts.signal,
  });
}

async function toError(res: Response): Promise<ApiError> {
  const requestId = res.headers.get('x-request-id');
  try {
    const json = (await res.json()) as Partial<ErrorEnvelope>;
    return new ApiError(
      res.status,
      json.code ?? `HTTP_${res.status}`,
      json.error ?? res.statusText,
      json.errors ?? {},
      requestId,
      json.action,
    );
  } catch {
    return new ApiError(res.status, `HTTP_${res.status}`, res.statusText || 'Request failed', {}, requestId);
  }
}

/**
 * Call the API and return the response when it is a success. A 401 triggers one refresh and one
 * retry; a second 401 signs the user out (the route guard then shows the sign-in page). Any other
 * error status becomes an ApiError with the envelope's code and field errors.
 */
export async function apiResponse(path: string, opts: RequestOptions = {}): Promise<Response> {
  let res: Response;
  try {
    res = await send(path, opts);
    if (res.status === 401 && !opts.anonymous && (await refreshSession())) res = await send(path, opts);
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', 'The server did not answer; check that `igny8 serve` is running');
  }
  if (!res.ok) {
    const error = await toError(res);
    if (res.status === 401 && !opts.anonymous) authStore.signOut();
    // A refused edit may mean an owner changed this user's role since sign-in: learn the current
    // role (the refresh answers it), so every tab hides the buttons the user may no longer use.
    if (error.code === 'FORBIDDEN' && !opts.anonymous && (opts.method ?? 'GET') !== 'GET') {
      void refreshSession();
    }
    throw error;
  }
  return res;
}

/** Call a JSON route and unwrap `{ success, data }` (lists: the page object). */
export async function api<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await apiResponse(path, opts);
  if (res.status === 204) return undefined as T;
  const json = (await res.json()) as { data: T };
  return json.data;
}

/** A message for people from anything a call may throw. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.routeMissing) return 'Not available on this server yet.';
    return err.message;
  }
  return err instanceof Error ? err.message : String(err);
}
