import type { AuthSession } from './types';

/**
 * The signed-in session. The refresh token lives in an httpOnly cookie page scripts cannot read
 * (the server sets it in cookie mode); the access token lives in memory only. The user is kept in
 * localStorage as a hint that a reload should try the cookie.
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

const USER_KEY = 'igny8.user';
// Older builds kept the refresh token itself in localStorage: never leave it there.
try {
  localStorage.removeItem('igny8.refresh');
} catch {
  // Storage disabled: nothing to clean.
}

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

/**
 * Another tab learnt this user's current role (a refresh after an owner changed it): take it, so the
 * buttons of a role the user no longer has disappear here too. Sign-in and sign-out stay per tab.
 */
function onStorage(e: StorageEvent): void {
  if (e.key !== USER_KEY || !e.newValue || !state.user) return;
  try {
    const next = JSON.parse(e.newValue) as SessionUser;
    if (next.id !== state.user.id || next.role === state.user.role) return;
    state = { ...state, user: { ...state.user, role: next.role } };
    emit();
  } catch {
    // Not ours to read: ignore.
  }
}
if (typeof window !== 'undefined') window.addEventListener('storage', onStorage);

export const authStore = {
  get: (): State => state,
  subscribe(fn: () => void): () => void {
    listeners.add(fn);
    return () => listeners.delete(fn);
  },
  /** Whether a reload should trade the refresh cookie for an access token. */
  maySignInFromCookie: (): boolean => state.user !== null,
  signIn(session: AuthSession): void {
    localStorage.setItem(USER_KEY, JSON.stringify(session.user));
    state = { accessToken: session.accessToken, user: session.user };
    emit();
  },
  signOut(): void {
    localStorage.removeItem(USER_KEY);
    state = { accessToken: null, user: null };
    emit();
  },
};
