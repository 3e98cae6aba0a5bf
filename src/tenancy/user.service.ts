import { transaction, type Db } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import { newId, nowIso } from '../util/ids.js';
import { lockAccountRow } from './account.repository.js';
import { revokeUserApiKeys } from './api-key.repository.js';
import { isUniqueViolation } from './db-errors.js';
import { hashPassword, verifyPassword } from './password.js';
import { assertCapacity } from './plan-limits.js';
import { assertCan, assertMayAssignRole } from './roles.js';
import type { Actor, Role, Scope } from './scope.js';
import { toUser } from './tenancy.mappers.js';
import { PasswordSchema, RoleSchema } from '../api-contract/auth.schema.js';
import { UserAddSchema } from './tenancy.schema.js';
import type { User } from './tenancy.types.js';
import {
  countOtherActiveOwners,
  deleteUserRow,
  findUserRow,
  findUserRowByEmail,
  findUserRowByRef,
  insertUser,
  listUserRows,
  updateUserRow,
  type UserRow,
} from './user.repository.js';

/** Options of a user change: `by` is who asks (the API passes the caller; the local CLI acts as owner). */
export interface ActingAs {
  by?: Pick<Actor, 'role'> & { userId?: string | null };
}

const emailTaken = (email: string) =>
  new Igny8Error('EMAIL_TAKEN', `The email ${email} is already registered`, {
    action: { id: 'use_another_email' },
  });

/** Users of an account: roles, status and passwords. The last active owner is never removed or demoted. */
export function createUserService(db: Db) {
  async function requireUser(d: Db, scope: Scope, ref: string): Promise<UserRow> {
    const row = await findUserRowByRef(d, scope, ref);
    if (!row)
      throw new Igny8Error('USER_NOT_FOUND', `No user "${ref}" in this account`, {
        action: { id: 'list_users' },
      });
    return row;
  }

  /** Ownership is the one thing admins cannot touch: acting on an owner needs an owner. */
  function assertMayManage(opts: ActingAs, target: UserRow): void {
    if (!opts.by) return;
    assertCan(opts.by, 'users.manage');
    if (target.role === 'owner') assertCan(opts.by, 'ownership.transfer');
  }

  /** LAST_OWNER when `target` is the account's only active owner. Call inside the transaction. */
  async function assertNotLastOwner(trx: Db, scope: Scope, target: UserRow, what: string): Promise<void> {
    if (target.role !== 'owner' || target.status !== 'active') return;
    if ((await countOtherActiveOwners(trx, scope, target.id)) > 0) return;
    throw new Igny8Error('LAST_OWNER', `Cannot ${what} ${target.email}: they are the account's last owner`, {
      action: { id: 'make_another_owner' },
    });
  }

  /** Change one user inside a transaction that holds the account lock (owner counts stay true). */
  async function change(
    scope: Scope,
    ref: string,
    fn: (trx: Db, row: UserRow) => Promise<void>,
  ): Promise<User> {
    return transaction(db, async (trx) => {
      await lockAccountRow(trx, scope);
      const row = await requireUser(trx, scope, ref);
      await fn(trx, row);
      return toUser((await findUserRow(trx, scope, row.id)) ?? row);
    });
  }

  return {
    hashPassword,
    verifyPassword: (hash: string, password: string) => verifyPassword(hash, password),

    /** Add a user (EMAIL_TAKEN, PLAN_LIMIT_REACHED). Without a password they cannot sign in until one is set. */
    async addUser(scope: Scope, input: unknown, opts: ActingAs = {}): Promise<User> {
      const req = parseInput(UserAddSchema, input, 'user');
      if (opts.by) assertMayAssignRole(opts.by, req.role, 'users.manage');
      // Hash before the transaction: Argon2 takes tens of milliseconds we need not hold the lock for.
      const hash = req.password ? await hashPassword(req.password) : null;
      const id = newId();
      try {
        await transaction(db, async (trx) => {
          await assertCapacity(trx, scope, 'users', 1);
          if (await findUserRowByEmail(trx, req.email)) throw emailTaken(req.email);
          const now = nowIso();
          await insertUser(trx, {
            id,
            account_id: scope.accountId,
            email: req.email,
            name: req.name,
            password_hash: hash,
            role: req.role,
            status: 'active',
            created_at: now,
            updated_at: now,
          });
        });
      } catch (err) {
        throw isUniqueViolation(err) ? emailTaken(req.email) : err;
      }
      return toUser((await findUserRow(db, scope, id))!);
    },

    async listUsers(scope: Scope): Promise<User[]> {
      return (await listUserRows(db, scope)).map(toUser);
    },

    /** A user of the account by id, or undefined. */
    async getUser(scope: Scope, userId: string): Promise<User | undefined> {
      const row = await findUserRow(db, scope, userId);
      return row ? toUser(row) : undefined;
    },

    /** A user of the account by id or email; USER_NOT_FOUND otherwise. */
    async findUser(scope: Scope, ref: string): Promise<User> {
      return toUser(await requireUser(db, scope, ref));
    },

    /** The user with this email in any account, with the password hash (sign-in happens before the account is known). */
    async findUserByEmail(email: string): Promise<(User & { passwordHash: string | null }) | undefined> {
      const row = await findUserRowByEmail(db, email);
      return row ? { ...toUser(row), passwordHash: row.password_hash } : undefined;
    },

    /** Change a user's role; demoting the last active owner is refused with LAST_OWNER. */
    async setRole(scope: Scope, ref: string, role: Role, opts: ActingAs = {}): Promise<User> {
      const newRole = parseInput(RoleSchema, role, 'role');
      return change(scope, ref, async (trx, row) => {
        assertMayManage(opts, row);
        if (opts.by) assertMayAssignRole(opts.by, newRole, 'users.manage');
        if (row.role === newRole) return;
        await assertNotLastOwner(trx, scope, row, 'demote');
        await updateUserRow(trx, scope, row.id, { role: newRole, updated_at: nowIso() });
      });
    },

    /** Disable a user: they can no longer sign in, and the API keys they made or hold are revoked. */
    async disableUser(scope: Scope, ref: string, opts: ActingAs = {}): Promise<User> {
      return change(scope, ref, async (trx, row) => {
        assertMayManage(opts, row);
        await assertNotLastOwner(trx, scope, row, 'disable');
        await revokeUserApiKeys(trx, scope, row.id, nowIso());
        await updateUserRow(trx, scope, row.id, { status: 'disabled', updated_at: nowIso() });
      });
    },

    async enableUser(scope: Scope, ref: string, opts: ActingAs = {}): Promise<User> {
      return change(scope, ref, async (trx, row) => {
        assertMayManage(opts, row);
        await updateUserRow(trx, scope, row.id, { status: 'active', updated_at: nowIso() });
      });
    },

    /** Delete a user and revoke the API keys they made (keys outlive users only as revoked rows). */
    async removeUser(scope: Scope, ref: string, opts: ActingAs = {}): Promise<User> {
      return change(scope, ref, async (trx, row) => {
        assertMayManage(opts, row);
        await assertNotLastOwner(trx, scope, row, 'remove');
        await revokeUserApiKeys(trx, scope, row.id, nowIso());
        await deleteUserRow(trx, scope, row.id);
      });
    },

    /** Set a user's password (Argon2id). */
    async setPassword(scope: Scope, ref: string, password: string, opts: ActingAs = {}): Promise<User> {
      const pw = parseInput(PasswordSchema, password, 'password');
      const hash = await hashPassword(pw);
      return change(scope, ref, async (trx, row) => {
        assertMayManage(opts, row);
        await updateUserRow(trx, scope, row.id, { password_hash: hash, updated_at: nowIso() });
      });
    },

    /** Store a new password hash inside the caller's transaction (auth's password change and reset). */
    async setPasswordHash(trx: Db, scope: Scope, userId: string, hash: string): Promise<void> {
      await updateUserRow(trx, scope, userId, { password_hash: hash, updated_at: nowIso() });
    },
  };
}

export type UserService = ReturnType<typeof createUserService>;
