import type { Db } from '../db/index.js';
import type { Actor, Role, Scope } from '../tenancy/scope.js';

/** A user as auth needs it; the password hash never leaves the auth module. */
export interface AuthUser {
  id: string;
  accountId: string;
  email: string;
  name: string;
  role: Role;
  status: 'active' | 'disabled';
}

/**
 * What auth needs from tenancy (accounts, users, passwords, API keys). Kept as a port so the token
 * logic is tested on its own and tenancy stays the owner of users.
 */
export interface AuthTenancyPort {
  /** The user with this email in any account, with their password hash (login is pre-tenant). */
  findUserByEmail(email: string): Promise<(AuthUser & { passwordHash: string | null }) | undefined>;
  getUser(scope: Scope, userId: string): Promise<AuthUser | undefined>;
  getAccount(scope: Scope): Promise<{ id: string; name: string; status: 'active' | 'suspended' } | undefined>;
  hashPassword(password: string): Promise<string>;
  verifyPassword(hash: string, password: string): Promise<boolean>;
  /** Store a new password hash; `trx` is the caller's transaction (the change and the revocations commit together). */
  setPasswordHash(trx: Db, scope: Scope, userId: string, hash: string): Promise<void>;
  /** Create an account and its owner; EMAIL_TAKEN when the email is in use. */
  registerOwner(input: {
    accountName: string;
    email: string;
    password: string;
    name?: string;
    timezone?: string;
  }): Promise<AuthUser>;
  /** Join an account through an email invite (the user it creates); INVITE_EXPIRED when used or late. */
  acceptInvite(input: unknown): Promise<AuthUser>;
  /** The actor an API key acts as; INVALID_CREDENTIALS for an unknown or revoked key. */
  authenticateApiKey(raw: string): Promise<Actor>;
}

export interface Authenticated {
  actor: Actor;
  /** Refresh-token family of a JWT session; null for API keys. */
  sessionId: string | null;
}
