import { useSyncExternalStore } from 'react';
import { authStore } from '../api/auth-store';

/** The signed-in user and access token; re-renders on sign-in, refresh and sign-out. */
export function useSession() {
  return useSyncExternalStore(authStore.subscribe, authStore.get);
}

const RANK = { viewer: 0, editor: 1, admin: 2, owner: 3 } as const;

/** Whether the signed-in user has at least this role (the API enforces it; this only hides buttons). */
export function useCan(least: keyof typeof RANK): boolean {
  const { user } = useSession();
  return user ? RANK[user.role] >= RANK[least] : false;
}
