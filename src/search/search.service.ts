import { z } from 'zod';
import { SEARCH_TYPES, type SearchHit } from '../api-contract/search.schema.js';
import type { Db } from '../db/index.js';
import { parseInput } from '../errors/index.js';
import type { Scope } from '../tenancy/scope.js';
import { catchUpKeywordIndex } from './keyword-index.repository.js';
import { searchTable, type SearchTable } from './search.repository.js';

const TABLE_OF: Record<(typeof SEARCH_TYPES)[number], SearchTable> = {
  keyword: 'keywords',
  cluster: 'clusters',
  idea: 'ideas',
  content: 'contents',
};

const SearchInputSchema = z.object({
  q: z.string().trim().min(1).max(200),
  types: z
    .array(z.enum(SEARCH_TYPES))
    .min(1)
    .default([...SEARCH_TYPES]),
  limit: z.number().int().min(1).max(50).default(10),
});
export type SearchInput = z.input<typeof SearchInputSchema>;

export interface SearchService {
  /** Keywords, clusters, ideas and content whose title contains `q`, per type newest first. */
  search(scope: Scope, input: SearchInput): Promise<{ q: string; hits: SearchHit[] }>;
}

/**
 * Global search across the planner and writer, always inside one account (and one site when the
 * scope names it).
 * @example await core.search.search({ accountId }, { q: 'running shoes' })
 */
export function createSearchService(db: Db): SearchService {
  return {
    async search(scope, input) {
      const v = parseInput(SearchInputSchema, input, 'search');
      const hits: SearchHit[] = [];
      // Keywords added since the last search (an import's, a chunk at a time) join the index first.
      if (v.types.includes('keyword')) await catchUpKeywordIndex(db);
      for (const type of v.types) {
        const rows = await searchTable(db, scope, TABLE_OF[type], v.q, v.limit);
        for (const r of rows)
          hits.push({
            type,
            id: r.id,
            title: r.title,
            siteId: r.site_id,
            sectorId: r.sector_id,
            status: r.status,
            updatedAt: r.updated_at,
          });
      }
      return { q: v.q, hits };
    },
  };
}
