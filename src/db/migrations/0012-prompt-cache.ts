import { sql, type Kysely } from 'kysely';

// Frozen once released. Prompt caching: the usage log keeps the input tokens written to the
// provider's prompt cache (Anthropic bills them above the input price) and what caching saved in
// USD, priced when the call was logged; the registry gets a cache write price per model (the cache
// read price is the existing cached_input_price). Anthropic's three seeded models get their write
// price (1.25 × input, the 5-minute cache) where nobody set one.

type Db = Kysely<unknown>;

/** [model id, USD per 1M cache-write tokens]: Anthropic's list prices when this migration was written. */
const ANTHROPIC_WRITE_PRICES: ReadonlyArray<readonly [string, number]> = [
  ['claude-opus-4-5', 6.25],
  ['claude-sonnet-4-5', 3.75],
  ['claude-haiku-4-5', 1.25],
];

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('usage_log')
    .addColumn('tokens_cache_write', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .alterTable('usage_log')
    .addColumn('usd_cache_saved', 'double precision', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('ai_models').addColumn('cache_write_price', 'double precision').execute();
  for (const [modelId, price] of ANTHROPIC_WRITE_PRICES) {
    await sql`update ai_models set cache_write_price = ${price}
      where provider = 'anthropic' and model_id = ${modelId} and cache_write_price is null`.execute(db);
  }
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('ai_models').dropColumn('cache_write_price').execute();
  await db.schema.alterTable('usage_log').dropColumn('usd_cache_saved').execute();
  await db.schema.alterTable('usage_log').dropColumn('tokens_cache_write').execute();
}
