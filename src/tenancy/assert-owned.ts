import type { Kysely } from 'kysely';
import { stampedMemo, type Db, type StampedMemo } from '../db/index.js';
import { Igny8Error, type ErrorCode } from '../errors/index.js';
import type { Scope } from './scope.js';

/** Id fields that name a tenant's object, with the table holding it and the code for "not yours". */
export const OWNED_REFS = {
  siteId: { table: 'sites', code: 'SITE_NOT_FOUND' },
  sectorId: { table: 'sectors', code: 'SECTOR_NOT_FOUND' },
  keywordId: { table: 'keywords', code: 'KEYWORD_NOT_FOUND' },
  clusterId: { table: 'clusters', code: 'CLUSTER_NOT_FOUND' },
  ideaId: { table: 'ideas', code: 'IDEA_NOT_FOUND' },
  taskId: { table: 'tasks', code: 'TASK_NOT_FOUND' },
  contentId: { table: 'contents', code: 'CONTENT_NOT_FOUND' },
  imageId: { table: 'images', code: 'IMAGE_NOT_FOUND' },
  runId: { table: 'automation_runs', code: 'RUN_NOT_FOUND' },
  destinationId: { table: 'publish_destinations', code: 'DESTINATION_NOT_FOUND' },
} as const satisfies Record<string, { table: string; code: ErrorCode }>;

export type OwnedRefKind = keyof typeof OWNED_REFS;
export type OwnedRefs = Partial<Record<OwnedRefKind, string[]>>;

const isKind = (k: string): k is OwnedRefKind => Object.hasOwn(OWNED_REFS, k);

/**
 * Every id-named field (`siteId`, `options.sectorId`, `contentIds: [...]`) found anywhere in a parsed
 * request body or query, grouped by kind. Bulk `ids` lists are left to their route: their kind
 * depends on the route and their services already scope them.
 */
export function collectOwnedRefs(value: unknown, into: OwnedRefs = {}): OwnedRefs {
  if (Array.isArray(value)) {
    for (const v of value) collectOwnedRefs(v, into);
    return into;
  }
  if (!value || typeof value !== 'object') return into;
  for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
    const single = isKind(key) ? key : null;
    const plural =
      key.endsWith('Ids') && isKind(key.slice(0, -1)) ? (key.slice(0, -1) as OwnedRefKind) : null;
    const kind = single ?? plural;
    if (kind && typeof v === 'string') (into[kind] ??= []).push(v);
    else if (kind && Array.isArray(v)) (into[kind] ??= []).push(...v.filter((x) => typeof x === 'string'));
    else collectOwnedRefs(v, into);
  }
  return into;
}

const MAX_REMEMBERED = 5000;

/**
 * Per table: "account, id" → owned, remembered only while the table is unchanged (no write on this
 * connection, no commit by another: SQLite's data_version), so a deleted object is refused on the
 * very next request. A site is checked on nearly every API request and rarely changes.
 */
const memos = new Map<string, StampedMemo<true>>();
function ownedMemo(table: string): StampedMemo<true> {
  let memo = memos.get(table);
  if (memo === undefined) memos.set(table, (memo = stampedMemo<true>([table], MAX_REMEMBERED)));
  return memo;
}

/**
 * Refuse ids of objects the account does not own, exactly like missing ones (404 with the kind's
 * code), so a body or query can never reach, lock or reveal another tenant's object.
 * @example await assertOwned(db, { accountId }, { siteId: [body.siteId] })
 */
export async function assertOwned(db: Db, scope: Scope, refs: OwnedRefs): Promise<void> {
  for (const [kind, ids] of Object.entries(refs) as Array<[OwnedRefKind, string[]]>) {
    const { table, code } = OWNED_REFS[kind];
    const memo = ownedMemo(table);
    const at = memo.at(db);
    const keyOf = (id: string) => `${scope.accountId}\u0000${id}`;
    const seen = (id: string) => memo.get(at, keyOf(id)) === true;
    const wanted = [...new Set(ids)].filter((id) => !seen(id));
    if (wanted.length === 0) continue;
    // The table is one of the fixed names above, never caller input.
    const rows = await (db as unknown as Kysely<Record<string, { id: string; account_id: string }>>)
      .selectFrom(table)
      .select('id')
      .where('account_id', '=', scope.accountId)
      .where('id', 'in', wanted)
      .execute();
    const found = new Set(rows.map((r) => r.id));
    const missing = wanted.find((id) => !found.has(id));
    if (missing !== undefined)
      throw new Igny8Error(code, `No ${kind.replace(/Id$/, '')} ${missing} in this account`, {
        hint: 'Check the id (list them to see yours).',
        details: { field: kind, id: missing },
      });
    // Under the stamp read before the rows: a write in between moves it, so nothing stale is kept.
    for (const id of wanted) memo.set(at, keyOf(id), true);
  }
}
