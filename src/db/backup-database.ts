import fs from 'node:fs';
import path from 'node:path';
import { Igny8Error } from '../errors/index.js';
import { sqlitePath } from './create-db.js';

export interface BackupResult {
  file: string;
  bytes: number;
  pages: number;
}

/**
 * A consistent copy of a SQLite database while it is in use (SQLite's online backup API through
 * better-sqlite3, on a connection of its own: writers keep writing). PostgreSQL is backed up with
 * `pg_dump`; asking for it here is a usage error that says so.
 * @example await backupDatabase('sqlite:./igny8.db', process.cwd(), './backups/igny8.db')
 */
export async function backupDatabase(url: string, baseDir: string, target: string): Promise<BackupResult> {
  if (!url.startsWith('sqlite:'))
    throw new Igny8Error('USAGE', '`igny8 backup` copies SQLite databases; this project uses PostgreSQL', {
      hint: 'Back PostgreSQL up with pg_dump, e.g. `pg_dump -Fc "$IGNY8_DATABASE_URL" > igny8.dump` (see docs/self-hosting.md).',
    });
  const source = sqlitePath(url, baseDir);
  if (source === ':memory:' || !fs.existsSync(source))
    throw new Igny8Error('NOT_INITIALIZED', `No SQLite database at ${source}`, {
      hint: 'Run `igny8 init` first, or check database.url.',
    });
  const file = path.resolve(baseDir, target);
  if (file === source)
    throw new Igny8Error('USAGE', 'The backup file is the database itself', { hint: 'Name another file.' });
  if (fs.existsSync(file))
    throw new Igny8Error('USAGE', `${file} already exists`, {
      hint: 'Name a new file; a backup never overwrites.',
    });
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const { default: SQLite } = await import('better-sqlite3');
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma('busy_timeout = 15000');
    const { totalPages } = await db.backup(file);
    return { file, bytes: fs.statSync(file).size, pages: totalPages };
  } catch (cause) {
    fs.rmSync(file, { force: true });
    throw new Igny8Error('DATABASE_UNAVAILABLE', `Backup of ${source} failed: ${(cause as Error).message}`, {
      hint: 'Check free space and that the target folder is writable, then try again.',
      cause,
    });
  } finally {
    db.close();
  }
}
