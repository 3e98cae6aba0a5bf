import type { Updateable } from 'kysely';
import type { Db } from '../db/index.js';
import type { PublishDestinationsTable } from '../db/schema.js';
import type { Scope } from '../tenancy/scope.js';

// Publishing owns `publish_destinations`: every write to the table is one of these functions.

export async function insertDestination(db: Db, row: PublishDestinationsTable): Promise<void> {
  await db.insertInto('publish_destinations').values(row).execute();
}

/** Set columns of one destination (by its id). */
export async function updateDestination(
  db: Db,
  id: string,
  set: Updateable<PublishDestinationsTable>,
): Promise<void> {
  await db.updateTable('publish_destinations').set(set).where('id', '=', id).execute();
}

export async function deleteDestination(db: Db, scope: Pick<Scope, 'accountId'>, id: string): Promise<void> {
  await db
    .deleteFrom('publish_destinations')
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .execute();
}
