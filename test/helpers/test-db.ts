import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { createDb, migrateUp, type DbHandle, type DialectName } from '../../src/db/index.js';

/**
 * The dialects a database suite runs on. PostgreSQL comes from IGNY8_TEST_PG_URL (scripts/test.mjs
 * starts a throwaway server and sets it). In CI a missing PostgreSQL fails the run; locally it skips.
 */
export function testDialects(): DialectName[] {
  const wanted = (process.env.IGNY8_TEST_DIALECTS ?? 'sqlite,postgres').split(',').map((s) => s.trim());
  const out: DialectName[] = [];
  if (wanted.includes('sqlite')) out.push('sqlite');
  if (wanted.includes('postgres')) {
    if (process.env.IGNY8_TEST_PG_URL) out.push('postgres');
    else if (process.env.CI)
      throw new Error('CI needs PostgreSQL: IGNY8_TEST_PG_URL is not set (run tests with `npm test`).');
  }
  return out;
}

export const DIALECTS = testDialects();

export interface TestDb extends DbHandle {
  /** A URL another process can open to reach the same database. */
  url: string;
  dir: string;
}

/** A fresh, migrated database: a new SQLite file, or a new schema on the test PostgreSQL server. */
export async function createTestDb(
  dialect: DialectName,
  options: { migrate?: boolean } = {},
): Promise<TestDb> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'igny8-test-'));
  let url: string;
  let dropSchema: (() => Promise<void>) | undefined;
  if (dialect === 'sqlite') {
    url = `sqlite:${path.join(dir, 'test.db')}`;
  } else {
    const base = process.env.IGNY8_TEST_PG_URL!;
    const schema = `t_${randomBytes(6).toString('hex')}`;
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`create schema ${schema}`);
    await admin.end();
    const u = new URL(base);
    u.searchParams.set('options', `-c search_path=${schema}`);
    url = u.toString();
    dropSchema = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop schema if exists ${schema} cascade`);
      await c.end();
    };
  }
  const handle = await createDb(url);
  if (options.migrate !== false) await migrateUp(handle.db);
  return {
    ...handle,
    url,
    dir,
    close: async () => {
      await handle.close();
      await dropSchema?.();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
