import { sql } from 'kysely';
import { type Db, ts, scoped, id } from './table-helpers.js';

/** The model registry, prompts, provider credentials and notifications. */
export async function createAiTables(db: Db): Promise<void> {
  await db.schema
    .createTable('ai_models')
    .$call(id)
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model_id', 'text', (c) => c.notNull())
    .addColumn('display_name', 'text', (c) => c.notNull())
    .addColumn('type', 'text', (c) => c.notNull().check(sql`type in ('text','image','embedding')`))
    .addColumn('input_price', 'double precision')
    .addColumn('cached_input_price', 'double precision')
    .addColumn('output_price', 'double precision')
    .addColumn('image_price', 'double precision')
    .addColumn('tokens_per_credit', 'integer', (c) =>
      c.check(sql`tokens_per_credit is null or tokens_per_credit > 0`),
    )
    .addColumn('credits_per_image', 'integer', (c) =>
      c.check(sql`credits_per_image is null or credits_per_image >= 0`),
    )
    .addColumn('context_window', 'integer')
    .addColumn('max_output', 'integer')
    .addColumn('sizes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('capabilities', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('tier', 'text')
    .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0))
    .$call(ts)
    .addUniqueConstraint('ai_models_provider_model', ['provider', 'model_id'])
    .execute();
  // One default per model type, held by the database.
  await sql`create unique index ai_models_one_default on ai_models (type) where is_default = 1`.execute(db);

  await db.schema
    .createTable('prompts')
    .$call(id)
    .$call((t) => scoped(t, 'account'))
    .addColumn('key', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
    .$call(ts)
    .addUniqueConstraint('prompts_account_key', ['account_id', 'key'])
    .execute();

  await db.schema
    .createTable('provider_credentials')
    .$call(id)
    .$call((t) => scoped(t, 'account'))
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('secret_enc', 'text', (c) => c.notNull())
    .addColumn('last4', 'text', (c) => c.notNull())
    .addColumn('base_url', 'text')
    .$call(ts)
    .addUniqueConstraint('provider_credentials_name', ['account_id', 'provider', 'name'])
    .execute();

  await db.schema
    .createTable('notifications')
    .$call(id)
    .$call((t) => scoped(t, 'account'))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('cascade'))
    .addColumn('level', 'text', (c) => c.notNull().check(sql`level in ('info','success','warning','error')`))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('action_url', 'text')
    .addColumn('dedupe_key', 'text')
    .addColumn('read_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('notifications_dedupe', ['account_id', 'dedupe_key'])
    .execute();
  await db.schema
    .createIndex('notifications_account')
    .on('notifications')
    .columns(['account_id', 'read_at'])
    .execute();
}
