import { sql, type Kysely } from 'kysely';

// Frozen once released, like 0001. The team server (issue 13): concurrent refresh rotation, API keys
// owned by the person who made them, and email invites.

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  // When a refresh token was traded for its successor (null: never rotated). A rotation this recent
  // is a second tab racing the first, not a stolen token.
  await db.schema.alterTable('refresh_tokens').addColumn('rotated_at', 'text').execute();

  // The user who made the key: it never outranks them and dies with them. Null for keys made before
  // this migration and by the CLI on the server (the operator).
  // No foreign key: SQLite cannot drop a referencing column (down), and the user service revokes a
  // removed user's keys itself.
  await db.schema.alterTable('api_keys').addColumn('created_by', 'text').execute();

  // What an approval approved: an edit after it sends the article back to review, and publishing
  // refuses an approved article whose fields changed since (see src/writer/content-fingerprint.ts).
  await db.schema.alterTable('contents').addColumn('approved_fingerprint', 'text').execute();

  await db.schema
    .createTable('invites')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('email', 'text', (c) => c.notNull())
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('admin', 'editor', 'viewer')`))
    .addColumn('token_hash', 'text', (c) => c.notNull().unique())
    .addColumn('invited_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .addColumn('accepted_at', 'text')
    .addColumn('revoked_at', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('invites_account')
    .on('invites')
    .columns(['account_id', 'created_at'])
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropIndex('invites_account').ifExists().execute();
  await db.schema.dropTable('invites').ifExists().execute();
  await db.schema.alterTable('contents').dropColumn('approved_fingerprint').execute();
  await db.schema.alterTable('api_keys').dropColumn('created_by').execute();
  await db.schema.alterTable('refresh_tokens').dropColumn('rotated_at').execute();
}
