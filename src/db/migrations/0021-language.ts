import type { Kysely } from 'kysely';

// Frozen once released. The language content is written in (a BCP 47 tag): every site has one
// (English unless set); a sector may set its own, which wins over the site's (null inherits).

type Db = Kysely<unknown>;

export async function up(db: Db): Promise<void> {
  await db.schema
    .alterTable('sites')
    .addColumn('language', 'text', (c) => c.notNull().defaultTo('en'))
    .execute();
  await db.schema.alterTable('sectors').addColumn('language', 'text').execute();
}

export async function down(db: Db): Promise<void> {
  await db.schema.alterTable('sectors').dropColumn('language').execute();
  await db.schema.alterTable('sites').dropColumn('language').execute();
}
