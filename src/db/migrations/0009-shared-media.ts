import { SqliteAdapter, type Kysely } from 'kysely';

// Frozen once released. Image bytes in the database, so every server and worker (on any machine)
// reads the images any of them made. Content-addressed like the media folder: one row per sha256,
// shared by every image (and account) with the same bytes; access goes through the images table.

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  const binary = db.getExecutor().adapter instanceof SqliteAdapter ? 'blob' : 'bytea';
  await db.schema
    .createTable('media_blobs')
    .addColumn('sha256', 'text', (c) => c.primaryKey())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size_bytes', 'integer', (c) => c.notNull())
    .addColumn('bytes', binary, (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.dropTable('media_blobs').ifExists().execute();
}
