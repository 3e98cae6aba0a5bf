import { z } from 'zod';
import { transaction, type Db } from '../db/index.js';
import { Igny8Error, parseInput } from '../errors/index.js';
import { assertModuleEnabled } from '../tenancy/modules.js';
import type { Scope } from '../tenancy/scope.js';
import { nowIso } from '../util/ids.js';
import { refreshClusterStats } from './clusters.repository.js';
import {
  deleteKeywordRows,
  findKeywordRows,
  listKeywordRows,
  setKeywordStatus,
  type KeywordRow,
  type KeywordStatus,
} from './keywords.repository.js';

export interface Keyword {
  id: string;
  siteId: string;
  sectorId: string;
  keyword: string;
  normalized: string;
  volume: number | null;
  difficulty: number | null;
  cpc: number | null;
  intent: string | null;
  source: string;
  clusterId: string | null;
  status: KeywordStatus;
  createdAt: string;
  updatedAt: string;
}

export const KEYWORD_SORTS = [
  'volume',
  '-volume',
  'difficulty',
  '-difficulty',
  'keyword',
  '-keyword',
  'created',
  '-created',
] as const;

export const ListKeywordsSchema = z.object({
  status: z.enum(['new', 'clustered', 'excluded']).optional().describe('Only keywords with this status.'),
  clusterId: z.string().min(1).optional().describe('Only keywords of this cluster.'),
  search: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .optional()
    .describe('Keyword contains this text (case-insensitive).'),
  minVolume: z.number().int().min(0).optional().describe('Search volume at least this.'),
  maxDifficulty: z.number().int().min(0).max(100).optional().describe('Difficulty at most this.'),
  sort: z.enum(KEYWORD_SORTS).default('-volume').describe('Sort column; a leading "-" sorts descending.'),
  limit: z.number().int().min(1).max(1000).default(50).describe('Page size (1–1000).'),
  offset: z.number().int().min(0).default(0).describe('Rows to skip.'),
});
export type ListKeywordsInput = z.input<typeof ListKeywordsSchema>;

const IdsSchema = z.array(z.string().min(1).max(100)).min(1).max(100_000);

export function toKeyword(r: KeywordRow): Keyword {
  return {
    id: r.id,
    siteId: r.site_id,
    sectorId: r.sector_id,
    keyword: r.keyword,
    normalized: r.normalized,
    volume: r.volume,
    difficulty: r.difficulty,
    cpc: r.cpc,
    intent: r.intent,
    source: r.source,
    clusterId: r.cluster_id,
    status: r.status,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/**
 * One page of the account's keywords (narrowed to a site and sector when the scope names them),
 * highest volume first by default, with the total that match.
 * @example await listKeywords(db, { accountId, siteId }, { status: 'new', search: 'grinder' })
 */
export async function listKeywords(
  db: Db,
  scope: Scope,
  input: ListKeywordsInput = {},
): Promise<{ items: Keyword[]; total: number }> {
  const v = parseInput(ListKeywordsSchema, input, 'keyword list');
  const { rows, total } = await listKeywordRows(db, scope, v, v);
  return { items: rows.map(toKeyword), total };
}

export interface BulkResult {
  /** Keywords changed (restore skips ones that were not excluded). */
  affected: number;
  ids: string[];
}

/** Exclude keywords from clustering and planning; they leave their cluster. */
export function excludeKeywords(db: Db, scope: Scope, ids: string[]): Promise<BulkResult> {
  return bulk(db, scope, ids, async (trx, found, now) =>
    setKeywordStatus(trx, scope, found, 'excluded', now),
  );
}

/** Bring excluded keywords back as new (ready to cluster); other keywords are left as they are. */
export function restoreKeywords(db: Db, scope: Scope, ids: string[]): Promise<BulkResult> {
  return bulk(db, scope, ids, async (trx, found, now, rows) =>
    setKeywordStatus(
      trx,
      scope,
      found.filter((id) => rows.get(id) === 'excluded'),
      'new',
      now,
    ),
  );
}

/** Delete keywords for good; their clusters' counts follow. */
export function deleteKeywords(db: Db, scope: Scope, ids: string[]): Promise<BulkResult> {
  return bulk(db, scope, ids, async (trx, found) => deleteKeywordRows(trx, scope, found));
}

/**
 * All-or-nothing bulk change: every id must be a keyword in the scope (else KEYWORD_NOT_FOUND and
 * nothing changes), and clusters that lose keywords get their counts and primary keyword recomputed.
 */
async function bulk(
  db: Db,
  scope: Scope,
  input: string[],
  apply: (trx: Db, ids: string[], now: string, status: Map<string, KeywordStatus>) => Promise<number>,
): Promise<BulkResult> {
  const ids = [...new Set(parseInput(IdsSchema, input, 'keyword ids'))];
  await assertModuleEnabled(db, scope, 'planner');
  return transaction(db, async (trx) => {
    const rows = await findKeywordRows(trx, scope, ids);
    if (rows.length !== ids.length) {
      const found = new Set(rows.map((r) => r.id));
      const missing = ids.filter((id) => !found.has(id));
      throw new Igny8Error(
        'KEYWORD_NOT_FOUND',
        `${missing.length} keyword id(s) not found: ${missing.slice(0, 5).join(', ')}${missing.length > 5 ? ', …' : ''}`,
        {
          action: { id: 'list_keywords' },
          details: { missing },
        },
      );
    }
    const status = new Map(rows.map((r) => [r.id, r.status]));
    const affected = await apply(trx, ids, nowIso(), status);
    const clusters = [...new Set(rows.map((r) => r.cluster_id).filter((c): c is string => c !== null))];
    await refreshClusterStats(trx, scope, clusters);
    return { affected, ids };
  });
}
