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
