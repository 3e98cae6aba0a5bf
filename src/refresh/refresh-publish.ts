import { createHash } from 'node:crypto';
import { transaction, type Db } from '../db/index.js';
import { Igny8Error } from '../errors/index.js';
import type { WordPressClient } from '../publishing/wordpress/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';
import { parseJson, toJson } from '../util/json.js';
import { htmlToText } from '../writer/index.js';
import { updateRefresh, type RefreshRow } from './refresh.repository.js';
import { contentHash, fetchLivePost, updateLivePost, type LivePost } from './refresh-wordpress.js';

/** A run's guards (StageContext): `assertOwned` fences a write, `beforeSave` also counts the item done. */
export interface RunFence {
  assertOwned(trx: Db): Promise<void>;
  beforeSave(trx: Db): Promise<void>;
}

/** The readable text of post HTML, hashed: what "our update landed" is judged by if the HTML was reformatted. */
const textHash = (html: string) =>
  createHash('sha256').update(htmlToText(html).replace(/\s+/g, ' ').trim()).digest('hex');

/** Pure: what to do with the live post, given the refresh as fetched and its draft. */
export function planInPlaceUpdate(
  refresh: Pick<RefreshRow, 'live_modified' | 'live_hash' | 'draft_html'>,
  live: Pick<LivePost, 'modified' | 'hash' | 'html'>,
): 'landed' | 'update' | 'changed' {
  const draft = refresh.draft_html ?? '';
  // An earlier attempt's update reached WordPress (the process died before recording it).
  if (live.hash === contentHash(draft) || textHash(live.html) === textHash(draft)) return 'landed';
  if (live.modified === refresh.live_modified && live.hash === refresh.live_hash) return 'update';
  return 'changed';
}

export const optionsOf = (row: Pick<RefreshRow, 'options'>) =>
  parseJson<{
    queries?: string[];
    queriesFrom?: 'given' | 'search-console';
    title?: string;
    kind?: 'post' | 'page';
    maxLinks?: number;
  }>(row.options, {});

/**
 * Publish an approved refresh in place, exactly once: the intent is written before the remote call;
 * the live post is read first, and an update that already landed is recorded, not sent again
 * (WordPress would keep no second revision of identical content anyway); a post edited on the site
 * since it was fetched is refused (REFRESH_LIVE_CHANGED) and nothing is sent.
 */
export async function publishInPlace(
  db: Db,
  client: WordPressClient,
  scope: SiteScope,
  row: RefreshRow,
  fence: RunFence,
): Promise<LivePost> {
  const kind = optionsOf(row).kind ?? 'post';
  const titleChanged = row.draft_title !== null && row.draft_title !== row.live_title;
  if (!row.publish_intent) {
    await updateRefresh(
      db,
      scope,
      row.id,
      {
        publish_intent: toJson({
          at: nowIso(),
          draftHash: contentHash(row.draft_html ?? ''),
          title: titleChanged,
        }),
        publish_attempts: row.publish_attempts + 1,
      },
      ['publishing'],
    );
  }
  const live = await fetchLivePost(client, kind, row.remote_id);
  const plan = planInPlaceUpdate(row, live);
  if (plan === 'changed') {
    const message = `The post "${live.title}" was edited on the site after this refresh fetched it (modified ${live.modified}, fetched ${row.live_modified})`;
    await transaction(db, async (trx) => {
      await fence.assertOwned(trx);
      await updateRefresh(
        trx,
        scope,
        row.id,
        { status: 'stale', publish_intent: null, error: message, error_code: 'REFRESH_LIVE_CHANGED' },
        ['publishing'],
      );
    });
    throw new Igny8Error('REFRESH_LIVE_CHANGED', message, {
      hint: 'Nothing was sent, so no edit is lost. Refresh the post again to rewrite its current version.',
      details: { refreshId: row.id, liveModified: live.modified, fetchedModified: row.live_modified },
    });
  }
  const landed =
    plan === 'landed'
      ? live
      : await updateLivePost(client, kind, row.remote_id, {
          html: row.draft_html ?? '',
          ...(titleChanged ? { title: row.draft_title! } : {}),
        });
  await transaction(db, async (trx) => {
    await fence.beforeSave(trx);
    await updateRefresh(
      trx,
      scope,
      row.id,
      {
        status: 'published',
        publish_intent: null,
        published_at: nowIso(),
        published_modified: landed.modified,
        url: landed.link || row.url,
        error: null,
        error_code: null,
      },
      ['publishing'],
    );
  });
  return landed;
}
