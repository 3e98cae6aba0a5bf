import type { Db, ProviderCredentialsTable } from '../../db/index.js';
import type { Scope } from '../../tenancy/scope.js';

export type ProviderCredentialRow = ProviderCredentialsTable;

export function listCredentialRows(db: Db, scope: Scope): Promise<ProviderCredentialRow[]> {
  return db
    .selectFrom('provider_credentials')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .orderBy('provider')
    .orderBy('name')
    .execute();
}

export function findCredentialRow(
  db: Db,
  scope: Scope,
  provider: string,
  name: string,
): Promise<ProviderCredentialRow | undefined> {
  return db
    .selectFrom('provider_credentials')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('provider', '=', provider)
    .where('name', '=', name)
    .executeTakeFirst();
}

/** Insert or replace the (account, provider, name) credential. */
export async function upsertCredentialRow(
  db: Db,
  scope: Scope,
  values: Pick<ProviderCredentialRow, 'id' | 'provider' | 'name' | 'secret_enc' | 'last4' | 'base_url'> & {
    now: string;
  },
): Promise<void> {
  const { now, ...rest } = values;
  await db
    .insertInto('provider_credentials')
    .values({ ...rest, account_id: scope.accountId, created_at: now, updated_at: now })
    .onConflict((oc) =>
      oc.columns(['account_id', 'provider', 'name']).doUpdateSet({
        secret_enc: rest.secret_enc,
        last4: rest.last4,
        base_url: rest.base_url,
        updated_at: now,
      }),
    )
    .execute();
}

export async function deleteCredentialRow(
  db: Db,
  scope: Scope,
  provider: string,
  name: string,
): Promise<number> {
  const result = await db
    .deleteFrom('provider_credentials')
    .where('account_id', '=', scope.accountId)
    .where('provider', '=', provider)
    .where('name', '=', name)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
