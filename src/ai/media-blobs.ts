import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Db } from '../db/index.js';
import { nowIso } from '../util/ids.js';
import type { StoredMedia } from './ai-function.js';

/**
 * Keep image bytes in the database (media.store "db"): one row per sha256, written once. A single
 * statement, outside any transaction, so it never holds a lock across a provider call.
 */
export async function saveMediaBlob(db: Db, media: StoredMedia, bytes: Buffer): Promise<void> {
  await db
    .insertInto('media_blobs')
    .values({
      sha256: media.sha256,
      mime: media.mime,
      size_bytes: bytes.length,
      bytes,
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.column('sha256').doNothing())
    .execute();
}

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
