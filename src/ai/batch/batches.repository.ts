import { transaction, type Db } from '../../db/index.js';
import type { AiBatchesTable, AiBatchItemsTable } from '../../db/schema.js';
import type { Scope } from '../../tenancy/scope.js';
import { newId, nowIso } from '../../util/ids.js';

export interface BatchRef {
  /** Our id, also the batch key sent to the provider with the batch. */
  id: string;
  stage: string;
  provider: string;
  model: string;
  /** Empty while 'submitting' (the provider's answer not stored yet). */
  providerBatchId: string;
  status: AiBatchesTable['status'];
  createdAt: string;
  requests: number;
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
    .select([
      'b.id',
      'b.stage',
      'b.provider',
      'b.model',
      'b.provider_batch_id',
      'b.status',
      'b.created_at',
      'b.requests',
    ])
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
        status: row.status,
        createdAt: row.created_at,
        requests: Number(row.requests),
      }
    : undefined;
}

/**
 * Record a batch and its requests in one transaction, before the provider is asked to create it
 * (status 'submitting', no provider id yet): a process killed after the provider accepted the batch
 * leaves this row, and the resumed run looks the batch up by the row's id instead of resubmitting.
 */
export async function insertBatch(
  db: Db,
  scope: Scope,
  batch: { runId: string; stage: string; provider: string; model: string },
  items: Array<{ customId: string; itemId: string; opId: string }>,
): Promise<BatchRef> {
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
        provider_batch_id: '',
        status: 'submitting',
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
  return { id, ...batch, providerBatchId: '', status: 'submitting', createdAt: at, requests: items.length };
}

/** The provider accepted the batch (answered, or found again after a crash): store its id. */
export async function markBatchSubmitted(
  db: Db,
  scope: Scope,
  id: string,
  providerBatchId: string,
): Promise<void> {
  await db
    .updateTable('ai_batches')
    .set({ provider_batch_id: providerBatchId, status: 'pending', updated_at: nowIso() })
    .where('account_id', '=', scope.accountId)
    .where('id', '=', id)
    .where('status', '=', 'submitting')
    .execute();
}

/**
 * The provider never received the batch: its requests leave it, either to be submitted again
 * ('resubmitted', a resumed run) or failed with the submit error.
 */
export async function markBatchUnsent(
  db: Db,
  scope: Scope,
  id: string,
  items: { status: 'resubmitted' | 'failed'; error?: string },
): Promise<void> {
  const at = nowIso();
  await transaction(db, async (trx) => {
    await trx
      .updateTable('ai_batches')
      .set({ status: 'unsent', updated_at: at })
      .where('account_id', '=', scope.accountId)
      .where('id', '=', id)
      .execute();
    await trx
      .updateTable('ai_batch_items')
      .set({ status: items.status, error: items.error?.slice(0, 2000) ?? null, updated_at: at })
      .where('account_id', '=', scope.accountId)
      .where('batch_id', '=', id)
      .where('status', '=', 'pending')
      .execute();
  });
}

/** Which of these provider batch ids a stored batch of this account already stands for. */
export async function storedProviderBatchIds(
  db: Db,
  scope: Scope,
  provider: string,
  providerBatchIds: string[],
): Promise<Set<string>> {
  if (providerBatchIds.length === 0) return new Set();
  const rows = await db
    .selectFrom('ai_batches')
    .select('provider_batch_id')
    .where('account_id', '=', scope.accountId)
    .where('provider', '=', provider)
    .where('provider_batch_id', 'in', providerBatchIds)
    .execute();
  return new Set(rows.map((r) => r.provider_batch_id));
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
