import { InviteAcceptRequestSchema, InviteCreateRequestSchema } from '../api-contract/tenancy.schema.js';
import { createHash, randomBytes } from 'node:crypto';
import { transaction, type Db } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import { newId, nowIso } from '../util/ids.js';
import { findAccountRow } from './account.repository.js';
import {
  acceptInviteRow,
  findInviteByHash,
  findInviteRow,
  insertInvite,
  listInviteRows,
  revokeInviteRow,
  revokeOpenInvites,
  type InviteRow,
} from './invite.repository.js';
import { assertMayAssignRole } from './roles.js';
import type { Actor, Scope } from './scope.js';
import type { Invite, User } from './tenancy.types.js';
import { createUserService } from './user.service.js';
import { findUserRowByEmail } from './user.repository.js';

export const INVITE_TTL_MS = 7 * 24 * 3600_000;

const sha256Hex = (v: string) => createHash('sha256').update(v).digest('hex');
const newInviteToken = () => `igi_${randomBytes(32).toString('base64url')}`;

function toInvite(r: InviteRow, now: string): Invite {
  const status = r.accepted_at
    ? 'accepted'
    : r.revoked_at
      ? 'revoked'
      : r.expires_at <= now
        ? 'expired'
        : 'pending';
  return {
    id: r.id,
    accountId: r.account_id,
    email: r.email,
    role: r.role,
    invitedBy: r.invited_by,
    status,
    expiresAt: r.expires_at,
    createdAt: r.created_at,
  };
}

const unusable = () =>
  new Igny8Error('INVITE_EXPIRED', 'This invite has expired, was revoked or was already used', {
    hint: 'Ask the person who invited you to send a new invite.',
  });

/** Email invitations: an owner or admin invites an address with a role; the invitee sets a password and joins. */
export function createInviteService(db: Db) {
  async function openInvite(token: string): Promise<InviteRow> {
    const row = await findInviteByHash(db, sha256Hex(token));
    if (!row)
      throw new Igny8Error('INVITE_NOT_FOUND', 'No invite matches this link', { hint: 'Check the link.' });
    if (row.accepted_at || row.revoked_at || row.expires_at <= nowIso()) throw unusable();
    return row;
  }

  return {
    /**
     * Invite an email with a role (never above the inviter's); returns the invite and its one-time
     * token, to be mailed — never returned by the API. A new invite for the same email replaces the old.
     */
    async createInvite(scope: Scope, input: unknown, by: Actor): Promise<{ invite: Invite; token: string }> {
      const req = parseInput(InviteCreateRequestSchema, input, 'invite');
      assertMayAssignRole(by, req.role, 'users.manage');
      const token = newInviteToken();
      const at = new Date();
      const row: InviteRow = {
        id: newId(),
        account_id: scope.accountId,
        email: req.email,
        role: req.role,
        token_hash: sha256Hex(token),
        invited_by: by.userId,
        expires_at: nowIso(new Date(at.getTime() + INVITE_TTL_MS)),
        accepted_at: null,
        revoked_at: null,
        created_at: nowIso(at),
      };
      await transaction(db, async (trx) => {
        if (await findUserRowByEmail(trx, req.email))
          throw new Igny8Error('EMAIL_TAKEN', `${req.email} already has an igny8 user`, {
            hint: 'Each email belongs to one user; invite another address.',
          });
        await revokeOpenInvites(trx, scope, req.email, row.created_at);
        await insertInvite(trx, row);
      });
      return { invite: toInvite(row, nowIso()), token };
    },

    async listInvites(scope: Scope): Promise<Invite[]> {
      const now = nowIso();
      return (await listInviteRows(db, scope)).map((r) => toInvite(r, now));
    },

    async revokeInvite(scope: Scope, id: string): Promise<Invite> {
      const row = await findInviteRow(db, scope, id);
      if (!row) throw new Igny8Error('INVITE_NOT_FOUND', `No invite ${id} in this account`);
      await revokeInviteRow(db, scope, id, nowIso());
      return toInvite((await findInviteRow(db, scope, id))!, nowIso());
    },

    /** What an invite link offers (email, role, team), for the accept page; nothing for a dead link. */
    async previewInvite(token: string) {
      const row = await openInvite(token);
      const account = await findAccountRow(db, { accountId: row.account_id });
      return {
        email: row.email,
        role: row.role,
        accountName: account?.name ?? '',
        expiresAt: row.expires_at,
      };
    },

    /** Join the inviting account as the invited email and role; the invite works once. */
    async acceptInvite(input: unknown): Promise<User> {
      const req = parseInput(InviteAcceptRequestSchema, input, 'invite acceptance');
      const row = await openInvite(req.token);
      const scope = { accountId: row.account_id };
      return transaction(db, async (trx) => {
        if (!(await acceptInviteRow(trx, row.id, nowIso()))) throw unusable();
        return createUserService(trx).addUser(scope, {
          email: row.email,
          role: row.role,
          name: req.name ?? '',
          password: req.password,
        });
      });
    },
  };
}

export type InviteService = ReturnType<typeof createInviteService>;
