import type { Insertable, Updateable } from 'kysely';
import { isSqlite, type AiModelsTable, type Db } from '../db/index.js';

/**
 * The model registry is shared by every account on an installation (like the seed system's
 * global AI settings), so these functions take no scope: ai_models holds no tenant data.
 */
export type AiModelRow = AiModelsTable;

export function listModelRows(
  db: Db,
  filter: { type?: string; provider?: string; includeInactive?: boolean } = {},
): Promise<AiModelRow[]> {
  let q = db.selectFrom('ai_models').selectAll();
  if (filter.type) q = q.where('type', '=', filter.type as AiModelRow['type']);
  if (filter.provider) q = q.where('provider', '=', filter.provider);
  if (!filter.includeInactive) q = q.where('active', '=', 1);
  return q.orderBy('type').orderBy('provider').orderBy('model_id').execute();
}

export function findModelById(db: Db, id: string): Promise<AiModelRow | undefined> {
  return db.selectFrom('ai_models').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findModelByKey(db: Db, provider: string, modelId: string): Promise<AiModelRow | undefined> {
  return db
    .selectFrom('ai_models')
    .selectAll()
    .where('provider', '=', provider)
    .where('model_id', '=', modelId)
    .executeTakeFirst();
}

export function findModelsByModelId(db: Db, modelId: string): Promise<AiModelRow[]> {
  return db.selectFrom('ai_models').selectAll().where('model_id', '=', modelId).execute();
}

export function findDefaultModel(db: Db, type: AiModelRow['type']): Promise<AiModelRow | undefined> {
  return db
    .selectFrom('ai_models')
    .selectAll()
    .where('type', '=', type)
    .where('is_default', '=', 1)
    .executeTakeFirst();
}

export function listModelKeys(db: Db): Promise<Array<{ provider: string; model_id: string }>> {
  return db.selectFrom('ai_models').select(['provider', 'model_id']).execute();
}

export async function insertModelRow(db: Db, row: Insertable<AiModelsTable>): Promise<boolean> {
  const result = await db
    .insertInto('ai_models')
    .values(row)
    .onConflict((oc) => oc.columns(['provider', 'model_id']).doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export async function updateModelRow(db: Db, id: string, patch: Updateable<AiModelsTable>): Promise<void> {
  await db.updateTable('ai_models').set(patch).where('id', '=', id).execute();
}

/**
 * Serialize default changes of one type inside a transaction. PostgreSQL's read-committed updates
 * would otherwise miss a default another transaction just set and trip the one-default index;
 * SQLite's BEGIN IMMEDIATE already serializes writers.
 */
export async function lockModelType(db: Db, type: AiModelRow['type']): Promise<void> {
  if (isSqlite(db)) return;
  await db.selectFrom('ai_models').select('id').where('type', '=', type).forUpdate().execute();
}

/** Clear the default flag of a type (before another model takes it, in the same transaction). */
export async function clearDefault(db: Db, type: AiModelRow['type'], now: string): Promise<void> {
  await db
    .updateTable('ai_models')
    .set({ is_default: 0, updated_at: now })
    .where('type', '=', type)
    .where('is_default', '=', 1)
    .execute();
}
