import { sql, type Kysely } from 'kysely';

// Frozen once released. The usage log says when its token figures are not the provider's own:
// `usage_estimated` = 1 when our tokenizer counted them (the provider reported none, or implausible
// ones), and `usage_reported` keeps the provider's implausible figures (JSON) beside the ones billed.

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('usage_log')
    .addColumn('usage_estimated', 'integer', (c) =>
      c
        .notNull()
        .defaultTo(0)
        .check(sql`usage_estimated in (0, 1)`),
    )
    .execute();
  await db.schema.alterTable('usage_log').addColumn('usage_reported', 'text').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('usage_log').dropColumn('usage_reported').execute();
  await db.schema.alterTable('usage_log').dropColumn('usage_estimated').execute();
}
