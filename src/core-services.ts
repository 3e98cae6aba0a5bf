/**
 * The service factories `createCore` loads on a service's first call (P11), in one module so a
 * command that needs any of them loads them in one step (one chunk in the CLI bundle) and a command
 * that needs none, such as `keywords list`, loads none.
 */
export { createJobQueue } from './jobs/job-queue.js';
export { createAuthService, loadJwtSecret } from './auth/index.js';
export { createChannelService } from './notifications/index.js';
export { createScheduleService } from './schedules/schedule.service.js';
export { createAiEngine, ensureLocalMedia } from './ai/index.js';
export { PLANNER_AI_SAVERS } from './planner/ai-savers.js';
export { WRITER_AI_SAVERS } from './writer/ai-savers.js';
export {
  articleSite,
  createContentExportService,
  createContentService,
  createImageService,
  createOptimizeService,
  createSiteVoiceService,
} from './writer/index.js';
export { createInventoryService } from './inventory/index.js';
export { createKbService } from './kb/index.js';
export { createPublisher, openDestination } from './publishing/index.js';
export { createRefreshService, processRefresh } from './refresh/index.js';
export { createRefreshCandidatesService } from './refresh/candidates.service.js';
export { createAutomationService } from './automation/index.js';
export { createSearchConsoleService } from './search-console/index.js';
