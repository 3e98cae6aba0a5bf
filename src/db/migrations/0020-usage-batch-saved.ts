import type { Kysely } from 'kysely';

// Frozen once released. Batch savings: the usage log keeps what answering through a provider's
// batch API saved in USD against the synchronous price, priced when the call was logged. Only the
// row knows which of its tokens were batched (a repair call goes synchronously at the full price),
// so the saving is recorded per row rather than derived from ai_batch_items later.

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('usage_log')
    .addColumn('usd_batch_saved', 'double precision', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('usage_log').dropColumn('usd_batch_saved').execute();
}
