import { transaction, type Db } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import { newId, nowIso } from '../util/ids.js';
import { generateApiKey } from './api-key-format.js';
import {
  findApiKeyRowByRef,
  insertApiKey,
  listApiKeyRows,
  revokeApiKeyRow,
  type ApiKeyRow,
} from './api-key.repository.js';
import { authenticateApiKey } from './authenticate-api-key.js';
import { assertMayAssignRole } from './roles.js';
import type { Actor, Scope } from './scope.js';
import { toApiKeyInfo } from './tenancy.mappers.js';
import { ApiKeyCreateSchema } from './tenancy.schema.js';
import type { ApiKeyInfo, CreatedApiKey } from './tenancy.types.js';
import type { ActingAs } from './user.service.js';
import { findUserRow } from './user.repository.js';

/** API keys: created with a random secret shown once, stored as SHA-256, listed without it, revocable. */
export function createApiKeyService(db: Db) {
  async function requireKey(d: Db, scope: Scope, ref: string): Promise<ApiKeyRow> {
    const row = await findApiKeyRowByRef(d, scope, ref);
    if (!row)
      throw new Igny8Error('API_KEY_NOT_FOUND', `No API key "${ref}" in this account`, {
        action: { id: 'list_api_keys' },
      });
    return row;
  }

  return {
    /** Create a key; the returned `key` is the only time the secret exists outside the caller. */
    async createApiKey(scope: Scope, input: unknown, opts: ActingAs = {}): Promise<CreatedApiKey> {
      const req = parseInput(ApiKeyCreateSchema, input, 'API key');
      if (opts.by) assertMayAssignRole(opts.by, req.role, 'apikeys.manage');
      // A key made by a person is theirs: it acts as them (never above their role) and dies with them.
      const creator = opts.by?.userId ?? null;
      if (creator && req.userId && req.userId !== creator)
        throw new Igny8Error('FORBIDDEN', 'An API key belongs to the user who creates it', {
          hint: 'Leave userId out (or set it to yourself); the other user can create their own key.',
        });
      const holder = creator ?? req.userId ?? null;
      const { key, prefix, hash } = generateApiKey();
      const id = newId();
      await transaction(db, async (trx) => {
        if (holder && !(await findUserRow(trx, scope, holder)))
          throw new Igny8Error('USER_NOT_FOUND', `No user "${holder}" in this account`, {
            action: { id: 'list_users' },
          });
        await insertApiKey(trx, {
          id,
          account_id: scope.accountId,
          user_id: holder,
          created_by: creator,
          name: req.name,
          prefix,
          hash,
          role: req.role,
          scopes: '[]',
          status: 'active',
          last_used_at: null,
          created_at: nowIso(),
          revoked_at: null,
        });
      });
      return { key, apiKey: toApiKeyInfo(await requireKey(db, scope, id)) };
    },

    /** Every key of the account with who made it (name and email), never a secret. */
    async listApiKeys(scope: Scope): Promise<ApiKeyInfo[]> {
      const rows = await listApiKeyRows(db, scope);
      const people = new Map<string, { id: string; email: string; name: string }>();
      for (const id of new Set(rows.map((r) => r.created_by).filter((x): x is string => x !== null))) {
        const u = await findUserRow(db, scope, id);
        if (u) people.set(id, { id: u.id, email: u.email, name: u.name });
      }
      return rows.map((r) => ({
        ...toApiKeyInfo(r),
        createdBy: r.created_by ? (people.get(r.created_by) ?? null) : null,
      }));
    },

    /** Revoke a key by id or prefix (revoking a revoked key changes nothing). */
    async revokeApiKey(scope: Scope, ref: string): Promise<ApiKeyInfo> {
      return transaction(db, async (trx) => {
        const row = await requireKey(trx, scope, ref);
        await revokeApiKeyRow(trx, scope, row.id, nowIso());
        return toApiKeyInfo(await requireKey(trx, scope, row.id));
      });
    },

    /** The actor a raw key acts as; INVALID_CREDENTIALS for an unknown, revoked or malformed key. */
    async authenticateApiKey(raw: string): Promise<Actor> {
      const actor = await authenticateApiKey(db, raw);
      if (!actor)
        throw new Igny8Error('INVALID_CREDENTIALS', 'This API key is unknown or revoked', {
          action: { id: 'create_api_key' },
        });
      return actor;
    },
  };
}

export type ApiKeyService = ReturnType<typeof createApiKeyService>;
