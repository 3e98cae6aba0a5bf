import { CompiledQuery, sql } from 'kysely';
import type { Db } from '../db/index.js';

/** The shape pg-boss's `db` option expects. */
export interface BossExecutor {
  executeSql(text: string, values?: unknown[]): Promise<{ rows: unknown[] }>;
}

/**
 * pg-boss over igny8's own connection pool (its `db` option), so a worker or a `run --detach` opens
 * no second pool and has nothing extra to close.
 */
export function bossExecutor(db: Db): BossExecutor {
  return {
    executeSql(text, values = []) {
      return db.connection().execute(async (conn) => {
        try {
          const result = await conn.executeQuery(CompiledQuery.raw(text, values));
          return { rows: result.rows as unknown[] };
        } catch (err) {
          // pg-boss sends BEGIN … COMMIT scripts: one that failed halfway must not hand this pooled
          // connection back inside an aborted transaction.
          await conn.executeQuery(CompiledQuery.raw('rollback')).catch(() => undefined);
          throw err;
        }
      });
    },
  };
}

/**
 * The schema pg-boss's tables live in: `pgboss`, or `<schema>_pgboss` when igny8's tables are in a
 * schema other than `public`, so two installs sharing one database never share a queue.
 */
export async function bossSchema(db: Db): Promise<string> {
  const { rows } = await sql<{ s: string | null }>`select current_schema() as s`.execute(db);
  const current = rows[0]?.s ?? 'public';
  return current === 'public' ? 'pgboss' : `${current}_pgboss`;
}
