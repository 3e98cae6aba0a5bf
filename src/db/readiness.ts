import { sql } from 'kysely';
import { pendingMigrations } from './migrate.js';
import type { Db } from './transaction.js';

export interface Readiness {
  ready: boolean;
  /** Why not, in one line (database down, migrations pending). */
  reason?: string;
}

/**
 * Whether this process can do its work now: the database answers and no migration is pending
 * (a newer release's process waits for `igny8 migrate up`). For `/readyz` of servers and workers.
 * @example const r = await checkReadiness(core.db); res.status(r.ready ? 200 : 503)
 */
export async function checkReadiness(db: Db): Promise<Readiness> {
  try {
    await sql`select 1`.execute(db);
    const pending = await pendingMigrations(db);
    if (pending.length > 0)
      return { ready: false, reason: `${pending.length} migration(s) pending: run \`igny8 migrate up\`` };
    return { ready: true };
  } catch (err) {
    return { ready: false, reason: `database: ${err instanceof Error ? err.message : String(err)}` };
  }
}
