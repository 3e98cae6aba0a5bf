import { Igny8Error } from '../errors/index.js';
import type { Actor, Role } from './scope.js';

export const ROLES = ['owner', 'admin', 'editor', 'viewer'] as const satisfies readonly Role[];

/**
 * Who may do what. Viewers read; editors also write content (keywords, ideas, articles, runs,
 * publishing); admins manage everything but ownership; only owners hand out or take away ownership.
 */
export const PERMISSIONS = {
  read: ['owner', 'admin', 'editor', 'viewer'],
  'content.write': ['owner', 'admin', 'editor'],
  'sites.manage': ['owner', 'admin'],
  'users.manage': ['owner', 'admin'],
  'apikeys.manage': ['owner', 'admin'],
  'billing.manage': ['owner', 'admin'],
  'settings.manage': ['owner', 'admin'],
  'ownership.transfer': ['owner'],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

const RANK: Record<Role, number> = { viewer: 0, editor: 1, admin: 2, owner: 3 };

/** Whether `role` may perform `action`. @example can('editor', 'users.manage') // false */
export function can(role: Role, action: Action): boolean {
  return (PERMISSIONS[action] as readonly Role[]).includes(role);
}

/** Whether `role` is at least as strong as `least` (owner > admin > editor > viewer). */
export function roleAtLeast(role: Role, least: Role): boolean {
  return RANK[role] >= RANK[least];
}

/** What each action is, in words a person reads in an error (never the permission key itself). */
const ACTION_WORDS: Record<Action, string> = {
  read: 'Reading this account',
  'content.write': 'Changing content',
  'sites.manage': 'Managing sites',
  'users.manage': 'Managing people and invites',
  'apikeys.manage': 'Managing API keys',
  'billing.manage': 'Managing billing and credits',
  'settings.manage': 'Changing account settings',
  'ownership.transfer': 'Handing out or changing ownership',
};

/** Throw FORBIDDEN unless the actor's role allows `action`. */
export function assertCan(actor: Pick<Actor, 'role'>, action: Action): void {
  if (can(actor.role, action)) return;
  const allowed = PERMISSIONS[action].join(' or ');
  throw new Igny8Error(
    'FORBIDDEN',
    `${ACTION_WORDS[action]} needs the ${allowed} role; you are ${actor.role}`,
    {
      hint: 'Ask an owner or admin of the account.',
    },
  );
}

/**
 * Throw FORBIDDEN unless the actor may give someone (a user or an API key) `role`: managing users
 * needs admin, no one hands out more than they hold, and touching ownership needs an owner.
 */
export function assertMayAssignRole(actor: Pick<Actor, 'role'>, role: Role, action: Action): void {
  assertCan(actor, action);
  if (role === 'owner') assertCan(actor, 'ownership.transfer');
  if (!roleAtLeast(actor.role, role)) {
    throw new Igny8Error('FORBIDDEN', `You cannot grant the ${role} role; you are ${actor.role}`, {
      hint: 'Ask an owner of the account.',
    });
  }
}
