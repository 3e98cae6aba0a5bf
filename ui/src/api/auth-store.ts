import type { AuthSession } from './types';

/**
 * The signed-in session. The refresh token survives a reload (localStorage) so the dashboard can
 * trade it for a fresh access token; the access token lives in memory only.
 */
export interface SessionUser {
  id: string;
  accountId: string;
  email: string;
  name: string;
  role: 'owner' | 'admin' | 'editor' | 'viewer';
}

interface State {
  accessToken: string | null;
  user: SessionUser | null;
}

const REFRESH_KEY = 'igny8.refresh';
const USER_KEY = 'igny8.user';

let state: State = { accessToken: null, user: readUser() };
const listeners = new Set<() => void>();

function readUser(): SessionUser | null {
  try {
    const raw = localStorage.getItem(USER_KEY);
    return raw ? (JSON.parse(raw) as SessionUser) : null;
  } catch {
    return null;
  }
}

function emit(): void {
  for (const fn of listeners) fn();
}

export const authStore = {
  get: (): State => state,
  subscribe(fn: () => void): () => void {
    listeners.add(fn);
    return () => listeners.delete(fn);
  },
  refreshToken: (): string | null => localStorage.getItem(REFRESH_KEY),
  signIn(session: AuthSession): void {
    localStorage.setItem(REFRESH_KEY, session.refreshToken);
    localStorage.setItem(USER_KEY, JSON.stringify(session.user));
    state = { accessToken: session.accessToken, user: session.user };
    emit();
  },
  signOut(): void {
    localStorage.removeItem(REFRESH_KEY);
    localStorage.removeItem(USER_KEY);
    state = { accessToken: null, user: null };
    emit();
  },
};
