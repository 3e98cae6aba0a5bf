import { sql, type Kysely, type CreateTableBuilder } from 'kysely';

// Frozen: once released, a migration never changes. Add a new file instead.
// Types are chosen to mean the same in SQLite and PostgreSQL: text, integer, double precision.

type Db = Kysely<unknown>;
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the helpers add columns the builder cannot track
type T = CreateTableBuilder<string, any>;

const ts = (t: T): T =>
  t.addColumn('created_at', 'text', (c) => c.notNull()).addColumn('updated_at', 'text', (c) => c.notNull());

/** account_id, site_id, sector_id with cascading foreign keys: the tenancy spine of scoped tables. */
const scoped = (t: T, level: 'account' | 'site' | 'sector'): T => {
  let out = t.addColumn('account_id', 'text', (c) =>
    c.notNull().references('accounts.id').onDelete('cascade'),
  );
  if (level !== 'account')
    out = out.addColumn('site_id', 'text', (c) => c.notNull().references('sites.id').onDelete('cascade'));
  if (level === 'sector')
    out = out.addColumn('sector_id', 'text', (c) => c.notNull().references('sectors.id').onDelete('cascade'));
  return out;
};

const id = (t: T): T => t.addColumn('id', 'text', (c) => c.primaryKey());

export async function up(db: Db): Promise<void> {
  await db.schema
    .createTable('plans')
    .$call(id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('included_credits', 'integer', (c) => c.notNull().check(sql`included_credits >= 0`))
    .addColumn('max_sites', 'integer', (c) => c.notNull())
    .addColumn('max_users', 'integer', (c) => c.notNull())
    .addColumn('max_keywords', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('accounts')
    .$call(id)
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('plan_id', 'text', (c) => c.notNull().references('plans.id'))
    .addColumn('timezone', 'text', (c) => c.notNull().defaultTo('UTC'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active','suspended')`),
    )
    .addColumn('modules', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .$call(ts)
    .execute();

  await db.schema
    .createTable('users')
    .$call(id)
    .$call((t) => scoped(t, 'account'))
    .addColumn('email', 'text', (c) => c.notNull().unique())
    .addColumn('name', 'text', (c) => c.notNull().defaultTo(''))
    .addColumn('password_hash', 'text')
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner','admin','editor','viewer')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active','disabled')`),
    )
    .$call(ts)
    .execute();
  await db.schema.createIndex('users_account').on('users').column('account_id').execute();

  await db.schema
    .createTable('api_keys')
    .$call(id)
    .$call((t) => scoped(t, 'account'))
    .addColumn('user_id', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('prefix', 'text', (c) => c.notNull())
    .addColumn('hash', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner','admin','editor','viewer')`))
    .addColumn('scopes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active','revoked')`),
    )
    .addColumn('last_used_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('revoked_at', 'text')
    .execute();
  await db.schema.createIndex('api_keys_account').on('api_keys').column('account_id').execute();

  for (const table of ['refresh_tokens', 'password_resets'] as const) {
    await db.schema
      .createTable(table)
      .$call(id)
      .$call((t) => scoped(t, 'account'))
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .$call((t) => (table === 'refresh_tokens' ? t.addColumn('family', 'text', (c) => c.notNull()) : t))
      .addColumn('expires_at', 'text', (c) => c.notNull())
      .addColumn(table === 'refresh_tokens' ? 'revoked_at' : 'used_at', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .execute();
  }

  await db.schema
    .createTable('sites')
    .$call(id)
    .$call((t) => scoped(t, 'account'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('domain', 'text')
    .addColumn('industry', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active','inactive')`),
    )
    .addColumn('settings', 'text', (c) => c.notNull().defaultTo('{}'))
    .$call(ts)
    .addUniqueConstraint('sites_account_slug', ['account_id', 'slug'])
    .execute();

  await db.schema
    .createTable('sectors')
    .$call(id)
    .$call((t) => scoped(t, 'site'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active','inactive')`),
    )
    .$call(ts)
    .addUniqueConstraint('sectors_site_slug', ['site_id', 'slug'])
    .execute();

  await db.schema
    .createTable('clusters')
    .$call(id)
    .$call((t) => scoped(t, 'sector'))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('description', 'text')
    .addColumn('primary_keyword', 'text')
    .addColumn('keyword_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('volume_sum', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('method', 'text', (c) => c.notNull().check(sql`method in ('ai','local','manual')`))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('new')
        .check(sql`status in ('new','planned')`),
    )
    .$call(ts)
    .execute();
  await db.schema
    .createIndex('clusters_site')
    .on('clusters')
    .columns(['site_id', 'sector_id', 'status'])
    .execute();

  await db.schema
    .createTable('keywords')
    .$call(id)
    .$call((t) => scoped(t, 'sector'))
    .addColumn('keyword', 'text', (c) => c.notNull())
    .addColumn('normalized', 'text', (c) => c.notNull())
    .addColumn('volume', 'integer')
    .addColumn('difficulty', 'integer', (c) =>
      c.check(sql`difficulty is null or (difficulty >= 0 and difficulty <= 100)`),
    )
    .addColumn('cpc', 'double precision')
    .addColumn('intent', 'text')
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('cluster_id', 'text', (c) => c.references('clusters.id').onDelete('set null'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('new')
        .check(sql`status in ('new','clustered','excluded')`),
    )
    .$call(ts)
    .addUniqueConstraint('keywords_site_sector_normalized', ['site_id', 'sector_id', 'normalized'])
    .execute();
  await db.schema
    .createIndex('keywords_account_site')
    .on('keywords')
    .columns(['account_id', 'site_id', 'status'])
    .execute();
  await db.schema.createIndex('keywords_cluster').on('keywords').column('cluster_id').execute();

  await db.schema
    .createTable('ideas')
    .$call(id)
    .$call((t) => scoped(t, 'sector'))
    .addColumn('cluster_id', 'text', (c) => c.references('clusters.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('brief', 'text')
    .addColumn('outline', 'text', (c) => c.notNull())
    .addColumn('primary_keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('secondary_keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('target_words', 'integer', (c) => c.notNull())
    .addColumn('content_type', 'text', (c) => c.notNull())
    .addColumn('structure', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) =>
      c
        .notNull()
        .defaultTo('ai')
        .check(sql`source in ('ai','user')`),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('new')
        .check(sql`status in ('new','queued')`),
    )
    .$call(ts)
    .execute();
  await db.schema.createIndex('ideas_site').on('ideas').columns(['site_id', 'status']).execute();
  await db.schema.createIndex('ideas_cluster').on('ideas').column('cluster_id').execute();

  await db.schema
    .createTable('tasks')
    .$call(id)
    .$call((t) => scoped(t, 'sector'))
    .addColumn('idea_id', 'text', (c) => c.notNull().unique().references('ideas.id').onDelete('cascade'))
    .addColumn('prompt_override', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('queued')
        .check(sql`status in ('queued','running','done','failed')`),
    )
    .$call(ts)
    .execute();
  await db.schema.createIndex('tasks_site').on('tasks').columns(['site_id', 'status']).execute();

  await db.schema
    .createTable('contents')
    .$call(id)
    .$call((t) => scoped(t, 'sector'))
    .addColumn('task_id', 'text', (c) => c.unique().references('tasks.id').onDelete('set null'))
    .addColumn('idea_id', 'text', (c) => c.references('ideas.id').onDelete('set null'))
    .addColumn('cluster_id', 'text', (c) => c.references('clusters.id').onDelete('set null'))
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('slug', 'text', (c) => c.notNull())
    .addColumn('html', 'text', (c) => c.notNull())
    .addColumn('excerpt', 'text')
    .addColumn('meta_title', 'text')
    .addColumn('meta_description', 'text')
    .addColumn('focus_keyword', 'text')
    .addColumn('keywords', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('word_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('seo_score', 'integer', (c) =>
      c.check(sql`seo_score is null or (seo_score >= 0 and seo_score <= 100)`),
    )
    .addColumn('seo_report', 'text')
    .addColumn('link_suggestions', 'text')
    .addColumn('provenance', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('draft')
        .check(sql`status in ('draft','review','approved','rejected')`),
    )
    .$call(ts)
    .execute();
  await db.schema.createIndex('contents_site').on('contents').columns(['site_id', 'status']).execute();
  await db.schema
    .createIndex('contents_focus')
    .on('contents')
    .columns(['site_id', 'focus_keyword'])
    .execute();

  await db.schema
    .createTable('images')
    .$call(id)
    .$call((t) => scoped(t, 'sector'))
    .addColumn('content_id', 'text', (c) => c.notNull().references('contents.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('featured','inline')`))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('prompt', 'text', (c) => c.notNull())
    .addColumn('negative_prompt', 'text')
    .addColumn('alt', 'text')
    .addColumn('caption', 'text')
    .addColumn('file_path', 'text')
    .addColumn('sha256', 'text')
    .addColumn('mime', 'text')
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('size_bytes', 'integer')
    .addColumn('model', 'text')
    .addColumn('error', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('pending')
        .check(sql`status in ('pending','generating','done','failed')`),
    )
    .$call(ts)
    .addUniqueConstraint('images_content_role_position', ['content_id', 'role', 'position'])
    .execute();
  await db.schema.createIndex('images_site').on('images').columns(['site_id', 'status']).execute();

  await db.schema
    .createTable('publish_destinations')
    .$call(id)
    .$call((t) => scoped(t, 'site'))
    .addColumn('kind', 'text', (c) => c.notNull().check(sql`kind in ('wordpress','folder','webhook')`))
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('config', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('secret_enc', 'text')
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('active')
        .check(sql`status in ('active','inactive')`),
    )
    .$call(ts)
    .addUniqueConstraint('publish_destinations_site_name', ['site_id', 'name'])
    .execute();

  await db.schema
    .createTable('publish_records')
    .$call(id)
    .$call((t) => scoped(t, 'site'))
    .addColumn('content_id', 'text', (c) => c.notNull().references('contents.id').onDelete('cascade'))
    .addColumn('destination_id', 'text', (c) =>
      c.notNull().references('publish_destinations.id').onDelete('cascade'),
    )
    .addColumn('status', 'text', (c) =>
      c
        .notNull()
        .defaultTo('unpublished')
        .check(sql`status in ('unpublished','scheduled','publishing','published','failed')`),
    )
    .addColumn('intent', 'text')
    .addColumn('marker', 'text', (c) => c.notNull().unique())
    .addColumn('remote_id', 'text')
    .addColumn('remote_url', 'text')
    .addColumn('remote_status', 'text')
    .addColumn('remote_media', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('scheduled_at', 'text')
    .addColumn('published_at', 'text')
    .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('error', 'text')
    .$call(ts)
    .addUniqueConstraint('publish_records_content_destination', ['content_id', 'destination_id'])
    .execute();
  await db.schema
    .createIndex('publish_records_site')
    .on('publish_records')
    .columns(['site_id', 'status'])
    .execute();

  await db.schema
    .createTable('automation_runs')
    .$call(id)
    .$call((t) => scoped(t, 'site'))
    .addColumn('trigger', 'text', (c) => c.notNull().check(sql`trigger in ('cli','api','schedule','worker')`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('queued','running','paused','cancelled','completed','failed')`),
    )
    .addColumn('options', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('results', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('estimate_credits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('credit_cap', 'integer')
    .addColumn('credits_used', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('current_stage', 'integer')
    .addColumn('lease_owner', 'text')
    .addColumn('lease_expires_at', 'text')
    .addColumn('error', 'text')
    .addColumn('started_at', 'text')
    .addColumn('finished_at', 'text')
    .$call(ts)
    .execute();
  // One active run per site, enforced by the database rather than by a read-then-write.
  await sql`create unique index automation_runs_one_active on automation_runs (site_id) where status in ('queued','running','paused')`.execute(
    db,
  );
  await db.schema
    .createIndex('automation_runs_site')
    .on('automation_runs')
    .columns(['site_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('run_events')
    .$call(id)
    .$call((t) => scoped(t, 'account'))
    .addColumn('run_id', 'text', (c) => c.notNull().references('automation_runs.id').onDelete('cascade'))
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('level', 'text', (c) => c.notNull())
    .addColumn('stage', 'integer')
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('message', 'text', (c) => c.notNull())
    .addColumn('data', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('run_events_run_seq', ['run_id', 'seq'])
    .execute();

  await db.schema
    .createTable('credit_balances')
    .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
    .addColumn('plan_balance', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('bonus_balance', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('held', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('plan_allowance', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('period_start', 'text', (c) => c.notNull())
    .addColumn('alert_level', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('updated_at', 'text', (c) => c.notNull())
    // The ledger's first wall: no negative pool, no hold larger than what is there.
    .addCheckConstraint(
      'credit_balances_nonnegative',
      sql`plan_balance >= 0 and bonus_balance >= 0 and held >= 0`,
    )
    .addCheckConstraint('credit_balances_held_covered', sql`held <= plan_balance + bonus_balance`)
    .execute();

  await db.schema
    .createTable('credit_transactions')
    .$call(id)
    .$call((t) => scoped(t, 'account'))
    .addColumn('idem_key', 'text', (c) => c.notNull())
    .addColumn('op_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) =>
      c.notNull().check(sql`kind in ('grant','charge','refund','adjust','expire','reset')`),
    )
    .addColumn('pool', 'text', (c) => c.notNull().check(sql`pool in ('plan','bonus','mixed')`))
    .addColumn('amount', 'integer', (c) => c.notNull())
    .addColumn('plan_delta', 'integer', (c) => c.notNull())
    .addColumn('bonus_delta', 'integer', (c) => c.notNull())
    .addColumn('plan_balance_after', 'integer', (c) => c.notNull().check(sql`plan_balance_after >= 0`))
    .addColumn('bonus_balance_after', 'integer', (c) => c.notNull().check(sql`bonus_balance_after >= 0`))
    .addColumn('balance_after', 'integer', (c) => c.notNull().check(sql`balance_after >= 0`))
    .addColumn('description', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    // At most one entry per kind and operation, forever: the idempotency wall.
    .addUniqueConstraint('credit_transactions_idem', ['account_id', 'idem_key'])
    .addCheckConstraint('credit_transactions_sum', sql`plan_delta + bonus_delta = amount`)
    .execute();
  await db.schema
    .createIndex('credit_transactions_account')
    .on('credit_transactions')
    .columns(['account_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('credit_holds')
    .$call(id)
    .$call((t) => scoped(t, 'account'))
    .addColumn('op_id', 'text', (c) => c.notNull())
    .addColumn('amount', 'integer', (c) => c.notNull().check(sql`amount > 0`))
    .addColumn('status', 'text', (c) =>
      c.notNull().check(sql`status in ('held','settled','released','expired')`),
    )
    .addColumn('settled_amount', 'integer')
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('resolved_at', 'text')
    .addUniqueConstraint('credit_holds_op', ['account_id', 'op_id'])
    .addCheckConstraint(
      'credit_holds_settled',
      sql`settled_amount is null or (settled_amount >= 0 and settled_amount <= amount)`,
    )
    .execute();
  await db.schema
    .createIndex('credit_holds_status')
    .on('credit_holds')
    .columns(['status', 'expires_at'])
    .execute();

  await db.schema
    .createTable('usage_log')
    .$call(id)
    .$call((t) => scoped(t, 'account'))
    .addColumn('site_id', 'text')
    .addColumn('op_id', 'text', (c) => c.notNull())
    .addColumn('operation', 'text', (c) => c.notNull())
    .addColumn('provider', 'text', (c) => c.notNull())
    .addColumn('model', 'text', (c) => c.notNull())
    .addColumn('tokens_in', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tokens_out', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('tokens_cached', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('images', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('credits', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('usd', 'double precision', (c) => c.notNull().defaultTo(0))
    .addColumn('object_type', 'text')
    .addColumn('object_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().check(sql`status in ('ok','failed')`))
    .addColumn('error', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addUniqueConstraint('usage_log_op', ['account_id', 'op_id'])
    .execute();
  await db.schema
    .createIndex('usage_log_account')
    .on('usage_log')
    .columns(['account_id', 'created_at'])
    .execute();

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

const TABLES_IN_REVERSE = [
  'notifications',
  'provider_credentials',
  'prompts',
  'ai_models',
  'usage_log',
  'credit_holds',
  'credit_transactions',
  'credit_balances',
  'run_events',
  'automation_runs',
  'publish_records',
  'publish_destinations',
  'images',
  'contents',
  'tasks',
  'ideas',
  'keywords',
  'clusters',
  'sectors',
  'sites',
  'password_resets',
  'refresh_tokens',
  'api_keys',
  'users',
  'accounts',
  'plans',
];

export async function down(db: Db): Promise<void> {
  for (const table of TABLES_IN_REVERSE) await db.schema.dropTable(table).ifExists().execute();
}
