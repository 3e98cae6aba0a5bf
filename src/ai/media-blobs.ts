import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/index.js';

/**
 * Make sure a stored media file (`<sha256>.<ext>`) is in the local media folder, copying it from
 * the database when another process (a worker on another machine) made it. Returns the absolute
 * path, or null when neither the folder nor the database has it, or the name is not a media name.
 */
export async function ensureLocalMedia(
  db: Db | null,
  mediaDir: string,
  filePath: string,
): Promise<string | null> {
  const m = /^([0-9a-f]{64})\.[a-z0-9]+$/.exec(filePath);
  const root = path.resolve(mediaDir);
  const target = path.resolve(root, filePath);
  if (!target.startsWith(root + path.sep)) return null;
  const present = await fs
    .stat(target)
    .then((s) => s.isFile())
    .catch(() => false);
  if (present) return target;
  if (!db || !m) return null;
  const row = await db
    .selectFrom('media_blobs')
    .select(['bytes'])
    .where('sha256', '=', m[1]!)
    .executeTakeFirst();
  if (!row) return null;
  await fs.mkdir(root, { recursive: true });
  const tmp = `${target}.${randomBytes(6).toString('hex')}.tmp`;
  await fs.writeFile(tmp, Buffer.from(row.bytes));
  await fs.rename(tmp, target);
  return target;
}
