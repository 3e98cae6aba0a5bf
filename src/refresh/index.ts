/** Refreshes of a site's existing posts: rewrite in place (stage 8), review, publish once, results. */
export {
  createRefreshService,
  RefreshRunInputSchema,
  type RefreshRunControl,
  type RefreshRunInput,
  type RefreshRunResult,
  type RefreshService,
} from './refresh.service.js';
export { processRefresh, type RefreshRunContext, type RefreshWorkerDeps } from './refresh-process.js';
export { planInPlaceUpdate, publishInPlace } from './refresh-publish.js';
export { compareWindows, windowFigures, type RefreshResult, type WindowFigures } from './refresh-results.js';
export { contentHash, fetchLivePost, type LivePost } from './refresh-wordpress.js';
export { resolveRefreshTarget, type RefreshTarget } from './refresh-post-ref.js';
export { toRefreshView, refreshDiff, type RefreshDiff, type RefreshView } from './refresh-view.js';
export type { RefreshNotes } from './refresh-rewrite.js';
