import type { MergePlan, RefreshCandidates } from '../api-contract/refresh-candidates.schema.js';
import type { Db } from '../db/index.js';
import type { SiteScope } from '../tenancy/scope.js';
import type { RankCandidatesOptions } from './candidates-options.js';
import { rankCandidates } from './candidates-rank.js';
import { mergePlan, type MergePlanInput } from './cannibal-merge.service.js';

/** Refresh candidates and cannibalization merge plans of a site (reads only). */
export interface RefreshCandidatesService {
  /** Ranked candidates (decay, striking distance, cannibalization, orphans) with reasons. */
  rank(scope: SiteScope, options?: RankCandidatesOptions): Promise<RefreshCandidates>;
  /** Which competing page to keep and the 301s from the others (nothing is changed). */
  mergePlan(scope: SiteScope, input: MergePlanInput): Promise<MergePlan>;
}

/** @example const svc = createRefreshCandidatesService(db); await svc.rank(scope, { kinds: ['striking'] }) */
export function createRefreshCandidatesService(db: Db): RefreshCandidatesService {
  return {
    rank: (scope, options) => rankCandidates(db, scope, options),
    mergePlan: (scope, input) => mergePlan(db, scope, input),
  };
}
