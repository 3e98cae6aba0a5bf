import {
  InventoryItemSchema,
  InventoryListQuerySchema,
  SiteParamsSchema,
} from '../../src/api-contract/index.js';
import { listRoute } from '../route.js';

export const inventoryRoutes = [
  listRoute({
    path: '/sites/:siteId/inventory',
    summary: "The site's existing posts and pages (imported from WordPress), most recently modified first",
    tags: ['inventory'],
    params: SiteParamsSchema,
    query: InventoryListQuerySchema,
    item: InventoryItemSchema,
    handler: async ({ core, scope, params, query, page }) => {
      const site = await core.tenancy.getSite(scope, params.siteId);
      return core.inventory.list(
        { ...scope, siteId: site.id },
        { limit: page.limit, offset: page.offset, ...(query.search ? { search: query.search } : {}) },
      );
    },
  }),
];
