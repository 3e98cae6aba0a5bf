import { sql } from 'kysely';
import type { Db, PromptsTable } from '../db/index.js';
import type { Scope } from '../tenancy/scope.js';

export type PromptRow = PromptsTable;

export function listPromptRows(db: Db, scope: Scope): Promise<PromptRow[]> {
  return db
    .selectFrom('prompts')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .orderBy('key')
    .execute();
}

export function findPromptRow(db: Db, scope: Scope, key: string): Promise<PromptRow | undefined> {
  return db
    .selectFrom('prompts')
    .selectAll()
    .where('account_id', '=', scope.accountId)
    .where('key', '=', key)
    .executeTakeFirst();
}

/** Insert version 1, or replace the body and bump the version, in one statement (safe under races). */
export async function upsertPromptRow(
  db: Db,
  scope: Scope,
  values: { id: string; key: string; body: string; now: string },
): Promise<void> {
  await db
    .insertInto('prompts')
    .values({
      id: values.id,
      account_id: scope.accountId,
      key: values.key,
      body: values.body,
      version: 1,
      created_at: values.now,
      updated_at: values.now,
    })
    .onConflict((oc) =>
      oc.columns(['account_id', 'key']).doUpdateSet({
        body: values.body,
        version: sql<number>`${sql.ref('prompts.version')} + 1`,
        updated_at: values.now,
      }),
    )
    .execute();
}

export async function deletePromptRow(db: Db, scope: Scope, key: string): Promise<number> {
  const result = await db
    .deleteFrom('prompts')
    .where('account_id', '=', scope.accountId)
    .where('key', '=', key)
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}
