import { transaction, type Db } from '../../db/index.js';
import type { AiBatchesTable, AiBatchItemsTable } from '../../db/schema.js';
import type { Scope } from '../../tenancy/scope.js';
import { newId, nowIso } from '../../util/ids.js';

export interface BatchRef {
  id: string;
  stage: string;
  provider: string;
  model: string;
  providerBatchId: string;
}

/** The batch a request (by custom id) of this run is waiting in, if it was submitted and not given up. */
export async function findWaitingBatch(
  db: Db,
  scope: Scope,
  runId: string,
  customId: string,
): Promise<BatchRef | undefined> {
  const row = await db
    .selectFrom('ai_batch_items as i')
    .innerJoin('ai_batches as b', 'b.id', 'i.batch_id')
    .select(['b.id', 'b.stage', 'b.provider', 'b.model', 'b.provider_batch_id'])
    .where('i.account_id', '=', scope.accountId)
    .where('i.run_id', '=', runId)
    .where('i.custom_id', '=', customId)
    .where('i.status', 'in', ['pending', 'answered'])
    .orderBy('i.updated_at', 'desc')
    .executeTakeFirst();
  return row
    ? {
        id: row.id,
        stage: row.stage,
        provider: row.provider,
        model: row.model,
        providerBatchId: row.provider_batch_id,
      }
    : undefined;
}

/** Record a submitted batch and its requests in one transaction. */
export async function insertBatch(
  db: Db,
  scope: Scope,
  batch: { runId: string; stage: string; provider: string; model: string; providerBatchId: string },
  items: Array<{ customId: string; itemId: string; opId: string }>,
): Promise<string> {
  const id = newId();
  const at = nowIso();
  await transaction(db, async (trx) => {
    await trx
      .insertInto('ai_batches')
      .values({
        id,
        account_id: scope.accountId,
        run_id: batch.runId,
        stage: batch.stage,
        provider: batch.provider,
        model: batch.model,
        provider_batch_id: batch.providerBatchId,
        status: 'pending',
        requests: items.length,
        created_at: at,
        updated_at: at,
      })
      .execute();
    for (let i = 0; i < items.length; i += 200) {
      await trx
        .insertInto('ai_batch_items')
        .values(
          items.slice(i, i + 200).map((it) => ({
            batch_id: id,
            custom_id: it.customId,
            account_id: scope.accountId,
            run_id: batch.runId,
            stage: batch.stage,
            item_id: it.itemId,
            op_id: it.opId,
            status: 'pending' as const,
            error: null,
            updated_at: at,
          })),
        )
        .execute();
    }
  });
  return id;
}

export async function setBatchStatus(
  db: Db,
  scope: Scope,
  id: string,
  status: AiBatchesTable['status'],
): Promise<void> {
  await db
    .updateTable('ai_batches')
    .set({ status, updated_at: nowIso() })
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .execute();
}

export async function setBatchItemStatus(
  db: Db,
  scope: Scope,
  batchId: string,
  customId: string,
  status: AiBatchItemsTable['status'],
  error?: string,
): Promise<void> {
  await db
    .updateTable('ai_batch_items')
    .set({ status, error: error?.slice(0, 2000) ?? null, updated_at: nowIso() })
    .where('account_id', '=', scope.accountId)
    .where('batch_id', '=', batchId)
    .where('custom_id', '=', customId)
    .execute();
}
