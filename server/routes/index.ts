import type { AnyRoute } from '../route.js';
import { accountRoutes } from './account.routes.js';
import { apiKeyRoutes } from './api-keys.routes.js';
import { authRoutes } from './auth.routes.js';
import { automationRoutes } from './automation.routes.js';
import { contentRoutes } from './content.routes.js';
import { creditRoutes } from './credits.routes.js';
import { ideaRoutes } from './ideas.routes.js';
import { imageRoutes } from './images.routes.js';
import { inventoryRoutes } from './inventory.routes.js';
import { refreshRunRoutes } from './refresh-run.routes.js';
import { inviteRoutes } from './invites.routes.js';
import { kbRoutes } from './kb.routes.js';
import { keywordRoutes } from './keywords.routes.js';
import { metaRoutes } from './meta.routes.js';
import { modelRoutes } from './models.routes.js';
import { notificationChannelRoutes } from './notification-channels.routes.js';
import { notificationRoutes } from './notifications.routes.js';
import { promptRoutes } from './prompts.routes.js';
import { refreshCandidateRoutes } from './refresh-candidates.routes.js';
import { providerKeyRoutes } from './provider-keys.routes.js';
import { publishingRoutes } from './publishing.routes.js';
import { scheduleRoutes } from './schedules.routes.js';
import { searchRoutes } from './search.routes.js';
import { searchConsoleRoutes } from './search-console.routes.js';
import { siteRoutes } from './sites.routes.js';
import { taskRoutes } from './tasks.routes.js';
import { userRoutes } from './users.routes.js';

/** Every route of the API, in documentation order. Tests walk this table. */
export const ALL_ROUTES: readonly AnyRoute[] = [
  ...metaRoutes,
  ...authRoutes,
  ...accountRoutes,
  ...userRoutes,
  ...inviteRoutes,
  ...apiKeyRoutes,
  ...siteRoutes,
  ...keywordRoutes,
  ...ideaRoutes,
  ...creditRoutes,
  ...notificationRoutes,
  ...notificationChannelRoutes,
  ...modelRoutes,
  ...promptRoutes,
  ...providerKeyRoutes,
  ...taskRoutes,
  ...contentRoutes,
  ...imageRoutes,
  ...automationRoutes,
  ...scheduleRoutes,
  ...publishingRoutes,
  ...inventoryRoutes,
  ...refreshRunRoutes,
  ...kbRoutes,
  ...refreshCandidateRoutes,
  ...searchConsoleRoutes,
  ...searchRoutes,
];
