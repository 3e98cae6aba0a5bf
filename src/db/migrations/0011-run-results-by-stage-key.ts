import type { Kysely } from 'kysely';

// Frozen once released. A run's saved results were keyed by stage number ("4"), so inserting a stage
// would have renumbered saved data; they are keyed by the stage's key ("write") from here on. The
// map is copied here, not imported: a migration must mean the same thing after STAGES changes.

/** The one table and the two columns this migration touches. */
type Db = Kysely<{ automation_runs: { id: string; results: string } }>;

export const KEY_OF_NUMBER: Readonly<Record<string, string>> = {
  '1': 'cluster',
  '2': 'ideas',
  '3': 'tasks',
  '4': 'write',
  '5': 'image_prompts',
  '6': 'images',
  '7': 'review',
};
const NUMBER_OF_KEY = Object.fromEntries(Object.entries(KEY_OF_NUMBER).map(([n, k]) => [k, n]));

/** The results JSON with its keys renamed; null when nothing changes (or it is not an object). */
export function rekeyResults(json: string, rename: Record<string, string>): string | null {
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
  const entries = Object.entries(value as Record<string, unknown>);
  if (!entries.some(([k]) => rename[k])) return null;
  return JSON.stringify(Object.fromEntries(entries.map(([k, v]) => [rename[k] ?? k, v])));
}

/** Same code on both dialects: results is text JSON in SQLite and PostgreSQL alike. */
async function rekeyAll(db: Db, rename: Record<string, string>): Promise<void> {
  let after = '';
  for (;;) {
    // Pages by id, so a large history never sits in memory at once.
    const rows = await db
      .selectFrom('automation_runs')
      .select(['id', 'results'])
      .where('id', '>', after)
      .orderBy('id')
      .limit(500)
      .execute();
    if (rows.length === 0) return;
    for (const row of rows) {
      const next = rekeyResults(row.results, rename);
      if (next !== null)
        await db.updateTable('automation_runs').set({ results: next }).where('id', '=', row.id).execute();
    }
    after = rows[rows.length - 1]!.id;
  }
}

export async function up(db: Kysely<unknown>): Promise<void> {
  await rekeyAll(db as unknown as Db, KEY_OF_NUMBER);
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await rekeyAll(db as unknown as Db, NUMBER_OF_KEY);
}
