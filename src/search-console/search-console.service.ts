import {
  GscConnectRequestSchema,
  type GscConnection,
  type GscSeries,
  type GscStatus,
  type GscTopItem,
  type GscTopQuery,
} from '../api-contract/search-console.schema.js';
import { transaction, type Db } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import type { SecretBox } from '../secrets/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';
import type { GscApiOptions } from './gsc-api-client.js';
import * as conns from './gsc-connections.repository.js';
import { addDays } from './gsc-days.js';
import { importGscFile, type GscImportReport, type ImportGscFileInput } from './gsc-import.service.js';
import { pullGsc, type GscPullInput, type GscPullReport } from './gsc-pull.service.js';
import * as reads from './gsc-reads.repository.js';
import { parseServiceAccountKey } from './service-account-key.js';
import { siteDomain } from './site-domain.js';

export interface SearchConsoleService {
  /** Import a per-day Search Console CSV (streamed; the file's date range replaced). */
  importFile(scope: SiteScope, input: ImportGscFileInput): Promise<GscImportReport>;
  /** Store the site's property and service-account key (encrypted). */
  connect(scope: SiteScope, input: { property: string; key: string }): Promise<GscConnection>;
  disconnect(scope: SiteScope): Promise<{ removed: boolean }>;
  /** Pull from the Search Console API (incremental by default). */
  pull(scope: SiteScope, input?: GscPullInput): Promise<GscPullReport>;
  status(scope: SiteScope): Promise<GscStatus>;
  /** Top pages over a window (default: the last 28 days held), one page of them. */
  topPages(scope: SiteScope, q: GscTopQuery & Paging): Promise<{ items: GscTopItem[]; total: number }>;
  topQueries(scope: SiteScope, q: GscTopQuery & Paging): Promise<{ items: GscTopItem[]; total: number }>;
  /** Day by day for a page, a query, or both, with totals. */
  series(
    scope: SiteScope,
    q: { page?: string; query?: string; from?: string; to?: string },
  ): Promise<GscSeries>;
}

export interface Paging {
  limit: number;
  offset: number;
}

export interface SearchConsoleServiceOptions {
  db: Db;
  secrets: SecretBox;
  api: GscApiOptions;
}

/** Days in the default window of top lists and charts (Search Console's own default). */
const DEFAULT_WINDOW_DAYS = 28;

/**
 * Search Console data per site: imports, API pulls, and the reads charts and other modules use.
 * @example const gsc = createSearchConsoleService({ db, secrets, api }); await gsc.topPages(scope, { limit: 20, offset: 0 })
 */
export function createSearchConsoleService(o: SearchConsoleServiceOptions): SearchConsoleService {
  const { db } = o;

  /** The window asked for, defaulting to the 28 days that end on the last day held. */
  async function window(
    scope: SiteScope,
    q: { from?: string; to?: string },
  ): Promise<reads.GscWindow | null> {
    await siteDomain(db, scope);
    const to = q.to ?? (await reads.heldRange(db, scope)).to;
    if (!to) return null;
    const from = q.from ?? addDays(to, 1 - DEFAULT_WINDOW_DAYS);
    if (from > to)
      throw new Igny8Error('VALIDATION_FAILED', `The window ${from} … ${to} is empty`, {
        fields: { from: ['must be on or before to'] },
      });
    return { from, to };
  }

  const top = (dim: 'page' | 'query') => async (scope: SiteScope, q: GscTopQuery & Paging) => {
    const w = await window(scope, q);
    if (!w) return { items: [], total: 0 };
    return reads.topKeys(db, scope, dim, w, {
      limit: q.limit,
      offset: q.offset,
      sort: q.sort ?? 'clicks',
      ...(q.search ? { search: q.search } : {}),
    });
  };

  return {
    importFile: (scope, input) => importGscFile(db, scope, input),

    async connect(scope, input) {
      const v = parseInput(GscConnectRequestSchema, input, 'Search Console connection');
      const key = parseServiceAccountKey(v.key);
      await siteDomain(db, scope);
      const now = nowIso();
      const property = v.property.startsWith('sc-domain:') ? v.property.toLowerCase() : v.property;
      await transaction(db, (trx) =>
        conns.upsertConnectionRow(trx, scope, {
          property,
          client_email: key.client_email,
          key_enc: o.secrets.encrypt(v.key),
          now,
        }),
      );
      return { property, clientEmail: key.client_email, updatedAt: now };
    },

    async disconnect(scope) {
      await siteDomain(db, scope);
      return { removed: (await transaction(db, (trx) => conns.deleteConnectionRow(trx, scope))) > 0 };
    },

    pull: (scope, input) => pullGsc(db, o.secrets, o.api, scope, input),

    async status(scope) {
      await siteDomain(db, scope);
      const [conn, held, syncs] = await Promise.all([
        conns.getConnectionRow(db, scope),
        reads.heldRange(db, scope),
        reads.recentSyncs(db, scope, 10),
      ]);
      return {
        siteId: scope.siteId,
        connection: conn
          ? { property: conn.property, clientEmail: conn.client_email, updatedAt: conn.updated_at }
          : null,
        held,
        syncs: syncs.map((s) => ({
          id: s.id,
          source: s.source,
          origin: s.origin,
          dateFrom: s.date_from,
          dateTo: s.date_to,
          rows: Number(s.rows),
          replaced: Number(s.replaced),
          createdAt: s.created_at,
        })),
      };
    },

    topPages: top('page'),
    topQueries: top('query'),

    async series(scope, q) {
      if (q.page === undefined && q.query === undefined)
        throw new Igny8Error('VALIDATION_FAILED', 'Give a page, a query or both', {
          fields: { page: ['give page, query or both'] },
        });
      const w = await window(scope, q);
      const days = w ? await reads.series(db, scope, w, q) : [];
      const clicks = days.reduce((n, d) => n + d.clicks, 0);
      const impressions = days.reduce((n, d) => n + d.impressions, 0);
      const pw = days.reduce((n, d) => n + (d.position ?? 0) * d.impressions, 0);
      return {
        page: q.page ?? null,
        query: q.query ?? null,
        from: w?.from ?? null,
        to: w?.to ?? null,
        totals: { clicks, impressions, position: impressions > 0 ? pw / impressions : null },
        days,
      };
    },
  };
}
