import { z } from 'zod';
import type { InventoryItem } from '../api-contract/inventory.schema.js';
import { transaction, type Db } from '../db/index.js';
import type { PublishDestinationsTable } from '../db/schema.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import { createWordPressClient, type WordPressClientOptions } from '../publishing/wordpress/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { parseJson } from '../util/json.js';
import { inventoryCursor, listInventory, saveInventory } from './inventory.repository.js';
import { readWordPressPosts } from './wordpress-post-source.js';

/** The part of a WordPress destination's config the import needs (see WordPressDestinationConfigSchema). */
const SiteConfigSchema = z.object({ url: z.string().min(1), user: z.string().min(1) });

export const InventoryListQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50).describe('Rows per page (1–500).'),
  offset: z.coerce.number().int().min(0).default(0).describe('Rows to skip.'),
  search: z.string().trim().max(200).optional().describe('Only posts whose title contains this.'),
});
export type InventoryListQuery = z.input<typeof InventoryListQuerySchema>;

export interface ImportPostsResult {
  destinationId: string;
  /** Incremental: only posts modified since this date were read (null: everything). */
  since: string | null;
  read: number;
  added: number;
  updated: number;
  removed: number;
  total: number;
  ms: number;
}

export interface InventoryDeps {
  db: Db;
  destinations: {
    getRow(scope: SiteScope, ref: string): Promise<PublishDestinationsTable>;
    secretOf(row: PublishDestinationsTable): string | null;
  };
  /** Server mode: refuse private and loopback site addresses (see url-guard.ts). */
  urlGuard?: { allowPrivate: boolean };
  /** Tests: answer WordPress requests in process (test/wordpress/fake-wordpress.ts). */
  fetch?: WordPressClientOptions['fetch'];
}

// WordPress compares modified_after with the post's local time, not UTC: re-read a day of overlap
// (saving is idempotent) so no timezone can hide a change.
const OVERLAP_MS = 24 * 3600_000;

/** The site's existing posts and pages, read from its WordPress destinations (see readWordPressPosts). */
export function createInventoryService(deps: InventoryDeps) {
  const { db } = deps;

  async function wordpressRows(scope: SiteScope, ref?: string): Promise<PublishDestinationsTable[]> {
    if (ref) {
      const row = await deps.destinations.getRow(scope, ref);
      if (row.kind !== 'wordpress')
        throw new Igny8Error(
          'INVENTORY_UNSUPPORTED',
          `Destination "${row.name}" is a ${row.kind}, not WordPress`,
          {
            hint: 'Only WordPress destinations have existing posts to import.',
          },
        );
      return [row];
    }
    return db
      .selectFrom('publish_destinations')
      .selectAll()
      .where('account_id', '=', scope.accountId)
      .where('site_id', '=', scope.siteId)
      .where('kind', '=', 'wordpress')
      .where('status', '=', 'active')
      .orderBy('created_at')
      .execute();
  }

  async function importFrom(
    scope: SiteScope,
    dest: PublishDestinationsTable,
    full: boolean,
  ): Promise<ImportPostsResult> {
    const started = Date.now();
    const secret = deps.destinations.secretOf(dest);
    if (!secret)
      throw new Igny8Error(
        'WP_AUTH_FAILED',
        `WordPress destination "${dest.name}" has no application password`,
        {
          action: { id: 'reconnect_wordpress' },
        },
      );
    const cfg = parseInput(
      SiteConfigSchema,
      parseJson<Record<string, unknown>>(dest.config, {}),
      'WordPress destination',
    );
    const client = createWordPressClient({
      ...(deps.urlGuard ? { urlGuard: deps.urlGuard } : {}),
      ...(deps.fetch ? { fetch: deps.fetch } : {}),
      url: cfg.url,
      user: cfg.user,
      appPassword: secret,
    });
    const cursor = full ? null : await inventoryCursor(db, scope, dest.id);
    const since = cursor ? new Date(new Date(cursor).getTime() - OVERLAP_MS).toISOString() : null;
    const posts = await readWordPressPosts(client, { modifiedAfter: since });
    const ours = new Map(
      (
        await db
          .selectFrom('publish_records')
          .select(['remote_id', 'content_id'])
          .where('account_id', '=', scope.accountId)
          .where('destination_id', '=', dest.id)
          .where('remote_id', 'is not', null)
          .execute()
      ).map((r) => [r.remote_id!, r.content_id]),
    );
    const counts = await transaction(db, (trx) =>
      saveInventory(trx, scope, dest.id, posts, { removeMissing: full, ours }),
    );
    const total = await db
      .selectFrom('site_inventory')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('account_id', '=', scope.accountId)
      .where('destination_id', '=', dest.id)
      .executeTakeFirstOrThrow();
    return {
      destinationId: dest.id,
      since,
      read: posts.length,
      ...counts,
      total: Number(total.n),
      ms: Date.now() - started,
    };
  }

  return {
    /**
     * Read the site's published posts and pages into its inventory: incremental (modified since the
     * last import) unless `full`, which also drops posts no longer published.
     * @example await core.inventory.importPosts(scope, { full: true })
     */
    async importPosts(
      scope: SiteScope,
      opts: { destination?: string; full?: boolean } = {},
    ): Promise<ImportPostsResult[]> {
      const rows = await wordpressRows(scope, opts.destination);
      if (rows.length === 0)
        throw new Igny8Error('DESTINATION_NOT_FOUND', 'This site has no WordPress destination', {
          action: { id: 'connect_wordpress' },
        });
      const out: ImportPostsResult[] = [];
      for (const dest of rows) out.push(await importFrom(scope, dest, Boolean(opts.full)));
      return out;
    },

    /** A page of the site's inventory, most recently modified first. */
    async list(
      scope: SiteScope,
      query: InventoryListQuery = {},
    ): Promise<{ items: InventoryItem[]; total: number }> {
      const q = parseInput(InventoryListQuerySchema, query, 'inventory query');
      const { rows, total } = await listInventory(db, scope, q);
      return {
        total,
        items: rows.map((r) => ({
          id: r.id,
          destinationId: r.destination_id,
          remoteId: r.remote_id,
          kind: r.kind,
          title: r.title,
          url: r.url,
          slug: r.slug,
          excerpt: r.excerpt,
          categories: parseJson<string[]>(r.categories, []),
          tags: parseJson<string[]>(r.tags, []),
          focusKeyword: r.focus_keyword,
          modifiedAt: r.remote_modified_at,
          contentId: r.content_id,
        })),
      };
    },
  };
}

export type InventoryService = ReturnType<typeof createInventoryService>;
