import type { Db } from '../db/index.js';
import type { SiteInventoryTable } from '../db/schema.js';
import type { Scope, SiteScope } from '../tenancy/scope.js';
import { newId, nowIso } from '../util/ids.js';
import { toJson } from '../util/json.js';
import type { RemotePost } from './wordpress-post-source.js';

const CHUNK = 100;
const chunks = <T>(xs: T[], n = CHUNK): T[][] =>
  Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, (i + 1) * n));

/** Lower case, NFKC, single spaces: how inventory keywords are stored and looked up. */
export const normalizeTerm = (s: string) => s.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();

/** The keywords a post is about, for link matching: its focus keyword, tags and categories. */
export function postKeywords(p: Pick<RemotePost, 'focusKeyword' | 'tags' | 'categories'>): string[] {
  const all = [p.focusKeyword ?? '', ...p.tags, ...p.categories].map(normalizeTerm);
  return [...new Set(all.filter((k) => k && k !== 'uncategorized'))].slice(0, 40);
}

/** Newest remote modification date stored for a destination: where an incremental import resumes. */
export async function inventoryCursor(
  db: Db,
  scope: SiteScope,
  destinationId: string,
): Promise<string | null> {
  const row = await db
    .selectFrom('site_inventory')
    .select((eb) => eb.fn.max('remote_modified_at').as('at'))
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId)
    .where('destination_id', '=', destinationId)
    .executeTakeFirst();
  return (row?.at as string | null | undefined) ?? null;
}

/**
 * Upsert posts into the inventory (one row per destination + kind + remote id) and replace their
 * keywords; with `removeMissing`, rows of the destination not among `posts` are deleted (a full
 * import). Counts what was new and what changed. Run it inside one transaction.
 */
export async function saveInventory(
  trx: Db,
  scope: SiteScope,
  destinationId: string,
  posts: RemotePost[],
  opts: { removeMissing: boolean; ours: ReadonlyMap<string, string> },
): Promise<{ added: number; updated: number; removed: number }> {
  const existing = new Map(
    (
      await trx
        .selectFrom('site_inventory')
        .select(['id', 'kind', 'remote_id', 'remote_modified_at'])
        .where('account_id', '=', scope.accountId)
        .where('destination_id', '=', destinationId)
        .execute()
    ).map((r) => [`${r.kind}:${r.remote_id}`, r]),
  );
  const now = nowIso();
  let added = 0;
  let updated = 0;
  const seen = new Set<string>();
  const rows: SiteInventoryTable[] = [];
  const keywordsOf = new Map<string, string[]>();
  for (const p of posts) {
    const key = `${p.kind}:${p.remoteId}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const old = existing.get(key);
    const id = old?.id ?? newId();
    keywordsOf.set(id, postKeywords(p));
    if (!old) added++;
    else if (old.remote_modified_at !== p.modifiedAt) updated++;
    rows.push({
      id,
      account_id: scope.accountId,
      site_id: scope.siteId,
      destination_id: destinationId,
      remote_id: p.remoteId,
      kind: p.kind,
      title: p.title,
      url: p.url,
      slug: p.slug,
      excerpt: p.excerpt,
      categories: toJson(p.categories),
      tags: toJson(p.tags),
      focus_keyword: p.focusKeyword,
      remote_modified_at: p.modifiedAt,
      content_id: p.kind === 'post' ? (opts.ours.get(p.remoteId) ?? null) : null,
      created_at: now,
      updated_at: now,
    });
  }
  for (const batch of chunks(rows)) {
    await trx
      .insertInto('site_inventory')
      .values(batch)
      .onConflict((oc) =>
        oc.columns(['destination_id', 'kind', 'remote_id']).doUpdateSet((eb) => ({
          title: eb.ref('excluded.title'),
          url: eb.ref('excluded.url'),
          slug: eb.ref('excluded.slug'),
          excerpt: eb.ref('excluded.excerpt'),
          categories: eb.ref('excluded.categories'),
          tags: eb.ref('excluded.tags'),
          focus_keyword: eb.ref('excluded.focus_keyword'),
          remote_modified_at: eb.ref('excluded.remote_modified_at'),
          content_id: eb.ref('excluded.content_id'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
    const ids = batch.map((r) => r.id);
    await trx.deleteFrom('site_inventory_keywords').where('inventory_id', 'in', ids).execute();
    const keywords = batch.flatMap((r) =>
      (keywordsOf.get(r.id) ?? []).map((keyword) => ({ inventory_id: r.id, site_id: scope.siteId, keyword })),
    );
    for (const kb of chunks(keywords, 500))
      await trx.insertInto('site_inventory_keywords').values(kb).execute();
  }
  let removed = 0;
  if (opts.removeMissing) {
    const gone = [...existing].filter(([k]) => !seen.has(k)).map(([, r]) => r.id);
    for (const batch of chunks(gone)) {
      await trx.deleteFrom('site_inventory').where('id', 'in', batch).execute();
      removed += batch.length;
    }
  }
  return { added, updated, removed };
}

export interface InventoryListQuery {
  limit: number;
  offset: number;
  search?: string | undefined;
}

/** A page of a site's inventory, most recently modified first, and the total. */
export async function listInventory(
  db: Db,
  scope: Scope & { siteId: string },
  q: InventoryListQuery,
): Promise<{ rows: SiteInventoryTable[]; total: number }> {
  let base = db
    .selectFrom('site_inventory')
    .where('account_id', '=', scope.accountId)
    .where('site_id', '=', scope.siteId);
  if (q.search) base = base.where('title', 'like', `%${q.search}%`);
  const [rows, count] = await Promise.all([
    base
      .selectAll()
      .orderBy('remote_modified_at', 'desc')
      .orderBy('id', 'desc')
      .limit(q.limit)
      .offset(q.offset)
      .execute(),
    base.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(count.n) };
}
