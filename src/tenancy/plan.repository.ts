import type { Insertable, Selectable } from 'kysely';
import type { Db, PlansTable } from '../db/index.js';

// Plans are the catalogue every account picks from: global rows, not tenant data.

export type PlanRow = Selectable<PlansTable>;

/** Insert the plans that are missing; existing rows (and their edits) stay as they are. */
export async function insertMissingPlans(db: Db, rows: Insertable<PlansTable>[]): Promise<void> {
  if (rows.length === 0) return;
  await db
    .insertInto('plans')
    .values(rows)
    .onConflict((oc) => oc.column('id').doNothing())
    .execute();
}

export async function findPlanRow(db: Db, id: string): Promise<PlanRow | undefined> {
  return db.selectFrom('plans').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function listPlanRows(db: Db): Promise<PlanRow[]> {
  return db.selectFrom('plans').selectAll().orderBy('included_credits').orderBy('id').execute();
}

/**
 * A liveness probe: one read of a table every schema has, so a database that answers but was never
 * migrated fails it.
 */
export async function probePlansTable(db: Db): Promise<void> {
  await db.selectFrom('plans').select('id').limit(1).execute();
}
