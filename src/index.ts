/** igny8's public API: cli/ and server/ import only from here (or a module's index.ts). */
export * from './config/index.js';
export * from './errors/index.js';
export * from './db/index.js';
export { createCore, type Core, type CreateCoreOptions } from './core.js';
export { warmCore } from './warm-core.js';
export { initProject } from './init-project.js';
export type { Actor, Role, Scope, SectorScope, SiteScope } from './tenancy/scope.js';
export { newId, nowIso, slugify } from './util/ids.js';
export { resolveCliAccount } from './tenancy/resolve-cli-account.js';
export { resolveSectorRef, resolveSiteRef } from './tenancy/resolve-site-ref.js';
// @index-exports (one line per module)
export * from './writer/index.js';
export * from './jobs/index.js';
export * from './planner/index.js';
export * from './ai/index.js';
export * from './providers/sandbox/index.js';
export * from './auth/index.js';
export * from './tenancy/index.js';
export * from './credits/index.js';
export * from './notifications/index.js';
export * from './schedules/index.js';
export * from './publishing/wordpress/index.js';
export {
  assertPublicUrl,
  createGuardedFetch,
  nonPublicReason,
  type FetchLike,
  type UrlGuardOptions,
} from './publishing/url-guard.js';
export * from './search/index.js';
export * from './kb/index.js';
export * from './refresh/index.js';
export * from './search-console/index.js';
export * from './models/index.js';
export * from './prompts/index.js';
export * from './providers/credentials/index.js';
export * from './providers/index.js';
export * from './secrets/index.js';
export {
  createRefreshCandidatesService,
  type RefreshCandidatesService,
} from './refresh/candidates.service.js';
export { rankCandidates } from './refresh/candidates-rank.js';
export { RankCandidatesOptionsSchema, type RankCandidatesOptions } from './refresh/candidates-options.js';
export { mergePlan, MergePlanInputSchema, type MergePlanInput } from './refresh/cannibal-merge.service.js';
export { REDIRECT_FORMATS, renderRedirects, type RedirectFormat } from './refresh/cannibal-redirects.js';
