import type { Updateable } from 'kysely';
import { DESTINATION_KINDS } from '../api-contract/enum-values.js';
import { Igny8Error } from '../errors/index.js';
import type { Db } from '../db/index.js';
import type { PublishDestinationsTable } from '../db/schema.js';
import type { Scope, SiteScope } from '../tenancy/scope.js';

// Publishing owns `publish_destinations`: every write to the table is one of these functions.

/**
 * The column has no SQL CHECK (0019 dropped it, so a new kind needs no migration): this is the
 * check, on every write, against the same list the row type and the contract enum derive from.
 */
function assertKind(kind: string | undefined): void {
  if (kind === undefined || (DESTINATION_KINDS as readonly string[]).includes(kind)) return;
  throw new Igny8Error('VALIDATION_FAILED', `Unknown destination kind "${kind}"`, {
    hint: `Use one of: ${DESTINATION_KINDS.join(', ')}.`,
  });
}

export async function insertDestination(db: Db, row: PublishDestinationsTable): Promise<void> {
  assertKind(row.kind);
  await db.insertInto('publish_destinations').values(row).execute();
}

/** Set columns of one destination (by its id). */
export async function updateDestination(
  db: Db,
  id: string,
  set: Updateable<PublishDestinationsTable>,
): Promise<void> {
  assertKind(typeof set.kind === 'string' ? set.kind : undefined);
  await db.updateTable('publish_destinations').set(set).where('id', '=', id).execute();
}

export async function deleteDestination(db: Db, scope: Pick<Scope, 'accountId'>, id: string): Promise<void> {
  await db
    .deleteFrom('publish_destinations')
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .execute();
}

/** A destination of the account (and of the scope's site, when it names one) by id or by name. */
export async function findDestinationByRef(
  db: Db,
  scope: Scope,
  ref: string,
): Promise<PublishDestinationsTable | undefined> {
  let q = db.selectFrom('publish_destinations').selectAll().where('account_id', '=', scope.accountId);
  if (scope.siteId) q = q.where('site_id', '=', scope.siteId);
  return q.where((eb) => eb.or([eb('id', '=', ref), eb('name', '=', ref)])).executeTakeFirst();
}

/** The id of the site's destination with this name. */
export async function findDestinationIdByName(
  db: Db,
  scope: SiteScope,
  name: string,
): Promise<{ id: string } | undefined> {
  return db
    .selectFrom('publish_destinations')
    .select('id')
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .where('name', '=', name)
    .executeTakeFirst();
}

/** The account's destinations (the scope's site's, when it names one), oldest first. */
export async function listDestinationRows(db: Db, scope: Scope): Promise<PublishDestinationsTable[]> {
  let q = db.selectFrom('publish_destinations').selectAll().where('account_id', '=', scope.accountId);
  if (scope.siteId) q = q.where('site_id', '=', scope.siteId);
  return q.orderBy('created_at').execute();
}
